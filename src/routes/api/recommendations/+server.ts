import { datasetResponse } from '$lib/server/dataset';
import { recommendationsDataset } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/recommendations`: JSON, or CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url }) => datasetResponse(await recommendationsDataset(url), url);
