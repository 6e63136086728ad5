import { entityOfPath, loadProfile, profilePageData } from '../datasets.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, params }) => {
	const entity = await entityOfPath(params.id, url);
	return profilePageData(url, await loadProfile(url, entity));
};
