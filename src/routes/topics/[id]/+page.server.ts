import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { describeFilters, readFilters, type Filters } from '$lib/server/filters';
import { memoByCorpus } from '$lib/server/memo';
import { bodiesInDatabase } from '$lib/server/participation-aggregates';
import { derivedState } from '$lib/server/queries/derived';
import { followupState, recommendationStatuses } from '$lib/server/queries/followup';
import { STATUS_LABELS } from '$lib/followup/status';
import { contentStems } from '$lib/nlp/tokens';
import { highlight, markedRuns } from '$lib/search/highlight';
import {
	meetingYears,
	topicList,
	sourceEntries,
	topicSharesByYearAndBody,
	topicSourceSummary,
	topicTexts,
	type TopicRow
} from '$lib/server/queries/topics';
import type { PageServerLoad } from './$types';
import { firstDrawnYear, MAX_YEARS, readAllYears } from '../years';

/**
 * Recommendations and paragraphs per page: a paragraph is up to 3.5 KB at 1,000x, and 50 of each made the page
 * 350-470 KB of HTML, two thirds of it these texts, rendered and then sent again as the data that hydrates them
 * (about half of the page's server time and most of its garbage, hence its p95).
 */
const PAGE_SIZE = 20;
/** Agenda items are one line each: a longer page of them reads as well and weighs a tenth of the texts. */
const ITEM_PAGE_SIZE = 50;
/** Up to this many source documents are named in the figure's source line; beyond, a count and a range. */
const MAX_SOURCES_LISTED = 12;

export const load: PageServerLoad = async ({ params, url }) => {
	// The bodies and the taxonomy change only with an ingest or a derive: read once per corpus version, so that
	// the derivation's state is the one query that runs before the page's memoized parts.
	const [known, derived] = await Promise.all([bodiesInDatabase(), derivedState()]);
	const filters = readFilters(url, known);
	if (!derived.present) error(404, 'No topics in this database yet: run `npm run derive`.');
	const topic = (await topicList(derived.key)).find((t) => t.id === params.id);
	if (!topic) error(404, `No topic "${params.id.slice(0, 60)}" in the taxonomy`);
	const pageNumber = (name: string) => {
		const n = z.coerce
			.number()
			.int()
			.min(1)
			.max(100_000)
			.safeParse(url.searchParams.get(name) ?? '1');
		if (!n.success) error(400, `Invalid value for "${name}": use a whole number from 1`);
		return n.data;
	};
	// Paragraphs and recommendations are paged apart: at scale a topic has thousands of each.
	const paraPage = pageNumber('page');
	const recPage = pageNumber('rpage');
	const itemPage = pageNumber('ipage');
	const allYears = readAllYears(url);
	const pages = { paraPage, recPage, itemPage };
	const [texts, figure, state] = await Promise.all([
		// The listed texts, marked, change only with an ingest or a derive too: a repeated view reads them from
		// memory (the query and marking 100 texts of up to 3.5 KB were a third of the page's time at 1,000x).
		memoByCorpus('topic texts', { key: derived.key, id: topic.id, filters, pages }, () =>
			markedTexts(topic, filters, pages)
		),
		// The figure changes only with an ingest or a derive (derived.key): computed once per topic and filters
		// (the source line's summary alone is 17 ms at 1,000x).
		memoByCorpus('topic figure', { key: derived.key, id: topic.id, filters, allYears }, () =>
			topicFigure(topic.id, filters, allYears)
		),
		followupState(derived)
	]);
	// The listed recommendations with their status and address: these change with the curators' decisions, which
	// are part of state.key (as on the recommendation page), so they are read once per page and decision log.
	const recommendations = await memoByCorpus(
		'topic recommendations',
		{ key: state.key, id: topic.id, filters, recPage },
		async () => {
			const statuses = await recommendationStatuses(
				state,
				texts.recommendations.flatMap((r) => (r.id ? [r.id] : []))
			);
			return texts.recommendations.map((r) => {
				const rec = r.id ? statuses.get(r.id) : undefined;
				return { ...r, href: rec ? rec.href : null, status: rec ? STATUS_LABELS[rec.status] : null };
			});
		}
	);
	const all = describeFilters(filters);
	return {
		filters,
		derived,
		topic,
		page: paraPage,
		recPage,
		pageSize: PAGE_SIZE,
		itemPageSize: ITEM_PAGE_SIZE,
		recommendations,
		recommendationTotal: texts.recommendationTotal,
		paragraphs: texts.paragraphs,
		paragraphTotal: texts.paragraphTotal,
		// Agenda items are paged too: 855 at 1,000x for SHERLOC.
		agendaItems: texts.agendaItems,
		agendaItemTotal: texts.agendaItemTotal,
		itemPage,
		...figure,
		describe: { Bodies: all['Bodies'] ?? 'all', Years: all['Years'] ?? 'all' }
	};
};

/**
 * One page of each list, the topic's own key phrases marked in its recommendations and paragraphs (the reader
 * sees why a text counts), each text with what the page shows of it and no more: this data is serialized into the
 * page on every request to hydrate it. The marked runs are the text: it is not sent twice.
 */
async function markedTexts(
	topic: TopicRow,
	filters: Filters,
	{ paraPage, recPage, itemPage }: { paraPage: number; recPage: number; itemPage: number }
) {
	const texts = await topicTexts(
		topic.id,
		filters,
		{ limit: PAGE_SIZE, offset: (paraPage - 1) * PAGE_SIZE },
		{ limit: PAGE_SIZE, offset: (recPage - 1) * PAGE_SIZE },
		{ limit: ITEM_PAGE_SIZE, offset: (itemPage - 1) * ITEM_PAGE_SIZE }
	);
	const phrases = topic.keyPhrases.map((p) => contentStems(p)).filter((p) => p.length > 0);
	const marked = (text: string) =>
		markedRuns(highlight(text, { terms: [], phrases: [], contentPhrases: phrases }));
	return {
		recommendationTotal: texts.recommendationTotal,
		paragraphTotal: texts.paragraphTotal,
		agendaItemTotal: texts.agendaItemTotal,
		recommendations: texts.recommendations.map((r) => ({
			id: r.recommendationId,
			meetingId: r.meetingId,
			bodies: r.bodies,
			date: r.date,
			year: r.year,
			label: r.label,
			score: r.score,
			source: r.source,
			text: marked(r.text)
		})),
		paragraphs: texts.paragraphs.map((p) => ({
			meetingId: p.meetingId,
			bodies: p.bodies,
			date: p.date,
			year: p.year,
			paragraph: p.paragraph,
			paragraphOrder: p.paragraphOrder,
			item: p.item,
			score: p.score,
			source: p.source,
			text: marked(p.text)
		})),
		agendaItems: texts.agendaItems.map((a) => ({
			meetingId: a.meetingId,
			body: a.body,
			date: a.date,
			year: a.year,
			item: a.item,
			text: a.text
		}))
	};
}

/**
 * The share chart: the latest MAX_YEARS years the bodies met unless every year is asked for (at 1,000x, 41 years
 * of six bodies were a fifth of the page), and the source line of the years drawn.
 */
async function topicFigure(id: string, filters: Filters, allYears: boolean) {
	const [allShares, allMet] = await Promise.all([
		topicSharesByYearAndBody(id, filters),
		meetingYears(filters)
	]);
	const years = [...new Set(allMet.map((m) => m.year))];
	const from = firstDrawnYear(years, allYears);
	const drawn = <T extends { year: number }>(rows: T[]) =>
		from === null ? rows : rows.filter((r) => r.year >= from);
	const sources = await topicSourceSummary(
		from === null ? filters : { ...filters, from },
		MAX_SOURCES_LISTED
	);
	return {
		shares: drawn(allShares),
		met: drawn(allMet),
		sources: sourceEntries(sources),
		shareYears: {
			total: years.length,
			shown: from === null ? years.length : MAX_YEARS,
			from,
			all: allYears,
			max: MAX_YEARS
		}
	};
}
