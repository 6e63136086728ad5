/**
 * What a careful reader checks before trusting a chart (/data, /api/data/<dataset>): which files the
 * database was built from and what each yielded, what the parser could not read, which names did not
 * resolve against the reference table, and which meetings lack the records most charts count.
 */
import { query, queryJson, type JsonRows } from '../db';
import { DOCUMENT_LABEL_SQL } from './corpus';
import { memoByCorpus } from './countries';

export interface IngestedDocument {
	id: string;
	fileName: string;
	kind: string;
	/** Symbol, or title and distribution date. */
	document: string;
	/** First 12 hex digits of the file's sha256: enough to tell two versions of a file apart. */
	sha256: string;
	bytes: number;
	/** UTC, `YYYY-MM-DD HH:MM:SS`. */
	parsedAt: string;
	/** Meeting ids, comma-separated (two for a joint report). */
	meetings: string;
	paragraphs: number;
	agendaItems: number;
	chairs: number;
	/** Rows of `attendance`: a joint report's list is stored once per meeting, so counted twice here. */
	attendance: number;
	statements: number;
	panellists: number;
	recommendations: number;
	documentsBefore: number;
	citedDocuments: number;
	warnings: number;
}

/** Every ingested document with the rows it yielded per table, by file name. */
export function ingestedDocuments(): Promise<IngestedDocument[]> {
	return memoByCorpus('ingestedDocuments', null, () => query<IngestedDocument>(ingestedDocumentsSql()));
}

/** The same rows as JSON written by DuckDB, for /api/data (see queryJson) with the document of each row. */
export function ingestedDocumentsJson(): Promise<JsonRows> {
	return memoByCorpus('ingestedDocumentsJson', null, () =>
		queryJson(ingestedDocumentsSql(), undefined, 'document')
	);
}

function ingestedDocumentsSql(): string {
	// Every table's rows tagged and counted in one grouping by document, the per-meeting tables joined to meeting
	// once for all of them. Ten grouped subqueries, each joined to meeting and then to document, held their hash
	// tables and scans at once: Out of Memory under a 96MB DuckDB limit at 1,000x, where this runs in 48MB.
	const perMeeting = [
		'agenda_item',
		'chair',
		'attendance',
		'statement',
		'panellist',
		'recommendation',
		'document_before'
	];
	const perDocument = ['paragraph', 'cited_document', 'parse_warning'];
	const n = (table: string) => `coalesce(c.${table}, 0)`;
	return `WITH by_meeting AS (
			${perMeeting.map((t) => `SELECT meeting_id, '${t}' AS t FROM ${t}`).join('\n\t\t\tUNION ALL ')}
		), rows_of AS (
			SELECT m.document_id, r.t FROM by_meeting r JOIN meeting m ON m.id = r.meeting_id
			UNION ALL ${perDocument.map((t) => `SELECT document_id, '${t}' AS t FROM ${t}`).join('\n\t\t\tUNION ALL ')}
		), counts AS (
			SELECT document_id,
			       ${[...perDocument, ...perMeeting].map((t) => `count(*) FILTER (WHERE t = '${t}')::INTEGER AS ${t}`).join(',\n\t\t\t       ')}
			  FROM rows_of GROUP BY document_id
		)
		SELECT d.id, d.file_name AS "fileName", d.kind, ${DOCUMENT_LABEL_SQL} AS document,
		        left(d.sha256, 12) AS sha256, d.bytes, strftime(d.parsed_at, '%Y-%m-%d %H:%M:%S') AS "parsedAt",
		        coalesce(mt.ids, '') AS meetings,
		        ${n('paragraph')} AS paragraphs, ${n('agenda_item')} AS "agendaItems", ${n('chair')} AS chairs,
		        ${n('attendance')} AS attendance, ${n('statement')} AS statements, ${n('panellist')} AS panellists,
		        ${n('recommendation')} AS recommendations, ${n('document_before')} AS "documentsBefore",
		        ${n('cited_document')} AS "citedDocuments", ${n('parse_warning')} AS warnings
		   FROM document d
		   LEFT JOIN (SELECT document_id, string_agg(id, ', ' ORDER BY start_date, body_code) AS ids
		                FROM meeting GROUP BY document_id) mt ON mt.document_id = d.id
		   LEFT JOIN counts c ON c.document_id = d.id
		  ORDER BY d.file_name`;
}

export interface ParseWarningRow {
	documentId: string;
	fileName: string;
	document: string;
	message: string;
}

/** What the parser or the ingest could not make sense of, per document, in the order it was found. */
export function parseWarnings(): Promise<ParseWarningRow[]> {
	return memoByCorpus('parseWarnings', null, () => query<ParseWarningRow>(parseWarningsSql()));
}

/** The same rows as JSON written by DuckDB, for /api/data (see queryJson) with the document of each row. */
export function parseWarningsJson(): Promise<JsonRows> {
	return memoByCorpus('parseWarningsJson', null, () => queryJson(parseWarningsSql(), undefined, 'document'));
}

function parseWarningsSql(): string {
	return `SELECT d.id AS "documentId", d.file_name AS "fileName", ${DOCUMENT_LABEL_SQL} AS document, w.message
		   FROM parse_warning w JOIN document d ON d.id = w.document_id
		  ORDER BY d.file_name, w.sort_order`;
}

export interface UnresolvedNameRow {
	/** The name as the report prints it. */
	name: string;
	meetingId: string;
	paragraph: string | null;
	/** Which records hold it there: attendance, statement, panellist's country, chair's country. */
	records: string;
	/** Occurrences at this meeting and paragraph. */
	times: number;
	/** Occurrences of the name anywhere in the corpus. */
	total: number;
}

/**
 * Names that did not resolve against the reference table, one row per meeting and paragraph where
 * they appear; names seen most often first, since one alias fixes them all.
 */
export function unresolvedNames(): Promise<UnresolvedNameRow[]> {
	return memoByCorpus('unresolvedNames', null, () => query<UnresolvedNameRow>(unresolvedNamesSql()));
}

/** The same rows as JSON written by DuckDB, for /api/data (see queryJson). */
export function unresolvedNamesJson(): Promise<JsonRows> {
	return memoByCorpus('unresolvedNamesJson', null, () => queryJson(unresolvedNamesSql()));
}

function unresolvedNamesSql(): string {
	return `WITH u AS (
			SELECT meeting_id, name_as_written AS name, 'attendance' AS record, paragraph
			  FROM attendance WHERE entity_id IS NULL
			UNION ALL
			SELECT meeting_id, speaker_as_written, 'statement', paragraph FROM statement WHERE entity_id IS NULL
			UNION ALL
			SELECT meeting_id, country, 'panellist country', paragraph
			  FROM panellist WHERE entity_id IS NULL AND country IS NOT NULL
			UNION ALL
			SELECT meeting_id, country, 'chair country', paragraph
			  FROM chair WHERE entity_id IS NULL AND country IS NOT NULL
		)
		SELECT name, meeting_id AS "meetingId", paragraph,
		       string_agg(DISTINCT record, ', ' ORDER BY record) AS records,
		       count(*)::INTEGER AS times,
		       (sum(count(*)) OVER (PARTITION BY name))::INTEGER AS total
		  FROM u
		 GROUP BY name, meeting_id, paragraph
		 ORDER BY total DESC, name, meeting_id, TRY_CAST(paragraph AS INTEGER) NULLS LAST, paragraph`;
}

export interface IncompleteMeetingRow {
	id: string;
	body: string;
	startDate: string | null;
	kind: string;
	document: string;
	attendance: number;
	statements: number;
	/** Why the gap is (or is not) expected. */
	note: string;
}

/**
 * Meetings with no attendance or no statements recorded. Expected for a provisional agenda; for a
 * report it means a sentence of a shape the parser does not read (see README, "The parser").
 */
export function meetingsLackingRecords(): Promise<IncompleteMeetingRow[]> {
	return memoByCorpus('meetingsLackingRecords', null, () =>
		query<IncompleteMeetingRow>(meetingsLackingRecordsSql())
	);
}

/** The same rows as JSON written by DuckDB, for /api/data (see queryJson) with the document of each row. */
export function meetingsLackingRecordsJson(): Promise<JsonRows> {
	return memoByCorpus('meetingsLackingRecordsJson', null, () =>
		queryJson(meetingsLackingRecordsSql(), undefined, 'document')
	);
}

function meetingsLackingRecordsSql(): string {
	return `WITH c AS (
			SELECT m.id, m.body_code, m.start_date, d.kind, ${DOCUMENT_LABEL_SQL} AS document,
			       (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id)::INTEGER AS attendance,
			       (SELECT count(*) FROM statement s WHERE s.meeting_id = m.id)::INTEGER AS statements
			  FROM meeting m JOIN document d ON d.id = m.document_id
		)
		SELECT id, body_code AS body, strftime(start_date, '%Y-%m-%d') AS "startDate", kind, document,
		       attendance, statements,
		       CASE WHEN kind = 'provisional_agenda' THEN 'expected: a provisional agenda is written before the meeting'
		            WHEN attendance = 0 AND statements = 0 THEN 'no attendance and no statements read from the report'
		            WHEN attendance = 0 THEN 'no attendance read from the report'
		            ELSE 'no statements read from the report' END AS note
		  FROM c
		 WHERE attendance = 0 OR statements = 0
		 ORDER BY start_date NULLS LAST, body_code, id`;
}
