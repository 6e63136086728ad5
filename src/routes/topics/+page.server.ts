import { resolve } from '$app/paths';
import { filtersToParams } from '$lib/filters';
import { readFilters, describeFilters, type Filters } from '$lib/server/filters';
import { memoByCorpus } from '$lib/server/memo';
import { bodiesInDatabase } from '$lib/server/participation-aggregates';
import { derivedState } from '$lib/server/queries/derived';
import {
	discoveredTerms,
	topicBodyMatrix,
	topicCounts,
	topics,
	topicSharesByYear,
	sourceEntries,
	topicSourceSummary
} from '$lib/server/queries/topics';
import type { PageServerLoad } from './$types';
import { MAX_YEARS, readAllYears } from './years';

/** Most documents a source line names one by one; beyond, how many of which bodies and years. */
const MAX_SOURCES_LISTED = 12;

/** The view with every year drawn (`all`) or only the latest, back at `anchor`. */
function yearsHref(filters: Filters, all: boolean, anchor: string): string {
	const q = filtersToParams(filters);
	if (all) q.set('all', 'years');
	const s = q.toString();
	return `${resolve('/topics')}${s ? `?${s}` : ''}#${anchor}`;
}

export const load: PageServerLoad = async ({ url }) => {
	// The bodies change only with an ingest: read once per corpus version (as the topic pages do).
	const [known, derived] = await Promise.all([bodiesInDatabase(), derivedState()]);
	const filters = readFilters(url, known);
	const allYears = readAllYears(url);
	const all = describeFilters(filters);
	// The only filters this page offers, for the figures' filter lines.
	const describe = { Bodies: all['Bodies'] ?? 'all', Years: all['Years'] ?? 'all' };
	// Everything below changes only with an ingest or a derive (derived.key), so a view is computed once.
	const figures: Awaited<ReturnType<typeof topicsPage>> = derived.present
		? await memoByCorpus('topics page', { key: derived.key, filters, allYears }, () =>
				topicsPage(filters, allYears)
			)
		: {
				topics: [],
				shares: [],
				shareYears: { total: 0, shown: 0, from: null, all: allYears, max: MAX_YEARS, toggle: null },
				matrix: [],
				terms: [],
				termYears: { total: 0, shown: 0, toggle: null },
				shareSources: [],
				sources: []
			};
	return { filters, derived, describe, ...figures };
};

async function topicsPage(filters: Filters, allYears: boolean) {
	const list = await topics();
	const [counts, allShares, matrix, allTerms, summary] = await Promise.all([
		topicCounts(filters),
		topicSharesByYear(filters, list),
		topicBodyMatrix(filters, list),
		discoveredTerms(),
		topicSourceSummary(filters, MAX_SOURCES_LISTED)
	]);
	const years = [...new Set(allShares.map((s) => s.year))].sort((a, b) => a - b);
	const cut = !allYears && years.length > MAX_YEARS;
	const from = cut ? (years[years.length - MAX_YEARS] ?? null) : null;
	const shares = from === null ? allShares : allShares.filter((s) => s.year >= from);
	// The drawn years' documents, not the whole view's, so the source line names what the chart shows.
	const shareSummary =
		from === null ? summary : await topicSourceSummary({ ...filters, from }, MAX_SOURCES_LISTED);
	// The terms' counts per year, a column each, over the whole corpus: the latest years only, as the chart.
	const termYearCount = allTerms[0]?.years.length ?? 0;
	const cutTerms = !allYears && termYearCount > MAX_YEARS;
	const terms = cutTerms ? allTerms.map((t) => ({ ...t, years: t.years.slice(-MAX_YEARS) })) : allTerms;
	return {
		topics: list.map((t) => ({
			...t,
			recommendations: counts.get(t.id)?.recommendations ?? 0,
			paragraphs: counts.get(t.id)?.paragraphs ?? 0,
			agendaItems: counts.get(t.id)?.agendaItems ?? 0
		})),
		shares,
		shareYears: {
			total: years.length,
			shown: cut ? MAX_YEARS : years.length,
			from,
			all: allYears,
			max: MAX_YEARS,
			// "Show all" when years are left out, "Show the latest only" when all were asked for and there are more.
			toggle:
				cut || (allYears && years.length > MAX_YEARS) ? yearsHref(filters, !allYears, 'topic-shares') : null
		},
		matrix,
		terms,
		termYears: {
			total: termYearCount,
			shown: cutTerms ? MAX_YEARS : termYearCount,
			toggle:
				cutTerms || (allYears && termYearCount > MAX_YEARS)
					? yearsHref(filters, !allYears, 'discovered')
					: null
		},
		shareSources: sourceEntries(shareSummary),
		sources: sourceEntries(summary)
	};
}
