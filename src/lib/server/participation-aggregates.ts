/**
 * Who took part in each meeting, counted once per ingest: the tables of AGGREGATE_SCHEMA_SQL (schema.ts), and
 * the SQL both the Overview (`queries/overview.ts`) and Participation (`queries/participation.ts`) read them with.
 *
 * Why at ingest: every figure of those pages starts from the same "involvement" of each participant at each
 * meeting (listed as attending, speaking, on a panel, in the chair). Built per request from attendance ×
 * statements × meetings it cost 200–300 ms at 5,000 documents (about 600,000 attendance rows), whatever the
 * filters. It changes only with an ingest, so `buildParticipationAggregates` computes it once, in the new
 * database file before it is renamed over the old one, and a request filters `meeting_group_count` (a few dozen
 * rows per meeting) or, for the tables naming States, the rows of `meeting_participation` of the few meetings
 * shown.
 *
 * The filters keep their meaning: meeting filters (body, years, format) select rows of `reported_meeting`
 * (aliased `m`, so MEETING_FILTER_SQL applies unchanged); `region` and `category` select participants by the
 * `regional_group` and `category` columns both per-participant tables carry (aliased `p`).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MAX_MEETINGS_PER_CHART } from '../scale';
import { query } from './db';
import { filterParams, MEETING_FILTER_SQL, type Filters } from './filters';
import { memoByCorpus } from './memo';
import { corpusVersion, knownBodies } from './queries/corpus';
import { AGGREGATE_SCHEMA_SQL } from './schema';

// ------------------------------------------------------------------------------------------------------------
// Built at ingest

/** The definitions every page repeats in its captions, applied once (see the tables in schema.ts). */
const BUILD_SQL = [
	`INSERT INTO reported_meeting
	SELECT row_number() OVER (ORDER BY m.start_date NULLS LAST, m.body_code DESC, m.id)::INTEGER,
	       m.id, m.body_code, m.year, m.format, m.document_id, m.venue,
	       strftime(m.start_date, '%Y-%m-%d'), strftime(m.end_date, '%Y-%m-%d'),
	       m.body_code || ' ' || coalesce(strftime(m.start_date, '%b %Y'), m.id),
	       d.label, coalesce(r.n, 0)::INTEGER, a.paragraph, s.paragraph, r.first
	  FROM meeting m JOIN document d ON d.id = m.document_id
	  LEFT JOIN (SELECT meeting_id, count(*) AS n, first(label ORDER BY sort_order) AS first
	               FROM recommendation GROUP BY meeting_id) r ON r.meeting_id = m.id
	  LEFT JOIN (SELECT meeting_id, first(paragraph ORDER BY sort_order) AS paragraph
	               FROM attendance GROUP BY meeting_id) a ON a.meeting_id = m.id
	  LEFT JOIN (SELECT meeting_id, first(paragraph ORDER BY sort_order) AS paragraph
	               FROM statement GROUP BY meeting_id) s ON s.meeting_id = m.id
	 WHERE d.kind = 'report'
	 ORDER BY 1`,
	// A participant's category and name are those of its first attendance row; a speaker's name, that of its
	// first statement.
	`INSERT INTO meeting_participation
	WITH mt AS (SELECT ord, id FROM reported_meeting),
	att AS (
		SELECT mt.ord, a.meeting_id, coalesce(a.entity_id, '?' || a.name_as_written) AS who,
		       first(a.category ORDER BY a.sort_order) AS category,
		       first(a.name_as_written ORDER BY a.sort_order) AS written
		  FROM attendance a JOIN mt ON mt.id = a.meeting_id
		 GROUP BY ALL
	), spk AS (
		SELECT mt.ord, s.meeting_id, coalesce(s.entity_id, '?' || s.speaker_as_written) AS who,
		       first(s.speaker_as_written ORDER BY s.sort_order) AS written, count(*) AS statements
		  FROM statement s JOIN mt ON mt.id = s.meeting_id
		 GROUP BY ALL
	), pan AS (
		SELECT DISTINCT mt.ord, p.meeting_id, p.entity_id AS who
		  FROM panellist p JOIN mt ON mt.id = p.meeting_id WHERE p.entity_id IS NOT NULL
	), chr AS (
		SELECT DISTINCT mt.ord, c.meeting_id, c.entity_id AS who
		  FROM chair c JOIN mt ON mt.id = c.meeting_id WHERE c.entity_id IS NOT NULL
	), everyone AS (
		SELECT ord, meeting_id, who FROM att
		UNION SELECT ord, meeting_id, who FROM spk
		UNION SELECT ord, meeting_id, who FROM pan
		UNION SELECT ord, meeting_id, who FROM chr
	), involved AS (
		SELECT ev.ord, ev.meeting_id, ev.who, e.id AS entity_id, e.iso3, e.kind,
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
		       coalesce(spk.statements, 0)::INTEGER AS statements
		  FROM everyone ev
		  LEFT JOIN entity e ON e.id = ev.who
		  LEFT JOIN att ON att.ord = ev.ord AND att.who = ev.who
		  LEFT JOIN spk ON spk.ord = ev.ord AND spk.who = ev.who
		  LEFT JOIN pan ON pan.ord = ev.ord AND pan.who = ev.who
		  LEFT JOIN chr ON chr.ord = ev.ord AND chr.who = ev.who
	)
	SELECT ord, meeting_id, who, entity_id, iso3, kind, name, written, is_state, regional_group, category,
	       CASE WHEN is_state THEN 'States' WHEN kind = 'reio' THEN 'European Union'
	            WHEN kind IN ('igo', 'un_entity') THEN 'Organizations' ELSE 'Other' END,
	       attended, spoke, panellist, chaired, statements
	  FROM involved
	 ORDER BY ord, who`,
	`INSERT INTO meeting_group_count
	SELECT ord, regional_group, category, is_state, speaker_kind,
	       count(*) FILTER (WHERE attended), count(*) FILTER (WHERE spoke),
	       count(*) FILTER (WHERE attended AND spoke), sum(statements)
	  FROM meeting_participation
	 GROUP BY ALL
	 ORDER BY ALL`,
	// A statement recorded for a span (2-4) counts for the span only: the report does not say which item.
	`INSERT INTO meeting_item
	WITH mt AS (SELECT ord, id FROM reported_meeting),
	agenda AS (
		SELECT mt.ord, ai.number AS item, ai.title, ai.sort_order::DOUBLE AS item_order
		  FROM agenda_item ai JOIN mt ON mt.id = ai.meeting_id
		 WHERE ai.parent IS NULL
	), said AS (
		SELECT mt.ord, s.item, first(s.paragraph ORDER BY s.sort_order) AS paragraph
		  FROM statement s JOIN mt ON mt.id = s.meeting_id
		 GROUP BY ALL
	), items AS (
		SELECT ord, item, title, item_order FROM agenda
		UNION ALL
		SELECT sp.ord, sp.item, NULL,
		       coalesce((SELECT min(a.item_order) FROM agenda a WHERE a.ord = sp.ord
		                  AND a.item = regexp_extract(sp.item, '^[0-9]+')) + 0.5, 1e9)
		  FROM said sp
		 WHERE NOT EXISTS (SELECT 1 FROM agenda a WHERE a.ord = sp.ord AND a.item IS NOT DISTINCT FROM sp.item)
	)
	SELECT it.ord, it.item, it.title, it.item_order, said.paragraph
	  FROM items it LEFT JOIN said ON said.ord = it.ord AND said.item IS NOT DISTINCT FROM it.item
	 ORDER BY it.ord, it.item_order, it.item`,
	`INSERT INTO item_speaker
	SELECT DISTINCT mt.ord, s.item, coalesce(s.entity_id, '?' || s.speaker_as_written)
	  FROM statement s JOIN reported_meeting mt ON mt.id = s.meeting_id
	 ORDER BY ALL`
];

/**
 * Rebuild the aggregate tables from the corpus tables, in one transaction, on the ingest's connection (the new
 * database file, before it replaces the old one).
 */
export async function buildParticipationAggregates(conn: DuckDBConnection): Promise<void> {
	await conn.run('BEGIN TRANSACTION');
	try {
		await conn.run(AGGREGATE_SCHEMA_SQL);
		for (const sql of BUILD_SQL) await conn.run(sql);
		await conn.run('COMMIT');
	} catch (err) {
		await conn.run('ROLLBACK');
		throw err;
	}
}

// ------------------------------------------------------------------------------------------------------------
// Read per request

/** The four parameters MEETING_FILTER_SQL binds (DuckDB refuses parameters a statement does not use). */
export function meetingParams(f: Filters) {
	const { bodies, from, to, online } = filterParams(f);
	return { bodies, from, to, online };
}

/** Meeting parameters plus the two PARTICIPANT_FILTER_SQL binds. */
export function participantParams(f: Filters) {
	const { region, category } = filterParams(f);
	return { ...meetingParams(f), region, category };
}

/** CTE `mt`: the reported meetings that pass the meeting filters. */
export const MEETINGS_CTE = `mt AS (SELECT * FROM reported_meeting m WHERE ${MEETING_FILTER_SQL})`;

/** CTE `mt` holding only the latest `$limit` of them (the tail of the date order every table shows). */
export const LATEST_MEETINGS_CTE = `mt AS (
	SELECT * FROM reported_meeting m WHERE ${MEETING_FILTER_SQL} ORDER BY ord DESC LIMIT $limit::INTEGER
)`;

/** The participants a view keeps, over `meeting_participation` or `meeting_group_count` aliased `p`. */
export const PARTICIPANT_FILTER_SQL = `($region::VARCHAR IS NULL OR p.regional_group = $region::VARCHAR)
	AND ($category::VARCHAR IS NULL OR p.category = $category::VARCHAR)`;

/** The meetings CTE and parameters with the participant filters: every meeting in view, or the latest `limit`. */
export function meetingsCte(f: Filters, limit?: number) {
	return limit === undefined
		? { cte: MEETINGS_CTE, params: participantParams(f) }
		: { cte: LATEST_MEETINGS_CTE, params: { ...participantParams(f), limit } };
}

/** The same without the participant filters, for queries that count meetings only. */
export function meetingsOnlyCte(f: Filters, limit?: number) {
	return limit === undefined
		? { cte: MEETINGS_CTE, params: meetingParams(f) }
		: { cte: LATEST_MEETINGS_CTE, params: { ...meetingParams(f), limit } };
}

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

/** `reported_meeting` columns as a ReportedMeeting (over `mt`). */
export const REPORTED_MEETING_SQL = `mt.id AS meetingId, mt.label, mt.body_code AS body, mt.start_date AS startDate,
	mt.end_date AS endDate, mt.year, mt.venue, mt.format, mt.document_id AS documentId, mt.source`;

/** The meetings with a report that pass the meeting filters, in date order. */
export async function reportedMeetings(f: Filters): Promise<ReportedMeeting[]> {
	return query<ReportedMeeting>(
		`WITH ${MEETINGS_CTE} SELECT ${REPORTED_MEETING_SQL} FROM mt ORDER BY mt.ord`,
		meetingParams(f)
	);
}

/**
 * A figure's source line: every report it was counted from, or, beyond MAX_MEETINGS_PER_CHART reports, how many and
 * over which years (the data names the meeting of every row). `sources` holds the first of `count` in date order.
 */
export function sourceLine(
	sources: readonly string[],
	count: number,
	firstYear: number | null,
	lastYear: number | null
): string[] {
	if (count <= MAX_MEETINGS_PER_CHART) return [...sources];
	const span = firstYear !== null && lastYear !== null ? `, ${firstYear}–${lastYear}` : '';
	return [`${count} reports${span} (the data names the meeting of each row)`];
}

/** The source line of a figure drawn from `meetings` (in date order). */
export function sourcesOf(meetings: readonly Pick<ReportedMeeting, 'source' | 'year'>[]): string[] {
	const sources = [...new Set(meetings.map((m) => m.source))];
	const years = meetings.map((m) => m.year).filter((y): y is number => y !== null);
	return sourceLine(
		sources.slice(0, MAX_MEETINGS_PER_CHART),
		sources.length,
		years.length ? Math.min(...years) : null,
		years.length ? Math.max(...years) : null
	);
}

/**
 * The meetings of a view, as much as a request needs of them: how many, the source line over all of them, and
 * the latest `latest` in date order (all of them when `latest` is null or there are no more). One query, whatever the corpus size;
 * at 5,000 documents, reading every meeting as objects cost more than the figure it served.
 */
export interface MeetingsInView {
	count: number;
	sources: string[];
	latest: ReportedMeeting[];
}

export async function meetingsInView(f: Filters, latest: number | null): Promise<MeetingsInView> {
	const [row] = await query<{
		count: number;
		sourceCount: number;
		sources: string[] | null;
		firstYear: number | null;
		lastYear: number | null;
		latest: ReportedMeeting[] | null;
	}>(
		`WITH ${MEETINGS_CTE},
		firsts AS (SELECT source, min(ord) AS first FROM mt GROUP BY source)
		SELECT (SELECT count(*) FROM mt)::INTEGER AS count,
		       (SELECT count(*) FROM firsts)::INTEGER AS sourceCount,
		       (SELECT list(source ORDER BY first)
		          FROM (SELECT * FROM firsts ORDER BY first LIMIT $named::INTEGER)) AS sources,
		       (SELECT min(year) FROM mt)::INTEGER AS firstYear,
		       (SELECT max(year) FROM mt)::INTEGER AS lastYear,
		       (SELECT list({meetingId: id, label: label, body: body_code, startDate: start_date,
		                     endDate: end_date, year: year, venue: venue, format: format,
		                     documentId: document_id, source: source} ORDER BY ord)
		          FROM (SELECT * FROM mt ORDER BY ord DESC LIMIT $latest::INTEGER)) AS latest`,
		{ ...meetingParams(f), named: MAX_MEETINGS_PER_CHART, latest }
	);
	return {
		count: row?.count ?? 0,
		sources: sourceLine(
			row?.sources ?? [],
			row?.sourceCount ?? 0,
			row?.firstYear ?? null,
			row?.lastYear ?? null
		),
		latest: row?.latest ?? []
	};
}

/** Body codes in the database, read once per corpus version (every request validates `?body=` against them). */
export function bodiesInDatabase(): Promise<string[]> {
	return memoByCorpus('known bodies', null, knownBodies);
}

/** The corpus version's label, read once per corpus version. */
export async function corpusLabel(): Promise<string> {
	return (await memoByCorpus('corpus version', null, corpusVersion)).label;
}
