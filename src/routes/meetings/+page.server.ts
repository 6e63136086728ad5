import { readFilters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
import { meetingList } from '$lib/server/queries/meetings';
import { meetingFilters } from '../api/meetings/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const filters = meetingFilters(readFilters(url, await knownBodies()));
	return { filters, rows: await meetingList(filters) };
};
