/**
 * GET /api/meetings: the list of meetings as on /meetings, filtered by `body`, `from`, `to`, `mode`;
 * JSON, or CSV with `?format=csv`.
 */
import { datasetFormat, datasetJsonResponse, datasetResponse } from '$lib/server/dataset';
import { readFilters } from '$lib/server/filters';
import { bodiesInDatabase, corpusLabel } from '$lib/server/participation-aggregates';
import { meetingList, meetingListJson } from '$lib/server/queries/meetings';
import { meetingListDataset, meetingListMeta } from './datasets';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	// Bodies and the corpus label are read once per corpus version, like the list itself.
	const filters = readFilters(url, await bodiesInDatabase());
	if (datasetFormat(url) === 'csv') {
		const [rows, label] = await Promise.all([meetingList(filters), corpusLabel()]);
		return datasetResponse(meetingListDataset(rows, filters, label), url);
	}
	// JSON: the rows as DuckDB wrote them, not one JS object per meeting (5,540 at 1,000x).
	const [list, label] = await Promise.all([meetingListJson(filters), corpusLabel()]);
	return datasetJsonResponse(meetingListMeta(list.plucked as string[], filters, label), list.json, url);
};
