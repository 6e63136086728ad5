/**
 * Topic aggregates: the counts and summed relevance behind the topic figures (share by year, topic × body,
 * texts per topic), computed once when the derived tables are written (`writeDerived` in derive.ts) instead of
 * on every page view.
 *
 * Why groups and places rather than counts per body and year: a text of a joint report belongs to each of its
 * meetings, and the figures count it once per year, once per body, and once in a topic's total, whatever
 * bodies and years the reader filters on. So the texts of a topic are grouped by the set of (body, year)
 * places they belong to (one place for nearly every text): `topic_group` holds, per group, how many texts and
 * their summed relevance; `topic_group_place` the group's places. A filter selects the places; a group counts
 * once per distinct year (or body, or both) among its selected places, which is exactly what counting distinct
 * texts over the texts × meetings expansion gives. There are at most topics × kinds × places groups (some
 * thousands at 1,000× the corpus), whatever the number of texts.
 *
 * `topic_assignment` holds one row per (text, topic) (derive.ts), so a text's score is one value.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DOCUMENT_LABEL_SQL } from './schema';

/** The tables written here; a database derived before they existed lacks them (see `TOPIC_AGGREGATES_CTE`). */
export const TOPIC_AGGREGATE_TABLES = ['topic_group', 'topic_group_place'] as const;

/**
 * Texts × meetings: joint text (meeting_id NULL) belongs to every meeting of its document. Two equi-joins, not
 * one join on `a.meeting_id = m.id OR (a.meeting_id IS NULL AND ...)`, which DuckDB can only run as a nested
 * loop (meetings × assignments).
 */
export const TOPIC_EXPANDED_SQL = `
	SELECT a.*, m.id AS m_id, m.body_code AS m_body, m.year::INTEGER AS m_year
	  FROM topic_assignment a JOIN meeting m ON m.id = a.meeting_id
	UNION ALL
	SELECT a.*, m.id, m.body_code, m.year::INTEGER
	  FROM topic_assignment a JOIN meeting m ON m.document_id = a.document_id
	 WHERE a.meeting_id IS NULL`;

const UNITS_SQL = `
	SELECT topic_id, unit_kind, unit_key, any_value(score) AS score,
	       list(DISTINCT {'body': m_body, 'year': m_year}) AS places
	  FROM (${TOPIC_EXPANDED_SQL})
	 GROUP BY topic_id, unit_kind, unit_key`;

// The list of places is sorted so that equal sets compare equal whatever order the rows came in.
const GROUP_SQL = `
	SELECT row_number() OVER (ORDER BY topic_id, unit_kind, places)::INTEGER AS g, topic_id, unit_kind, places,
	       count(*)::INTEGER AS texts, sum(score)::DOUBLE AS weight
	  FROM (SELECT topic_id, unit_kind, score, list_sort(places) AS places FROM (${UNITS_SQL}))
	 GROUP BY topic_id, unit_kind, places`;

const PLACE_SQL = (groups: string) => `
	SELECT DISTINCT g, p.body AS body, p.year AS year
	  FROM (SELECT g, unnest(places) AS p FROM ${groups})`;

/**
 * The same two relations as common table expressions, for a database derived before the tables existed: the
 * queries then run unchanged, only slower (they aggregate every request).
 */
export const TOPIC_AGGREGATES_CTE = `
	topic_group AS (${GROUP_SQL}),
	topic_group_place AS (${PLACE_SQL('topic_group')})`;

/**
 * `topic_text`: every text of every topic with what its page lists (text, source, relevance, meeting), in the
 * order the topic page and `/api/topics/<id>` list them: recommendations, then agenda items, by meeting date
 * and place in the report; then paragraphs, most relevant first, then by date and place. `seq` numbers a
 * text within its topic and kind, `pos` within its topic across the kinds (the API's order); the table is
 * stored sorted by topic and `pos`, so a page of a topic is a range of rows that DuckDB finds by its zone maps
 * instead of joining 400,000 assignments to the meetings and the texts on every request (40 ms at 1,000×).
 *
 * The text is copied in: a page's rows then lie together. Looking them up in `paragraph` costs a scan of
 * that table (35 ms at 1,000×), and its rowids are not stable enough to store (a checkpoint may compact a
 * table after an ingest deleted rows from it).
 *
 * `meeting_id`, `body`, `date` and `year` are those of the text's first meeting by id and `bodies` all its
 * bodies: what the lists show without a filter. A joint report's text belongs to each of its meetings
 * (`meetings`, by id); under a body or year filter the queries choose among them (queries/topics.ts).
 * Ties in the order are broken by the text's key, so the order is the same on every run.
 */
export const TOPIC_TEXT_TABLE = 'topic_text';

const TOPIC_TEXT_SQL = `
	WITH dm AS (
		SELECT document_id,
		       list({'id': id, 'body': body_code, 'year': year::INTEGER, 'start_date': start_date} ORDER BY id) AS meetings
		  FROM meeting GROUP BY document_id),
	u AS (
		SELECT a.topic_id, a.unit_kind, a.unit_key, a.document_id, a.score, a.paragraph, a.paragraph_order, a.label,
		       a.item, a.matched,
		       CASE WHEN a.meeting_id IS NULL THEN dm.meetings
		            ELSE [{'id': m.id, 'body': m.body_code, 'year': m.year::INTEGER, 'start_date': m.start_date}]
		       END AS meetings
		  FROM topic_assignment a
		  -- An equi-join for every row: joining only the joint ones (ON a.meeting_id IS NULL AND ...) is a
		  -- nested loop.
		  JOIN dm ON dm.document_id = a.document_id
		  LEFT JOIN meeting m ON m.id = a.meeting_id),
	t AS (
		SELECT u.*, r.id AS rec_id, r.sort_order AS text_order, r.text
		  FROM u JOIN recommendation r ON r.id = substr(u.unit_key, 3)
		 WHERE u.unit_kind = 'recommendation'
		UNION ALL BY NAME
		SELECT u.*, NULL AS rec_id, ai.sort_order AS text_order, ai.title AS text
		  FROM u JOIN agenda_item ai ON ai.meeting_id = u.meetings[1].id AND ai.number = u.item
		 WHERE u.unit_kind = 'agenda_item'
		UNION ALL BY NAME
		SELECT u.*, NULL AS rec_id, pa.sort_order AS text_order, pa.text
		  FROM u JOIN paragraph pa ON pa.document_id = u.document_id AND pa.sort_order = u.paragraph_order
		 WHERE u.unit_kind = 'paragraph'),
	k AS (
		SELECT t.*, ${DOCUMENT_LABEL_SQL} AS source,
		       (row_number() OVER (PARTITION BY t.topic_id ORDER BY ${topicTextOrder('t', 't.meetings[1].start_date', 't.unit_key')}) - 1)::INTEGER AS pos
		  FROM t JOIN document d ON d.id = t.document_id),
	b AS (SELECT topic_id, unit_kind, min(pos) AS base FROM k GROUP BY ALL)
	SELECT k.topic_id, k.unit_kind, (k.pos - b.base)::INTEGER AS seq, k.pos,
	       k.meetings[1].id AS meeting_id, k.meetings[1].body AS body,
	       array_to_string(list_sort(list_distinct([m.body FOR m IN k.meetings])), ', ') AS bodies,
	       strftime(k.meetings[1].start_date, '%Y-%m-%d') AS date, k.meetings[1].year AS year,
	       k.paragraph, k.paragraph_order, k.label, k.item, k.rec_id, k.score, k.matched, k.source, k.text,
	       k.unit_key, k.text_order, k.meetings
	  FROM k JOIN b USING (topic_id, unit_kind)
	 ORDER BY k.topic_id, k.pos`;

/**
 * The order of a topic's texts, over a relation aliased `t` with `unit_kind`, `score` and `text_order`, given
 * the meeting date it lists them under and the last tie-break: the one definition the table and the queries
 * under a filter share.
 */
export function topicTextOrder(t: string, startDate: string, tieBreak: string): string {
	return `CASE ${t}.unit_kind WHEN 'recommendation' THEN 0 WHEN 'agenda_item' THEN 1 ELSE 2 END,
	        CASE ${t}.unit_kind WHEN 'paragraph' THEN -${t}.score END, ${startDate}, ${t}.text_order, ${tieBreak}`;
}

/** Write `topic_text` from the assignments and the corpus tables (inside the caller's transaction). */
export async function buildTopicTexts(conn: DuckDBConnection): Promise<void> {
	await conn.run(`CREATE OR REPLACE TABLE ${TOPIC_TEXT_TABLE} AS ${TOPIC_TEXT_SQL}`);
}

/** Write the aggregate tables from `topic_assignment` and `meeting` (inside the caller's transaction). */
export async function buildTopicAggregates(conn: DuckDBConnection): Promise<void> {
	await conn.run(`CREATE OR REPLACE TABLE topic_group AS ${GROUP_SQL} ORDER BY g`);
	await conn.run(`CREATE OR REPLACE TABLE topic_group_place AS ${PLACE_SQL('topic_group')} ORDER BY g`);
}
