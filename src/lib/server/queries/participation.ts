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
 *
 * These definitions are applied once per ingest (`participation-aggregates/`); the queries here filter and sum
 * its tables.
 */
import { query } from '../db';
import type { Filters } from '../filters';
import {
	MEETINGS_CTE,
	meetingsCte,
	meetingParams,
	PARTICIPANT_FILTER_SQL,
	participantParams,
	reportedMeetings,
	type ReportedMeeting
} from '../participation-aggregates';

export { reportedMeetings, type ReportedMeeting };

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

/** SQL fragments over `meeting_group_count p`, chosen from constants here, never from request text. */
function groupingSql(role: 'attended' | 'spoke', by: Grouping) {
	return {
		roleSql: role === 'attended' ? 'p.attended' : 'p.spoke',
		groupSql: by === 'region' ? `coalesce(p.regional_group, '${NO_GROUP}')` : 'p.category',
		stateSql: by === 'region' ? 'AND p.is_state' : ''
	};
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
	const { roleSql, groupSql, stateSql } = groupingSql(role, by);
	return query<GroupCount>(
		`WITH ${MEETINGS_CTE}
		SELECT mt.id AS meetingId, ${groupSql} AS "group", sum(${roleSql})::INTEGER AS n
		  FROM meeting_group_count p JOIN mt ON mt.ord = p.ord
		 WHERE ${PARTICIPANT_FILTER_SQL} ${stateSql}
		 GROUP BY ALL HAVING sum(${roleSql}) > 0 ORDER BY ALL`,
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
	const { roleSql, groupSql, stateSql } = groupingSql(role, by);
	return query<YearGroupMean>(
		`WITH ${MEETINGS_CTE},
		yr AS (SELECT year, count(*) AS meetings FROM mt WHERE year IS NOT NULL GROUP BY year)
		SELECT mt.year::INTEGER AS year, any_value(yr.meetings)::INTEGER AS meetings, ${groupSql} AS "group",
		       round(sum(${roleSql})::BIGINT / any_value(yr.meetings), 1)::DOUBLE AS mean
		  FROM meeting_group_count p JOIN mt ON mt.ord = p.ord JOIN yr ON yr.year = mt.year
		 WHERE ${PARTICIPANT_FILTER_SQL} ${stateSql}
		 GROUP BY ALL HAVING sum(${roleSql}) > 0 ORDER BY ALL`,
		participantParams(f)
	);
}

/** Meetings in view per year (years without a meeting are absent). */
export async function meetingCountsPerYear(f: Filters): Promise<{ year: number; meetings: number }[]> {
	return query<{ year: number; meetings: number }>(
		`WITH ${MEETINGS_CTE}
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

/**
 * CTE `per` (after `mt`): per meeting in view, the States attending and, of those, the States that made a
 * statement, among the participants the filters keep (0 and 0 for a meeting without any).
 */
const STATES_PER_MEETING_CTE = `counted AS (
	SELECT p.ord, sum(p.attended)::BIGINT AS attending, sum(p.attended_spoke)::BIGINT AS spoke
	  FROM meeting_group_count p JOIN mt ON mt.ord = p.ord
	 WHERE p.is_state AND ${PARTICIPANT_FILTER_SQL}
	 GROUP BY p.ord
), per AS (
	SELECT mt.*, coalesce(c.attending, 0) AS attending, coalesce(c.spoke, 0) AS spoke
	  FROM mt LEFT JOIN counted c ON c.ord = mt.ord
)`;

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
		`WITH ${cte}, ${STATES_PER_MEETING_CTE}
		SELECT id AS meetingId, attending::INTEGER AS attending, spoke::INTEGER AS spoke,
		       (attending - spoke)::INTEGER AS silent,
		       CASE WHEN attending = 0 THEN NULL
		            ELSE round(100.0 * (attending - spoke) / attending, 1)::DOUBLE END AS sharePct,
		       attendance_paragraph AS attendanceParagraph, statement_paragraph AS statementParagraph
		  FROM per
		 ORDER BY ord`,
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
		`WITH ${MEETINGS_CTE}, ${STATES_PER_MEETING_CTE}
		SELECT year::INTEGER AS year, count(*)::INTEGER AS meetings, sum(attending)::INTEGER AS attending,
		       sum(spoke)::INTEGER AS spoke, sum(attending - spoke)::INTEGER AS silent,
		       CASE WHEN sum(attending) = 0 THEN NULL
		            ELSE round(100.0 * sum(attending - spoke) / sum(attending), 1)::DOUBLE END AS sharePct
		  FROM per WHERE year IS NOT NULL GROUP BY year ORDER BY year`,
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
		`WITH ${cte}
		SELECT p.meeting_id AS meetingId, p.entity_id AS entityId, p.written AS name,
		       p.regional_group AS regionalGroup, p.category
		  FROM meeting_participation p JOIN mt ON mt.ord = p.ord
		 WHERE p.is_state AND p.attended AND NOT p.spoke AND ${PARTICIPANT_FILTER_SQL}
		 ORDER BY mt.start_date, mt.id, p.written`,
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
		`WITH ${cte},
		attending AS (
			SELECT p.ord, p.who FROM meeting_participation p JOIN mt ON mt.ord = p.ord
			 WHERE p.attended AND p.is_state AND ${PARTICIPANT_FILTER_SQL}
		), attending_n AS (
			SELECT ord, count(*) AS n FROM attending GROUP BY ord
		), spoke AS (
			SELECT sp.ord, sp.item, count(*) AS n
			  FROM item_speaker sp JOIN attending a ON a.ord = sp.ord AND a.who = sp.who
			 GROUP BY ALL
		)
		SELECT mt.id AS meetingId, it.item, it.title, coalesce(an.n, 0)::INTEGER AS attending,
		       coalesce(sp.n, 0)::INTEGER AS spoke, it.paragraph, NULL::DOUBLE AS sharePct
		  FROM meeting_item it JOIN mt ON mt.ord = it.ord
		  LEFT JOIN attending_n an ON an.ord = it.ord
		  LEFT JOIN spoke sp ON sp.ord = it.ord AND sp.item IS NOT DISTINCT FROM it.item
		 ORDER BY mt.start_date, mt.id, it.item_order, it.item`,
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
		`WITH ${MEETINGS_CTE}, ${STATES_PER_MEETING_CTE}
		SELECT format, count(*)::INTEGER AS meetings,
		       round(avg(attending), 1)::DOUBLE AS attending,
		       round(avg(spoke), 1)::DOUBLE AS spoke,
		       round(avg(attending - spoke), 1)::DOUBLE AS silent
		  FROM (SELECT coalesce(format, 'unknown') AS format, attending, spoke FROM per)
		 GROUP BY format
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
		`WITH ${cte}
		SELECT p.entity_id AS entityId, p.name, p.iso3, p.regional_group AS regionalGroup, p.meeting_id AS meetingId,
		       CASE WHEN p.chaired THEN 'chaired' WHEN p.panellist THEN 'panellist'
		            WHEN p.spoke THEN 'spoke' ELSE 'attended' END AS value
		  FROM meeting_participation p JOIN mt ON mt.ord = p.ord
		 WHERE p.is_state AND ${PARTICIPANT_FILTER_SQL}
		 ORDER BY p.name, mt.start_date, mt.ord`,
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
