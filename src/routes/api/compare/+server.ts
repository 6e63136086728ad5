/**
 * GET /api/compare?e=USA,CAN,NGA: two to six entities' measures with their regional groups'
 * averages (`part=measures`, the default) or their participation per meeting (`part=timeline`),
 * filtered by `body`, `from`, `to`; JSON, or CSV with `?format=csv`.
 */
import { compareResponse } from '../../compare/datasets.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => compareResponse(url);
