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

/** Write the aggregate tables from `topic_assignment` and `meeting` (inside the caller's transaction). */
export async function buildTopicAggregates(conn: DuckDBConnection): Promise<void> {
	await conn.run(`CREATE OR REPLACE TABLE topic_group AS ${GROUP_SQL} ORDER BY g`);
	await conn.run(`CREATE OR REPLACE TABLE topic_group_place AS ${PLACE_SQL('topic_group')} ORDER BY g`);
}
