/**
 * GET /api/countries: the /countries table (one row per entity or unresolved name), with the same
 * parameters: filters (`body`, `from`, `to`, `region`, `category`), `sort`, `dir`, `q`;
 * JSON, or CSV with `?format=csv`.
 */
import { datasetResponse } from '$lib/server/dataset';
import { countryTableDataset, loadCountryTable } from '../../countries/datasets.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) =>
	datasetResponse(countryTableDataset(await loadCountryTable(url)), url);
