/**
 * What the Countries pages and /api/countries serve: the same rows for both, so a page and its
 * download never disagree. Load functions return plain rows (columns carry display functions that
 * cannot be serialised); the API wraps the same rows in a Dataset with the shared columns.
 */
import { error, redirect } from '@sveltejs/kit';
import { datasetResponse, type Dataset } from '$lib/server/dataset';
import { describeFilters, readFilters, type Filters } from '$lib/server/filters';
import { corpusVersion, knownBodies } from '$lib/server/queries/corpus';
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

export interface CountryTableData {
	filters: Filters;
	table: CountryTableOptions;
	meetings: ReportedMeeting[];
	rows: CountryTableRow[];
	sources: string[];
	filterLabels: Record<string, string>;
	corpus: string;
	/** Direction each column sorts in when its header is first clicked. */
	sortDefaults: Record<CountrySortKey, SortDir>;
}

export async function loadCountryTable(url: URL): Promise<CountryTableData> {
	const filters = readFilters(url, await knownBodies());
	const table = readCountryTableOptions(url);
	const [meetings, rows, corpus] = await Promise.all([
		reportedMeetings(filters),
		countryTable(filters, table),
		corpusVersion()
	]);
	const filterLabels = describeFilters(filters);
	if (table.q) filterLabels['Search'] = table.q;
	return {
		filters,
		table,
		meetings,
		rows: rows.map((r) => ({ ...r, namesAsWritten: r.namesAsWritten.join('; ') })),
		sources: sourcesOf(meetings),
		filterLabels,
		corpus: corpus.label,
		sortDefaults: Object.fromEntries(COUNTRY_SORT_KEYS.map((k) => [k, defaultDir(k)])) as Record<
			CountrySortKey,
			SortDir
		>
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

export async function loadProfile(url: URL, entity: Entity): Promise<ProfileData> {
	const filters = readFilters(url, await knownBodies());
	// A profile is one entity: region and category do not narrow it.
	filters.region = null;
	filters.category = null;
	const [meetings, perMeeting, statements, roles, nameUses, peers, corpus] = await Promise.all([
		reportedMeetings(filters),
		entityMeetings(entity.id, filters),
		entityStatements(entity.id, filters),
		entityRoles(entity.id, filters),
		entityNames(entity.id),
		entityPeers(entity, filters),
		corpusVersion()
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
		corpus: corpus.label
	};
}

export const PROFILE_PARTS = ['meetings', 'statements', 'roles', 'names'] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

/** One table of a profile as JSON or CSV (`/api/countries/<id>?part=...&format=csv`). */
export function profileResponse(d: ProfileData, part: ProfilePart, url: URL): Response {
	const base = {
		id: `country-${d.entity.id}-${part}`,
		sources: d.sources,
		filters: d.filterLabels,
		corpusVersion: d.corpus
	};
	const name = d.entity.name;
	switch (part) {
		case 'meetings':
			return datasetResponse(
				{
					...base,
					title: `${name}: participation per meeting`,
					caption: `For each reported meeting in range: whether ${name} is in the attendance list, its statements, panel seats and chair, and its highest role.`,
					columns: PROFILE_MEETING_COLUMNS,
					rows: d.meetingRows
				},
				url
			);
		case 'statements':
			return datasetResponse(
				{
					...base,
					title: `${name}: statements by agenda item`,
					caption: `Every statement the reports record for ${name}, with its agenda item and paragraph.`,
					columns: PROFILE_STATEMENT_COLUMNS,
					rows: d.statements
				},
				url
			);
		case 'roles':
			return datasetResponse(
				{
					...base,
					title: `${name}: chairs and panels`,
					caption: `Chairs and panel seats held by people from ${name}.`,
					columns: PROFILE_ROLE_COLUMNS,
					rows: d.roles
				},
				url
			);
		case 'names':
			return datasetResponse(
				{
					...base,
					// Names are not filtered: they say who the entity is in every report.
					filters: {},
					title: `${name}: names as written in the reports`,
					caption: `The names by which the reports refer to ${name}, with the meetings that use each.`,
					columns: PROFILE_NAME_COLUMNS,
					rows: d.names
				},
				url
			);
	}
}

export function readProfilePart(url: URL): ProfilePart {
	const raw = url.searchParams.get('part') || 'meetings';
	if (!(PROFILE_PARTS as readonly string[]).includes(raw))
		error(400, `Invalid value for "part": use ${PROFILE_PARTS.join(', ')}`);
	return raw as ProfilePart;
}
