/**
 * `followup_summary`: one row per recommendation with what the list of recommendations filters and sorts on,
 * summed from the derived tables (followup_link, topic_assignment) before any curator's decision: counted and
 * possible links, the latest meeting with counted evidence, the status the rules give, its topics, and a key
 * that sorts labels as people number them ("9" before "10", "A (b)" before "B (a)").
 *
 * Why a table: at 1,000× the corpus (80,000 recommendations, millions of links) summing the links takes about a
 * second, which a derivation can afford and a page view cannot; with the table a page reads one row per
 * recommendation and the database pages, filters and sorts. Curators' decisions are folded over it at request
 * time (queries/followup.ts passes the few recommendations they touched as a parameter), so the table never
 * holds a decision and a re-derivation loses none.
 *
 * `writeFollowupSummary(conn)` builds it (and an index for looking links up by recommendation) from the
 * derived tables on a writable connection, after followup_link and topic_assignment are written. Without the
 * table, `followupSummarySql` gives the same rows as a subquery, so an older database is right, only slower.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MIN_LINK_SCORE } from '../followup/linker';
import { STATUS_RULES } from '../followup/status';

export const FOLLOWUP_SUMMARY_TABLE = 'followup_summary';

/** A code constant as an SQL string literal; only plain identifiers reach here, never request values. */
function literal(v: string): string {
	if (!/^[a-z_-]+$/.test(v)) throw new Error(`not a plain constant: ${v}`);
	return `'${v}'`;
}

/** Natural sort key of `r.label`: digit runs padded, so "Recommendation 9" < "Recommendation 10". */
export const LABEL_KEY_SQL = `array_to_string(list_transform(regexp_extract_all(lower(r.label), '[0-9]+|[^0-9]+'),
	lambda x: CASE WHEN regexp_full_match(x, '[0-9]+') THEN lpad(x, 12, '0') ELSE x END), '')`;

/** The status rules (src/lib/followup/status.ts) over the per-rule counts `k.rule<i>`, strongest first. */
const STATUS_CASE_SQL = `CASE ${STATUS_RULES.map(
	(rule, i) => `WHEN coalesce(k.rule${i}, 0) > 0 THEN ${literal(rule.status)}`
).join(' ')} ELSE 'no-trace' END`;

const RULE_COUNTS_SQL = STATUS_RULES.map(
	(rule, i) =>
		`count(*) FILTER (WHERE l.score >= $min AND l.kind IN (${rule.kinds.map(literal).join(', ')})) AS rule${i}`
).join(',\n\t\t       ');

/**
 * The summary's rows as a SELECT with one parameter, `$min` (MIN_LINK_SCORE). `derived` false: the database
 * has no derived tables, so every recommendation has no link, no topic and no trace yet.
 */
export function followupSummarySql(derived: boolean): string {
	if (!derived)
		return `SELECT r.id, 0 AS counted, 0 AS possible, NULL::VARCHAR AS last_trace, 'no-trace' AS status,
		        []::VARCHAR[] AS topic_ids, '' AS topics, ${LABEL_KEY_SQL} AS label_key
		   FROM recommendation r WHERE $min::DOUBLE IS NOT NULL`;
	// Links to a meeting that is not in the database are not counted (a page could not show them).
	return `SELECT r.id, coalesce(k.counted, 0)::INTEGER AS counted, coalesce(k.possible, 0)::INTEGER AS possible,
	        k.last_trace, ${STATUS_CASE_SQL} AS status,
	        coalesce(t.topic_ids, []::VARCHAR[]) AS topic_ids, coalesce(t.topics, '') AS topics,
	        ${LABEL_KEY_SQL} AS label_key
	   FROM recommendation r
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
 * Write `followup_summary` and an index on followup_link(from_id) from the derived tables (call after they
 * are written, in the same transaction). About a second at 1,000×.
 */
export async function writeFollowupSummary(conn: DuckDBConnection): Promise<void> {
	await conn.run(
		`CREATE OR REPLACE TABLE ${FOLLOWUP_SUMMARY_TABLE} AS ${followupSummarySql(true)} ORDER BY r.id`,
		{ min: MIN_LINK_SCORE }
	);
	// A recommendation's page and the links export read links by recommendation.
	await conn.run(`CREATE INDEX IF NOT EXISTS followup_link_from_id ON followup_link (from_id)`);
}
