/**
 * From the positioned text runs of a PDF's pages to text the parser reads as it reads a report
 * typed by hand: one line per paragraph, heading or table row, blank lines between paragraphs.
 * Pure (runs in, text out), so the layout rules are tested without a PDF; `pdf.ts` reads the runs.
 *
 * What a PDF loses and how it is recovered:
 * - Lines: runs are grouped by baseline; a smaller run raised above the baseline is a footnote
 *   mark and becomes `<sup>1</sup>`, which the parser drops (or reads as a footnote number).
 * - Columns: a page whose lines leave a free vertical band in the middle, with prose on both sides,
 *   is read left column first, then right; full-width lines (a masthead) keep their place.
 * - Page headers and footers: lines at the top or bottom of a page that recur on half of the pages
 *   (digits ignored, so "3/14" and "4/14" recur), page numbers and UN job numbers (`V.17-07534`)
 *   are dropped. The first page's top lines are its masthead, never a running header, so a symbol
 *   printed there is kept while the same symbol repeated above later pages is not.
 * - Paragraphs: a new one starts after a vertical gap wider than the line spacing, on a change of
 *   font size or weight, when the previous line stopped short although the next word would have
 *   fitted, or when the indentation differs from the paragraph's wrapped lines. A paragraph
 *   continues across a page or column break when the last line was full and the next one starts
 *   without a label.
 * - Words hyphenated at a line end (`coopera-` + `tion`) are joined; a suspended hyphen
 *   (`pre- and post-trial`) keeps its hyphen and space.
 * - Headings: a paragraph set in a larger font becomes a markdown heading (`#`, `##`, `###` by size
 *   relative to the body text), one in bold body-size type `**...**`, as the parser reads markdown.
 * - Tables: runs separated by a gap wider than a label's tab are cells, written tab-separated with
 *   empty cells where a column is blank; a cell's wrapped lines are joined back into the cell.
 */

export interface PdfRun {
	str: string;
	/** Left end of the run's baseline, in points from the page's left edge. */
	x: number;
	/** Baseline, in points from the page's bottom edge (PDF orientation: up is larger). */
	y: number;
	width: number;
	/** Font size in points. */
	size: number;
	bold: boolean;
}

export interface PdfPage {
	width: number;
	height: number;
	runs: PdfRun[];
}

type Area = 'full' | 'left' | 'right';

interface Row {
	y: number;
	size: number;
	runs: PdfRun[];
}

interface Line {
	runs: PdfRun[];
	y: number;
	/** Dominant font size (by characters, superscripts left out). */
	size: number;
	bold: boolean;
	x0: number;
	x1: number;
	area: Area;
	/** First line of a page or of a column: vertical gaps mean nothing across it. */
	areaStart: boolean;
	/** Cells split at wide gaps; one cell for ordinary text. */
	cells: { x: number; text: string }[];
}

/** A list label standing before a tab: "12.", "(a)", "I.", "A.", a bullet. */
const LABEL = /^(?:[-•–·▪◦]|\d{1,3}\.|\((?:[a-z]{1,4}|\d{1,2})\)|[IVXL]{1,6}\.|[A-Z]\.)$/;
/** A paragraph that starts with a label does not continue the previous one across a page. */
const LABEL_START = /^(?:[-•–·▪◦]\s|\d{1,3}\.\s|\((?:[a-z]{1,4}|\d{1,2})\)\s|[IVXL]{1,6}\.\s|[A-Z]\.\s)/;
const PAGE_ARTEFACT = [
	/^(?:page\s+)?\d{1,4}(?:\s*(?:\/|of)\s*\d{1,4})?$/i, // "3", "3/14", "Page 3 of 14"
	/^[-–]\s*\d{1,4}\s*[-–]$/, // "- 3 -"
	/^V\.\d{2}-\d{4,6}(?:\s*\(E\))?$/, // UN job number, "V.17-07534 (E)" on the first page
	/^V\.\d{2}-\d{4,6}\s+\d{1,4}\/\d{1,4}$/,
	/^\d{1,4}\/\d{1,4}\s+V\.\d{2}-\d{4,6}$/,
	/^\*\d{5,}\*$/ // the job number's bar code text
];

/** Gap (in font sizes) between runs that makes them separate cells (tab stops, table columns). */
const CELL_GAP = 1.2;
/** Gap (in font sizes) between runs that is a word space. */
const SPACE_GAP = 0.15;

export function layoutPdfPages(pages: PdfPage[]): string {
	const rowsByPage = pages.map((p) => buildRows(p.runs));
	dropHeadersAndFooters(rowsByPage, pages);
	const lines: Line[] = [];
	for (const rows of rowsByPage) lines.push(...readingOrder(rows));
	return assemble(lines);
}

// ---------------------------------------------------------------------------------------------
// Rows: runs sharing a baseline

function buildRows(runs: PdfRun[]): Row[] {
	// Larger runs first, so that a row's baseline is its body text's, and a superscript joins it.
	const sorted = runs
		.filter((r) => r.str.trim() !== '' && r.size > 0)
		.sort((a, b) => b.size - a.size || b.y - a.y || a.x - b.x);
	const rows: Row[] = [];
	for (const run of sorted) {
		let best: Row | null = null;
		let bestDist = Infinity;
		for (const row of rows) {
			const d = run.y - row.y;
			const small = run.size < row.size * 0.85;
			// A smaller run may sit up to half a line above the baseline (superscript) or a little below,
			// right after a run of the row (not in another column that happens to be level with it).
			const ok = small
				? d >= -0.25 * row.size && d <= 0.55 * row.size && row.runs.some((r) => adjacent(r, run))
				: Math.abs(d) <= 0.3 * row.size;
			if (ok && Math.abs(d) < bestDist) {
				best = row;
				bestDist = Math.abs(d);
			}
		}
		if (best) best.runs.push(run);
		else rows.push({ y: run.y, size: run.size, runs: [run] });
	}
	for (const row of rows) row.runs.sort((a, b) => a.x - b.x);
	return rows.sort((a, b) => b.y - a.y);
}

function adjacent(a: PdfRun, b: PdfRun): boolean {
	const gap = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
	return gap <= 0.5 * a.size;
}

function rowText(runs: PdfRun[]): string {
	return runs
		.map((r) => r.str)
		.join(' ')
		.replace(/\s+/g, ' ')
		.trim();
}

// ---------------------------------------------------------------------------------------------
// Running headers, footers, page numbers

function isPageArtefact(text: string): boolean {
	return PAGE_ARTEFACT.some((re) => re.test(text));
}

function dropHeadersAndFooters(rowsByPage: Row[][], pages: PdfPage[]): void {
	interface Candidate {
		page: number;
		row: Row;
		top: boolean;
		key: string;
	}
	const candidates: Candidate[] = [];
	rowsByPage.forEach((rows, page) => {
		const height = pages[page]!.height;
		const top = rows.slice(0, 2).filter((r) => r.y > height * 0.85);
		const bottom = rows.slice(-2).filter((r) => r.y < height * 0.15 && !top.includes(r));
		for (const row of top) candidates.push({ page, row, top: true, key: artefactKey(row) });
		for (const row of bottom) candidates.push({ page, row, top: false, key: artefactKey(row) });
	});
	const pagesWithKey = new Map<string, Set<number>>();
	for (const c of candidates) {
		const set = pagesWithKey.get(c.key) ?? new Set<number>();
		set.add(c.page);
		pagesWithKey.set(c.key, set);
	}
	const threshold = Math.max(2, Math.ceil(pages.length * 0.5));
	const drop = new Set<Row>();
	for (const c of candidates) {
		const text = rowText(c.row.runs);
		const repeated = (pagesWithKey.get(c.key)?.size ?? 0) >= threshold;
		// Page 1's top lines are the masthead (a symbol there is the document's own).
		if (
			isPageArtefact(text) ||
			isPageArtefact(text.replace(/\s+/g, '')) ||
			(repeated && !(c.page === 0 && c.top))
		) {
			drop.add(c.row);
		}
	}
	rowsByPage.forEach((rows, i) => {
		rowsByPage[i] = rows.filter((r) => !drop.has(r));
	});
}

function artefactKey(row: Row): string {
	return rowText(row.runs).replace(/\d+/g, '#').toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Columns and reading order

interface Gutter {
	from: number;
	to: number;
}

function readingOrder(rows: Row[]): Line[] {
	const gutter = findGutter(rows);
	const out: Line[] = [];
	let first = true;
	if (!gutter) {
		for (const row of rows) {
			out.push(makeLine(row.runs, row.y, 'full', first));
			first = false;
		}
		return out;
	}
	let left: Line[] = [];
	let right: Line[] = [];
	const flush = () => {
		// The left column follows the line above it (a gap there means what it always means); the
		// right column's first line follows the left column's last, across a column break.
		left.forEach((l, i) => (l.areaStart = i === 0 && out.length === 0));
		right.forEach((l, i) => (l.areaStart = i === 0));
		out.push(...left, ...right);
		left = [];
		right = [];
	};
	for (const row of rows) {
		const crossing = row.runs.some((r) => crosses(r, gutter));
		if (crossing) {
			flush();
			out.push(makeLine(row.runs, row.y, 'full', out.length === 0));
			continue;
		}
		const l = row.runs.filter((r) => r.x + r.width <= gutter.from + 0.5);
		const r = row.runs.filter((r) => r.x >= gutter.to - 0.5);
		if (l.length > 0) left.push(makeLine(l, row.y, 'left', false));
		if (r.length > 0) right.push(makeLine(r, row.y, 'right', false));
	}
	flush();
	if (out[0]) out[0].areaStart = true;
	return out;
}

/**
 * A vertical band in the middle of the page that no run of most rows crosses, with prose on both
 * sides: left lines that fill their column without inner gaps (a table's columns have them) and
 * right lines that start at one margin.
 */
function findGutter(rows: Row[]): Gutter | null {
	if (rows.length < 8) return null;
	const all = rows.flatMap((r) => r.runs);
	const left = Math.min(...all.map((r) => r.x));
	const right = Math.max(...all.map((r) => r.x + r.width));
	const width = right - left;
	if (width <= 0) return null;
	const step = 1;
	const bins = Math.ceil(width / step);
	const crossing = new Array<number>(bins).fill(0);
	// Rows of one run of words across most of the width (a masthead, a spanning heading) would fill
	// the gutter; they are read as full-width lines later and left out of the search.
	const spanning = (row: Row) =>
		!hasInnerGap(row.runs, 1) &&
		row.runs[row.runs.length - 1]!.x + row.runs[row.runs.length - 1]!.width - row.runs[0]!.x > width * 0.6;
	for (const row of rows.filter((r) => !spanning(r))) {
		const covered = new Set<number>();
		for (const run of row.runs) {
			for (let b = Math.floor((run.x - left) / step); b < Math.ceil((run.x + run.width - left) / step); b++) {
				covered.add(b);
			}
		}
		for (const b of covered) if (b >= 0 && b < bins) crossing[b]!++;
	}
	const lo = Math.floor((width * 0.3) / step);
	const hi = Math.ceil((width * 0.7) / step);
	let min = Infinity;
	for (let b = lo; b < hi; b++) min = Math.min(min, crossing[b]!);
	// Full-width rows (a masthead, a heading across both columns) may cross; most rows must not.
	if (min > rows.length * 0.35) return null;
	// The widest band of nearly least-crossed bins (word spaces of a masthead line make dips).
	const limit = min + Math.max(1, rows.length * 0.02);
	let band: { from: number; to: number } | null = null;
	for (let b = lo; b < hi; b++) {
		if (crossing[b]! > limit) continue;
		let e = b;
		while (e + 1 < hi && crossing[e + 1]! <= limit) e++;
		if (!band || e - b > band.to - band.from) band = { from: b, to: e + 1 };
		b = e;
	}
	if (!band || band.to - band.from < 4) return null;
	// Split inside the band where it is least crossed: the band may reach into the right column's
	// label zone (paragraph numbers hang left of its text), where a few runs start.
	let bandMin = Infinity;
	for (let b = band.from; b < band.to; b++) bandMin = Math.min(bandMin, crossing[b]!);
	let core = { from: band.from, to: band.from };
	for (let b = band.from; b < band.to; b++) {
		if (crossing[b] !== bandMin) continue;
		let e = b;
		while (e + 1 < band.to && crossing[e + 1] === bandMin) e++;
		if (e + 1 - b > core.to - core.from) core = { from: b, to: e + 1 };
		b = e;
	}
	const center = left + ((core.from + core.to) / 2) * step;
	const straddles = (r: PdfRun) => r.x < center - 1 && r.x + r.width > center + 1;
	const apart = rows.filter((row) => !row.runs.some(straddles));
	if (apart.length < rows.length * 0.65) return null;
	// The gutter proper: from the rightmost end of left-column text to the leftmost right-column start.
	const lefts = apart.flatMap((row) => row.runs.filter((r) => r.x + r.width <= center));
	const rights = apart.flatMap((row) => row.runs.filter((r) => r.x >= center));
	if (lefts.length === 0 || rights.length === 0) return null;
	const g: Gutter = {
		from: Math.max(...lefts.map((r) => r.x + r.width)),
		to: Math.min(...rights.map((r) => r.x))
	};
	if (g.to - g.from < 6) return null;
	const sides = rows.filter((row) => !row.runs.some((r) => crosses(r, g)));
	const leftParts = sides
		.map((row) => row.runs.filter((r) => r.x + r.width <= g.from + 0.5))
		.filter((p) => p.length > 0);
	const rightParts = sides
		.map((row) => row.runs.filter((r) => r.x >= g.to - 0.5))
		.filter((p) => p.length > 0);
	if (leftParts.length < 4 || rightParts.length < 4) return null;
	const leftWidth = g.from - left;
	const fills = leftParts.filter(
		(p) => p[p.length - 1]!.x + p[p.length - 1]!.width - left >= leftWidth * 0.7
	);
	const continuous = leftParts.filter((p) => !hasInnerGap(p));
	if (fills.length < leftParts.length * 0.5 || continuous.length < leftParts.length * 0.8) return null;
	const rightStart = Math.min(...rightParts.map((p) => p[0]!.x));
	// Indented lines (hanging numbers, nested bullets) start a little further in.
	const aligned = rightParts.filter((p) => p[0]!.x - rightStart < (right - g.to) * 0.25);
	if (aligned.length < rightParts.length * 0.8) return null;
	return g;
}

/** The run reaches into the gutter (half a point of rounding allowed on either edge). */
function crosses(r: PdfRun, g: Gutter): boolean {
	return r.x < g.to - 0.5 && r.x + r.width > g.from + 0.5;
}

/** A gap wider than a cell gap that does not follow a list label. */
function hasInnerGap(runs: PdfRun[], sizes = CELL_GAP): boolean {
	for (let i = 1; i < runs.length; i++) {
		const prev = runs[i - 1]!;
		const gap = runs[i]!.x - (prev.x + prev.width);
		if (gap > sizes * prev.size && !(i === 1 && LABEL.test(prev.str.trim()))) return true;
	}
	return false;
}

function makeLine(runs: PdfRun[], y: number, area: Area, areaStart: boolean): Line {
	const chars = new Map<number, number>();
	for (const r of runs) chars.set(r.size, (chars.get(r.size) ?? 0) + r.str.trim().length);
	const size = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]![0];
	const body = runs.filter((r) => !isSuperscript(r, y, size));
	const letters = body.filter((r) => /\p{L}/u.test(r.str));
	const last = runs[runs.length - 1]!;
	return {
		runs,
		y,
		size,
		bold: letters.length > 0 && letters.every((r) => r.bold),
		x0: runs[0]!.x,
		x1: last.x + last.width,
		area,
		areaStart,
		cells: cellsOf(runs, y, size)
	};
}

function isSuperscript(run: PdfRun, baseline: number, size: number): boolean {
	return run.size < size * 0.85 && run.y > baseline + size * 0.15;
}

function cellsOf(runs: PdfRun[], baseline: number, size: number): { x: number; text: string }[] {
	const cells: { x: number; text: string }[] = [];
	let cur: { x: number; text: string } | null = null;
	let prevEnd = 0;
	for (const run of runs) {
		const sup = isSuperscript(run, baseline, size);
		const str = sup ? `<sup>${run.str.trim()}</sup>` : run.str;
		const gap = run.x - prevEnd;
		if (!cur) {
			cur = { x: run.x, text: str };
		} else if (gap > CELL_GAP * size && !sup) {
			const label = LABEL.test(cur.text.trim()) || /^[-•–·▪◦]\s+\S+$/.test(cur.text.trim());
			if (label && cells.length === 0) cur.text = `${cur.text.trimEnd()} ${str.trimStart()}`;
			else {
				cells.push(cur);
				cur = { x: run.x, text: str };
			}
		} else if (gap > SPACE_GAP * size && !sup && !/\s$/.test(cur.text) && !/^\s/.test(str)) {
			cur.text += ' ' + str;
		} else {
			cur.text += str;
		}
		prevEnd = Math.max(prevEnd, run.x + run.width);
	}
	if (cur) cells.push(cur);
	return cells.map((c) => ({ x: c.x, text: c.text.replace(/\s+/g, ' ').trim() }));
}

// ---------------------------------------------------------------------------------------------
// Paragraphs and tables

interface TextBlock {
	kind: 'text';
	lines: Line[];
	parts: string[];
}

interface TableBlock {
	kind: 'table';
	columns: number[];
	size: number;
	rows: string[][];
	last: Line;
}

type Block = TextBlock | TableBlock;

interface Margins {
	left: Record<Area, number>;
	right: Record<Area, number>;
}

function assemble(lines: Line[]): string {
	const margins = columnMargins(lines);
	const bodySize = dominantSize(lines);
	const blocks: Block[] = [];
	let cur: Block | null = null;
	let prev: Line | null = null;
	for (const line of lines) {
		if (cur?.kind === 'table' && prev && extendTable(cur, line, prev)) {
			prev = line;
			continue;
		}
		if (line.cells.length > 1) {
			cur = {
				kind: 'table',
				columns: line.cells.map((c) => c.x),
				size: line.size,
				rows: [line.cells.map((c) => c.text)],
				last: line
			};
			blocks.push(cur);
		} else if (cur?.kind === 'text' && prev && continuesParagraph(cur, line, prev, margins)) {
			cur.lines.push(line);
			cur.parts.push(line.cells[0]?.text ?? '');
		} else {
			cur = { kind: 'text', lines: [line], parts: [line.cells[0]?.text ?? ''] };
			blocks.push(cur);
		}
		prev = line;
	}
	const out: string[] = [];
	for (const block of blocks) {
		if (block.kind === 'table') {
			// One row alone is no table: a masthead ("United Nations" ... "CTOC/COP/WG.2/2023/3") or a
			// heading with a tab. Its cells are separate lines, as they are separate things.
			if (block.rows.length === 1) out.push(...block.rows[0]!.filter((c) => c !== ''));
			else out.push(block.rows.map((cells) => cells.join('\t')).join('\n'));
			continue;
		}
		const text = block.parts.reduce((a, b) => joinLines(a, b));
		if (text === '') continue;
		out.push(markHeading(block, text, bodySize));
	}
	return out.join('\n\n') + '\n';
}

/**
 * Each area's text margins. The right one is a high percentile of line ends, not the maximum: one
 * unbreakable token running into the margin must not make every other line look short.
 */
function columnMargins(lines: Line[]): Margins {
	const left: Record<Area, number> = { full: Infinity, left: Infinity, right: Infinity };
	const right: Record<Area, number> = { full: -Infinity, left: -Infinity, right: -Infinity };
	const ends: Record<Area, number[]> = { full: [], left: [], right: [] };
	for (const l of lines) {
		if (l.cells.length > 1) continue;
		left[l.area] = Math.min(left[l.area], l.x0);
		ends[l.area].push(l.x1);
	}
	for (const area of ['full', 'left', 'right'] as const) {
		const xs = ends[area].sort((a, b) => a - b);
		if (xs.length > 0) right[area] = xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
	}
	return { left, right };
}

function dominantSize(lines: Line[]): number {
	const chars = new Map<number, number>();
	for (const l of lines) {
		const key = Math.round(l.size * 2) / 2;
		chars.set(key, (chars.get(key) ?? 0) + l.x1 - l.x0);
	}
	return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

function firstWordWidth(line: Line): number {
	const run = line.runs[0];
	if (!run) return 0;
	const str = run.str.trimStart();
	const word = /^\S+/.exec(str)?.[0] ?? '';
	return str.length > 0 ? (run.width * word.length) / str.length : 0;
}

/** The previous line was filled to the margin: the next word did not fit on it. */
function wasFull(prev: Line, next: Line, margins: Margins): boolean {
	const slack = margins.right[prev.area] - prev.x1;
	return slack < firstWordWidth(next) + 0.3 * next.size + 1;
}

function continuesParagraph(block: TextBlock, line: Line, prev: Line, margins: Margins): boolean {
	if (Math.abs(line.size - prev.size) > prev.size * 0.08 || line.bold !== prev.bold) return false;
	if (!wasFull(prev, line, margins)) return false;
	const relX = line.x0 - margins.left[line.area];
	const second = block.lines[1];
	const contX = second ? second.x0 - margins.left[second.area] : null;
	if (line.areaStart) {
		// Across a page or column break only the vertical gap is meaningless.
		if (LABEL_START.test(line.cells[0]?.text ?? '')) return false;
		return contX === null ? relX < 40 : Math.abs(relX - contX) <= 3;
	}
	const gap = prev.y - line.y;
	if (gap <= 0 || gap > 1.45 * Math.max(prev.size, line.size)) return false;
	if (contX !== null && Math.abs(relX - contX) > 3) return false;
	return true;
}

/**
 * A table goes on while lines stay at its size, close below, and within its columns: a line at the
 * usual line spacing adds to the cells it falls under (a wrapped cell), one further down is a new
 * row, and a line that runs across the columns ends the table.
 */
function extendTable(table: TableBlock, line: Line, prev: Line): boolean {
	if (line.areaStart && line.cells.length < 2) return false;
	if (Math.abs(line.size - table.size) > table.size * 0.1) return false;
	const gap = prev.y - line.y;
	if (!line.areaStart && (gap <= 0 || gap > 2.3 * table.size)) return false;
	const columnOf = (x: number) => {
		let k = -1;
		table.columns.forEach((c, i) => {
			if (c <= x + 3) k = i;
		});
		return k;
	};
	for (const cell of line.cells) {
		const k = columnOf(cell.x);
		if (k < 0) return false;
		// Text that starts in a column but runs past the next one is not a cell of this table.
		const next = table.columns[k + 1];
		if (line.cells.length === 1 && next !== undefined && line.x1 > next + 3) return false;
		if (Math.abs(table.columns[k]! - cell.x) > 3 && line.cells.length === 1) return false;
	}
	// New columns seen in a later row (a first row with blank cells).
	for (const cell of line.cells) {
		if (!table.columns.some((c) => Math.abs(c - cell.x) <= 3)) {
			table.columns.push(cell.x);
			table.columns.sort((a, b) => a - b);
		}
	}
	const continuation = !line.areaStart && gap <= 1.3 * table.size;
	const row: string[] = continuation ? table.rows[table.rows.length - 1]! : [];
	if (!continuation) table.rows.push(row);
	for (const cell of line.cells) {
		const k = columnOf(cell.x);
		while (row.length <= k) row.push('');
		row[k] = row[k] ? joinLines(row[k]!, cell.text) : cell.text;
	}
	table.last = line;
	return true;
}

/**
 * Join a wrapped line to the text before it. A hyphen at the end of a line: `coopera-` + `tion` is
 * one word hyphenated by the layout; `pre-` + `and post-trial` a suspended hyphen (hyphen and space
 * kept); anything else (`Money-` + `Laundering`, `2017/2-` + `CTOC/COP/...`) a hyphen of the text,
 * kept without a space.
 */
export function joinLines(a: string, b: string): string {
	if (a === '') return b;
	if (b === '') return a;
	if (/[^\s-]-$/.test(a)) {
		if (/^(?:and|or|nor|to)\b/.test(b)) return `${a} ${b}`;
		if (/\p{Ll}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
		return a + b;
	}
	return `${a} ${b}`;
}

function markHeading(block: TextBlock, text: string, bodySize: number): string {
	const ratio = block.lines[0]!.size / bodySize;
	if (ratio >= 1.42) return `# ${text}`;
	if (ratio >= 1.27) return `## ${text}`;
	if (ratio >= 1.1) return `### ${text}`;
	if (block.lines.every((l) => l.bold) && ratio > 0.95) return `**${text}**`;
	return text;
}
