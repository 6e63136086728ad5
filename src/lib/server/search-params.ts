/**
 * The search's URL parameters (`q`, `body`, `from`, `to`, `topic`, `kind`, `page`), validated once for the page
 * and the API: an unknown value is a 400 that names the known ones.
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { readFilters, type Filters } from './filters';
import { derivedState } from './queries/derived';
import { bodiesInDatabase } from './participation-aggregates';
import { topicList } from './queries/topics';
import { SEARCH_KINDS } from './search';

export const PAGE_SIZE = 20;

export interface SearchParams {
	q: string;
	filters: Filters;
	topic: string | null;
	kind: (typeof SEARCH_KINDS)[number] | null;
	page: number;
	topics: { id: string; name: string }[];
}

export async function readSearchParams(url: URL): Promise<SearchParams> {
	const p = url.searchParams;
	// The bodies and the taxonomy read once per corpus version and derivation (the same entries as the topic pages'):
	// two of the four queries of an empty search before, about 1 ms a request at 1,000x.
	const [bodies, derived] = await Promise.all([bodiesInDatabase(), derivedState()]);
	const filters = readFilters(url, bodies);
	const q = p.get('q') ?? '';
	if (q.length > 500) error(400, 'Invalid value for "q": at most 500 characters');
	const list = derived.present ? await topicList(derived.key) : [];
	const topic = p.get('topic') || null;
	if (topic !== null && !list.some((t) => t.id === topic))
		error(400, `Invalid value for "topic": "${topic.slice(0, 40)}" is not a topic (see /topics)`);
	const kindRaw = p.get('kind') || null;
	if (kindRaw !== null && !(SEARCH_KINDS as readonly string[]).includes(kindRaw))
		error(400, `Invalid value for "kind": use ${SEARCH_KINDS.join(' or ')}`);
	const page = z.coerce
		.number()
		.int()
		.min(1)
		.max(10_000)
		.safeParse(p.get('page') ?? '1');
	if (!page.success) error(400, 'Invalid value for "page": use a whole number from 1');
	return {
		q,
		filters,
		topic,
		kind: kindRaw as SearchParams['kind'],
		page: page.data,
		topics: list.map((t) => ({ id: t.id, name: t.name }))
	};
}
