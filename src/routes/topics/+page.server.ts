import { error } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { filtersToParams } from '$lib/filters';
import { readFilters, describeFilters, type Filters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
import { derivedState } from '$lib/server/queries/derived';
import {
	discoveredTerms,
	topicBodyMatrix,
	topicCounts,
	topics,
	topicSharesByYear,
	topicSourceSummary,
	type TopicSourceSummary
} from '$lib/server/queries/topics';
import type { PageServerLoad } from './$types';

/**
 * Years the share chart draws before "Show all": the reports span 2013–2023, and at 1,000× the corpus spans
 * four decades, whose 18 panels and 700-row table made most of a megabyte of HTML.
 */
const MAX_SHARE_YEARS = 12;

/** Most documents a source line names one by one; beyond, how many of which bodies and years. */
const MAX_SOURCES_LISTED = 12;

/** `all=years` draws every year in view; any other value is a 400. */
function readAllYears(url: URL): boolean {
	const raw = url.searchParams.get('all');
	if (raw === null || raw === '') return false;
	if (raw === 'years') return true;
	const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
	error(400, `Invalid value for "all": "${shown.replace(/[^\x20-\x7e]/g, '?')}" is not one of years`);
}

/** The view with every year drawn (`all`) or only the latest, back at the share chart. */
function yearsHref(filters: Filters, all: boolean): string {
	const q = filtersToParams(filters);
	if (all) q.set('all', 'years');
	const s = q.toString();
	return `${resolve('/topics')}${s ? `?${s}` : ''}#topic-shares`;
}

/** The source line's entries: every document when few, else a count, bodies, years and the first and last. */
function sourceEntries(s: TopicSourceSummary): string[] {
	if (s.sources) return s.sources;
	const years = s.from === null ? '' : s.from === s.to ? `, ${s.from}` : `, ${s.from}–${s.to}`;
	const span = s.first && s.last ? `, from ${s.first} to ${s.last}` : '';
	return [
		`${s.count.toLocaleString('en')} documents of ${s.bodies.join(', ')}${years}${span} (each named in the CSV download)`
	];
}

export const load: PageServerLoad = async ({ url }) => {
	const filters = readFilters(url, await knownBodies());
	const allYears = readAllYears(url);
	const all = describeFilters(filters);
	// The only filters this page offers, for the figures' filter lines.
	const describe = { Bodies: all['Bodies'] ?? 'all', Years: all['Years'] ?? 'all' };
	const derived = await derivedState();
	const none = {
		total: 0,
		shown: 0,
		from: null as number | null,
		all: allYears,
		max: MAX_SHARE_YEARS,
		toggle: null as string | null
	};
	if (!derived.present) {
		return {
			filters,
			derived,
			topics: [],
			shares: [],
			shareYears: none,
			matrix: [],
			terms: [],
			shareSources: [],
			sources: [],
			describe
		};
	}
	const list = await topics();
	const [counts, allShares, matrix, terms, summary] = await Promise.all([
		topicCounts(filters),
		topicSharesByYear(filters, list),
		topicBodyMatrix(filters, list),
		discoveredTerms(),
		topicSourceSummary(filters, MAX_SOURCES_LISTED)
	]);
	const years = [...new Set(allShares.map((s) => s.year))].sort((a, b) => a - b);
	const cut = !allYears && years.length > MAX_SHARE_YEARS;
	const from = cut ? (years[years.length - MAX_SHARE_YEARS] ?? null) : null;
	const shares = from === null ? allShares : allShares.filter((s) => s.year >= from);
	// The drawn years' documents, not the whole view's, so the source line names what the chart shows.
	const shareSummary =
		from === null ? summary : await topicSourceSummary({ ...filters, from }, MAX_SOURCES_LISTED);
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
		shareYears: {
			total: years.length,
			shown: cut ? MAX_SHARE_YEARS : years.length,
			from,
			all: allYears,
			max: MAX_SHARE_YEARS,
			// "Show all" when years are left out, "Show the latest only" when all were asked for and there are more.
			toggle: cut || (allYears && years.length > MAX_SHARE_YEARS) ? yearsHref(filters, !allYears) : null
		},
		matrix,
		terms,
		shareSources: sourceEntries(shareSummary),
		sources: sourceEntries(summary),
		describe
	};
};
