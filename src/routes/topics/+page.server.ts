import { readFilters, describeFilters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
import { derivedState } from '$lib/server/queries/derived';
import {
	discoveredTerms,
	topicBodyMatrix,
	topicCounts,
	topics,
	topicSharesByYear,
	topicSources
} from '$lib/server/queries/topics';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const filters = readFilters(url, await knownBodies());
	const all = describeFilters(filters);
	// The only filters this page offers, for the figures' filter lines.
	const describe = { Bodies: all['Bodies'] ?? 'all', Years: all['Years'] ?? 'all' };
	const derived = await derivedState();
	if (!derived.present) {
		return { filters, derived, topics: [], shares: [], matrix: [], terms: [], sources: [], describe };
	}
	const list = await topics();
	const [counts, shares, matrix, terms, sources] = await Promise.all([
		topicCounts(filters),
		topicSharesByYear(filters, list),
		topicBodyMatrix(filters, list),
		discoveredTerms(),
		topicSources(filters)
	]);
	return {
		filters,
		derived,
		topics: list.map((t) => ({
			...t,
			recommendations: counts.get(t.id)?.recommendations ?? 0,
			paragraphs: counts.get(t.id)?.paragraphs ?? 0,
			agendaItems: counts.get(t.id)?.agendaItems ?? 0
		})),
		shares,
		matrix,
		terms,
		sources,
		describe
	};
};
