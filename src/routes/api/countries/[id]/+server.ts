/**
 * GET /api/countries/<id>?part=meetings|statements|roles|names: one table of a profile (default
 * `meetings`), filtered by `body`, `from`, `to`; JSON, or CSV with `?format=csv`. An id in another
 * case redirects to the canonical one; an unknown id is a 404.
 */
import { entityOfPath, profileResponse, readProfilePart } from '../../../countries/datasets.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, params }) => {
	const part = readProfilePart(url);
	const entity = await entityOfPath(params.id, url);
	return profileResponse(url, entity, part);
};
