import { error, redirect } from '@sveltejs/kit';
import { followupState, recommendationById, recommendationPath } from '$lib/server/queries/followup';
import type { PageServerLoad } from './$types';

/** `/recommendations/<recommendation id>` (e.g. `wg2-2013-10-28:34`) → the recommendation's page. */
export const load: PageServerLoad = async ({ params }) => {
	const rec = await recommendationById(await followupState(), params.id);
	if (!rec) error(404, `No recommendation “${params.id.slice(0, 80)}”`);
	redirect(308, recommendationPath(rec.meetingId, rec.label));
};
