/**
 * Who took part, entity by entity: the /countries table and the /countries/<id> profile.
 *
 * Participation is counted over reported meetings only (a meeting whose document is a report): a
 * provisional agenda has a meeting row but no attendance, and would otherwise lower every rate. A
 * joint report is one meeting per body, so attending it counts once per body, as the reports do.
 *
 * Names that did not resolve to the reference table (entity_id NULL) are kept as their own rows,
 * keyed by the name as written, so nothing the reports say is silently dropped.
 */
import { error } from '@sveltejs/kit';
import { query } from '../db';
import { MEETING_FILTER_SQL, type Filters } from '../filters';

import { memoByCorpus } from '../memo';

export { memoByCorpus };

/** The parameters MEETING_FILTER_SQL reads (DuckDB refuses parameters a statement does not use). */
export function meetingParams(f: Filters) {
	return {
		bodies: f.bodies.join(','),
		from: f.from,
		to: f.to,
		online: f.mode === null ? null : f.mode === 'online'
	};
}

/**
 * Reported meetings passing the filters, as a CTE named `fm` (constant SQL, values bound): rows of
 * `reported_meeting` (the meetings whose document is a report, numbered by `ord` in date order, written at
 * ingest), so no query joins meeting to document again. `start_date` is text, YYYY-MM-DD, which sorts as the date.
 */
export const FILTERED_MEETINGS_CTE = `fm AS (
	SELECT m.ord, m.id, m.body_code, m.year, m.start_date, m.document_id, m.source
	  FROM reported_meeting m
	 WHERE ${MEETING_FILTER_SQL}
)`;

/**
 * CTE `presence`: per entity id, the reported meetings in view it attended and its statements there, read from
 * `meeting_participation` (one row per meeting and participant, written at ingest) rather than by grouping every
 * attendance and statement row per request. An entity with no appearance has no row. Binds MEETING_FILTER_SQL's
 * parameters.
 */
export const ENTITY_PRESENCE_CTE = `mt AS (SELECT ord FROM reported_meeting m WHERE ${MEETING_FILTER_SQL}),
presence AS (
	SELECT p.entity_id, count(*) FILTER (WHERE p.attended) AS attended, sum(p.statements) AS statements
	  FROM meeting_participation p JOIN mt ON mt.ord = p.ord
	 WHERE p.entity_id IS NOT NULL
	 GROUP BY p.entity_id
)`;

/**
 * CTE `per_key` over `fm`: one row per name appearing in the filtered meetings, `key` the entity id or '?' + the
 * name as written, with meetings attended, statements, meetings spoken at, meetings both attended and spoken at,
 * panel seats and chairs (rows of panellist and chair, whose unresolved countries are keys too). `$category`
 * (bound, may be NULL) counts only attendance in that capacity; a key that attended in another only has a row
 * with 0 attended.
 *
 * Attendance and statements come from `meeting_participation` (one row per meeting and participant, written at
 * ingest): grouping the 600,000 attendance and 230,000 statement rows by participant and meeting on every request
 * took 48-64 MB of DuckDB memory at 1,000x. A participant's category there is that of its attendance row, and the
 * parser keeps one attendance row per meeting and participant (`dedupe` in ingest/participants.ts), so filtering it
 * is filtering the attendance rows.
 */
export const PARTICIPANT_TOTALS_CTE = `mp AS (
	SELECT p.who AS key,
	       count(*) FILTER (WHERE p.attended AND ($category::VARCHAR IS NULL OR p.category = $category::VARCHAR))::INTEGER AS attended,
	       sum(p.statements)::INTEGER AS statements,
	       count(*) FILTER (WHERE p.spoke)::INTEGER AS spoken,
	       count(*) FILTER (WHERE p.spoke AND p.attended
	                          AND ($category::VARCHAR IS NULL OR p.category = $category::VARCHAR))::INTEGER AS spoke_attended
	  FROM meeting_participation p JOIN fm ON fm.ord = p.ord
	 GROUP BY p.who
), pa AS (
	SELECT coalesce(p.entity_id, '?' || p.country) AS key, count(*)::INTEGER AS n
	  FROM panellist p JOIN fm ON fm.id = p.meeting_id
	 WHERE p.entity_id IS NOT NULL OR p.country IS NOT NULL
	 GROUP BY ALL
), ch AS (
	SELECT coalesce(c.entity_id, '?' || c.country) AS key, count(*)::INTEGER AS n
	  FROM chair c JOIN fm ON fm.id = c.meeting_id
	 WHERE c.entity_id IS NOT NULL OR c.country IS NOT NULL
	 GROUP BY ALL
), per_key AS (
	SELECT coalesce(mp.key, pa.key, ch.key) AS key,
	       coalesce(mp.attended, 0) AS attended, coalesce(mp.statements, 0) AS statements,
	       coalesce(mp.spoken, 0) AS spoken, coalesce(mp.spoke_attended, 0) AS spoke_attended,
	       coalesce(pa.n, 0) AS panels, coalesce(ch.n, 0) AS chairs
	  FROM mp FULL JOIN pa ON pa.key = mp.key FULL JOIN ch ON ch.key = coalesce(mp.key, pa.key)
)`;

/**
 * CTE `names` over `fm`: per key (as in PARTICIPANT_TOTALS_CTE) the names the reports wrote for it, sorted; with
 * `$category`, the attendance lists' names only from that capacity. Distinct pairs are few, so this stays small.
 */
export const NAMES_AS_WRITTEN_CTE = `written AS (
	SELECT coalesce(a.entity_id, '?' || a.name_as_written) AS key, a.name_as_written AS name
	  FROM attendance a JOIN fm ON fm.id = a.meeting_id
	 WHERE $category::VARCHAR IS NULL OR a.category = $category::VARCHAR
	UNION ALL
	SELECT coalesce(s.entity_id, '?' || s.speaker_as_written), s.speaker_as_written
	  FROM statement s JOIN fm ON fm.id = s.meeting_id
	UNION ALL
	SELECT coalesce(p.entity_id, '?' || p.country), p.country FROM panellist p JOIN fm ON fm.id = p.meeting_id
	UNION ALL
	SELECT coalesce(c.entity_id, '?' || c.country), c.country FROM chair c JOIN fm ON fm.id = c.meeting_id
), names AS (
	SELECT key, list_sort(list(name)) AS names
	  FROM (SELECT DISTINCT key, name FROM written WHERE name IS NOT NULL)
	 GROUP BY key
)`;

export interface ReportedMeeting {
	id: string;
	body: string;
	year: number | null;
	startDate: string | null;
	/** Short and unique on the page: 'WG.2 2013' (with the month when a body met twice a year). */
	label: string;
	/** The document cited for it (symbol, or title and date). */
	source: string;
}

/** The reported meetings the filters keep, oldest first: the denominator of every rate. */
export function reportedMeetings(f: Filters): Promise<ReportedMeeting[]> {
	return memoByCorpus('reportedMeetings', [meetingParams(f)], () => reportedMeetingsUncached(f));
}

async function reportedMeetingsUncached(f: Filters): Promise<ReportedMeeting[]> {
	const rows = await query<{
		id: string;
		body: string;
		year: number | null;
		start_date: string | null;
		source: string;
	}>(
		`WITH ${FILTERED_MEETINGS_CTE}
		SELECT fm.id, fm.body_code AS body, fm.year::INTEGER AS year, fm.start_date, fm.source
		  FROM fm
		 ORDER BY fm.ord`,
		meetingParams(f)
	);
	const base = (r: (typeof rows)[number]) => `${r.body} ${r.year ?? r.id}`;
	const seen = new Map<string, number>();
	for (const r of rows) seen.set(base(r), (seen.get(base(r)) ?? 0) + 1);
	return rows.map((r) => ({
		id: r.id,
		body: r.body,
		year: r.year,
		startDate: r.start_date,
		label: (seen.get(base(r)) ?? 0) > 1 && r.start_date ? `${r.body} ${r.start_date.slice(0, 7)}` : base(r),
		source: r.source
	}));
}

/** Distinct source documents of a list of meetings, in meeting order. */
export function sourcesOf(meetings: readonly ReportedMeeting[]): string[] {
	return [...new Set(meetings.map((m) => m.source))];
}

/** Most documents a page's source lines name one by one. */
export const MAX_SOURCES_LISTED = 12;

/**
 * The source line of a page: every document when there are few; beyond MAX_SOURCES_LISTED, one entry
 * saying how many reports of which bodies and years (the downloads still list every document).
 */
export function pageSourcesOf(meetings: readonly ReportedMeeting[]): string[] {
	const all = sourcesOf(meetings);
	if (all.length <= MAX_SOURCES_LISTED) return all;
	const bodies = [...new Set(meetings.map((m) => m.body))].sort();
	const years = meetings.flatMap((m) => (m.year === null ? [] : [m.year]));
	const span = years.length ? ` (${Math.min(...years)}–${Math.max(...years)})` : '';
	return [`${all.length} reports of ${bodies.join(', ')}${span}, each named in the CSV downloads`];
}

// ---------------------------------------------------------------------------------------------
// The table

/** Columns the table sorts by (`?sort=`); anything else is a 400. */
export const COUNTRY_SORT_KEYS = [
	'name',
	'kind',
	'iso3',
	'group',
	'attended',
	'rate',
	'statements',
	'spoken',
	'panels',
	'chairs'
] as const;
export type CountrySortKey = (typeof COUNTRY_SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface CountryTableOptions {
	sort: CountrySortKey;
	dir: SortDir;
	/** Search text: matched, ignoring case and accents, against names (also as written), id and ISO3. */
	q: string;
}

export interface CountryRow {
	/** Entity id, or null for a name that did not resolve. */
	id: string | null;
	name: string;
	/** Kind from the reference table (state, reio, igo, ...), or 'unresolved'. */
	kind: string;
	iso3: string | null;
	regionalGroup: string | null;
	attended: number;
	/** Meetings attended / reported meetings in the filtered range, in %, one decimal; null without meetings. */
	rate: number | null;
	statements: number;
	spoken: number;
	panels: number;
	chairs: number;
	/** Names the reports used for it (several for Turkey / Türkiye). */
	namesAsWritten: string[];
}

/** Read `?sort=`, `?dir=` and `?q=`; an unknown sort key or direction is a 400 naming the allowed ones. */
export function readCountryTableOptions(url: URL): CountryTableOptions {
	const p = url.searchParams;
	const sortRaw = p.get('sort') || 'name';
	if (!(COUNTRY_SORT_KEYS as readonly string[]).includes(sortRaw))
		error(
			400,
			`Invalid value for "sort": "${clip(sortRaw)}" is not a column (use ${COUNTRY_SORT_KEYS.join(', ')})`
		);
	const sort = sortRaw as CountrySortKey;
	const dirRaw = p.get('dir') || defaultDir(sort);
	if (dirRaw !== 'asc' && dirRaw !== 'desc')
		error(400, `Invalid value for "dir": "${clip(dirRaw)}" (use asc or desc)`);
	const q = (p.get('q') ?? '').trim();
	if (q.length > 100) error(400, 'Invalid value for "q": the search text is longer than 100 characters');
	return { sort, dir: dirRaw, q };
}

/** Text columns read A→Z first; counts read largest first. */
export function defaultDir(sort: CountrySortKey): SortDir {
	return sort === 'name' || sort === 'kind' || sort === 'iso3' || sort === 'group' ? 'asc' : 'desc';
}

function clip(value: string): string {
	const printable = value.replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?');
	return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

/**
 * One row per entity (and per unresolved name) appearing in the filtered reported meetings.
 * Region keeps the States of one regional group; category keeps entities that attended in that
 * capacity and counts only those attendances (statements, panels and chairs are not categorised).
 */
export function countryTable(f: Filters, opts: CountryTableOptions): Promise<CountryRow[]> {
	return memoByCorpus('countryTable', [f, opts], () => countryTableUncached(f, opts));
}

async function countryTableUncached(f: Filters, opts: CountryTableOptions): Promise<CountryRow[]> {
	const rows = await query<{
		key: string;
		id: string | null;
		name: string;
		kind: string;
		iso3: string | null;
		regional_group: string | null;
		attended: number;
		rate: number | null;
		statements: number;
		spoken: number;
		panels: number;
		chairs: number;
		names: string[];
	}>(
		`WITH ${FILTERED_MEETINGS_CTE}, ${PARTICIPANT_TOTALS_CTE}, ${NAMES_AS_WRITTEN_CTE},
		total AS (SELECT count(*)::DOUBLE AS n FROM fm)
		SELECT pk.key, e.id, coalesce(e.name, substr(pk.key, 2)) AS name,
		       coalesce(e.kind, 'unresolved') AS kind, e.iso3, e.regional_group,
		       pk.attended,
		       CASE WHEN total.n > 0 THEN round(100 * pk.attended / total.n, 1) END AS rate,
		       pk.statements, pk.spoken, pk.panels, pk.chairs,
		       coalesce(names.names, []) AS names
		  FROM per_key pk CROSS JOIN total
		  LEFT JOIN entity e ON e.id = pk.key
		  LEFT JOIN names ON names.key = pk.key
		 WHERE ($region::VARCHAR IS NULL OR e.regional_group = $region::VARCHAR)
		   AND ($category::VARCHAR IS NULL OR pk.attended > 0)
		   AND ($q::VARCHAR = '' OR contains(strip_accents(lower(
		         concat_ws(' ', coalesce(e.name, ''), coalesce(e.id, ''), coalesce(e.iso3, ''), array_to_string(names.names, ' '))
		       )), strip_accents(lower($q::VARCHAR))))`,
		{ ...meetingParams(f), region: f.region, category: f.category, q: opts.q }
	);
	const out: CountryRow[] = rows.map((r) => ({
		id: r.id,
		name: r.name,
		kind: r.kind,
		iso3: r.iso3,
		regionalGroup: r.regional_group,
		attended: r.attended,
		rate: r.rate,
		statements: r.statements,
		spoken: r.spoken,
		panels: r.panels,
		chairs: r.chairs,
		namesAsWritten: r.names
	}));
	return sortCountryRows(out, opts.sort, opts.dir);
}

const SORT_VALUE: Record<CountrySortKey, (r: CountryRow) => string | number | null> = {
	name: (r) => r.name,
	kind: (r) => r.kind,
	iso3: (r) => r.iso3,
	group: (r) => r.regionalGroup,
	attended: (r) => r.attended,
	rate: (r) => r.rate,
	statements: (r) => r.statements,
	spoken: (r) => r.spoken,
	panels: (r) => r.panels,
	chairs: (r) => r.chairs
};

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Sort by one column; empty values last in either direction, ties by name. */
export function sortCountryRows(rows: CountryRow[], sort: CountrySortKey, dir: SortDir): CountryRow[] {
	const get = SORT_VALUE[sort];
	const sign = dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const va = get(a);
		const vb = get(b);
		if (va === null && vb !== null) return 1;
		if (vb === null && va !== null) return -1;
		let c = 0;
		if (typeof va === 'number' && typeof vb === 'number') c = va - vb;
		else if (va !== null && vb !== null) c = collator.compare(String(va), String(vb));
		return c !== 0 ? sign * c : collator.compare(a.name, b.name);
	});
}

// ---------------------------------------------------------------------------------------------
// The profile

export interface Entity {
	id: string;
	name: string;
	kind: string;
	iso3: string | null;
	regionalGroup: string | null;
}

/** The entity whose id (or ISO3) matches, ignoring case; null when there is none. */
export async function findEntity(id: string): Promise<Entity | null> {
	const [row] = await query<{
		id: string;
		name: string;
		kind: string;
		iso3: string | null;
		regional_group: string | null;
	}>(
		`SELECT id, name, kind, iso3, regional_group FROM entity
		  WHERE lower(id) = lower($id) OR lower(iso3) = lower($id)
		  ORDER BY id = $id DESC, lower(id) = lower($id) DESC LIMIT 1`,
		{ id }
	);
	return row
		? { id: row.id, name: row.name, kind: row.kind, iso3: row.iso3, regionalGroup: row.regional_group }
		: null;
}

export interface EntityMeeting {
	meetingId: string;
	attended: boolean;
	/** Attendance category (state_party, signatory, ...), null when absent. */
	category: string | null;
	attendanceParagraph: string | null;
	statements: number;
	firstStatementParagraph: string | null;
	panels: number;
	/** 'chair' or 'co-chair' when it chaired, else null. */
	chairRole: string | null;
	chairParagraph: string | null;
}

/** Per filtered reported meeting (oldest first): what the entity did there; absent meetings included. */
export function entityMeetings(id: string, f: Filters): Promise<EntityMeeting[]> {
	return memoByCorpus('entityMeetings', [id, f], () => entityMeetingsUncached(id, f));
}

async function entityMeetingsUncached(id: string, f: Filters): Promise<EntityMeeting[]> {
	const rows = await query<{
		meeting_id: string;
		attended: boolean;
		category: string | null;
		attendance_paragraph: string | null;
		statements: number;
		first_statement_paragraph: string | null;
		panels: number;
		chair_role: string | null;
		chair_paragraph: string | null;
	}>(
		`WITH ${FILTERED_MEETINGS_CTE},
		att AS (SELECT meeting_id, min(category) AS category, min(paragraph) AS paragraph
		          FROM attendance WHERE entity_id = $id GROUP BY meeting_id),
		st AS (SELECT meeting_id, count(*)::INTEGER AS n, arg_min(paragraph, sort_order) AS paragraph
		         FROM statement WHERE entity_id = $id GROUP BY meeting_id),
		pa AS (SELECT meeting_id, count(*)::INTEGER AS n FROM panellist WHERE entity_id = $id GROUP BY meeting_id),
		ch AS (SELECT meeting_id, min(role) AS role, min(paragraph) AS paragraph
		         FROM chair WHERE entity_id = $id GROUP BY meeting_id)
		SELECT fm.id AS meeting_id, att.meeting_id IS NOT NULL AS attended, att.category,
		       att.paragraph AS attendance_paragraph, coalesce(st.n, 0) AS statements,
		       st.paragraph AS first_statement_paragraph, coalesce(pa.n, 0) AS panels,
		       ch.role AS chair_role, ch.paragraph AS chair_paragraph
		  FROM fm
		  LEFT JOIN att ON att.meeting_id = fm.id
		  LEFT JOIN st ON st.meeting_id = fm.id
		  LEFT JOIN pa ON pa.meeting_id = fm.id
		  LEFT JOIN ch ON ch.meeting_id = fm.id
		 ORDER BY fm.start_date NULLS LAST, fm.body_code DESC, fm.id`,
		{ ...meetingParams(f), id }
	);
	return rows.map((r) => ({
		meetingId: r.meeting_id,
		attended: r.attended,
		category: r.category,
		attendanceParagraph: r.attendance_paragraph,
		statements: r.statements,
		firstStatementParagraph: r.first_statement_paragraph,
		panels: r.panels,
		chairRole: r.chair_role,
		chairParagraph: r.chair_paragraph
	}));
}

export interface EntityStatement {
	meetingId: string;
	/** Agenda item as printed: '2', '1 (a)', a span '2-6' or '2, 4, 5', or null. */
	item: string | null;
	/** Titles of the item(s), in item order; empty when the agenda does not list them. */
	itemTitles: string[];
	paragraph: string | null;
	speakerAsWritten: string;
	onBehalfOf: string | null;
}

/** The item numbers a statement's item stands for: '2-4' → 2, 3, 4; '2, 4, 5' → 2, 4, 5. */
export function itemNumbers(item: string | null): string[] {
	if (!item) return [];
	return item.split(',').flatMap((part) => {
		const p = part.trim();
		const span = /^(\d+)\s*[-–]\s*(\d+)$/.exec(p);
		if (!span) return p ? [p] : [];
		const a = Number(span[1]);
		const b = Number(span[2]);
		if (b < a || b - a > 50) return [p];
		return Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
	});
}

/** Every statement the entity made in the filtered meetings, in meeting and report order. */
export function entityStatements(id: string, f: Filters): Promise<EntityStatement[]> {
	return memoByCorpus('entityStatements', [id, f], () => entityStatementsUncached(id, f));
}

async function entityStatementsUncached(id: string, f: Filters): Promise<EntityStatement[]> {
	const [rows, items] = await Promise.all([
		query<{
			meeting_id: string;
			item: string | null;
			paragraph: string | null;
			speaker: string;
			on_behalf_of: string | null;
		}>(
			`WITH ${FILTERED_MEETINGS_CTE}
			SELECT s.meeting_id, s.item, s.paragraph, s.speaker_as_written AS speaker, s.on_behalf_of
			  FROM statement s JOIN fm ON fm.id = s.meeting_id
			 WHERE s.entity_id = $id
			 ORDER BY fm.start_date NULLS LAST, fm.body_code DESC, fm.id, s.sort_order`,
			{ ...meetingParams(f), id }
		),
		query<{ meeting_id: string; number: string; title: string }>(
			`WITH ${FILTERED_MEETINGS_CTE}
			SELECT a.meeting_id, a.number, a.title
			  FROM agenda_item a JOIN fm ON fm.id = a.meeting_id
			 WHERE a.meeting_id IN (SELECT meeting_id FROM statement WHERE entity_id = $id)`,
			{ ...meetingParams(f), id }
		)
	]);
	const titles = new Map(items.map((i) => [`${i.meeting_id}\u0000${i.number}`, i.title]));
	return rows.map((r) => ({
		meetingId: r.meeting_id,
		item: r.item,
		itemTitles: itemNumbers(r.item).flatMap((n) => {
			const t = titles.get(`${r.meeting_id}\u0000${n}`);
			return t ? [`${n}. ${t}`] : [];
		}),
		paragraph: r.paragraph,
		speakerAsWritten: r.speaker,
		onBehalfOf: r.on_behalf_of
	}));
}

export interface EntityRole {
	meetingId: string;
	/** 'Chair', 'Co-chair' or 'Panellist'. */
	role: string;
	person: string;
	/** The country as the report wrote it. */
	countryAsWritten: string | null;
	item: string | null;
	function: string | null;
	paragraph: string | null;
}

/** Chairs and panel seats the entity's people held in the filtered meetings. */
export function entityRoles(id: string, f: Filters): Promise<EntityRole[]> {
	return memoByCorpus('entityRoles', [id, f], () => entityRolesUncached(id, f));
}

async function entityRolesUncached(id: string, f: Filters): Promise<EntityRole[]> {
	const rows = await query<{
		meeting_id: string;
		role: string;
		person: string;
		country: string | null;
		item: string | null;
		function: string | null;
		paragraph: string | null;
	}>(
		`WITH ${FILTERED_MEETINGS_CTE}
		SELECT * FROM (
			SELECT c.meeting_id, CASE c.role WHEN 'co-chair' THEN 'Co-chair' ELSE 'Chair' END AS role,
			       c.name AS person, c.country, NULL AS item, NULL AS "function", c.paragraph,
			       fm.start_date, fm.body_code, 0 AS kind_order, c.sort_order
			  FROM chair c JOIN fm ON fm.id = c.meeting_id WHERE c.entity_id = $id
			UNION ALL
			SELECT p.meeting_id, 'Panellist', p.name, p.country, p.item, p."function", p.paragraph,
			       fm.start_date, fm.body_code, 1, p.sort_order
			  FROM panellist p JOIN fm ON fm.id = p.meeting_id WHERE p.entity_id = $id
		)
		ORDER BY start_date NULLS LAST, body_code DESC, meeting_id, kind_order, sort_order`,
		{ ...meetingParams(f), id }
	);
	return rows.map((r) => ({
		meetingId: r.meeting_id,
		role: r.role,
		person: r.person,
		countryAsWritten: r.country,
		item: r.item,
		function: r.function,
		paragraph: r.paragraph
	}));
}

export interface NameAsWritten {
	name: string;
	/** Meetings whose report used this name (attendance, statements, panels or chairs), oldest first. */
	meetings: { id: string; label: string; paragraph: string | null }[];
}

/**
 * The names the reports used for the entity, over every reported meeting (not filtered: this is
 * who the entity is, not what it did in a period), e.g. 'Turkey' until 2020 and 'Türkiye' in 2023.
 */
export function entityNames(id: string): Promise<NameAsWritten[]> {
	return memoByCorpus('entityNames', [id], () => entityNamesUncached(id));
}

async function entityNamesUncached(id: string): Promise<NameAsWritten[]> {
	const rows = await query<{
		name: string;
		meeting_id: string;
		body: string;
		year: number | null;
		paragraph: string | null;
	}>(
		`WITH uses AS (
			SELECT meeting_id, name_as_written AS name, paragraph, sort_order, 0 AS t FROM attendance WHERE entity_id = $id
			UNION ALL SELECT meeting_id, speaker_as_written, paragraph, sort_order, 1 FROM statement WHERE entity_id = $id
			UNION ALL SELECT meeting_id, country, paragraph, sort_order, 2 FROM panellist WHERE entity_id = $id AND country IS NOT NULL
			UNION ALL SELECT meeting_id, country, paragraph, sort_order, 3 FROM chair WHERE entity_id = $id AND country IS NOT NULL
		)
		SELECT u.name, u.meeting_id, any_value(m.body_code) AS body, any_value(m.year)::INTEGER AS year,
		       arg_min(u.paragraph, u.t * 100000 + u.sort_order) AS paragraph
		  FROM uses u JOIN reported_meeting m ON m.id = u.meeting_id
		 GROUP BY u.name, u.meeting_id
		 ORDER BY any_value(m.start_date) NULLS LAST, body DESC, u.meeting_id, u.name`,
		{ id }
	);
	// Rows come in meeting order, so names come out in order of first use.
	const out = new Map<string, NameAsWritten>();
	for (const r of rows) {
		let entry = out.get(r.name);
		if (!entry) out.set(r.name, (entry = { name: r.name, meetings: [] }));
		entry.meetings.push({
			id: r.meeting_id,
			label: `${r.body} ${r.year ?? ''}`.trim(),
			paragraph: r.paragraph
		});
	}
	return [...out.values()];
}

/**
 * Two peers to compare with: the States of its regional group that attended most in the filtered
 * meetings (then spoke most, then by name); for an entity without a group, the most present
 * entities of its own kind.
 */
export function entityPeers(entity: Entity, f: Filters, count = 2): Promise<{ id: string; name: string }[]> {
	return memoByCorpus('entityPeers', [entity, f, count], () => entityPeersUncached(entity, f, count));
}

async function entityPeersUncached(
	entity: Entity,
	f: Filters,
	count: number
): Promise<{ id: string; name: string }[]> {
	const rows = await query<{ id: string; name: string }>(
		`WITH ${ENTITY_PRESENCE_CTE}
		SELECT e.id, e.name FROM entity e JOIN presence pr ON pr.entity_id = e.id
		 WHERE e.id <> $id
		   AND (CASE WHEN $group::VARCHAR IS NOT NULL THEN e.regional_group = $group::VARCHAR AND e.kind = 'state'
		             ELSE e.kind = $kind END)
		   AND pr.attended + pr.statements > 0
		 ORDER BY pr.attended DESC, pr.statements DESC, e.name
		 LIMIT $count`,
		{ ...meetingParams(f), id: entity.id, group: entity.regionalGroup, kind: entity.kind, count }
	);
	return rows.map((r) => ({ id: r.id, name: r.name }));
}
