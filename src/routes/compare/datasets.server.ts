/**
 * What /compare and /api/compare serve, from the same rows. Load functions return plain rows and
 * the measures' labels; the API wraps the same rows in Datasets with the shared columns.
 */
import { error, redirect } from '@sveltejs/kit';
import { datasetResponse } from '$lib/server/dataset';
import { describeFilters, readFilters, type Filters } from '$lib/server/filters';
import {
	COMPARE_MAX,
	COMPARE_MIN,
	compareMeasures,
	compareTimeline,
	compareTimelineByYear,
	entityChoices,
	MEASURES,
	mostPresentByGroup,
	readCompareParam,
	resolveCompareIds,
	type CompareRow,
	type EntityChoice,
	type GroupSuggestion
} from '$lib/server/queries/compare';
import {
	pageSourcesOf,
	reportedMeetings,
	sourcesOf,
	type ReportedMeeting
} from '$lib/server/queries/countries';
import { memoByCorpus } from '$lib/server/memo';
import { granularityNote, perYear } from '$lib/scale';
import type { Entity } from '$lib/server/queries/countries';
import { kindLabel } from '../countries/columns';
import { bodiesInDatabase } from '$lib/server/participation-aggregates';
import { corpusVersion } from '$lib/server/queries/corpus';
import {
	COMPARE_COLUMNS,
	TIMELINE_COLUMNS,
	type CompareRowFlat,
	type TimelineRow,
	type TimelineYearRow
} from './columns';

/** Compare reads body, years and format; region and category do not narrow a chosen list. */
async function compareFilters(url: URL): Promise<Filters> {
	const filters = readFilters(url, await bodiesInDatabase());
	return { ...filters, region: null, category: null };
}

/** The entities the selects offer, grouped as the optgroups show them. */
export interface ChoiceGroup {
	label: string;
	/** Id and name only: the group says the rest, and every field here is sent twice (markup and page data). */
	items: { id: string; name: string }[];
}

export interface PickerData {
	mode: 'picker';
	filters: Filters;
	choiceGroups: ChoiceGroup[];
	suggestions: GroupSuggestion[];
	limits: { min: number; max: number };
}

export interface CompareData extends ComparePageView {
	mode: 'compare';
	filters: Filters;
	entities: Entity[];
	rows: CompareRow[];
	/** Per meeting; empty when the timeline is drawn per year. */
	timeline: TimelineRow[];
	measures: typeof MEASURES;
	choiceGroups: ChoiceGroup[];
	filterLabels: Record<string, string>;
	corpus: string;
	limits: { min: number; max: number };
}

/**
 * The page's data. A list written other than canonically (lower case, repeated `e` fields from the
 * add form, duplicates) is redirected to `?e=USA,CAN,NGA`, so every view has one address.
 */
export async function loadCompare(url: URL): Promise<PickerData | CompareData> {
	const raw = readCompareParam(url);
	const filters = await compareFilters(url);
	const limits = { min: COMPARE_MIN, max: COMPARE_MAX };
	if (raw.length === 0) {
		const [choiceGroups, suggestions] = await Promise.all([
			entityChoiceGroups(),
			mostPresentByGroup(filters)
		]);
		return { mode: 'picker', filters, choiceGroups, suggestions, limits };
	}
	const entities = await resolveCompareIds(raw);
	const canonical = entities.map((e) => e.id).join(',');
	const given = url.searchParams.getAll('e');
	if (given.length !== 1 || given[0] !== canonical) {
		const p = new URLSearchParams(url.searchParams);
		p.delete('e');
		const rest = p.toString();
		redirect(
			303,
			`${url.pathname}?e=${entities.map((e) => encodeURIComponent(e.id)).join(',')}${rest ? `&${rest}` : ''}`
		);
	}
	const [d, choiceGroups] = await Promise.all([
		compareData(entities, filters, 'unless-per-year'),
		entityChoiceGroups()
	]);
	return { ...(await comparePageData(d)), choiceGroups, limits };
}

/** The choices grouped for the selects, once per corpus version: States by regional group, then the rest by kind. */
function entityChoiceGroups(): Promise<ChoiceGroup[]> {
	return memoByCorpus('compareChoiceGroups', [], async () => groupChoices(await entityChoices()));
}

/** Groups in label order, entities in the order given (by name). */
export function groupChoices(choices: EntityChoice[]): ChoiceGroup[] {
	const groups = new Map<string, ChoiceGroup>();
	for (const c of choices) {
		const label = c.regionalGroup ? `States: ${c.regionalGroup}` : kindLabel(c.kind);
		let g = groups.get(label);
		if (!g) groups.set(label, (g = { label, items: [] }));
		g.items.push({ id: c.id, name: c.name });
	}
	return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export interface ComparePageView {
	/** Reported meetings in range (every measure's denominator). */
	meetingCount: number;
	/** The meetings, listed in the lede; empty when there are too many to list (then per year). */
	meetingLinks: { id: string; label: string }[];
	/** Reported meetings per year, when there are too many to list one by one. */
	meetingYears: { year: number; meetings: number }[];
	/** 'meeting': `timeline` is drawn; 'year': `timelineYears`, and `granularity` says why. */
	unit: 'meeting' | 'year';
	granularity: string;
	timelineYears: TimelineYearRow[];
	/** The source line of every figure: the documents, or a count of them when there are many. */
	pageSources: string[];
}

/**
 * What the page renders: the measures as computed; the timeline per meeting, or per year beyond
 * MAX_MEETINGS_PER_CHART meetings (aggregated in SQL); the meeting list and source line condensed when long.
 */
async function comparePageData(d: Awaited<ReturnType<typeof compareData>>) {
	const n = d.meetings.length;
	const byYear = perYear(n);
	const name = new Map(d.entities.map((e) => [e.id, e.name]));
	const years = byYear
		? await compareTimelineByYear(
				d.entities.map((e) => e.id),
				d.filters
			)
		: [];
	const view: ComparePageView = {
		...(await meetingsView(d.filters, d.meetings)),
		timelineYears: years.map((y) => ({
			entityId: y.entityId,
			entity: name.get(y.entityId) ?? y.entityId,
			year: String(y.year),
			participation: y.state,
			meetings: y.meetings,
			attended: y.attended,
			statements: y.statements,
			spoken: y.spoken,
			panels: y.panels,
			chairs: y.chairs
		}))
	};
	// The page reads `rows`; `flat` is the same data shaped for the API's CSV.
	const { meetings, timeline, sources, flat, ...rest } = d;
	void meetings;
	void sources;
	void flat;
	return { ...rest, ...view, timeline: byYear ? [] : timeline };
}

/**
 * The parts of the page that depend only on the meetings in view, once per corpus version and filters: at 1,000x
 * they walk 5,059 meetings (years, source line), which cost every request a few ms and its garbage.
 */
function meetingsView(
	filters: Filters,
	meetings: ReportedMeeting[]
): Promise<Omit<ComparePageView, 'timelineYears'>> {
	return memoByCorpus('compareMeetingsView', [filters], async () => {
		const n = meetings.length;
		const byYear = perYear(n);
		const meetingYears = new Map<number, number>();
		if (byYear)
			for (const m of meetings)
				if (m.year !== null) meetingYears.set(m.year, (meetingYears.get(m.year) ?? 0) + 1);
		return {
			meetingCount: n,
			meetingLinks: byYear ? [] : meetings.map((m) => ({ id: m.id, label: m.label })),
			meetingYears: [...meetingYears].map(([year, count]) => ({ year, meetings: count })),
			unit: byYear ? 'year' : 'meeting',
			granularity: granularityNote(n),
			pageSources: pageSourcesOf(meetings)
		};
	});
}

/**
 * The rows of the page and the API. `perMeeting` says when the timeline per meeting is read: the measures API
 * never shows it, and the page draws it only up to MAX_MEETINGS_PER_CHART meetings (beyond, per year): at 1,000x
 * it is 16,000 cells that would be computed, kept in the memo and mapped on every request for nothing.
 */
async function compareData(entities: Entity[], filters: Filters, perMeeting: boolean | 'unless-per-year') {
	const ids = entities.map((e) => e.id);
	const [rows, meetings, corpus] = await Promise.all([
		compareMeasures(entities, filters),
		reportedMeetings(filters),
		corpusVersion()
	]);
	const cells =
		perMeeting === true || (perMeeting === 'unless-per-year' && !perYear(meetings.length))
			? await compareTimeline(ids, filters)
			: [];
	// Only a timeline per meeting needs the labels of every meeting.
	const label = new Map(cells.length ? meetings.map((m) => [m.id, m.label]) : []);
	const name = new Map(entities.map((e) => [e.id, e.name]));
	const timeline: TimelineRow[] = cells.map((c) => ({
		entityId: c.entityId,
		entity: name.get(c.entityId) ?? c.entityId,
		meetingId: c.meetingId,
		meeting: label.get(c.meetingId) ?? c.meetingId,
		participation: c.state,
		attended: c.attended,
		statements: c.statements,
		panels: c.panels,
		chairs: c.chairs,
		paragraph: c.paragraph
	}));
	return {
		mode: 'compare' as const,
		filters,
		entities,
		rows,
		flat: rows.map(flatten),
		timeline,
		meetings,
		measures: MEASURES,
		sources: await memoByCorpus('compareSources', [filters], async () => sourcesOf(meetings)),
		filterLabels: describeFilters(filters),
		corpus: corpus.label
	};
}

function flatten(r: CompareRow): CompareRowFlat {
	const g = r.group;
	return {
		id: r.id,
		name: r.name,
		regionalGroup: r.regionalGroup,
		groupSize: r.groupSize,
		attended: r.values.attended,
		groupAttended: g?.attended ?? null,
		rate: r.values.rate,
		groupRate: g?.rate ?? null,
		statements: r.values.statements,
		groupStatements: g?.statements ?? null,
		spoken: r.values.spoken,
		groupSpoken: g?.spoken ?? null,
		share: r.values.share,
		groupShare: g?.share ?? null,
		panels: r.values.panels,
		groupPanels: g?.panels ?? null,
		chairs: r.values.chairs,
		groupChairs: g?.chairs ?? null
	};
}

export const COMPARE_PARTS = ['measures', 'timeline'] as const;

export const COMPARE_TITLE = 'Attendance and speaking against the regional-group average';

/** /api/compare: `?part=measures` (default) or `timeline`, JSON or CSV. */
export async function compareResponse(url: URL): Promise<Response> {
	const part = url.searchParams.get('part') || 'measures';
	if (!(COMPARE_PARTS as readonly string[]).includes(part))
		error(400, `Invalid value for "part": use ${COMPARE_PARTS.join(', ')}`);
	const raw = readCompareParam(url);
	if (raw.length === 0)
		error(400, `Missing "e": name ${COMPARE_MIN} to ${COMPARE_MAX} entity ids, e.g. ?e=USA,CAN,NGA`);
	const filters = await compareFilters(url);
	const d = await compareData(await resolveCompareIds(raw), filters, part === 'timeline');
	const base = {
		sources: d.sources,
		filters: d.filterLabels,
		corpusVersion: d.corpus
	};
	const ids = d.entities.map((e) => e.id).join('-');
	if (part === 'timeline')
		return datasetResponse(
			{
				...base,
				id: `compare-timeline-${ids}`,
				title: 'Participation per meeting',
				caption:
					'Highest role of each entity at each reported meeting, with its statements, panels and chairs.',
				columns: TIMELINE_COLUMNS,
				rows: d.timeline
			},
			url
		);
	return datasetResponse(
		{
			...base,
			id: `compare-${ids}`,
			title: COMPARE_TITLE,
			caption: GROUP_AVERAGE_NOTE,
			columns: COMPARE_COLUMNS,
			rows: d.flat
		},
		url
	);
}

export const GROUP_AVERAGE_NOTE =
	'Each entity’s measures over the reported meetings in range, and the mean of the same measures over every State of its UN regional group (States that never attended count as 0; the share of attended meetings with a statement averages over the States that attended). Entities outside the regional groups have no average.';
