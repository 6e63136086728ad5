import { datasetResponse } from '$lib/server/dataset';
import { searchDataset } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/search`: JSON, or CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url }) => datasetResponse(await searchDataset(url), url);
