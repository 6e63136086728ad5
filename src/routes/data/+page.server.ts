import type { Dataset } from '$lib/server/dataset';
import { corpusVersion } from '$lib/server/queries/corpus';
import {
	documentsDataset,
	meetingsLackingDataset,
	parseWarningsDataset,
	unresolvedNamesDataset
} from '../api/data/datasets';
import type { PageServerLoad } from './$types';

/** Rows each table of the page shows; the CSV link of every table downloads all of them. */
const DATA_TABLE_ROWS = 50;

/**
 * What the page shows of a dataset: its first DATA_TABLE_ROWS rows and the count of all of them, not its source
 * list (the 5,000 documents at 1,000x were 160 KB of page data that no table shows; the CSV names them).
 */
function capped<R extends object>(d: Dataset<R>) {
	const { id, title, caption, columns } = d;
	return { id, title, caption, columns, rows: d.rows.slice(0, DATA_TABLE_ROWS), total: d.rows.length };
}

export const load: PageServerLoad = async () => {
	const { label } = await corpusVersion();
	const [documents, warnings, unresolved, lacking] = await Promise.all([
		documentsDataset(label),
		parseWarningsDataset(label),
		unresolvedNamesDataset(label),
		meetingsLackingDataset(label)
	]);
	return {
		documents: capped(documents),
		warnings: capped(warnings),
		unresolved: capped(unresolved),
		lacking: capped(lacking),
		limit: DATA_TABLE_ROWS
	};
};
