/**
 * The participation aggregates, built at ingest (see index.ts for what they are for and schema.ts for the
 * tables). This file is imported by the ingest, which runs outside the app (`npm run ingest`, before any
 * build), so it imports nothing but DuckDB and the schema.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { AGGREGATE_SCHEMA_SQL } from '../schema';

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
	// first statement (these columns are never NULL, so arg_min gives the first row's value, cheaper than an
	// ordered first()). Rows are stored in meeting order, so a request for the latest meetings skips most row
	// groups.
	`INSERT INTO meeting_participation
	WITH mt AS (SELECT ord, id FROM reported_meeting),
	att AS (
		SELECT mt.ord, a.meeting_id, coalesce(a.entity_id, '?' || a.name_as_written) AS who,
		       arg_min(a.category, a.sort_order) AS category,
		       arg_min(a.name_as_written, a.sort_order) AS written
		  FROM attendance a JOIN mt ON mt.id = a.meeting_id
		 GROUP BY ALL
	), spk AS (
		SELECT mt.ord, s.meeting_id, coalesce(s.entity_id, '?' || s.speaker_as_written) AS who,
		       arg_min(s.speaker_as_written, s.sort_order) AS written, count(*) AS statements
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
	 ORDER BY ord`,
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
