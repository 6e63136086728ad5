import { topicResponse } from '$lib/server/followup-datasets';
import type { RequestHandler } from './$types';

/** `/api/topics/[id]`: one page as JSON (`limit`, `offset`), or every text as CSV with `?format=csv` (see README, API). */
export const GET: RequestHandler = async ({ url, params }) => topicResponse(url, params.id);
