import { datasetResponse } from '$lib/server/dataset';
import { topicDataset } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/topics/[id]`: JSON, or CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url, params }) =>
	datasetResponse(await topicDataset(url, params.id), url);
