import { linksResponse } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/recommendations/links`: one page of links as JSON (`limit`, `offset`), or all as CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url }) => linksResponse(url);
