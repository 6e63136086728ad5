import { GROUP_AVERAGE_NOTE, loadCompare } from './datasets.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({
	...(await loadCompare(url)),
	groupAverageNote: GROUP_AVERAGE_NOTE
});
