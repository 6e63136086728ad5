import { datasetResponse } from '$lib/server/dataset';
import { fateDataset } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/recommendations/fate`: JSON, or CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url }) => datasetResponse(await fateDataset(url), url);
