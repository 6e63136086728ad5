import { readFilters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
import { meetingList, MEETINGS_PER_PAGE, paginate } from '$lib/server/queries/meetings';
import { meetingFilters } from '../api/meetings/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const filters = meetingFilters(readFilters(url, await knownBodies()));
	const all = await meetingList(filters);
	const { rows, page, pages, total, start } = paginate(all, url, MEETINGS_PER_PAGE);
	return {
		filters,
		rows,
		pagination: { page, pages, total, start }
	};
};
