/**
 * GET /api/meetings: the list of meetings as on /meetings, filtered by `body`, `from`, `to`, `mode`;
 * JSON, or CSV with `?format=csv`.
 */
import { datasetResponse } from '$lib/server/dataset';
import { readFilters } from '$lib/server/filters';
import { corpusVersion, knownBodies } from '$lib/server/queries/corpus';
import { meetingList } from '$lib/server/queries/meetings';
import { meetingListDataset } from './datasets';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const filters = readFilters(url, await knownBodies());
	const [rows, corpus] = await Promise.all([meetingList(filters), corpusVersion()]);
	return datasetResponse(meetingListDataset(rows, filters, corpus.label), url);
};
