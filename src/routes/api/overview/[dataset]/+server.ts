import { error } from '@sveltejs/kit';
import { memoDataset, memoDatasetResponse } from '$lib/server/dataset';
import { readFilters } from '$lib/server/filters';
import { memoByCorpus } from '$lib/server/memo';
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
	const all = readAll(url);
	// Computed once per corpus version, filters and view, like the Overview page's figures (see memo.ts): the
	// rows' conversion and the figure's assembly cost up to a third of the SQL's time on every request.
	const data = await memoByCorpus('overview dataset', { dataset: params.dataset, filters, all }, async () =>
		memoDataset(asDataset(await build(await loadOverviewContext(filters, all))))
	);
	return memoDatasetResponse(data, url);
};
