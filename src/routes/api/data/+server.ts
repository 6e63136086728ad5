/** GET /api/data: the names of the datasets /api/data/<dataset> serves. */
import { json } from '@sveltejs/kit';
import { DATA_DATASET_NAMES } from './datasets';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	json({ datasets: DATA_DATASET_NAMES.map((name) => ({ name, url: `${url.pathname}/${name}` })) });
