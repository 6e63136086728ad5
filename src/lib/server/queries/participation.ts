/**
 * Who takes part in the meetings: attendance, statements, chairs and panellists per meeting, and who attends
 * without speaking. The Participation page draws these; `/api/participation/<dataset>` serves the same datasets;
 * the Overview reuses the meeting list and the attendance by regional group.
 *
 * Definitions every query here shares (and every caption repeats):
 * - A meeting counts only when its document is a report: a provisional agenda has a meeting row but says
 *   nothing about who came.
 * - A State is an entity of kind `state` (UN member) or `observer_state` (non-member observer State) in the
 *   reference table; the European Union, organizations and names the table does not know are not States.
 * - An entity attended a meeting when the report lists it among those represented; it spoke when the report
 *   lists it among those who made a statement under any item (or span of items); it chaired when a chair or
 *   co-chair came from it; it was a panellist when a panellist came from it.
 * - `region` keeps entities of that UN regional group (so only member States); `category` keeps entities
 *   listed in that attendance category at the meeting (an entity that spoke without being listed takes the
 *   category of its kind, or `other`).
 */
import { query } from '../db';
import { filterParams, MEETING_FILTER_SQL, type Filters } from '../filters';
import { DOCUMENT_LABEL_SQL } from './corpus';

/** The four parameters MEETING_FILTER_SQL binds (DuckDB refuses parameters a statement does not use). */
export function meetingParams(f: Filters) {
	const { bodies, from, to, online } = filterParams(f);
	return { bodies, from, to, online };
}

/** Meeting parameters plus the participant filters the involvement CTE binds. */
export function participantParams(f: Filters) {
	const { region, category } = filterParams(f);
	return { ...meetingParams(f), region, category };
}

/**
 * CTE `mt`: the meetings with a report that pass the meeting filters, with a short label unique per body and
 * month ("WG.2 Oct 2013") for axes and tables.
 */
export const REPORTED_MEETINGS_CTE = `mt AS (
	SELECT m.id, m.body_code, m.year, m.format, m.document_id, m.venue,
	       strftime(m.start_date, '%Y-%m-%d') AS start_date,
	       strftime(m.end_date, '%Y-%m-%d') AS end_date,
	       m.body_code || ' ' || coalesce(strftime(m.start_date, '%b %Y'), m.id) AS label,
	       ${DOCUMENT_LABEL_SQL} AS source
	  FROM meeting m JOIN document d ON d.id = m.document_id
	 WHERE d.kind = 'report' AND ${MEETING_FILTER_SQL}
)`;

/**
 * CTE `mt` narrowed to the latest `$limit` meetings that pass the filters (the tail of the date order every table
 * uses), so per-meeting tables and the matrix read only the meetings they show.
 */
export const LATEST_MEETINGS_CTE = `${REPORTED_MEETINGS_CTE.replace(/^mt AS/, 'mt_all AS')}, mt AS (
	SELECT * FROM mt_all ORDER BY start_date DESC NULLS FIRST, body_code ASC, id DESC LIMIT $limit::INTEGER
)`;

/** The meetings CTE and its parameters: every meeting in view, or only the latest `limit`. */
export function meetingsCte(f: Filters, limit?: number) {
	return limit === undefined
		? { cte: REPORTED_MEETINGS_CTE, params: participantParams(f) }
		: { cte: LATEST_MEETINGS_CTE, params: { ...participantParams(f), limit } };
}

/** Same as meetingsCte, with only the meeting parameters (for queries without the involvement CTE). */
export function meetingsOnlyCte(f: Filters, limit?: number) {
	return limit === undefined
		? { cte: REPORTED_MEETINGS_CTE, params: meetingParams(f) }
		: { cte: LATEST_MEETINGS_CTE, params: { ...meetingParams(f), limit } };
}

/**
 * CTE `involvement` (after `mt`): one row per meeting and participant, with what the participant did. `who` is
 * the entity id, or '?' + the name as written when the name did not resolve (so unresolved names still count
 * once each, and never collide with an entity id).
 */
export const INVOLVEMENT_CTE = `att AS (
	SELECT a.meeting_id, coalesce(a.entity_id, '?' || a.name_as_written) AS who,
	       first(a.category ORDER BY a.sort_order) AS category,
	       first(a.name_as_written ORDER BY a.sort_order) AS written,
	       first(a.paragraph ORDER BY a.sort_order) AS paragraph
	  FROM attendance a JOIN mt ON mt.id = a.meeting_id
	 GROUP BY ALL
), spk AS (
	SELECT s.meeting_id, coalesce(s.entity_id, '?' || s.speaker_as_written) AS who,
	       first(s.speaker_as_written ORDER BY s.sort_order) AS written,
	       first(s.paragraph ORDER BY s.sort_order) AS paragraph
	  FROM statement s JOIN mt ON mt.id = s.meeting_id
	 GROUP BY ALL
), pan AS (
	SELECT DISTINCT p.meeting_id, p.entity_id AS who
	  FROM panellist p JOIN mt ON mt.id = p.meeting_id
	 WHERE p.entity_id IS NOT NULL
), chr AS (
	SELECT DISTINCT c.meeting_id, c.entity_id AS who
	  FROM chair c JOIN mt ON mt.id = c.meeting_id
	 WHERE c.entity_id IS NOT NULL
), everyone AS (
	SELECT meeting_id, who FROM att
	UNION SELECT meeting_id, who FROM spk
	UNION SELECT meeting_id, who FROM pan
	UNION SELECT meeting_id, who FROM chr
), involvement_all AS (
	SELECT ev.meeting_id, ev.who, e.id AS entity_id, e.iso3, e.kind,
	       coalesce(e.name, att.written, spk.written, ev.who) AS name,
	       coalesce(att.written, spk.written, e.name) AS written,
	       coalesce(e.kind IN ('state', 'observer_state'), false) AS is_state,
	       e.regional_group,
	       coalesce(att.category, CASE e.kind
	           WHEN 'observer_state' THEN 'non_member_observer_state'
	           WHEN 'reio' THEN 'reio' WHEN 'igo' THEN 'igo' WHEN 'un_entity' THEN 'un_entity'
	           ELSE 'other' END) AS category,
	       att.who IS NOT NULL AS attended,
	       spk.who IS NOT NULL AS spoke,
	       pan.who IS NOT NULL AS panellist,
	       chr.who IS NOT NULL AS chaired,
	       att.paragraph AS attendance_paragraph,
	       spk.paragraph AS statement_paragraph
	  FROM everyone ev
	  LEFT JOIN entity e ON e.id = ev.who
	  LEFT JOIN att ON att.meeting_id = ev.meeting_id AND att.who = ev.who
	  LEFT JOIN spk ON spk.meeting_id = ev.meeting_id AND spk.who = ev.who
	  LEFT JOIN pan ON pan.meeting_id = ev.meeting_id AND pan.who = ev.who
	  LEFT JOIN chr ON chr.meeting_id = ev.meeting_id AND chr.who = ev.who
), involvement AS (
	SELECT * FROM involvement_all
	 WHERE ($region::VARCHAR IS NULL OR regional_group = $region::VARCHAR)
	   AND ($category::VARCHAR IS NULL OR category = $category::VARCHAR)
)`;

// ------------------------------------------------------------------------------------------------------------
// Meetings

export interface ReportedMeeting {
	meetingId: string;
	label: string;
	body: string;
	startDate: string | null;
	endDate: string | null;
	year: number | null;
	venue: string | null;
	format: string | null;
	documentId: string;
	/** How the source document is cited (symbol, or title and date). */
	source: string;
}

/** The meetings with a report that pass the meeting filters, in date order: the bars of every per-meeting chart. */
export async function reportedMeetings(f: Filters): Promise<ReportedMeeting[]> {
	return query<ReportedMeeting>(
		`WITH ${REPORTED_MEETINGS_CTE}
		SELECT id AS meetingId, label, body_code AS body, start_date AS startDate, end_date AS endDate,
		       year, venue, format, document_id AS documentId, source
		  FROM mt ORDER BY start_date NULLS LAST, body_code DESC, id`,
		meetingParams(f)
	);
}

// ------------------------------------------------------------------------------------------------------------
// Attendance and speaking per meeting

export type Grouping = 'region' | 'category';
export const GROUPINGS = ['region', 'category'] as const;

/** Name of the stack segment for States without a regional group (the non-member observer States). */
export const NO_GROUP = 'No group';

export interface GroupCount {
	meetingId: string;
	/** Regional group (or NO_GROUP), or attendance category. */
	group: string;
	n: number;
}

/**
 * Participants per meeting and group that did `role`. By region: States only, by regional group (observer States
 * under NO_GROUP). By category: every participant (States, EU, organizations), by attendance category.
 */
async function participantsPerMeeting(
	f: Filters,
	role: 'attended' | 'spoke',
	by: Grouping
): Promise<GroupCount[]> {
	// Both fragments are chosen from constants here, never from request text.
	const roleSql = role === 'attended' ? 'i.attended' : 'i.spoke';
	const groupSql = by === 'region' ? `coalesce(i.regional_group, '${NO_GROUP}')` : 'i.category';
	const stateSql = by === 'region' ? 'AND i.is_state' : '';
	return query<GroupCount>(
		`WITH ${REPORTED_MEETINGS_CTE}, ${INVOLVEMENT_CTE}
		SELECT i.meeting_id AS meetingId, ${groupSql} AS "group", count(*)::INTEGER AS n
		  FROM involvement i
		 WHERE ${roleSql} ${stateSql}
		 GROUP BY ALL ORDER BY ALL`,
		participantParams(f)
	);
}

export interface YearGroupMean {
	year: number;
	/** Meetings held that year (in view). */
	meetings: number;
	group: string;
	/** Mean per meeting of that year, one decimal (meetings without anyone of the group count as 0). */
	mean: number;
}

/** Participants that did `role`, per meeting, averaged over each year's meetings: the per-year form of the chart. */
export async function participantsPerYear(
	f: Filters,
	role: 'attended' | 'spoke',
	by: Grouping
): Promise<YearGroupMean[]> {
	const roleSql = role === 'attended' ? 'i.attended' : 'i.spoke';
	const groupSql = by === 'region' ? `coalesce(i.regional_group, '${NO_GROUP}')` : 'i.category';
	const stateSql = by === 'region' ? 'AND i.is_state' : '';
	return query<YearGroupMean>(
		`WITH ${REPORTED_MEETINGS_CTE}, ${INVOLVEMENT_CTE},
		yr AS (SELECT year, count(*) AS meetings FROM mt WHERE year IS NOT NULL GROUP BY year)
		SELECT mt.year::INTEGER AS year, any_value(yr.meetings)::INTEGER AS meetings, ${groupSql} AS "group",
		       round(count(*) / any_value(yr.meetings), 1)::DOUBLE AS mean
		  FROM involvement i JOIN mt ON mt.id = i.meeting_id JOIN yr ON yr.year = mt.year
		 WHERE ${roleSql} ${stateSql}
		 GROUP BY ALL ORDER BY ALL`,
		participantParams(f)
	);
}

/** Meetings in view per year (years without a meeting are absent). */
export async function meetingCountsPerYear(f: Filters): Promise<{ year: number; meetings: number }[]> {
	return query<{ year: number; meetings: number }>(
		`WITH ${REPORTED_MEETINGS_CTE}
		SELECT year::INTEGER AS year, count(*)::INTEGER AS meetings FROM mt WHERE year IS NOT NULL
		 GROUP BY year ORDER BY year`,
		meetingParams(f)
	);
}

/** Who attended each meeting: States by regional group, or all participants by category. */
export function attendancePerMeeting(f: Filters, by: Grouping): Promise<GroupCount[]> {
	return participantsPerMeeting(f, 'attended', by);
}

/** Who made a statement at each meeting (distinct speakers): States by regional group, or all by category. */
export function speakersPerMeeting(f: Filters, by: Grouping): Promise<GroupCount[]> {
	return participantsPerMeeting(f, 'spoke', by);
}

// ------------------------------------------------------------------------------------------------------------
// Attended but silent

export interface SilentShare {
	meetingId: string;
	/** States listed as attending. */
	attending: number;
	/** Of those, States listed as making a statement under any item. */
	spoke: number;
	silent: number;
	/** silent / attending in %, one decimal; null without attendance. */
	sharePct: number | null;
	/** First paragraph of the attendance list and of the statements, for links. */
	attendanceParagraph: string | null;
	statementParagraph: string | null;
}

/** Per meeting: attending States, how many of them made a statement, and the share that made none. */
export async function silentSharePerMeeting(f: Filters, limit?: number): Promise<SilentShare[]> {
	const { cte, params } = meetingsCte(f, limit);
	return query<SilentShare>(
		`WITH ${cte}, ${INVOLVEMENT_CTE}
		SELECT mt.id AS meetingId,
		       count(i.who) FILTER (WHERE i.attended)::INTEGER AS attending,
		       count(i.who) FILTER (WHERE i.attended AND i.spoke)::INTEGER AS spoke,
		       count(i.who) FILTER (WHERE i.attended AND NOT i.spoke)::INTEGER AS silent,
		       CASE WHEN count(i.who) FILTER (WHERE i.attended) = 0 THEN NULL
		            ELSE round(100.0 * count(i.who) FILTER (WHERE i.attended AND NOT i.spoke)
		                 / count(i.who) FILTER (WHERE i.attended), 1)::DOUBLE END AS sharePct,
		       (SELECT a.paragraph FROM attendance a WHERE a.meeting_id = mt.id
		         ORDER BY a.sort_order LIMIT 1) AS attendanceParagraph,
		       (SELECT s.paragraph FROM statement s WHERE s.meeting_id = mt.id
		         ORDER BY s.sort_order LIMIT 1) AS statementParagraph
		  FROM mt LEFT JOIN involvement i ON i.meeting_id = mt.id AND i.is_state
		 GROUP BY mt.id, mt.start_date, mt.body_code
		 ORDER BY mt.start_date NULLS LAST, mt.body_code DESC, mt.id`,
		params
	);
}

export interface SilentShareYear {
	year: number;
	meetings: number;
	attending: number;
	spoke: number;
	silent: number;
	/** silent / attending over all the year's meetings, in %, one decimal; null without attendance. */
	sharePct: number | null;
}

/** Per year: States attending summed over the year's meetings, how many spoke, and the pooled silent share. */
export async function silentSharePerYear(f: Filters): Promise<SilentShareYear[]> {
	return query<SilentShareYear>(
		`WITH ${REPORTED_MEETINGS_CTE}, ${INVOLVEMENT_CTE},
		per AS (
			SELECT mt.id, mt.year,
			       count(i.who) FILTER (WHERE i.attended) AS attending,
			       count(i.who) FILTER (WHERE i.attended AND i.spoke) AS spoke
			  FROM mt LEFT JOIN involvement i ON i.meeting_id = mt.id AND i.is_state
			 WHERE mt.year IS NOT NULL
			 GROUP BY mt.id, mt.year
		)
		SELECT year::INTEGER AS year, count(*)::INTEGER AS meetings, sum(attending)::INTEGER AS attending,
		       sum(spoke)::INTEGER AS spoke, sum(attending - spoke)::INTEGER AS silent,
		       CASE WHEN sum(attending) = 0 THEN NULL
		            ELSE round(100.0 * sum(attending - spoke) / sum(attending), 1)::DOUBLE END AS sharePct
		  FROM per GROUP BY year ORDER BY year`,
		participantParams(f)
	);
}

export interface SilentState {
	meetingId: string;
	entityId: string | null;
	/** Name as the attendance list prints it. */
	name: string;
	regionalGroup: string | null;
	category: string;
}

/** The attending States that made no statement, per meeting, in the order the attendance list names them. */
export async function silentStates(f: Filters, limit?: number): Promise<SilentState[]> {
	const { cte, params } = meetingsCte(f, limit);
	return query<SilentState>(
		`WITH ${cte}, ${INVOLVEMENT_CTE}
		SELECT i.meeting_id AS meetingId, i.entity_id AS entityId, i.written AS name,
		       i.regional_group AS regionalGroup, i.category
		  FROM involvement i JOIN mt ON mt.id = i.meeting_id
		 WHERE i.is_state AND i.attended AND NOT i.spoke
		 ORDER BY mt.start_date, mt.id, i.written`,
		params
	);
}

export interface SilentItem {
	meetingId: string;
	/** Agenda item number, a span as printed ("2-6", "2, 4, 5"), or null for statements under no item. */
	item: string | null;
	/** Agenda title; null for a span or no item. */
	title: string | null;
	attending: number;
	/** Attending States listed as making a statement under this item (or span). */
	spoke: number;
	sharePct: number | null;
	/** First paragraph listing statements under this item. */
	paragraph: string | null;
}

/**
 * Per meeting and agenda item: attending States, those that spoke under the item, and the share silent. Rows are
 * the top-level agenda items plus every span statements were recorded under; a statement recorded for a span
 * (`2-4`) counts for the span only, not for the items inside it, because the report does not say which.
 */
export async function silentByAgendaItem(f: Filters, limit?: number): Promise<SilentItem[]> {
	const { cte, params } = meetingsCte(f, limit);
	return query<SilentItem>(
		`WITH ${cte}, ${INVOLVEMENT_CTE},
		agenda AS (
			SELECT ai.meeting_id, ai.number AS item, ai.title, ai.sort_order::DOUBLE AS ord
			  FROM agenda_item ai JOIN mt ON mt.id = ai.meeting_id
			 WHERE ai.parent IS NULL
		), spans AS (
			SELECT DISTINCT s.meeting_id, s.item
			  FROM statement s JOIN mt ON mt.id = s.meeting_id
			 WHERE NOT EXISTS (SELECT 1 FROM agenda a WHERE a.meeting_id = s.meeting_id
			                    AND a.item IS NOT DISTINCT FROM s.item)
		), items AS (
			SELECT meeting_id, item, title, ord FROM agenda
			UNION ALL
			-- A span sorts just after the item it starts with; statements under no item come last.
			SELECT sp.meeting_id, sp.item, NULL,
			       coalesce((SELECT a.ord FROM agenda a WHERE a.meeting_id = sp.meeting_id
			                  AND a.item = regexp_extract(sp.item, '^[0-9]+')) + 0.5, 1e9)
			  FROM spans sp
		), attending AS (
			SELECT meeting_id, who FROM involvement WHERE attended AND is_state
		), said AS (
			SELECT DISTINCT s.meeting_id, s.item, coalesce(s.entity_id, '?' || s.speaker_as_written) AS who
			  FROM statement s JOIN mt ON mt.id = s.meeting_id
		)
		SELECT it.meeting_id AS meetingId, it.item, it.title,
		       (SELECT count(*) FROM attending a WHERE a.meeting_id = it.meeting_id)::INTEGER AS attending,
		       (SELECT count(*) FROM said JOIN attending a ON a.meeting_id = said.meeting_id AND a.who = said.who
		         WHERE said.meeting_id = it.meeting_id AND said.item IS NOT DISTINCT FROM it.item)::INTEGER AS spoke,
		       (SELECT s.paragraph FROM statement s WHERE s.meeting_id = it.meeting_id
		         AND s.item IS NOT DISTINCT FROM it.item ORDER BY s.sort_order LIMIT 1) AS paragraph,
		       NULL::DOUBLE AS sharePct
		  FROM items it JOIN mt ON mt.id = it.meeting_id
		 ORDER BY mt.start_date, mt.id, it.ord, it.item`,
		params
	).then((rows) =>
		rows.map((r) => ({
			...r,
			sharePct: r.attending === 0 ? null : Math.round((1000 * (r.attending - r.spoke)) / r.attending) / 10
		}))
	);
}

// ------------------------------------------------------------------------------------------------------------
// Format

export interface FormatAverage {
	/** in person | hybrid | remote | unknown */
	format: string;
	meetings: number;
	/** Mean States attending per meeting, one decimal. */
	attending: number;
	/** Mean attending States that made a statement. */
	spoke: number;
	/** Mean attending States that made none. */
	silent: number;
}

/** Mean attending, speaking and silent States per meeting, by meeting format. */
export async function attendanceByFormat(f: Filters): Promise<FormatAverage[]> {
	return query<FormatAverage>(
		`WITH ${REPORTED_MEETINGS_CTE}, ${INVOLVEMENT_CTE},
		per AS (
			SELECT mt.id, coalesce(mt.format, 'unknown') AS format,
			       count(i.who) FILTER (WHERE i.attended) AS attending,
			       count(i.who) FILTER (WHERE i.attended AND i.spoke) AS spoke
			  FROM mt LEFT JOIN involvement i ON i.meeting_id = mt.id AND i.is_state
			 GROUP BY ALL
		)
		SELECT format, count(*)::INTEGER AS meetings,
		       round(avg(attending), 1)::DOUBLE AS attending,
		       round(avg(spoke), 1)::DOUBLE AS spoke,
		       round(avg(attending - spoke), 1)::DOUBLE AS silent
		  FROM per GROUP BY format
		 ORDER BY CASE format WHEN 'in person' THEN 0 WHEN 'hybrid' THEN 1 WHEN 'remote' THEN 2 ELSE 3 END`,
		participantParams(f)
	);
}

// ------------------------------------------------------------------------------------------------------------
// Country × meeting matrix

export type MatrixValue = 'attended' | 'spoke' | 'panellist' | 'chaired';

export interface MatrixEntry {
	entityId: string;
	name: string;
	iso3: string | null;
	regionalGroup: string | null;
	meetingId: string;
	/** The highest role at the meeting: chaired > panellist > spoke > attended. */
	value: MatrixValue;
}

export interface MatrixRowScore {
	entityId: string;
	name: string;
	regionalGroup: string | null;
	/** Meetings at which the State took part in any way. */
	meetings: number;
	/** Sum over meetings of the role's rank (attended 1, spoke 2, panellist 3, chaired 4). */
	score: number;
}

/**
 * Every State's highest role at every meeting it took part in (absences are the missing pairs), at every meeting in
 * view or only the latest `limit`.
 */
export async function participationMatrix(f: Filters, limit?: number): Promise<MatrixEntry[]> {
	const { cte, params } = meetingsCte(f, limit);
	return query<MatrixEntry>(
		`WITH ${cte}, ${INVOLVEMENT_CTE}
		SELECT i.entity_id AS entityId, i.name, i.iso3, i.regional_group AS regionalGroup, i.meeting_id AS meetingId,
		       CASE WHEN i.chaired THEN 'chaired' WHEN i.panellist THEN 'panellist'
		            WHEN i.spoke THEN 'spoke' ELSE 'attended' END AS value
		  FROM involvement i JOIN mt ON mt.id = i.meeting_id
		 WHERE i.is_state
		 ORDER BY i.name, mt.start_date`,
		params
	);
}

const RANK: Record<MatrixValue, number> = { attended: 1, spoke: 2, panellist: 3, chaired: 4 };

export type MatrixSort = 'engagement' | 'name' | 'group';
export const MATRIX_SORTS = ['engagement', 'name', 'group'] as const;

/** The matrix's rows (States) with their engagement, in the requested order. */
export function matrixRows(entries: readonly MatrixEntry[], sort: MatrixSort): MatrixRowScore[] {
	const byId = new Map<string, MatrixRowScore>();
	for (const e of entries) {
		let row = byId.get(e.entityId);
		if (!row) {
			row = { entityId: e.entityId, name: e.name, regionalGroup: e.regionalGroup, meetings: 0, score: 0 };
			byId.set(e.entityId, row);
		}
		row.meetings++;
		row.score += RANK[e.value];
	}
	const rows = [...byId.values()];
	const byName = (a: MatrixRowScore, b: MatrixRowScore) => a.name.localeCompare(b.name, 'en');
	const byEngagement = (a: MatrixRowScore, b: MatrixRowScore) =>
		b.score - a.score || b.meetings - a.meetings || byName(a, b);
	if (sort === 'name') return rows.sort(byName);
	if (sort === 'group')
		return rows.sort(
			(a, b) =>
				(a.regionalGroup ?? '\uffff').localeCompare(b.regionalGroup ?? '\uffff', 'en') || byEngagement(a, b)
		);
	return rows.sort(byEngagement);
}
