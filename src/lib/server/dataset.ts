/**
 * A dataset is what a chart or table draws, with its provenance. Pages render it; `/api/<name>`
 * serves the same object as JSON, or as CSV with `?format=csv`, so a figure and its data never
 * disagree.
 */
import { error, json } from '@sveltejs/kit';
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

/** The dataset as JSON (default) or CSV (`?format=csv`). */
export function datasetResponse<R extends object>(dataset: Dataset<R>, url: URL): Response {
	const format = url.searchParams.get('format') ?? 'json';
	if (format === 'json') {
		const { columns, rows, ...meta } = dataset;
		return json({ ...meta, url: url.pathname + url.search, columns: plainColumns(columns), rows });
	}
	if (format === 'csv') {
		return new Response(csvWithProvenance(dataset.columns, dataset.rows, { ...dataset, url: url.href }), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${exportFileName(dataset, 'csv')}"`
			}
		});
	}
	error(400, `Invalid value for "format": use json or csv`);
}
