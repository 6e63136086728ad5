/**
 * The tables of /data as Datasets, by the name /api/data/<name> serves them under. The page renders the
 * same objects, so what it shows and what downloads are the same rows.
 */
import type { Column } from '$lib/export/csv';
import type { JsonRows } from '$lib/server/db';
import { datasetFormat, datasetJsonResponse, datasetResponse, type Dataset } from '$lib/server/dataset';
import {
	ingestedDocuments,
	ingestedDocumentsJson,
	meetingsLackingRecords,
	meetingsLackingRecordsJson,
	parseWarnings,
	parseWarningsJson,
	unresolvedNames,
	unresolvedNamesJson,
	type IncompleteMeetingRow,
	type IngestedDocument,
	type ParseWarningRow,
	type UnresolvedNameRow
} from '$lib/server/queries/data-quality';

const DOCUMENT_COLUMNS: Column<IngestedDocument>[] = [
	{ key: 'fileName', label: 'File' },
	{ key: 'kind', label: 'Kind' },
	{ key: 'document', label: 'Symbol or title' },
	{ key: 'sha256', label: 'SHA-256 (first 12)' },
	{ key: 'bytes', label: 'Bytes', align: 'right' },
	{ key: 'parsedAt', label: 'Parsed at (UTC)' },
	{ key: 'meetings', label: 'Meetings' },
	{ key: 'paragraphs', label: 'Paragraphs', align: 'right' },
	{ key: 'agendaItems', label: 'Agenda items', align: 'right' },
	{ key: 'chairs', label: 'Chairs', align: 'right' },
	{ key: 'attendance', label: 'Attendance', align: 'right' },
	{ key: 'statements', label: 'Statements', align: 'right' },
	{ key: 'panellists', label: 'Panellists', align: 'right' },
	{ key: 'recommendations', label: 'Recommendations', align: 'right' },
	{ key: 'documentsBefore', label: 'Documents before', align: 'right' },
	{ key: 'citedDocuments', label: 'Cited symbols', align: 'right' },
	{ key: 'warnings', label: 'Warnings', align: 'right' }
];

const WARNING_COLUMNS: Column<ParseWarningRow>[] = [
	{ key: 'fileName', label: 'File' },
	{ key: 'message', label: 'Warning' }
];

const UNRESOLVED_COLUMNS: Column<UnresolvedNameRow>[] = [
	{ key: 'name', label: 'Name as written' },
	{ key: 'meetingId', label: 'Meeting' },
	{ key: 'paragraph', label: 'Paragraph' },
	{ key: 'records', label: 'Found in' },
	{ key: 'times', label: 'Times here', align: 'right' },
	{ key: 'total', label: 'Times in all', align: 'right' }
];

const INCOMPLETE_COLUMNS: Column<IncompleteMeetingRow>[] = [
	{ key: 'id', label: 'Meeting' },
	{ key: 'body', label: 'Body' },
	{ key: 'startDate', label: 'Start' },
	{ key: 'kind', label: 'Document kind' },
	{ key: 'attendance', label: 'Attendance', align: 'right' },
	{ key: 'statements', label: 'Statements', align: 'right' },
	{ key: 'note', label: 'Note' }
];

/** A table of /data: what its dataset says, how its rows are read, and which documents it cites. */
interface DataTable<R extends object> {
	id: string;
	title: string;
	caption: string;
	columns: Column<R>[];
	rows: () => Promise<R[]>;
	/** The rows as JSON written by DuckDB, with the document of each row (none for unresolved names). */
	json: () => Promise<JsonRows>;
	/** The sources line from the documents of the rows, in row order. */
	sources: (documents: string[]) => string[];
}

const distinct = (documents: string[]) => [...new Set(documents)];

const TABLES = {
	documents: {
		id: 'documents',
		title: 'Documents ingested',
		caption: 'Every file the database was built from, and the rows it yielded per table.',
		columns: DOCUMENT_COLUMNS,
		rows: ingestedDocuments,
		json: ingestedDocumentsJson,
		sources: (documents) => documents
	} satisfies DataTable<IngestedDocument>,
	'parse-warnings': {
		id: 'parse-warnings',
		title: 'Parse warnings',
		caption: 'What the parser could not read, per document, in the order it met it.',
		columns: WARNING_COLUMNS,
		rows: parseWarnings,
		json: parseWarningsJson,
		sources: distinct
	} satisfies DataTable<ParseWarningRow>,
	'unresolved-names': {
		id: 'unresolved-names',
		title: 'Unresolved names',
		caption:
			'Names kept as written because they match no name or alias of the reference table: they count for no country.',
		columns: UNRESOLVED_COLUMNS,
		rows: unresolvedNames,
		json: unresolvedNamesJson,
		sources: () => []
	} satisfies DataTable<UnresolvedNameRow>,
	'meetings-lacking-records': {
		id: 'meetings-lacking-records',
		title: 'Meetings lacking attendance or statements',
		caption:
			'Meetings for which no attendance or no statement was read: their absence from a chart is a gap in the data, not a fact about the meeting.',
		columns: INCOMPLETE_COLUMNS,
		rows: meetingsLackingRecords,
		json: meetingsLackingRecordsJson,
		sources: distinct
	} satisfies DataTable<IncompleteMeetingRow>
};

/** The dataset of a table but its rows, in the field order of a Dataset. */
function datasetMeta<R extends object>(
	table: DataTable<R>,
	documents: string[],
	corpusVersion: string
): Omit<Dataset<R>, 'rows'> {
	const { id, title, caption, columns } = table;
	return { id: `data-${id}`, title, caption, columns, sources: table.sources(documents), filters: {}, corpusVersion };
}

async function tableDataset<R extends object & { document?: string }>(
	table: DataTable<R>,
	corpusVersion: string
): Promise<Dataset<R>> {
	const rows = await table.rows();
	const meta = datasetMeta(
		table,
		rows.map((r) => r.document ?? ''),
		corpusVersion
	);
	const { id, title, caption, columns, ...rest } = meta;
	return { id, title, caption, columns, rows, ...rest };
}

export const documentsDataset = (v: string) => tableDataset(TABLES.documents, v);
export const parseWarningsDataset = (v: string) => tableDataset(TABLES['parse-warnings'], v);
export const unresolvedNamesDataset = (v: string) => tableDataset(TABLES['unresolved-names'], v);
export const meetingsLackingDataset = (v: string) => tableDataset(TABLES['meetings-lacking-records'], v);

export const DATA_DATASET_NAMES = [
	'documents',
	'parse-warnings',
	'unresolved-names',
	'meetings-lacking-records'
] as const;
export type DataDatasetName = (typeof DATA_DATASET_NAMES)[number];

async function tableResponse<R extends object & { document?: string }>(
	table: DataTable<R>,
	corpusVersion: string,
	url: URL
): Promise<Response> {
	if (datasetFormat(url) === 'csv') return datasetResponse(await tableDataset(table, corpusVersion), url);
	// JSON: the rows as DuckDB wrote them, not one JS object per row (5,000 documents at 1,000x).
	const { json, plucked } = await table.json();
	return datasetJsonResponse(datasetMeta(table, plucked as string[], corpusVersion), json, url);
}

/** Dataset name (the URL segment) → its JSON or CSV response (each typed by its own rows). */
export const DATA_RESPONSES: Record<DataDatasetName, (corpusVersion: string, url: URL) => Promise<Response>> = {
	documents: (v, url) => tableResponse(TABLES.documents, v, url),
	'parse-warnings': (v, url) => tableResponse(TABLES['parse-warnings'], v, url),
	'unresolved-names': (v, url) => tableResponse(TABLES['unresolved-names'], v, url),
	'meetings-lacking-records': (v, url) => tableResponse(TABLES['meetings-lacking-records'], v, url)
};
