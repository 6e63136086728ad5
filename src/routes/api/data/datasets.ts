/**
 * The tables of /data as Datasets, by the name /api/data/<name> serves them under. The page renders the
 * same objects, so what it shows and what downloads are the same rows.
 */
import type { Column } from '$lib/export/csv';
import { datasetResponse, type Dataset } from '$lib/server/dataset';
import {
	ingestedDocuments,
	meetingsLackingRecords,
	parseWarnings,
	unresolvedNames,
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

function dataset<R extends object>(
	id: string,
	title: string,
	caption: string,
	columns: Column<R>[],
	rows: R[],
	sources: string[],
	corpusVersion: string
): Dataset<R> {
	return { id: `data-${id}`, title, caption, columns, rows, sources, filters: {}, corpusVersion };
}

export async function documentsDataset(corpusVersion: string): Promise<Dataset<IngestedDocument>> {
	const rows = await ingestedDocuments();
	return dataset(
		'documents',
		'Documents ingested',
		'Every file the database was built from, and the rows it yielded per table.',
		DOCUMENT_COLUMNS,
		rows,
		rows.map((r) => r.document),
		corpusVersion
	);
}

export async function parseWarningsDataset(corpusVersion: string): Promise<Dataset<ParseWarningRow>> {
	const rows = await parseWarnings();
	return dataset(
		'parse-warnings',
		'Parse warnings',
		'What the parser could not read, per document, in the order it met it.',
		WARNING_COLUMNS,
		rows,
		[...new Set(rows.map((r) => r.document))],
		corpusVersion
	);
}

export async function unresolvedNamesDataset(corpusVersion: string): Promise<Dataset<UnresolvedNameRow>> {
	const rows = await unresolvedNames();
	return dataset(
		'unresolved-names',
		'Unresolved names',
		'Names kept as written because they match no name or alias of the reference table: they count for no country.',
		UNRESOLVED_COLUMNS,
		rows,
		[],
		corpusVersion
	);
}

export async function meetingsLackingDataset(corpusVersion: string): Promise<Dataset<IncompleteMeetingRow>> {
	const rows = await meetingsLackingRecords();
	return dataset(
		'meetings-lacking-records',
		'Meetings lacking attendance or statements',
		'Meetings for which no attendance or no statement was read: their absence from a chart is a gap in the data, not a fact about the meeting.',
		INCOMPLETE_COLUMNS,
		rows,
		[...new Set(rows.map((r) => r.document))],
		corpusVersion
	);
}

export const DATA_DATASET_NAMES = [
	'documents',
	'parse-warnings',
	'unresolved-names',
	'meetings-lacking-records'
] as const;
export type DataDatasetName = (typeof DATA_DATASET_NAMES)[number];

/** Dataset name (the URL segment) → its JSON or CSV response (each typed by its own rows). */
export const DATA_RESPONSES: Record<DataDatasetName, (corpusVersion: string, url: URL) => Promise<Response>> = {
	documents: async (v, url) => datasetResponse(await documentsDataset(v), url),
	'parse-warnings': async (v, url) => datasetResponse(await parseWarningsDataset(v), url),
	'unresolved-names': async (v, url) => datasetResponse(await unresolvedNamesDataset(v), url),
	'meetings-lacking-records': async (v, url) => datasetResponse(await meetingsLackingDataset(v), url)
};
