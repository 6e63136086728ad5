/**
 * Text measurement without a DOM, so server-rendered charts and exports lay out labels (wrapping, truncation, legend
 * rows) the same as the browser does. Widths are Source Sans 3's advance widths in font units (1000 per em), for
 * ASCII 32–126, read from the @fontsource woff files; text.test.ts re-reads the font and fails if they drift.
 */

// prettier-ignore
const REGULAR = [200,289,426,497,497,824,609,249,303,303,418,497,249,311,249,350,497,497,497,497,497,497,497,497,497,497,249,249,497,497,497,425,847,543,588,571,615,527,494,617,652,263,479,579,486,727,647,664,566,664,569,534,536,645,515,786,513,476,539,303,350,303,497,500,542,504,553,456,555,496,292,504,544,246,247,495,255,829,547,542,555,555,347,419,338,544,467,719,446,467,425,303,241,303,497];
// prettier-ignore
const SEMIBOLD = [200,315,482,513,513,841,639,275,324,324,438,513,275,322,275,344,513,513,513,513,513,513,513,513,513,513,275,275,513,513,513,444,875,558,597,576,625,538,510,628,663,282,494,597,502,745,657,674,582,674,592,545,546,655,536,800,541,501,540,324,344,324,513,500,549,516,563,462,564,507,317,520,558,262,263,522,271,843,560,549,564,564,373,431,361,556,495,748,481,495,443,324,255,324,513];

/** Advance widths of ASCII 32–126 by weight (exported for the drift test). */
export const ADVANCE_WIDTHS = { 400: REGULAR, 600: SEMIBOLD } as const;

/** Used for characters outside ASCII: the mean advance of Latin-1 letters, rounded up to err towards wrapping. */
const FALLBACK = { 400: 520, 600: 535 } as const;

export type FontWeight = 400 | 600;

/** Width in px of `text` set in Source Sans 3 at `size` px. */
export function textWidth(text: string, size: number, weight: FontWeight = 400): number {
	const table = ADVANCE_WIDTHS[weight];
	let units = 0;
	for (const ch of text) {
		const code = ch.codePointAt(0) ?? 32;
		units += (code >= 32 && code < 127 ? table[code - 32] : undefined) ?? FALLBACK[weight];
	}
	return (units * size) / 1000;
}

/** Break `text` into lines no wider than `maxWidth`; a single word wider than that gets a line of its own. */
export function wrapText(text: string, maxWidth: number, size: number, weight: FontWeight = 400): string[] {
	const words = text.split(/\s+/).filter((w) => w.length > 0);
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && textWidth(candidate, size, weight) > maxWidth) {
			lines.push(line);
			line = word;
		} else {
			line = candidate;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/** Shorten `text` with an ellipsis so it fits `maxWidth`; the full text stays in the table and a `<title>`. */
export function truncateText(text: string, maxWidth: number, size: number, weight: FontWeight = 400): string {
	if (textWidth(text, size, weight) <= maxWidth) return text;
	const chars = Array.from(text);
	while (chars.length > 1 && textWidth(chars.join('') + '…', size, weight) > maxWidth) chars.pop();
	return chars.join('').trimEnd() + '…';
}

/** Angle of band-axis labels that do not fit their band (AxisX turns them; pages size the padding with it). */
export const TURN_DEGREES = 40;

/** Whether AxisX turns these band labels: true when one is wider than the band step allows. */
export function labelsNeedTurn(labels: readonly string[], step: number, size: number): boolean {
	return labels.some((l) => textWidth(l, size) > step - 4);
}

/** Vertical room, in px, that turned labels need below (or above) the axis line, ticks included. */
export function turnedLabelsExtent(labels: readonly string[], maxLabelWidth: number, size: number): number {
	const longest = Math.min(maxLabelWidth, Math.max(0, ...labels.map((l) => textWidth(l, size))));
	const a = (TURN_DEGREES * Math.PI) / 180;
	return Math.ceil(8 + longest * Math.sin(a) + size * Math.cos(a) + 4);
}
