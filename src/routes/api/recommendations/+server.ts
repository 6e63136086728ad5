import { recommendationsResponse } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/recommendations`: one page as JSON (`limit`, `offset`), or every row as CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url }) => recommendationsResponse(url);
