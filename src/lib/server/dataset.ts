/**
 * A dataset is what a chart or table draws, with its provenance. Pages render it; `/api/<name>`
 * serves the same object as JSON, or as CSV with `?format=csv`, so a figure and its data never
 * disagree.
 */
import { error } from '@sveltejs/kit';
import { csvWithProvenance, type CellValue, type Column } from '$lib/export/csv';
import { exportFileName } from '$lib/export/caption';

export interface Dataset<R extends object = Record<string, CellValue>> {
	/** Stable id: the figure id on pages, the file name stem of exports. */
	id: string;
	title: string;
	caption?: string;
	columns: Column<R>[];
	rows: R[];
	/** Document symbols (or titles, where a document has no symbol) the rows were counted from. */
	sources: string[];
	filters: Record<string, string>;
	corpusVersion: string;
}

/** Column definitions without display functions, for the JSON answer. */
function plainColumns<R extends object>(columns: Column<R>[]) {
	return columns.map(({ key, label, align }) => ({ key, label, align: align ?? 'left' }));
}

/** The format asked for with `?format=`: json (the default) or csv; anything else is a 400. */
export function datasetFormat(url: URL): 'json' | 'csv' {
	const format = url.searchParams.get('format') ?? 'json';
	if (format === 'json' || format === 'csv') return format;
	error(400, `Invalid value for "format": use json or csv`);
}

/** Everything of the JSON answer but the rows, in the order the answer lists it (rows come last). */
function jsonHead<R extends object>(dataset: Omit<Dataset<R>, 'rows'>, url: URL) {
	// The dataset's own fields in its order, without the rows a whole Dataset carries.
	const meta: Record<string, unknown> = { ...dataset };
	delete meta.columns;
	delete meta.rows;
	return { ...meta, url: url.pathname + url.search, columns: plainColumns(dataset.columns) };
}

/**
 * A JSON body encoded once: SvelteKit's json() encodes the text to count its bytes and the response encodes it
 * again to send it (a third of the time of a 2 MB answer). The parts are sent as they are, one after the other:
 * a Response copies a buffer given as its body (undici's extractBody), and joining them would copy them again
 * (together about 1 ms of a 1 MB answer whose rows' JSON is memoized).
 */
function jsonResponse(parts: Buffer[]): Response {
	let length = 0;
	for (const p of parts) length += p.length;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const p of parts) controller.enqueue(p);
			controller.close();
		}
	});
	return new Response(body, {
		headers: { 'content-type': 'application/json', 'content-length': String(length) }
	});
}

/** The dataset as JSON (default) or CSV (`?format=csv`). */
export function datasetResponse<R extends object>(dataset: Dataset<R>, url: URL): Response {
	if (datasetFormat(url) === 'json') {
		return jsonResponse([Buffer.from(JSON.stringify({ ...jsonHead(dataset, url), rows: dataset.rows }))]);
	}
	return new Response(csvWithProvenance(dataset.columns, dataset.rows, { ...dataset, url: url.href }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(dataset, 'csv')}"`
		}
	});
}

/**
 * The JSON answer of a dataset whose rows DuckDB wrote as JSON (`queryJson`): the same bytes as
 * datasetResponse's, without making a JS object of every row. `rows` is the JSON array's UTF-8 text.
 */
export function datasetJsonResponse<R extends object>(
	dataset: Omit<Dataset<R>, 'rows'>,
	rows: Buffer,
	url: URL
): Response {
	const head = JSON.stringify(jsonHead(dataset, url));
	return jsonResponse([Buffer.from(`${head.slice(0, -1)},"rows":`), rows, Buffer.from('}')]);
}

/**
 * The JSON answer of a dataset, written once but for its `url` (the request's path and query, which differ between
 * requests that share an answer): the text before it and after it, UTF-8.
 */
export interface DatasetJson {
	before: Buffer;
	after: Buffer;
}

const URL_LAST = '"url":""}';

export function datasetJson<R extends object>(dataset: Dataset<R>): DatasetJson {
	// jsonHead with an empty url, cut before it: the head's fields in the same order as datasetResponse's.
	const head = JSON.stringify(jsonHead(dataset, new URL('http://localhost/')));
	const { columns, ...meta } = JSON.parse(head) as { columns: unknown };
	const text = JSON.stringify({ ...meta, url: '' });
	if (!text.endsWith(URL_LAST)) throw new Error('datasetJson: the url is not the last field of the head');
	return {
		before: Buffer.from(text.slice(0, -URL_LAST.length)),
		after: Buffer.from(`,"columns":${JSON.stringify(columns)},"rows":${JSON.stringify(dataset.rows)}}`)
	};
}

/** The answer datasetResponse gives as JSON, from the text written by datasetJson. */
export function datasetJsonAnswer(json: DatasetJson, url: URL): Response {
	return jsonResponse([
		json.before,
		Buffer.from(`"url":${JSON.stringify(url.pathname + url.search)}`),
		json.after
	]);
}

/** A dataset kept in memory (memo.ts) with its JSON answer written once rather than on every request. */
export interface MemoDataset<R extends object = Record<string, CellValue>> {
	dataset: Dataset<R>;
	json: DatasetJson;
}

export function memoDataset<R extends object>(dataset: Dataset<R>): MemoDataset<R> {
	return { dataset, json: datasetJson(dataset) };
}

/** The answer datasetResponse gives for the dataset, its JSON from the text written once. */
export function memoDatasetResponse<R extends object>(memo: MemoDataset<R>, url: URL): Response {
	return datasetFormat(url) === 'json'
		? datasetJsonAnswer(memo.json, url)
		: datasetResponse(memo.dataset, url);
}
