/**
 * `recommendation_followup`: one row per recommendation with everything the list of recommendations shows,
 * filters and sorts on, before any curator's decision: the recommendation and its meeting, its place in
 * document order (`pos`), counted and possible links, the latest meeting with counted evidence, the status the
 * rules give, its topics, and a key that sorts labels as people number them ("9" before "10").
 *
 * Why a table: at 1,000× the corpus (80,000 recommendations, millions of links) summing the links takes seconds,
 * which a derivation can afford and a page view cannot; with the table a page reads one table in document order
 * and the database filters, sorts and cuts it (DuckDB then reads the text of the rows it returns only). Curators'
 * decisions are folded over it at request time (queries/followup.ts passes the few recommendations they touched
 * as a parameter), so the table never holds a decision and a re-derivation loses none.
 *
 * The table also numbers the links in document order (`links_before`: the links, counted and possible, of the
 * recommendations before this one), so that a page of the list of every link is a range of it, not a running sum
 * over every recommendation at each request.
 *
 * `writeRecommendationFollowup(conn)` builds it (and an index for reading one recommendation's links) from the
 * corpus and derived tables on a writable connection, after followup_link and topic_assignment are written.
 * Without the table, `recommendationFollowupSql` gives the same rows as a subquery: an older database is
 * right, only slower.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MIN_LINK_SCORE } from '../followup/linker';
import { STATUS_RULES } from '../followup/status';

export const RECOMMENDATION_FOLLOWUP_TABLE = 'recommendation_followup';

/** A code constant as an SQL string literal; only plain identifiers reach here, never request values. */
function literal(v: string): string {
	if (!/^[a-z_-]+$/.test(v)) throw new Error(`not a plain constant: ${v}`);
	return `'${v}'`;
}

/** Natural sort key of `r.label`: digit runs padded, so "Recommendation 9" < "Recommendation 10". */
const LABEL_KEY_SQL = `array_to_string(list_transform(regexp_extract_all(lower(r.label), '[0-9]+|[^0-9]+'),
	lambda x: CASE WHEN regexp_full_match(x, '[0-9]+') THEN lpad(x, 12, '0') ELSE x END), '')`;

/** The status rules (src/lib/followup/status.ts) over the per-rule counts `k.rule<i>`, strongest first. */
const STATUS_CASE_SQL = `CASE ${STATUS_RULES.map(
	(rule, i) => `WHEN coalesce(k.rule${i}, 0) > 0 THEN ${literal(rule.status)}`
).join(' ')} ELSE 'no-trace' END`;

const RULE_COUNTS_SQL = STATUS_RULES.map(
	(rule, i) =>
		`count(*) FILTER (WHERE l.score >= $min AND l.kind IN (${rule.kinds.map(literal).join(', ')})) AS rule${i}`
).join(',\n\t\t       ');

/** Document order: meeting date (undated last), body, place in the report. */
const POS_SQL = `row_number() OVER (ORDER BY m.start_date ASC NULLS LAST, m.body_code, r.sort_order, r.id)::INTEGER`;

const REC_COLUMNS_SQL = `${POS_SQL} AS pos, r.id, r.meeting_id, m.document_id, m.body_code AS body, m.start_date,
	        strftime(m.start_date, '%Y-%m-%d') AS date, m.year::INTEGER AS year, r.sort_order::INTEGER AS sort_order,
	        r.label, ${LABEL_KEY_SQL} AS label_key, r.kind, r.strength, coalesce(r.addressees, []::VARCHAR[]) AS addressees,
	        r.text`;

/** The rows before `label_rank`; see recommendationFollowupSql. */
function rowsSql(derived: boolean): string {
	if (!derived)
		return `SELECT ${REC_COLUMNS_SQL}, 0 AS counted, 0 AS possible, NULL::VARCHAR AS last_trace,
		        'no-trace' AS status, []::VARCHAR[] AS topic_ids, '' AS topics
		   FROM recommendation r JOIN meeting m ON m.id = r.meeting_id
		  WHERE $min::DOUBLE IS NOT NULL`;
	// Links to a meeting that is not in the database are not counted (a page could not show them).
	return `SELECT ${REC_COLUMNS_SQL}, coalesce(k.counted, 0)::INTEGER AS counted,
	        coalesce(k.possible, 0)::INTEGER AS possible, k.last_trace, ${STATUS_CASE_SQL} AS status,
	        coalesce(t.topic_ids, []::VARCHAR[]) AS topic_ids, coalesce(t.topics, '') AS topics
	   FROM recommendation r
	   JOIN meeting m ON m.id = r.meeting_id
	   LEFT JOIN (
		SELECT l.from_id, count(*) FILTER (WHERE l.score >= $min) AS counted,
		       count(*) FILTER (WHERE l.score < $min) AS possible,
		       strftime(max(m.start_date) FILTER (WHERE l.score >= $min), '%Y-%m-%d') AS last_trace,
		       ${RULE_COUNTS_SQL}
		  FROM followup_link l JOIN meeting m ON m.id = l.to_meeting_id
		 GROUP BY l.from_id
	   ) k ON k.from_id = r.id
	   LEFT JOIN (
		SELECT substr(a.unit_key, 3) AS id,
		       list(a.topic_id ORDER BY a.score DESC, t.sort_order, a.topic_id) AS topic_ids,
		       string_agg(coalesce(t.name, a.topic_id), '; ' ORDER BY a.score DESC, t.sort_order, a.topic_id) AS topics
		  FROM topic_assignment a LEFT JOIN topic t ON t.id = a.topic_id
		 WHERE a.unit_kind = 'recommendation'
		 GROUP BY 1
	   ) t ON t.id = r.id`;
}

/**
 * The rows as a SELECT with one parameter, `$min` (MIN_LINK_SCORE). `derived` false: the database has no
 * derived tables, so every recommendation has no link, no topic and no trace yet. `label_rank` ranks the labels
 * (equal labels share a rank), so that sorting by label is sorting integers.
 */
export function recommendationFollowupSql(derived: boolean): string {
	return `SELECT *, dense_rank() OVER (ORDER BY label_key)::INTEGER AS label_rank FROM (${rowsSql(derived)})`;
}

/** The column numbering the links in document order; a table written before it has none. */
export const LINKS_BEFORE_COLUMN = 'links_before';

/**
 * Write `recommendation_followup` (rows in document order) and an index on followup_link(from_id) from the
 * corpus and derived tables: call after followup_link and topic_assignment are written, in the same
 * transaction. Seconds at 1,000×.
 */
export async function writeRecommendationFollowup(conn: DuckDBConnection): Promise<void> {
	await conn.run(
		`CREATE OR REPLACE TABLE ${RECOMMENDATION_FOLLOWUP_TABLE} AS
		 SELECT *, coalesce(sum(counted + possible) OVER (ORDER BY pos ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
		                    0)::BIGINT AS ${LINKS_BEFORE_COLUMN}
		   FROM (${recommendationFollowupSql(true)}) ORDER BY pos`,
		{ min: MIN_LINK_SCORE }
	);
	// A recommendation's own links (its page, a curator's form) are read by an index lookup: about 2 ms among 2
	// million links, where a scan takes 15 or more.
	await conn.run(`CREATE INDEX IF NOT EXISTS followup_link_from_id ON followup_link (from_id)`);
}
