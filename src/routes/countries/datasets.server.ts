/**
 * What the Countries pages and /api/countries serve: the same rows for both, so a page and its
 * download never disagree. Load functions return plain rows (columns carry display functions that
 * cannot be serialised); the API wraps the same rows in a Dataset with the shared columns.
 */
import { error, redirect } from '@sveltejs/kit';
import {
	datasetFormat,
	datasetJson,
	datasetJsonAnswer,
	datasetResponse,
	type Dataset
} from '$lib/server/dataset';
import { describeFilters, readFilters, type Filters } from '$lib/server/filters';
import { bodiesInDatabase, corpusLabel } from '$lib/server/participation-aggregates';
import {
	COUNTRY_SORT_KEYS,
	countryTable,
	defaultDir,
	entityMeetings,
	entityNames,
	entityPeers,
	entityRoles,
	entityStatements,
	findEntity,
	memoByCorpus,
	pageSourcesOf,
	readCountryTableOptions,
	reportedMeetings,
	sourcesOf,
	type CountrySortKey,
	type CountryTableOptions,
	type SortDir,
	type Entity,
	type ReportedMeeting
} from '$lib/server/queries/countries';
import {
	COUNTRY_TABLE_COLUMNS,
	PROFILE_MEETING_COLUMNS,
	PROFILE_NAME_COLUMNS,
	PROFILE_ROLE_COLUMNS,
	PROFILE_STATEMENT_COLUMNS,
	type CountryTableRow,
	type ProfileMeetingRow,
	type ProfileNameRow,
	type ProfileRoleRow,
	type ProfileStatementRow
} from './columns';
import { MAX_TABLE_ROWS, granularityNote, perYear } from '$lib/scale';
import { compareTimelineByYear } from '$lib/server/queries/compare';
import { paginate } from '$lib/server/queries/meetings';
import type { TimelineRow, TimelineYearRow } from '../compare/columns';

export interface CountryTableData {
	filters: Filters;
	table: CountryTableOptions;
	meetings: ReportedMeeting[];
	/** Reported meetings in range (the denominator of every rate). */
	meetingCount: number;
	rows: CountryTableRow[];
	sources: string[];
	filterLabels: Record<string, string>;
	corpus: string;
	/** Direction each column sorts in when its header is first clicked. */
	sortDefaults: Record<CountrySortKey, SortDir>;
}

export async function loadCountryTable(url: URL): Promise<CountryTableData> {
	// Bodies and the corpus label are read once per corpus version, like the table: two queries per request otherwise.
	const filters = readFilters(url, await bodiesInDatabase());
	const table = readCountryTableOptions(url);
	const [meetings, rows, corpus] = await Promise.all([
		reportedMeetings(filters),
		countryTable(filters, table),
		corpusLabel()
	]);
	const filterLabels = describeFilters(filters);
	if (table.q) filterLabels['Search'] = table.q;
	return {
		filters,
		table,
		meetings,
		meetingCount: meetings.length,
		rows: rows.map((r) => ({ ...r, namesAsWritten: r.namesAsWritten.join('; ') })),
		sources: sourcesOf(meetings),
		filterLabels,
		corpus,
		sortDefaults: Object.fromEntries(COUNTRY_SORT_KEYS.map((k) => [k, defaultDir(k)])) as Record<
			CountrySortKey,
			SortDir
		>
	};
}

/**
 * What the /countries page renders: the table's rows; the meetings in range listed one by one up to
 * MAX_MEETINGS_PER_CHART, beyond that as a count and span of years; the source line condensed likewise.
 */
export function countryTablePageData(d: CountryTableData) {
	const { meetings, sources, ...rest } = d;
	void sources;
	const many = perYear(meetings.length);
	const years = meetings.flatMap((m) => (m.year === null ? [] : [m.year]));
	const distinctYears = new Set(years).size;
	return {
		...rest,
		sources: pageSourcesOf(meetings),
		meetingLinks: many ? [] : meetings.map((m) => ({ id: m.id, label: m.label })),
		meetingYears: years.length
			? `${distinctYears} ${distinctYears === 1 ? 'year' : 'years'}, ${Math.min(...years)}–${Math.max(...years)}`
			: 'no dated meeting'
	};
}

export function countryTableDataset(d: CountryTableData): Dataset<CountryTableRow> {
	return {
		id: 'countries',
		title: 'Participation by country and organization',
		caption: `Meetings attended (and as a share of the ${d.meetings.length} reported meetings in range), statements, panel seats and chairs, per entity named in the reports.`,
		columns: COUNTRY_TABLE_COLUMNS,
		rows: d.rows,
		sources: d.sources,
		filters: d.filterLabels,
		corpusVersion: d.corpus
	};
}

/**
 * The entity of a profile URL: a 404 with a clear message when unknown; a redirect to the canonical
 * id when the case differs (`/countries/usa` → `/countries/USA`), keeping the query string.
 */
export async function entityOfPath(id: string, url: URL): Promise<Entity> {
	const entity = await findEntity(id);
	if (!entity) {
		const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
		error(
			404,
			`No country or organization has the id "${shown}". Ids are ISO3 codes for States (USA, NGA) and short names for organizations (eu, interpol); the Countries page lists them all.`
		);
	}
	// The id is the path's last segment on both the page and the API.
	if (entity.id !== id)
		redirect(308, `${url.pathname.replace(/[^/]*$/, encodeURIComponent(entity.id))}${url.search}`);
	return entity;
}

export interface ProfileData {
	entity: Entity;
	filters: Filters;
	meetings: ReportedMeeting[];
	meetingRows: ProfileMeetingRow[];
	statements: ProfileStatementRow[];
	roles: ProfileRoleRow[];
	names: ProfileNameRow[];
	/** Names with the meetings and paragraphs they were used in, for the page's links. */
	nameUses: Awaited<ReturnType<typeof entityNames>>;
	peers: { id: string; name: string }[];
	sources: string[];
	filterLabels: Record<string, string>;
	corpus: string;
}

/** The filters of a profile URL. */
async function profileFilters(url: URL): Promise<Filters> {
	const filters = readFilters(url, await bodiesInDatabase());
	// A profile is one entity: region and category do not narrow it.
	filters.region = null;
	filters.category = null;
	return filters;
}

export async function loadProfile(url: URL, entity: Entity): Promise<ProfileData> {
	const filters = await profileFilters(url);
	const [meetings, perMeeting, statements, roles, nameUses, peers, corpus] = await Promise.all([
		reportedMeetings(filters),
		entityMeetings(entity.id, filters),
		entityStatements(entity.id, filters),
		entityRoles(entity.id, filters),
		entityNames(entity.id),
		entityPeers(entity, filters),
		corpusLabel()
	]);
	const label = new Map(meetings.map((m) => [m.id, m.label]));
	const meetingLabel = (id: string) => label.get(id) ?? id;
	const meetingRows: ProfileMeetingRow[] = perMeeting.map((m) => {
		const participation = m.chairRole
			? 'chaired'
			: m.panels > 0
				? 'panellist'
				: m.statements > 0
					? 'spoke'
					: m.attended
						? 'attended'
						: 'absent';
		return {
			meetingId: m.meetingId,
			meeting: meetingLabel(m.meetingId),
			participation,
			attended: m.attended,
			category: m.category,
			statements: m.statements,
			panels: m.panels,
			chair: m.chairRole,
			paragraph: m.attendanceParagraph
		};
	});
	return {
		entity,
		filters,
		meetings,
		meetingRows,
		statements: statements.map((s) => ({
			meetingId: s.meetingId,
			meeting: meetingLabel(s.meetingId),
			item: s.item,
			itemTitles: s.itemTitles.join(' | '),
			paragraph: s.paragraph,
			speakerAsWritten: s.speakerAsWritten,
			onBehalfOf: s.onBehalfOf
		})),
		roles: roles.map((r) => ({ ...r, meeting: meetingLabel(r.meetingId) })),
		names: nameUses.map((n) => ({
			name: n.name,
			meetings: n.meetings.map((m) => m.label).join('; '),
			meetingIds: n.meetings.map((m) => m.id).join('; ')
		})),
		nameUses,
		peers,
		sources: sourcesOf(meetings),
		filterLabels: describeFilters(filters),
		corpus
	};
}

export const PROFILE_PARTS = ['meetings', 'statements', 'roles', 'names'] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

/**
 * One table of a profile as JSON or CSV (`/api/countries/<id>?part=...&format=csv`). The JSON answer but its url
 * is written once per corpus version, entity, filters and part: a profile lists every meeting in range (5,540
 * rows, about 1 MB, at 1,000x), and mapping and stringifying them took 10 ms a request against 2 ms of SQL.
 */
export async function profileResponse(url: URL, entity: Entity, part: ProfilePart): Promise<Response> {
	if (datasetFormat(url) === 'csv')
		return datasetResponse(profileDataset(await loadProfile(url, entity), part), url);
	const json = await memoByCorpus('profile json', [entity, await profileFilters(url), part], async () =>
		datasetJson(profileDataset(await loadProfile(url, entity), part))
	);
	return datasetJsonAnswer(json, url);
}

// The four tables have rows of different fields; the generic parameter is kept loose, as in followup-datasets.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ProfileDataset = Dataset<any>;

/** One table of a profile as a dataset. */
function profileDataset(d: ProfileData, part: ProfilePart): ProfileDataset {
	const base = {
		id: `country-${d.entity.id}-${part}`,
		sources: d.sources,
		filters: d.filterLabels,
		corpusVersion: d.corpus
	};
	const name = d.entity.name;
	switch (part) {
		case 'meetings':
			return {
				...base,
				title: `${name}: participation per meeting`,
				caption: `For each reported meeting in range: whether ${name} is in the attendance list, its statements, panel seats and chair, and its highest role.`,
				columns: PROFILE_MEETING_COLUMNS,
				rows: d.meetingRows
			};
		case 'statements':
			return {
				...base,
				title: `${name}: statements by agenda item`,
				caption: `Every statement the reports record for ${name}, with its agenda item and paragraph.`,
				columns: PROFILE_STATEMENT_COLUMNS,
				rows: d.statements
			};
		case 'roles':
			return {
				...base,
				title: `${name}: chairs and panels`,
				caption: `Chairs and panel seats held by people from ${name}.`,
				columns: PROFILE_ROLE_COLUMNS,
				rows: d.roles
			};
		case 'names':
			return {
				...base,
				// Names are not filtered: they say who the entity is in every report.
				filters: {},
				title: `${name}: names as written in the reports`,
				caption: `The names by which the reports refer to ${name}, with the meetings that use each.`,
				columns: PROFILE_NAME_COLUMNS,
				rows: d.names
			};
	}
}

export function readProfilePart(url: URL): ProfilePart {
	const raw = url.searchParams.get('part') || 'meetings';
	if (!(PROFILE_PARTS as readonly string[]).includes(raw))
		error(400, `Invalid value for "part": use ${PROFILE_PARTS.join(', ')}`);
	return raw as ProfilePart;
}

/** Rows per page of the profile's statements and roles tables (its per-meeting table shows MAX_TABLE_ROWS). */
export const PROFILE_ITEMS_PER_PAGE = 50;

/** A pagination state the page renders: which rows, and links to the others. */
export interface PageInfo {
	page: number;
	pages: number;
	total: number;
	/** Rows are newest first (only when the table spans pages: a short table stays oldest first). */
	newestFirst: boolean;
}

function paged<T>(rows: readonly T[], url: URL, size: number, name: string): { rows: T[]; info: PageInfo } {
	const newestFirst = rows.length > size;
	const ordered = newestFirst ? [...rows].reverse() : rows;
	const p = paginate(ordered, url, size, name);
	return { rows: p.rows, info: { page: p.page, pages: p.pages, total: p.total, newestFirst } };
}

/** Most meetings listed after a name in the profile's "Names in the reports" (the CSV lists every one). */
const NAME_MEETINGS_SHOWN = 8;

/**
 * What the profile page renders: totals over every meeting in range; the charts per meeting, or per year
 * beyond MAX_MEETINGS_PER_CHART meetings (aggregated in SQL); tables a page at a time (`?page=` for the
 * per-meeting table, `?spage=` statements, `?rpage=` roles; a bad value is a 400); the CSV downloads
 * (loadProfile, /api/countries/<id>) keep every row.
 */
export async function profilePageData(url: URL, d: ProfileData) {
	const n = d.meetings.length;
	const byYear = perYear(n);
	const years = byYear ? await compareTimelineByYear([d.entity.id], d.filters) : [];
	const totals = {
		attended: d.meetingRows.filter((m) => m.attended).length,
		spoken: d.meetingRows.filter((m) => m.statements > 0).length,
		spokeAttended: d.meetingRows.filter((m) => m.attended && m.statements > 0).length,
		statements: d.statements.length,
		panels: d.roles.filter((r) => r.role === 'Panellist').length,
		chairs: d.roles.filter((r) => r.role !== 'Panellist').length
	};
	const meetingTable = paged(d.meetingRows, url, MAX_TABLE_ROWS, 'page');
	const statements = paged(d.statements, url, PROFILE_ITEMS_PER_PAGE, 'spage');
	const roles = paged(d.roles, url, PROFILE_ITEMS_PER_PAGE, 'rpage');
	const timelineMeetings: TimelineRow[] = byYear
		? []
		: d.meetingRows.map((m) => ({
				entityId: d.entity.id,
				entity: d.entity.name,
				meetingId: m.meetingId,
				meeting: m.meeting,
				participation: m.participation,
				attended: m.attended,
				statements: m.statements,
				panels: m.panels,
				chairs: m.chair ? 1 : 0,
				paragraph: m.paragraph
			}));
	const timelineYears: TimelineYearRow[] = years.map((y) => ({
		entityId: y.entityId,
		entity: d.entity.name,
		year: String(y.year),
		participation: y.state,
		meetings: y.meetings,
		attended: y.attended,
		statements: y.statements,
		spoken: y.spoken,
		panels: y.panels,
		chairs: y.chairs
	}));
	return {
		entity: d.entity,
		filters: d.filters,
		peers: d.peers,
		filterLabels: d.filterLabels,
		corpus: d.corpus,
		sources: pageSourcesOf(d.meetings),
		meetingCount: n,
		totals,
		unit: byYear ? ('year' as const) : ('meeting' as const),
		granularity: granularityNote(n),
		/** Column order of the timeline: meeting labels, or years. */
		timelineCols: byYear ? timelineYears.map((y) => y.year) : d.meetings.map((m) => m.label),
		timelineMeetings,
		timelineYears,
		statementBars: byYear
			? years.map((y) => ({
					meeting: String(y.year),
					meetingId: '',
					meetings: y.meetings,
					statements: y.statements
				}))
			: d.meetingRows.map((m) => ({ meeting: m.meeting, meetingId: m.meetingId, statements: m.statements })),
		meetingRows: meetingTable.rows,
		meetingPages: meetingTable.info,
		statements: statements.rows,
		statementPages: statements.info,
		roles: roles.rows,
		rolePages: roles.info,
		nameUses: d.nameUses.map((u) => ({
			name: u.name,
			total: u.meetings.length,
			meetings:
				u.meetings.length > NAME_MEETINGS_SHOWN
					? [...u.meetings.slice(0, NAME_MEETINGS_SHOWN / 2), ...u.meetings.slice(-NAME_MEETINGS_SHOWN / 2)]
					: u.meetings
		}))
	};
}
