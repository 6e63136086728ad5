import { error } from '@sveltejs/kit';
import { meetingRecord } from '$lib/server/queries/meetings';
import { quoteId } from '../../api/meetings/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const record = await meetingRecord(params.id);
	if (!record) {
		error(
			404,
			`There is no meeting ${quoteId(params.id)} in the database. Meeting ids look like wg2-2013-10-28 (body and first day); the list of meetings has them all.`
		);
	}
	return { record };
};
