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

/** The same dataset with its first DATA_TABLE_ROWS rows and the count of all of them. */
function capped<D extends { rows: unknown[] }>(d: D): D & { total: number } {
	return { ...d, rows: d.rows.slice(0, DATA_TABLE_ROWS) as D['rows'], total: d.rows.length };
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
