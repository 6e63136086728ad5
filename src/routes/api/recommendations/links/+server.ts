import { datasetResponse } from '$lib/server/dataset';
import { linksDataset } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/recommendations/links`: JSON, or CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url }) => datasetResponse(await linksDataset(url), url);
