/**
 * Pure data helpers for the chart layers: stacking, pivoting to a matrix and laying out legend rows. They take plain
 * rows and accessors, so the data pages can pass query results straight in, and they are unit tested apart from any
 * rendering (data.test.ts).
 */
import { textWidth } from './text';

export interface StackSegment {
	/** The bar this segment belongs to (e.g. a year or a meeting). */
	key: string;
	category: string;
	/** Position of the category in the fixed category order: it picks the colour and pattern. */
	categoryIndex: number;
	value: number;
	/** Running total below the segment. */
	y0: number;
	/** Running total at the top of the segment. */
	y1: number;
}

export interface Stacked {
	keys: string[];
	categories: string[];
	segments: StackSegment[];
	totals: Map<string, number>;
}

export interface StackOptions<T> {
	key: (d: T) => string;
	category: (d: T) => string;
	value: (d: T) => number;
	/** Fixed category order, bottom to top. Keeping it fixed keeps each category's colour when filters change. */
	categories: readonly string[];
	/** Bar order; defaults to the order keys first appear in. */
	keys?: readonly string[];
}

/**
 * Stack long-format rows (one row per bar × category) into segments. Categories missing from `categories` are
 * appended after it in order of appearance rather than dropped: a chart must never lose data silently. Rows sharing
 * a key and category are summed.
 */
export function stackRows<T>(rows: readonly T[], opts: StackOptions<T>): Stacked {
	const categories = [...opts.categories];
	const keys = opts.keys ? [...opts.keys] : [];
	const sums = new Map<string, Map<string, number>>();
	for (const row of rows) {
		const key = opts.key(row);
		const category = opts.category(row);
		const value = opts.value(row);
		// Stacks of negative or missing values have no meaning for counts; failing loudly beats a misleading bar.
		if (!Number.isFinite(value) || value < 0) {
			throw new RangeError(
				`stackRows: value for ${key}/${category} must be a finite number ≥ 0, got ${value}`
			);
		}
		if (!categories.includes(category)) categories.push(category);
		if (!keys.includes(key)) keys.push(key);
		let byCategory = sums.get(key);
		if (!byCategory) sums.set(key, (byCategory = new Map()));
		byCategory.set(category, (byCategory.get(category) ?? 0) + value);
	}
	const segments: StackSegment[] = [];
	const totals = new Map<string, number>();
	for (const key of keys) {
		let y = 0;
		const byCategory = sums.get(key);
		categories.forEach((category, categoryIndex) => {
			const value = byCategory?.get(category) ?? 0;
			// Zero-height segments are kept out so they draw no hairline, but their category keeps its index.
			if (value > 0) segments.push({ key, category, categoryIndex, value, y0: y, y1: y + value });
			y += value;
		});
		totals.set(key, y);
	}
	return { keys, categories, segments, totals };
}

export interface MatrixCell<V> {
	row: string;
	col: string;
	value: V;
}

export interface Matrix<V> {
	rows: string[];
	cols: string[];
	/** Every row × column pair, row-major, so the drawn grid has no holes. */
	cells: MatrixCell<V>[];
}

export interface PivotOptions<T, V> {
	row: (d: T) => string;
	col: (d: T) => string;
	value: (d: T) => V;
	/** Value for pairs with no input row (e.g. 'absent'). */
	fill: V;
	/** Row and column order; default: order of first appearance. Listed rows/columns appear even with no data. */
	rows?: readonly string[];
	cols?: readonly string[];
	/**
	 * Rank of a value when several rows hit the same cell: the highest wins (e.g. 'chaired' over 'spoke' for the
	 * same country and meeting). Without it the last row wins.
	 */
	rank?: (v: V) => number;
}

/** Pivot long rows into a complete rows × columns matrix. */
export function pivotMatrix<T, V>(data: readonly T[], opts: PivotOptions<T, V>): Matrix<V> {
	const rows = opts.rows ? [...opts.rows] : [];
	const cols = opts.cols ? [...opts.cols] : [];
	const values = new Map<string, V>();
	// A separator that cannot occur in ordinary labels keeps 'a|b' + 'c' apart from 'a' + 'b|c'.
	const id = (r: string, c: string) => `${r}\u0000${c}`;
	for (const d of data) {
		const r = opts.row(d);
		const c = opts.col(d);
		const v = opts.value(d);
		if (!rows.includes(r)) rows.push(r);
		if (!cols.includes(c)) cols.push(c);
		const previous = values.get(id(r, c));
		if (previous === undefined || !opts.rank || opts.rank(v) >= opts.rank(previous)) values.set(id(r, c), v);
	}
	const cells: MatrixCell<V>[] = [];
	for (const row of rows) {
		for (const col of cols) cells.push({ row, col, value: values.get(id(row, col)) ?? opts.fill });
	}
	return { rows, cols, cells };
}

export interface LegendPlacement {
	label: string;
	index: number;
	x: number;
	y: number;
}

export interface LegendLayout {
	items: LegendPlacement[];
	height: number;
}

/**
 * Place legend entries left to right, wrapping to a new row when the next one would pass `width`. Entries are
 * measured with the chart font, so the server-rendered legend and the exported one wrap identically.
 */
export function legendLayout(
	labels: readonly string[],
	width: number,
	opts: { fontSize: number; swatch: number; gap: number; rowHeight: number }
): LegendLayout {
	const items: LegendPlacement[] = [];
	let x = 0;
	let y = 0;
	labels.forEach((label, index) => {
		const itemWidth = opts.swatch + 6 + textWidth(label, opts.fontSize);
		if (x > 0 && x + itemWidth > width) {
			x = 0;
			y += opts.rowHeight;
		}
		items.push({ label, index, x, y });
		x += itemWidth + opts.gap;
	});
	return { items, height: labels.length === 0 ? 0 : y + opts.rowHeight };
}
