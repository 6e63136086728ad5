import { error } from '@sveltejs/kit';
import { datasetResponse } from '$lib/server/dataset';
import { readFilters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
import {
	asDataset,
	loadContext,
	PARTICIPATION_DATASETS,
	readView
} from '../../../participation/datasets.server';
import type { RequestHandler } from './$types';

/** `/api/participation/<dataset>`: a Participation figure's data as JSON, or CSV with `?format=csv`. */
export const GET: RequestHandler = async ({ params, url }) => {
	const build = Object.hasOwn(PARTICIPATION_DATASETS, params.dataset)
		? PARTICIPATION_DATASETS[params.dataset]
		: undefined;
	if (!build) {
		error(
			404,
			`No dataset "${params.dataset.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}" under /api/participation (known: ${Object.keys(PARTICIPATION_DATASETS).join(', ')})`
		);
	}
	const filters = readFilters(url, await knownBodies());
	const ctx = await loadContext(filters, readView(url));
	return datasetResponse(asDataset(await build(ctx)), url);
};
