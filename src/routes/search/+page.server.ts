import { runSearch } from '$lib/server/search';
import { PAGE_SIZE, readSearchParams } from '$lib/server/search-params';
import { describeQuery } from '$lib/search/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const params = await readSearchParams(url);
	const answer = params.q.trim()
		? await runSearch(params.q, {
				filters: params.filters,
				topic: params.topic,
				kind: params.kind,
				limit: PAGE_SIZE,
				offset: (params.page - 1) * PAGE_SIZE
			})
		: { query: null, total: 0, results: [] };
	return {
		q: params.q,
		filters: params.filters,
		topic: params.topic,
		kind: params.kind,
		page: params.page,
		pageSize: PAGE_SIZE,
		topics: params.topics,
		understood: describeQuery(answer.query),
		total: answer.total,
		results: answer.results
	};
};
