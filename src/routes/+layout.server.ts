import { memoByCorpus } from '$lib/server/memo';
import { corpusVersion, filterOptions } from '$lib/server/queries/corpus';
import type { LayoutServerLoad } from './$types';

/**
 * Every page shows the corpus version in its source lines and offers the same filter values. Both change only
 * with an ingest, so they are read once per corpus version: three queries on every page request otherwise (about
 * 5 ms of DuckDB at 1,000x, as much as some pages' own).
 */
export const load: LayoutServerLoad = () =>
	memoByCorpus('layout', null, async () => {
		const [corpus, options] = await Promise.all([corpusVersion(), filterOptions()]);
		return { corpus, options };
	});
