/**
 * The Participation page's datasets: titles, one-sentence definitions, columns and rows, built from the query
 * functions. The page draws them and `/api/participation/<name>` serves them, so a chart and its data never
 * disagree.
 */
import { error } from '@sveltejs/kit';
import type { Dataset } from '$lib/server/dataset';
import {
	CATEGORIES,
	CATEGORY_LABELS,
	describeFilters,
	REGIONAL_GROUPS,
	type Category,
	type Filters
} from '$lib/server/filters';
import {
	corpusLabel,
	meetingsInView,
	reportedMeetings,
	sourcesOf,
	type ReportedMeeting
} from '$lib/server/participation-aggregates';
import {
	attendanceByFormat,
	attendancePerMeeting,
	GROUPINGS,
	MATRIX_SORTS,
	matrixRows,
	NO_GROUP,
	participantsPerYear,
	participationMatrix,
	silentByAgendaItem,
	silentSharePerMeeting,
	silentSharePerYear,
	silentStates,
	speakersPerMeeting,
	type GroupCount,
	type Grouping,
	type MatrixSort,
	type SilentShare,
	type YearGroupMean
} from '$lib/server/queries/participation';
import { STATE_STYLES } from '$lib/charts/palette';
import {
	granularityNote,
	MAX_MATRIX_MEETINGS,
	MAX_MATRIX_STATES,
	MAX_MEETINGS_PER_CHART,
	MAX_TABLE_ROWS,
	perYear
} from '$lib/scale';
import type { FigureData, Row, StackCategory, StackedFigure } from './figures';

/** How many States the matrix shows unless the view asks for all of them. */
export const MATRIX_TOP = MAX_MATRIX_STATES;

/** Meetings whose agenda items the per-item table lists unless the view asks for all of them. */
export const ITEM_TABLE_MEETINGS = 5;

/** Meetings whose silent States the page names unless the view asks for all meetings. */
export const SILENT_LIST_MEETINGS = 5;

/** View settings beyond the filters, all in the URL. */
export interface ParticipationView {
	/** Stack attendance and speakers by regional group (States only) or by category (everyone). */
	by: Grouping;
	/** Matrix row order. */
	sort: MatrixSort;
	/** Matrix rows: the MATRIX_TOP most engaged States, or all. */
	matrix: 'top' | 'all';
	/** Tables showing every meeting in view ('meetings') or every meeting's agenda items ('items'), not the latest. */
	all: '' | 'meetings' | 'items';
}

export const DEFAULT_VIEW: ParticipationView = { by: 'region', sort: 'engagement', matrix: 'top', all: '' };

function pick<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T): T {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return fallback;
	if ((allowed as readonly string[]).includes(raw)) return raw as T;
	const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
	error(
		400,
		`Invalid value for "${name}": "${shown.replace(/[^\x20-\x7e]/g, '?')}" is not one of ${allowed.join(', ')}`
	);
}

/** Read the view settings; an unknown value is a 400, like a bad filter. */
export function readView(url: URL): ParticipationView {
	return {
		by: pick(url, 'by', GROUPINGS, DEFAULT_VIEW.by),
		sort: pick(url, 'sort', MATRIX_SORTS, DEFAULT_VIEW.sort),
		matrix: pick(url, 'matrix', ['top', 'all'] as const, DEFAULT_VIEW.matrix),
		all: pick(url, 'all', ['meetings', 'items'] as const, DEFAULT_VIEW.all)
	};
}

/** The settings that differ from the defaults, as URL parameters (for links and the filter bar's `keep`). */
export function viewParams(view: ParticipationView): Record<string, string> {
	const out: Record<string, string> = {};
	for (const key of Object.keys(DEFAULT_VIEW) as (keyof ParticipationView)[]) {
		if (view[key] !== DEFAULT_VIEW[key]) out[key] = view[key];
	}
	return out;
}

/**
 * What every dataset of the Overview and Participation shares: the filters, the corpus version, and the meetings
 * in view: how many, the source line over all of them, and the latest of them (at least MAX_MEETINGS_PER_CHART,
 * so every meeting of a chart drawn per meeting; every one when the view lists them all).
 */
export interface MeetingsContext {
	filters: Filters;
	corpusVersion: string;
	meetingCount: number;
	sources: string[];
	latestMeetings: ReportedMeeting[];
}

/** The meetings context of a request (two queries at most, run together); `everyMeeting` loads them all. */
export async function loadMeetingsContext(filters: Filters, everyMeeting: boolean): Promise<MeetingsContext> {
	const [inView, label] = await Promise.all([
		meetingsInView(filters, everyMeeting ? null : MAX_MEETINGS_PER_CHART),
		corpusLabel()
	]);
	return {
		filters,
		corpusVersion: label,
		meetingCount: inView.count,
		sources: inView.sources,
		latestMeetings: inView.latest
	};
}

export interface Context extends MeetingsContext {
	view: ParticipationView;
}

/** A Participation request's context; the views that list every meeting load them all. */
export async function loadContext(filters: Filters, view: ParticipationView): Promise<Context> {
	return { ...(await loadMeetingsContext(filters, view.all !== '')), view };
}

/** A dataset's id, texts and provenance; `meetings` when it covers only some of the meetings in view. */
export function meta(
	ctx: MeetingsContext,
	id: string,
	title: string,
	caption: string,
	meetings?: readonly Pick<ReportedMeeting, 'source' | 'year'>[]
) {
	return {
		id,
		title,
		caption,
		sources: meetings ? sourcesOf(meetings) : ctx.sources,
		filters: describeFilters(ctx.filters),
		corpusVersion: ctx.corpusVersion
	};
}

/** The latest `n` meetings in view (the tail of the date order), or all when `n` is undefined. */
export async function latest(ctx: MeetingsContext, n?: number): Promise<ReportedMeeting[]> {
	const loaded = ctx.latestMeetings;
	const complete = loaded.length >= ctx.meetingCount;
	if (n !== undefined && (n <= loaded.length || complete)) return loaded.slice(-Math.min(n, loaded.length));
	return complete ? loaded : (await reportedMeetings(ctx.filters)).slice(n === undefined ? 0 : -n);
}

const MEETING_COLUMNS = [
	{ key: 'meeting', label: 'Meeting' },
	{ key: 'meetingId', label: 'Meeting id' },
	{ key: 'date', label: 'Start date' }
];

function meetingCells(m: ReportedMeeting): Row {
	return { meeting: m.label, meetingId: m.meetingId, date: m.startDate };
}

/** The segments of a stacked chart: their fixed order (each keeps its colour whatever the filters leave), labels. */
export interface StackGroups {
	order: readonly string[];
	label: (group: string) => string;
}

/** Regional groups (States only) or attendance categories (everyone). */
function groupsBy(by: Grouping): StackGroups {
	return by === 'region'
		? { order: [...REGIONAL_GROUPS, NO_GROUP], label: (g) => g }
		: { order: CATEGORIES, label: (g) => CATEGORY_LABELS[g as Category] ?? g };
}

export interface StackText {
	id: string;
	title: string;
	caption: string;
	yLabel: string;
}

/** The groups present in `values` (with a value above 0), in their fixed order; unknown groups after the others. */
function stackCategories(groups: StackGroups, values: readonly { group: string; value: number }[]) {
	const { order } = groups;
	const present = order.filter((g) => values.some((c) => c.group === g && c.value > 0));
	// A group the fixed order does not know is shown after the others, never dropped.
	for (const c of values) if (!order.includes(c.group) && !present.includes(c.group)) present.push(c.group);
	return present.map((g): StackCategory => ({
		key: g,
		label: groups.label(g),
		index: order.includes(g) ? order.indexOf(g) : order.length + present.indexOf(g)
	}));
}

/** Wide rows (one per meeting, one column per group present) from per-meeting group counts. */
export async function perMeetingStack(
	ctx: MeetingsContext,
	counts: readonly GroupCount[],
	groups: StackGroups,
	text: StackText
): Promise<StackedFigure> {
	const categories = stackCategories(
		groups,
		counts.map((c) => ({ group: c.group, value: c.n }))
	);
	const n = new Map(counts.map((c) => [`${c.meetingId}\u0000${c.group}`, c.n]));
	const rows = (await latest(ctx)).map((m) => {
		const row = meetingCells(m);
		let total = 0;
		for (const c of categories) {
			const v = n.get(`${m.meetingId}\u0000${c.key}`) ?? 0;
			row[c.key] = v;
			total += v;
		}
		row.total = total;
		return row;
	});
	return {
		data: {
			...meta(ctx, text.id, text.title, text.caption),
			columns: [
				...MEETING_COLUMNS,
				...categories.map((c) => ({ key: c.key, label: c.label, align: 'right' as const })),
				{ key: 'total', label: 'Total', align: 'right' }
			],
			rows
		},
		stack: { bar: 'meeting', categories, yLabel: text.yLabel, unit: 'count' }
	};
}

/** Wide rows (one per year, one column per group present) from per-year means per meeting. */
export function perYearStack(
	ctx: MeetingsContext,
	means: readonly YearGroupMean[],
	groups: StackGroups,
	text: StackText
): StackedFigure {
	const categories = stackCategories(
		groups,
		means.map((c) => ({ group: c.group, value: c.mean }))
	);
	const years = [...new Map(means.map((m) => [m.year, m.meetings])).entries()].sort((a, b) => a[0] - b[0]);
	const v = new Map(means.map((c) => [`${c.year}\u0000${c.group}`, c.mean]));
	const rows = years.map(([year, meetings]) => {
		const row: Row = { year: String(year), meetings };
		let total = 0;
		for (const c of categories) {
			const x = v.get(`${year}\u0000${c.key}`) ?? 0;
			row[c.key] = x;
			total += x;
		}
		row.total = Math.round(total * 10) / 10;
		return row;
	});
	return {
		data: {
			...meta(ctx, text.id, text.title, `${text.caption} ${granularityNote(ctx.meetingCount)}`),
			columns: [
				{ key: 'year', label: 'Year' },
				{ key: 'meetings', label: 'Meetings', align: 'right' },
				...categories.map((c) => ({ key: c.key, label: c.label, align: 'right' as const })),
				{ key: 'total', label: 'Total', align: 'right' }
			],
			rows
		},
		stack: { bar: 'year', categories, yLabel: text.yLabel, unit: 'mean' }
	};
}

export async function attendanceFigure(ctx: Context): Promise<StackedFigure> {
	if (perYear(ctx.meetingCount)) {
		const means = await participantsPerYear(ctx.filters, 'attended', ctx.view.by);
		return perYearStack(
			ctx,
			means,
			groupsBy(ctx.view.by),
			ctx.view.by === 'region'
				? {
						id: 'attendance',
						title: 'States attending a meeting, mean per year, by regional group',
						caption:
							'States the report lists as represented at a meeting, averaged over the meetings of each year, by UN regional group, counting UN member States and non-member observer States (“No group”) but not the European Union or organizations.',
						yLabel: 'States per meeting'
					}
				: {
						id: 'attendance',
						title: 'Participants attending a meeting, mean per year, by category',
						caption:
							'Everyone the report lists as represented at a meeting (States, the European Union, organizations), averaged over the meetings of each year, by the category the report gives them.',
						yLabel: 'Participants per meeting'
					}
		);
	}
	const counts = await attendancePerMeeting(ctx.filters, ctx.view.by);
	return perMeetingStack(
		ctx,
		counts,
		groupsBy(ctx.view.by),
		ctx.view.by === 'region'
			? {
					id: 'attendance',
					title: 'States attending each meeting, by regional group',
					caption:
						'States the report lists as represented at each meeting, by UN regional group, counting UN member States and non-member observer States (which belong to no group: “No group”) but not the European Union or organizations.',
					yLabel: 'States'
				}
			: {
					id: 'attendance',
					title: 'Participants attending each meeting, by category',
					caption:
						'Everyone the report lists as represented at each meeting (States, the European Union, organizations), by the category the report gives them; a joint report’s single list counts for each body.',
					yLabel: 'Participants'
				}
	);
}

export async function speakingFigure(ctx: Context): Promise<StackedFigure> {
	if (perYear(ctx.meetingCount)) {
		const means = await participantsPerYear(ctx.filters, 'spoke', ctx.view.by);
		return perYearStack(
			ctx,
			means,
			groupsBy(ctx.view.by),
			ctx.view.by === 'region'
				? {
						id: 'speaking',
						title: 'States making statements at a meeting, mean per year, by regional group',
						caption:
							'States the report lists among those who made a statement under any item (once however many statements), averaged over the meetings of each year.',
						yLabel: 'States per meeting'
					}
				: {
						id: 'speaking',
						title: 'Speakers at a meeting, mean per year, by category',
						caption:
							'Participants the report lists among those who made a statement under any item, averaged over the meetings of each year, in their attendance category.',
						yLabel: 'Speakers per meeting'
					}
		);
	}
	const counts = await speakersPerMeeting(ctx.filters, ctx.view.by);
	return perMeetingStack(
		ctx,
		counts,
		groupsBy(ctx.view.by),
		ctx.view.by === 'region'
			? {
					id: 'speaking',
					title: 'States making statements at each meeting, by regional group',
					caption:
						'A State is counted as speaking at a meeting if the report lists it among those who made a statement under any item, once however many statements it made, even if the attendance list leaves it out.',
					yLabel: 'States'
				}
			: {
					id: 'speaking',
					title: 'Speakers at each meeting, by category',
					caption:
						'A participant is counted as speaking at a meeting if the report lists it among those who made a statement under any item, in its attendance category (a speaker missing from the attendance list counts as “Other”, or by its kind).',
					yLabel: 'Speakers'
				}
	);
}

const FORMAT_LABELS: Record<string, string> = {
	'in person': 'In person',
	hybrid: 'Hybrid',
	remote: 'Remote',
	unknown: 'Format not stated'
};

export async function formatFigure(ctx: Context): Promise<StackedFigure> {
	const rows = (await attendanceByFormat(ctx.filters)).map((r) => ({
		bar: `${FORMAT_LABELS[r.format] ?? r.format} (${r.meetings} ${r.meetings === 1 ? 'meeting' : 'meetings'})`,
		format: r.format,
		meetings: r.meetings,
		attending: r.attending,
		spoke: r.spoke,
		silent: r.silent
	}));
	return {
		data: {
			...meta(
				ctx,
				'format',
				'Attending States that spoke, in person and hybrid or remote',
				'Mean number of States listed as attending per meeting of each format, split into those listed as making a statement under any item and those not (the bar label gives the number of meetings averaged).'
			),
			columns: [
				{ key: 'bar', label: 'Format (meetings)' },
				{ key: 'format', label: 'Format' },
				{ key: 'meetings', label: 'Meetings', align: 'right' },
				{ key: 'attending', label: 'Mean States attending', align: 'right' },
				{ key: 'spoke', label: 'Mean attending States that spoke', align: 'right' },
				{ key: 'silent', label: 'Mean attending States that did not speak', align: 'right' }
			],
			rows
		},
		stack: {
			bar: 'bar',
			categories: [
				{ key: 'spoke', label: 'Spoke', index: 0 },
				{ key: 'silent', label: 'Did not speak', index: 1 }
			],
			yLabel: 'States per meeting',
			unit: 'mean'
		}
	};
}

/**
 * Column labels unique among `meetings`: the short label ("WG.2 Sep 2033"), with the day when two meetings of a
 * body share a month ("WG.2 20 Sep 2033"), and the meeting id when they share the day too.
 */
function uniqueLabels(meetings: readonly ReportedMeeting[]): Map<string, string> {
	const count = new Map<string, number>();
	for (const m of meetings) count.set(m.label, (count.get(m.label) ?? 0) + 1);
	const out = new Map<string, string>();
	const used = new Set<string>();
	for (const m of meetings) {
		let label = m.label;
		if ((count.get(label) ?? 0) > 1 && m.startDate) {
			label = `${m.body} ${Number(m.startDate.slice(8, 10))} ${m.label.slice(m.body.length + 1)}`;
		}
		if (used.has(label)) label = `${label} (${m.meetingId})`;
		used.add(label);
		out.set(m.meetingId, label);
	}
	return out;
}

export interface MatrixFigure {
	data: FigureData;
	/** Row labels (States) top to bottom and column labels (meetings) left to right. */
	rowLabels: string[];
	colLabels: string[];
	shown: number;
	total: number;
	/** Meetings drawn as columns (the latest ones) and meetings in view. */
	shownMeetings: number;
	totalMeetings: number;
}

/**
 * The State × meeting matrix as the page draws it: the latest MAX_MATRIX_MEETINGS meetings in view as columns and
 * the MATRIX_TOP most engaged States over them (or all States with `matrix=all`). `complete` gives every State at
 * every meeting in view (the CSV download).
 */
export async function matrixFigure(ctx: Context, complete = false): Promise<MatrixFigure> {
	const cols = await latest(ctx, complete ? undefined : MAX_MATRIX_MEETINGS);
	const entries = await participationMatrix(
		ctx.filters,
		cols.length < ctx.meetingCount ? cols.length : undefined
	);
	const ranked = matrixRows(entries, ctx.view.sort);
	const colLabel = uniqueLabels(cols);
	const kept = ctx.view.matrix === 'all' || complete ? ranked : ranked.slice(0, MATRIX_TOP);
	const value = new Map(entries.map((e) => [`${e.entityId}\u0000${e.meetingId}`, e.value]));
	const rows: Row[] = [];
	for (const state of kept) {
		for (const m of cols) {
			const v = value.get(`${state.entityId}\u0000${m.meetingId}`) ?? 'absent';
			rows.push({
				state: state.name,
				entityId: state.entityId,
				group: state.regionalGroup ?? NO_GROUP,
				meeting: colLabel.get(m.meetingId) ?? m.label,
				meetingId: m.meetingId,
				participation: STATE_STYLES[v].label,
				engagement: state.score
			});
		}
	}
	const order =
		ctx.view.sort === 'name'
			? 'alphabetically'
			: ctx.view.sort === 'group'
				? 'by regional group, then by engagement'
				: 'by engagement';
	const subset =
		kept.length < ranked.length
			? `the ${kept.length} most engaged of ${ranked.length} States`
			: `all ${ranked.length} States`;
	const at =
		cols.length < ctx.meetingCount
			? ` at the latest ${cols.length} of ${ctx.meetingCount} meetings in view (engagement counted over these)`
			: '';
	return {
		data: {
			...meta(
				ctx,
				'matrix',
				'Participation of each State at each meeting',
				`Each State’s highest role at each meeting (chaired: a chair came from it; panellist; spoke: listed as making a statement; attended: listed as represented; absent: not listed), for ${subset}${at}, ordered ${order} (engagement adds 1 per meeting attended, 2 spoke, 3 panellist, 4 chaired).`,
				cols
			),
			columns: [
				{ key: 'state', label: 'State' },
				{ key: 'entityId', label: 'Code' },
				{ key: 'group', label: 'Regional group' },
				{ key: 'meeting', label: 'Meeting' },
				{ key: 'meetingId', label: 'Meeting id' },
				{ key: 'participation', label: 'Participation' },
				{ key: 'engagement', label: 'Engagement score', align: 'right' }
			],
			rows
		},
		rowLabels: kept.map((s) => s.name),
		colLabels: cols.map((m) => colLabel.get(m.meetingId) ?? m.label),
		shown: kept.length,
		total: ranked.length,
		shownMeetings: cols.length,
		totalMeetings: ctx.meetingCount
	};
}

export async function silentByMeetingFigure(ctx: Context): Promise<StackedFigure> {
	if (perYear(ctx.meetingCount)) {
		const rows: Row[] = (await silentSharePerYear(ctx.filters)).map((y) => ({
			year: String(y.year),
			meetings: y.meetings,
			attending: y.attending,
			spoke: y.spoke,
			silent: y.silent,
			sharePct: y.sharePct
		}));
		return {
			data: {
				...meta(
					ctx,
					'silent-by-meeting',
					'Attending States that made no statement, per year',
					`Share of the States listed as attending the meetings of each year (counted once per meeting, summed over the year) that the report does not list as making a statement under any agenda item. ${granularityNote(ctx.meetingCount)}`
				),
				columns: [
					{ key: 'year', label: 'Year' },
					{ key: 'meetings', label: 'Meetings', align: 'right' },
					{ key: 'attending', label: 'States attending (summed over meetings)', align: 'right' },
					{ key: 'spoke', label: 'Of which spoke', align: 'right' },
					{ key: 'silent', label: 'Of which did not speak', align: 'right' },
					{ key: 'sharePct', label: 'Share that did not speak (%)', align: 'right' }
				],
				rows
			},
			stack: {
				bar: 'year',
				categories: [{ key: 'sharePct', label: 'Did not speak (% of attending States)', index: 1 }],
				yLabel: 'Attending States that did not speak',
				unit: '%',
				yMax: 100
			}
		};
	}
	const shares = new Map((await silentSharePerMeeting(ctx.filters)).map((s) => [s.meetingId, s]));
	const rows = (await latest(ctx)).map((m) => silentRow(m, shares.get(m.meetingId)));
	return {
		data: {
			...meta(
				ctx,
				'silent-by-meeting',
				'Attending States that made no statement, per meeting',
				'Share of the States listed as attending each meeting that the report does not list as making a statement under any agenda item.'
			),
			columns: SILENT_COLUMNS,
			rows
		},
		stack: {
			bar: 'meeting',
			categories: [{ key: 'sharePct', label: 'Did not speak (% of attending States)', index: 1 }],
			yLabel: 'Attending States that did not speak',
			unit: '%',
			yMax: 100
		}
	};
}

const SILENT_COLUMNS = [
	...MEETING_COLUMNS,
	{ key: 'format', label: 'Format' },
	{ key: 'attending', label: 'States attending', align: 'right' as const },
	{ key: 'spoke', label: 'Of which spoke', align: 'right' as const },
	{ key: 'silent', label: 'Of which did not speak', align: 'right' as const },
	{ key: 'sharePct', label: 'Share that did not speak (%)', align: 'right' as const },
	{ key: 'attendanceParagraph', label: 'Attendance paragraph' },
	{ key: 'statementParagraph', label: 'First statements paragraph' }
];

function silentRow(m: ReportedMeeting, s: SilentShare | undefined): Row {
	return {
		...meetingCells(m),
		format: m.format,
		attending: s?.attending ?? 0,
		spoke: s?.spoke ?? 0,
		silent: s?.silent ?? 0,
		sharePct: s?.sharePct ?? null,
		attendanceParagraph: s?.attendanceParagraph ?? null,
		statementParagraph: s?.statementParagraph ?? null
	};
}

/** Rows of a per-meeting table: the latest MAX_TABLE_ROWS meetings, or all with `all=meetings`. */
function tableMeetings(ctx: Context): Promise<ReportedMeeting[]> {
	return latest(ctx, ctx.view.all === 'meetings' ? undefined : MAX_TABLE_ROWS);
}

/** How many meetings in view a table left out ('' when none), for its note. */
export interface TableData extends FigureData {
	/** Meetings the table covers, and meetings in view. */
	shownMeetings: number;
	totalMeetings: number;
}

/** The "Meetings in this view" table: States attending, speaking and silent at each of the latest meetings. */
export async function meetingsInViewTable(ctx: Context): Promise<TableData> {
	const shown = await tableMeetings(ctx);
	const limit = shown.length < ctx.meetingCount ? shown.length : undefined;
	const shares = new Map((await silentSharePerMeeting(ctx.filters, limit)).map((s) => [s.meetingId, s]));
	return {
		...meta(
			ctx,
			'meetings-in-view',
			'Meetings in this view',
			'States listed as attending each meeting and, of those, States listed as making a statement under any item.',
			shown
		),
		columns: SILENT_COLUMNS,
		rows: shown.map((m) => silentRow(m, shares.get(m.meetingId))),
		shownMeetings: shown.length,
		totalMeetings: ctx.meetingCount
	};
}

export async function silentByItemFigure(ctx: Context): Promise<TableData> {
	const shown = await latest(ctx, ctx.view.all === 'items' ? undefined : ITEM_TABLE_MEETINGS);
	const limit = shown.length < ctx.meetingCount ? shown.length : undefined;
	const label = new Map(shown.map((m) => [m.meetingId, m.label]));
	const rows = (await silentByAgendaItem(ctx.filters, limit)).map((r) => ({
		meeting: label.get(r.meetingId) ?? r.meetingId,
		meetingId: r.meetingId,
		item: r.item ?? '',
		kind: r.title !== null ? 'agenda item' : r.item === null ? 'no item' : 'span of items',
		title:
			r.title ??
			(r.item === null
				? 'Statements under no agenda item'
				: `Items ${r.item} together (the report does not say which item each statement was under)`),
		attending: r.attending,
		spoke: r.spoke,
		silent: r.attending - r.spoke,
		sharePct: r.sharePct,
		paragraph: r.paragraph
	}));
	return {
		...meta(
			ctx,
			'silent-by-item',
			'Attended but silent, by agenda item',
			'For each agenda item, the States attending the meeting, those the report lists as making a statement under that item, and the share that made none there; statements recorded under a span of items (“2-4”) count for the span only, not for each item in it.',
			shown
		),
		columns: [
			{ key: 'meeting', label: 'Meeting' },
			{ key: 'meetingId', label: 'Meeting id' },
			{ key: 'item', label: 'Item' },
			{ key: 'kind', label: 'Kind' },
			{ key: 'title', label: 'Title' },
			{ key: 'attending', label: 'States attending', align: 'right' },
			{ key: 'spoke', label: 'States that spoke under the item', align: 'right' },
			{ key: 'silent', label: 'States silent under the item', align: 'right' },
			{ key: 'sharePct', label: 'Share silent (%)', align: 'right' },
			{ key: 'paragraph', label: 'First statements paragraph' }
		],
		rows,
		shownMeetings: shown.length,
		totalMeetings: ctx.meetingCount
	};
}

export async function silentStatesFigure(ctx: Context): Promise<TableData> {
	const shown = await latest(ctx, ctx.view.all === 'meetings' ? undefined : SILENT_LIST_MEETINGS);
	const limit = shown.length < ctx.meetingCount ? shown.length : undefined;
	const label = new Map(shown.map((m) => [m.meetingId, m.label]));
	const rows = (await silentStates(ctx.filters, limit)).map((s) => ({
		meeting: label.get(s.meetingId) ?? s.meetingId,
		meetingId: s.meetingId,
		state: s.name,
		entityId: s.entityId,
		group: s.regionalGroup ?? NO_GROUP,
		category: CATEGORY_LABELS[s.category as Category] ?? s.category
	}));
	return {
		...meta(
			ctx,
			'silent-states',
			'Attending States that made no statement',
			'The States the report lists as attending each meeting but not among those who made a statement under any item, named as the attendance list prints them.',
			shown
		),
		columns: [
			{ key: 'meeting', label: 'Meeting' },
			{ key: 'meetingId', label: 'Meeting id' },
			{ key: 'state', label: 'State' },
			{ key: 'entityId', label: 'Code' },
			{ key: 'group', label: 'Regional group' },
			{ key: 'category', label: 'Category' }
		],
		rows,
		shownMeetings: shown.length,
		totalMeetings: ctx.meetingCount
	};
}

/** The datasets `/api/participation/<name>` serves, each as the figure's data. */
export const PARTICIPATION_DATASETS: Record<string, (ctx: Context) => Promise<FigureData>> = {
	attendance: async (ctx) => (await attendanceFigure(ctx)).data,
	speaking: async (ctx) => (await speakingFigure(ctx)).data,
	format: async (ctx) => (await formatFigure(ctx)).data,
	matrix: async (ctx) => (await matrixFigure(ctx)).data,
	'silent-by-meeting': async (ctx) => (await silentByMeetingFigure(ctx)).data,
	'silent-by-item': silentByItemFigure,
	'silent-states': silentStatesFigure,
	'meetings-in-view': meetingsInViewTable
};

/** A figure's data as the server's Dataset type (the same fields; columns carry no display functions). */
export function asDataset(data: FigureData): Dataset<Row> {
	return data;
}
