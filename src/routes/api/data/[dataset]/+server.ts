/**
 * GET /api/data/<dataset>: one table of /data as JSON, or CSV with `?format=csv`. Datasets: documents,
 * parse-warnings, unresolved-names, meetings-lacking-records; any other name is a 404 that lists them.
 */
import { error } from '@sveltejs/kit';
import { corpusLabel } from '$lib/server/participation-aggregates';
import { DATA_DATASET_NAMES, DATA_RESPONSES, type DataDatasetName } from '../datasets';
import { quoteId } from '../../meetings/datasets';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	if (!(DATA_DATASET_NAMES as readonly string[]).includes(params.dataset))
		error(404, `There is no dataset ${quoteId(params.dataset)}. Use one of ${DATA_DATASET_NAMES.join(', ')}.`);
	// The label is read once per corpus version, like the tables themselves.
	return DATA_RESPONSES[params.dataset as DataDatasetName](await corpusLabel(), url);
};
