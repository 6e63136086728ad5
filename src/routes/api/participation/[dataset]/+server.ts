import { error } from '@sveltejs/kit';
import { memoDataset, memoDatasetResponse } from '$lib/server/dataset';
import { readFilters } from '$lib/server/filters';
import { memoByCorpus } from '$lib/server/memo';
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
	const view = readView(url);
	// The matrix as CSV is complete (every State at every meeting in view); as JSON it is what the page draws.
	const complete = params.dataset === 'matrix' && url.searchParams.get('format') === 'csv';
	// Computed once per corpus version, filters and view, like the Participation page's figures (see memo.ts):
	// converting the matrix's rows alone took 7 ms a request at 1,000x, against 4 ms of SQL.
	const data = await memoByCorpus(
		'participation dataset',
		{ dataset: params.dataset, filters, view, complete },
		async () => {
			const ctx = await loadContext(filters, view);
			return memoDataset(asDataset(complete ? (await matrixFigure(ctx, true)).data : await build(ctx)));
		}
	);
	return memoDatasetResponse(data, url);
};
