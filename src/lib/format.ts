/**
 * Numbers as the pages print them, in English. `n.toLocaleString('en', options)` builds a new Intl.NumberFormat
 * on every call: about 7 µs without options and 40 µs with them, against about 1 µs for a formatter made once.
 * A page at 1,000x formats over a thousand numbers (every cell of its figures' data tables), so the formatters
 * are made here, once, and give exactly what toLocaleString gives (format.test.ts).
 */
const plain = new Intl.NumberFormat('en');
const twoDecimals = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** `n.toLocaleString('en')`: grouping commas, up to three decimals ("1,234.568"). */
export function formatNumber(n: number): string {
	return plain.format(n);
}

/** `n.toLocaleString('en', { maximumFractionDigits: 2 })`. */
export function formatDecimal2(n: number): string {
	return twoDecimals.format(n);
}

/** A percentage as the tables print it: "85.2 %". */
export function formatPercent(n: number): string {
	return `${plain.format(n)} %`;
}
