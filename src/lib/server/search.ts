/**
 * Full-text search of the web app over the index stored in the database (search-index.ts, written with the
 * derived tables): the query evaluated and filtered in SQL, one page of hits read back and highlighted. A
 * database derived before the index existed gets a 503 asking for `npm run derive` (no in-memory fallback: that
 * is what took 365 MB at 100× the corpus).
 */
import { error } from '@sveltejs/kit';
import { recommendationAnchor, paragraphAnchor } from '$lib/citation';
import { highlight, type Segment } from '$lib/search/highlight';
import { parseQuery, positiveParts, type QueryNode } from '$lib/search/query';
import { perDatabaseFile, query } from './db';
import type { Filters } from './filters';
import { recommendationPath } from './queries/followup';
import { readTexts, searchHits, searchIndex, type RunSql } from './search-index';

export type { IndexedText } from './search-index';

const run: RunSql = (sql, params) => query(sql, params);

export const SEARCH_KINDS = ['recommendation', 'paragraph'] as const;

export interface SearchOptions {
	filters: Filters;
	topic: string | null;
	kind: (typeof SEARCH_KINDS)[number] | null;
	limit: number;
	offset: number;
}

export interface SearchResult {
	id: string;
	kind: 'recommendation' | 'paragraph';
	/** "WG.2", or "WG.3, WG.2" for joint text. */
	bodies: string;
	date: string | null;
	year: number | null;
	/** "para. 30", "(b)", "annotation to item 6". */
	place: string;
	/** Where the text is on its meeting page. */
	href: string;
	/** The recommendation's own page (follow-up), for recommendations. */
	recommendationHref: string | null;
	section: string | null;
	topics: string[];
	source: string;
	score: number;
	segments: Segment[];
}

export interface SearchAnswer {
	query: QueryNode | null;
	total: number;
	results: SearchResult[];
}

/** The search index of the file opened last, read from the catalog once per opening (2-6 ms a search). */
const currentIndex = perDatabaseFile(() => searchIndex(run));

/** Ranked, highlighted hits of `q` under the options. */
export async function runSearch(q: string, opts: SearchOptions): Promise<SearchAnswer> {
	const node = parseQuery(q);
	if (!node) return { query: null, total: 0, results: [] };
	const index = await currentIndex();
	if (!index) error(503, 'The search index is missing from this database: run `npm run derive` to build it.');
	const f = opts.filters;
	const { total, hits } = await searchHits(
		run,
		node,
		{ kind: opts.kind, bodies: f.bodies, from: f.from, to: f.to, topic: opts.topic },
		opts.limit,
		opts.offset,
		index
	);
	const texts = await readTexts(
		run,
		hits.map((h) => h.unit)
	);
	const scoreOf = new Map(hits.map((h) => [h.unit, h.score]));
	const parts = positiveParts(node);
	const results = texts.map((doc) => {
		const score = scoreOf.get(doc.unit) ?? 0;
		// The meeting page the link opens: of a filtered body when the text is joint.
		const meeting = doc.meetings.find((m) => f.bodies.includes(m.body)) ?? doc.meetings[0];
		const anchor =
			doc.kind === 'recommendation' && doc.label
				? recommendationAnchor(doc.label)
				: paragraphAnchor(doc.paragraph, doc.paragraphOrder ?? 0);
		return {
			id: doc.id,
			kind: doc.kind,
			bodies: doc.meetings.map((m) => m.body).join(', '),
			date: doc.date,
			year: doc.year,
			place:
				doc.kind === 'recommendation'
					? `${doc.label ?? ''}`
					: doc.paragraph
						? `para. ${doc.paragraph}`
						: doc.item
							? `annotation to item ${doc.item}`
							: 'unnumbered text',
			href: meeting ? `/meetings/${encodeURIComponent(meeting.id)}#${anchor}` : '',
			recommendationHref:
				doc.kind === 'recommendation' && doc.label && meeting
					? recommendationPath(doc.meetings[0]!.id, doc.label)
					: null,
			section: doc.section,
			topics: doc.topics,
			source: doc.source,
			score: Math.round(score * 100) / 100,
			segments: highlight(doc.text, parts, 420)
		};
	});
	return { query: node, total, results };
}
