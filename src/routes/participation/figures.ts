/**
 * What the Overview and Participation pages share on both sides of the wire: the shape of a stacked-bar figure's
 * data, chart sizing helpers and the links every number points to. Pure functions, no server imports.
 */
import { scaleLinear } from 'd3';
import { FONT_SIZE } from '$lib/charts/palette';
import { labelsNeedTurn, textWidth, turnedLabelsExtent } from '$lib/charts/text';
import type { Column } from '$lib/export/csv';

/** A table row as it travels from a load function and into a CSV: plain values only. */
export type Row = Record<string, string | number | null>;

/** The serialisable part of a server Dataset (same fields), as the page receives it. */
export interface FigureData<R extends object = Row> {
	id: string;
	title: string;
	caption?: string;
	columns: Column<R>[];
	rows: R[];
	sources: string[];
	filters: Record<string, string>;
	corpusVersion: string;
}

export interface StackCategory {
	/** Property of a row holding the category's value. */
	key: string;
	label: string;
	/** Position in the category's fixed order: keeps its colour and pattern when filters drop others. */
	index: number;
}

/** How to draw a dataset of wide rows (one per bar) as stacked bars. */
export interface StackSpec {
	/** Property naming the bar (shown on the x axis). */
	bar: string;
	categories: StackCategory[];
	/** Axis title and unit: "States (count)". */
	yLabel: string;
	unit: string;
	/** Fixed top of the y axis (100 for shares); otherwise the tallest bar, rounded. */
	yMax?: number;
}

export interface StackedFigure {
	data: FigureData;
	stack: StackSpec;
}

/**
 * A count axis from 0: its top rounded up to a labelled tick (85 → 100) and whole-number ticks only (no "1.5
 * meetings"). Top and ticks come from the same nice scale, so the last tick is the top of the axis.
 */
export function countAxis(max: number, count = 5): { top: number; ticks: number[] } {
	const scale = scaleLinear()
		.domain([0, Math.max(1, max)])
		.nice(count);
	const top = scale.domain()[1] as number;
	const ticks = scale.ticks(count).filter(Number.isInteger);
	return { top, ticks: ticks.length > 1 ? ticks : [0, top] };
}

/** Room for row labels: the longest label, but never more than 40 % of a narrow chart. */
export function labelRoom(labels: readonly string[], width: number, cap = 260): number {
	const longest = Math.max(0, ...labels.map((l) => textWidth(l, FONT_SIZE.tick)));
	return Math.round(Math.min(longest + 14, width * 0.4, cap));
}

/** Room under (or over) a band axis: more when AxisX will turn its labels to fit narrow bands. */
export function bandAxisRoom(
	labels: readonly string[],
	step: number,
	maxLabelWidth: number,
	flat: number
): number {
	return labelsNeedTurn(labels, step, FONT_SIZE.tick)
		? Math.max(flat, turnedLabelsExtent(labels, maxLabelWidth, FONT_SIZE.tick))
		: flat;
}

/**
 * Anchor slug of a recommendation on its meeting page: accents dropped, lowercased, every run of characters other
 * than a–z and 0–9 turned into one '-', trimmed ("(a)" → "a", "A (b)" → "a-b", "Recommendation 3" →
 * "recommendation-3"); "x" when nothing is left. The Meetings page writes its anchors by the same rule.
 */
export function recommendationSlug(label: string): string {
	const slug = label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return slug === '' ? 'x' : slug;
}

/** The meeting page, optionally at a paragraph (`p-<number>`) or a recommendation (`rec-<slug>`). */
export function meetingHref(
	meetingId: string,
	at?: { paragraph?: string | null; recommendation?: string | null }
): string {
	const base = `/meetings/${encodeURIComponent(meetingId)}`;
	if (at?.recommendation) return `${base}#rec-${recommendationSlug(at.recommendation)}`;
	if (at?.paragraph) return `${base}#p-${encodeURIComponent(at.paragraph)}`;
	return base;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "28–30 Oct 2013", "30 Sep – 2 Oct 2017" from ISO dates; the start alone when the end is missing. */
export function dateRange(start: string | null, end: string | null): string {
	const parse = (iso: string) => {
		const [y, m, d] = iso.split('-').map(Number);
		return { y: y ?? 0, m: MONTHS[(m ?? 1) - 1] ?? '', d: d ?? 0 };
	};
	if (!start) return 'date not stated';
	const a = parse(start);
	if (!end || end === start) return `${a.d} ${a.m} ${a.y}`;
	const b = parse(end);
	if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${b.m} ${b.y}`;
	if (a.y === b.y) return `${a.d} ${a.m} – ${b.d} ${b.m} ${b.y}`;
	return `${a.d} ${a.m} ${a.y} – ${b.d} ${b.m} ${b.y}`;
}

/** Format a share in % for tables ("72.8 %"), or a dash when there is nothing to divide by. */
export function percent(value: number | null | undefined): string {
	return value === null || value === undefined ? '–' : `${value.toLocaleString('en')} %`;
}

/** Beyond this many meetings (columns) the matrix is drawn compactly and its table is wide. */
export const COMPACT_MATRIX_COLUMNS = 10;

/** Key of the `index`-th meeting's column in the wide matrix table. */
export function matrixColumnKey(index: number): string {
	return `m${index}`;
}

/**
 * The matrix's long rows (state × meeting) as a wide table: one row per State (in `rowLabels` order), one column per
 * meeting (in `colLabels` order) holding the participation label. Same cells, a fraction of the bytes.
 */
export function widenMatrix(
	data: FigureData,
	rowLabels: readonly string[],
	colLabels: readonly string[]
): FigureData {
	const colIndex = new Map(colLabels.map((c, i) => [c, i]));
	const byState = new Map<string, Row>();
	for (const d of data.rows) {
		const name = String(d.state);
		let row = byState.get(name);
		if (!row) {
			row = {
				state: name,
				entityId: d.entityId ?? null,
				group: d.group ?? null,
				engagement: d.engagement ?? null
			};
			byState.set(name, row);
		}
		row[matrixColumnKey(colIndex.get(String(d.meeting)) ?? -1)] = d.participation ?? null;
	}
	return {
		...data,
		columns: [
			{ key: 'state', label: 'State' },
			{ key: 'entityId', label: 'Code' },
			{ key: 'group', label: 'Regional group' },
			{ key: 'engagement', label: 'Engagement score', align: 'right' },
			...colLabels.map((c, i) => ({ key: matrixColumnKey(i), label: c }))
		],
		rows: rowLabels.map((r) => byState.get(r) ?? { state: r })
	};
}
