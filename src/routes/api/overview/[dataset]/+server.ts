import { error } from '@sveltejs/kit';
import { datasetResponse } from '$lib/server/dataset';
import { readFilters } from '$lib/server/filters';
import { bodiesInDatabase } from '$lib/server/participation-aggregates';
import { asDataset } from '../../../participation/datasets.server';
import { loadOverviewContext, OVERVIEW_DATASETS, readAll } from '../datasets.server';
import type { RequestHandler } from './$types';

/** `/api/overview/<dataset>`: an Overview figure's data as JSON, or CSV with `?format=csv`. */
export const GET: RequestHandler = async ({ params, url }) => {
	const build = Object.hasOwn(OVERVIEW_DATASETS, params.dataset)
		? OVERVIEW_DATASETS[params.dataset]
		: undefined;
	if (!build) {
		error(
			404,
			`No dataset "${params.dataset.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}" under /api/overview (known: ${Object.keys(OVERVIEW_DATASETS).join(', ')})`
		);
	}
	const filters = readFilters(url, await bodiesInDatabase());
	return datasetResponse(asDataset(await build(await loadOverviewContext(filters, readAll(url)))), url);
};
