import { error } from '@sveltejs/kit';
import { datasetResponse } from '$lib/server/dataset';
import { readFilters } from '$lib/server/filters';
import { bodiesInDatabase } from '$lib/server/participation-aggregates';
import {
	asDataset,
	loadContext,
	matrixFigure,
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
	const filters = readFilters(url, await bodiesInDatabase());
	const ctx = await loadContext(filters, readView(url));
	// The matrix as CSV is complete (every State at every meeting in view); as JSON it is what the page draws.
	if (params.dataset === 'matrix' && url.searchParams.get('format') === 'csv') {
		return datasetResponse(asDataset((await matrixFigure(ctx, true)).data), url);
	}
	return datasetResponse(asDataset(await build(ctx)), url);
};
