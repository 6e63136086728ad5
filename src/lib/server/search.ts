/**
 * The search index of the web app: every paragraph (except those that only hold recommendations, which are
 * indexed as recommendations) and every recommendation, built once per version of the data (queries/derived.ts)
 * and kept in memory. Filters by body, year, topic and kind run over the hits.
 */
import { recommendationAnchor, paragraphAnchor } from '$lib/citation';
import { containerParagraphs } from '$lib/followup/compute';
import { buildIndex, search, type SearchIndex } from '$lib/search/engine';
import { highlight, type Segment } from '$lib/search/highlight';
import { parseQuery, positiveParts, type QueryNode } from '$lib/search/query';
import { query } from './db';
import type { Filters } from './filters';
import { derivedState } from './queries/derived';
import { recommendationPath } from './queries/followup';

export interface IndexedText {
	id: string;
	text: string;
	kind: 'recommendation' | 'paragraph';
	documentId: string;
	/** The meetings it belongs to (both bodies' meetings for joint text of a joint report). */
	meetings: { id: string; body: string }[];
	year: number | null;
	date: string | null;
	paragraph: string | null;
	paragraphOrder: number | null;
	label: string | null;
	item: string | null;
	section: string | null;
	topics: string[];
	source: string;
	recommendationId: string | null;
}

let cached: { key: string; index: Promise<SearchIndex<IndexedText>> } | null = null;

async function loadTexts(): Promise<IndexedText[]> {
	const [meetings, paragraphs, recs, docs, topics] = await Promise.all([
		query<{ id: string; document_id: string; body: string; year: number | null; date: string | null }>(
			`SELECT id, document_id, body_code AS body, year::INTEGER AS year, strftime(start_date, '%Y-%m-%d') AS date
			   FROM meeting ORDER BY start_date NULLS LAST, body_code`
		),
		query<{
			document_id: string;
			number: string | null;
			ord: number;
			body: string | null;
			item: string | null;
			section: string | null;
			text: string;
		}>(
			`SELECT document_id, number, sort_order::INTEGER AS ord, body_code AS body, item, section, text
			   FROM paragraph ORDER BY document_id, sort_order`
		),
		query<{
			id: string;
			meeting_id: string;
			label: string;
			section: string | null;
			paragraph: string | null;
			text: string;
			ord: number;
		}>(
			`SELECT id, meeting_id, label, section, paragraph, text, sort_order::INTEGER AS ord FROM recommendation ORDER BY meeting_id, sort_order`
		),
		query<{ id: string; source: string }>(
			`SELECT d.id, coalesce(d.symbol, d.title || coalesce(' (' || strftime(d.distribution_date, '%d %B %Y') || ')', ''), d.id) AS source FROM document d`
		),
		(await derivedState()).present
			? query<{ unit_key: string; topic_id: string }>(
					`SELECT unit_key, topic_id FROM topic_assignment WHERE unit_kind <> 'agenda_item'`
				)
			: Promise.resolve([])
	]);
	const meetingById = new Map(meetings.map((m) => [m.id, m]));
	const byDoc = new Map<string, typeof meetings>();
	for (const m of meetings) byDoc.set(m.document_id, [...(byDoc.get(m.document_id) ?? []), m]);
	const source = new Map(docs.map((d) => [d.id, d.source]));
	const topicsOf = new Map<string, string[]>();
	for (const t of topics) topicsOf.set(t.unit_key, [...(topicsOf.get(t.unit_key) ?? []), t.topic_id]);
	const containers = containerParagraphs({
		meetings: meetings.map((m) => ({
			id: m.id,
			documentId: m.document_id,
			body: m.body,
			date: m.date,
			year: m.year
		})),
		paragraphs: paragraphs.map((p) => ({
			documentId: p.document_id,
			number: p.number,
			order: p.ord,
			body: p.body,
			item: p.item,
			section: p.section,
			text: p.text
		})),
		recommendations: recs.map((r) => ({
			id: r.id,
			meetingId: r.meeting_id,
			label: r.label,
			section: r.section,
			paragraph: r.paragraph,
			text: r.text,
			sortOrder: r.ord
		})),
		agendaItems: []
	});
	const out: IndexedText[] = [];
	for (const r of recs) {
		const m = meetingById.get(r.meeting_id);
		if (!m) continue;
		out.push({
			id: `r:${r.id}`,
			text: r.text,
			kind: 'recommendation',
			documentId: m.document_id,
			meetings: [{ id: m.id, body: m.body }],
			year: m.year,
			date: m.date,
			paragraph: r.paragraph,
			paragraphOrder: null,
			label: r.label,
			item: null,
			section: r.section,
			topics: topicsOf.get(`r:${r.id}`) ?? [],
			source: source.get(m.document_id) ?? m.document_id,
			recommendationId: r.id
		});
	}
	for (const p of paragraphs) {
		if (containers.has(`${p.document_id}\u0000${p.ord}`)) continue;
		const all = byDoc.get(p.document_id) ?? [];
		const own = p.body === null ? all : all.filter((m) => m.body === p.body);
		const list = own.length ? own : all;
		const first = list[0];
		const key = p.number ? `p:${p.document_id}:${p.number}` : `p:${p.document_id}:#${p.ord}`;
		out.push({
			id: `p:${p.document_id}:${p.ord}`,
			text: p.text,
			kind: 'paragraph',
			documentId: p.document_id,
			meetings: list.map((m) => ({ id: m.id, body: m.body })),
			year: first?.year ?? null,
			date: first?.date ?? null,
			paragraph: p.number,
			paragraphOrder: p.ord,
			label: null,
			item: p.item,
			section: p.section,
			topics: topicsOf.get(key) ?? [],
			source: source.get(p.document_id) ?? p.document_id,
			recommendationId: null
		});
	}
	return out;
}

/** The index for the current data (built at the first search after each ingest). */
export async function searchIndex(): Promise<SearchIndex<IndexedText>> {
	const key = (await derivedState()).key;
	if (cached && cached.key === key) return cached.index;
	const index = loadTexts().then((texts) => buildIndex(texts));
	cached = { key, index };
	index.catch(() => {
		if (cached?.index === index) cached = null;
	});
	return index;
}

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

/** Ranked, highlighted hits of `q` under the options. */
export async function runSearch(q: string, opts: SearchOptions): Promise<SearchAnswer> {
	const node = parseQuery(q);
	if (!node) return { query: null, total: 0, results: [] };
	const index = await searchIndex();
	const f = opts.filters;
	const hits = search(index, node, (d) => {
		if (opts.kind && d.kind !== opts.kind) return false;
		if (f.bodies.length && !d.meetings.some((m) => f.bodies.includes(m.body))) return false;
		if (f.from !== null && (d.year === null || d.year < f.from)) return false;
		if (f.to !== null && (d.year === null || d.year > f.to)) return false;
		if (opts.topic && !d.topics.includes(opts.topic)) return false;
		return true;
	});
	const parts = positiveParts(node);
	const results = hits.slice(opts.offset, opts.offset + opts.limit).map(({ doc, score }) => {
		// The meeting page the link opens: of a filtered body when the text is joint.
		const meeting = doc.meetings.find((m) => f.bodies.includes(m.body)) ?? doc.meetings[0]!;
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
			href: `/meetings/${encodeURIComponent(meeting.id)}#${anchor}`,
			recommendationHref:
				doc.kind === 'recommendation' && doc.label
					? recommendationPath(doc.meetings[0]!.id, doc.label)
					: null,
			section: doc.section,
			topics: doc.topics,
			source: doc.source,
			score: Math.round(score * 100) / 100,
			segments: highlight(doc.text, parts, 420)
		};
	});
	return { query: node, total: hits.length, results };
}
