import { corpusVersion, filterOptions } from '$lib/server/queries/corpus';
import type { LayoutServerLoad } from './$types';

/** Every page shows the corpus version in its source lines and offers the same filter values. */
export const load: LayoutServerLoad = async () => {
	const [corpus, options] = await Promise.all([corpusVersion(), filterOptions()]);
	return { corpus, options };
};
