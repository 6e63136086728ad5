import { memoDatasetResponse } from '$lib/server/dataset';
import { topicsDataset } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/topics/terms`: JSON, or CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url }) =>
	memoDatasetResponse(await topicsDataset(url, 'terms'), url);
