/**
 * The topics, recommendations and search answers as datasets (`/api/...`, JSON or `?format=csv`), built from the
 * same functions as the pages so a page and its data never disagree.
 */
import { error, json } from '@sveltejs/kit';
import { csvFormatRow } from 'd3-dsv';
import { exportFileName } from '$lib/export/caption';
import { csv, provenanceLines, type CellValue, type Column } from '$lib/export/csv';
import { datasetResponse, memoDataset, type Dataset, type MemoDataset } from './dataset';
import { describeFilters, readFilters, type Filters } from './filters';
import { corpusVersion } from './queries/corpus';
import { derivedState, type DerivedState } from './queries/derived';
// Read once per corpus version (memo.ts), not per request: 3 ms of SQL at 1,000x.
import { bodiesInDatabase, corpusLabel } from './participation-aggregates';
import { memoByCorpus } from './memo';
import { slots } from './slots';
import {
	allLinks,
	allRecommendations,
	FATE_LABELS,
	followupState,
	listLinks,
	listRecommendations,
	meetingFate,
	meetingName,
	readPaging,
	readRecFilters,
	recommendationPath,
	targetLabel,
	targetPath,
	type FollowupState,
	type ListedLink,
	type Paging,
	type RecFilters,
	type RecListRow
} from './queries/followup';
import {
	discoveredTerms,
	topicBodyMatrix,
	topicCounts,
	topicList,
	topics,
	topicSharesByYear,
	topicSources,
	topicTextRange,
	type TopicTextRow
} from './queries/topics';
import { runSearch } from './search';
import { readSearchParams } from './search-params';

// Datasets hold plain rows of mixed fields; the generic parameter is kept loose on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRow = any;
type AnyDataset = Dataset<AnyRow>;

function bodyYears(f: Filters): Record<string, string> {
	const all = describeFilters(f);
	return { Bodies: all['Bodies'] ?? 'all', Years: all['Years'] ?? 'all' };
}

async function requireDerived(): Promise<DerivedState> {
	const derived = await derivedState();
	if (!derived.present) error(404, 'No topics or follow-up links in this database: run `npm run derive`.');
	return derived;
}

/**
 * A dataset of /api/topics (the list, shares, matrix or terms), computed once per derivation (`derived.key`
 * changes with an ingest or a derive, as on the /topics page), filters and dataset: at 1,000x its six queries, the
 * rows' conversion and assembly took 13-24 ms a request.
 */
export async function topicsDataset(
	url: URL,
	which: 'list' | 'shares' | 'matrix' | 'terms'
): Promise<MemoDataset<AnyRow>> {
	const derived = await requireDerived();
	const f = readFilters(url, await bodiesInDatabase());
	return memoByCorpus('topics dataset', { key: derived.key, which, filters: f }, async () =>
		memoDataset(await computeTopicsDataset(f, which))
	);
}

async function computeTopicsDataset(
	f: Filters,
	which: 'list' | 'shares' | 'matrix' | 'terms'
): Promise<AnyDataset> {
	const list = await topics();
	const [corpus, sources] = await Promise.all([corpusVersion(), topicSources(f)]);
	const meta = { sources, filters: bodyYears(f), corpusVersion: corpus.label };
	if (which === 'shares') {
		return {
			id: 'topic-shares',
			title: 'Topic share by year',
			caption:
				'Share of each year’s topical attention (summed relevance of recommendations and paragraphs) per topic.',
			columns: [
				{ key: 'year', label: 'Year' },
				{ key: 'topicId', label: 'Topic id' },
				{ key: 'topic', label: 'Topic' },
				{ key: 'texts', label: 'Texts', align: 'right' },
				{ key: 'weight', label: 'Summed relevance', align: 'right' },
				{ key: 'share', label: 'Share (%)', align: 'right' }
			],
			rows: await topicSharesByYear(f, list),
			...meta
		};
	}
	if (which === 'matrix') {
		return {
			id: 'topic-body',
			title: 'Topics by body',
			caption: 'Share of each body’s topical attention per topic.',
			columns: [
				{ key: 'topicId', label: 'Topic id' },
				{ key: 'topic', label: 'Topic' },
				{ key: 'body', label: 'Body' },
				{ key: 'texts', label: 'Texts', align: 'right' },
				{ key: 'share', label: 'Share (%)', align: 'right' }
			],
			rows: await topicBodyMatrix(f, list),
			...meta
		};
	}
	if (which === 'terms') {
		const terms = await discoveredTerms();
		return {
			id: 'discovered-terms',
			title: 'Discovered terms',
			caption:
				'Phrases rising or falling over the years that no topic covers yet (trend in percentage points of texts per year).',
			columns: [
				{ key: 'term', label: 'Phrase' },
				{ key: 'direction', label: 'Direction' },
				{ key: 'slope', label: 'Trend (pp/year)', align: 'right' },
				{ key: 'count', label: 'Texts', align: 'right' },
				{ key: 'perYear', label: 'Texts per year' }
			],
			rows: terms.map((t) => ({
				...t,
				perYear: t.years.map((y) => `${y.year}: ${y.texts}/${y.total}`).join('; ')
			})),
			...meta,
			filters: {}
		};
	}
	const counts = await topicCounts(f);
	return {
		id: 'topics',
		title: 'Topics',
		caption: 'The reviewed taxonomy with the number of texts about each topic (relevance at least 0.35).',
		columns: [
			{ key: 'id', label: 'Id' },
			{ key: 'name', label: 'Topic' },
			{ key: 'description', label: 'Description' },
			{ key: 'keyPhrases', label: 'Key phrases' },
			{ key: 'articles', label: 'Convention articles' },
			{ key: 'recommendations', label: 'Recommendations', align: 'right' },
			{ key: 'paragraphs', label: 'Paragraphs', align: 'right' },
			{ key: 'agendaItems', label: 'Agenda items', align: 'right' }
		],
		rows: list.map((t) => ({
			id: t.id,
			name: t.name,
			description: t.description,
			keyPhrases: t.keyPhrases.join(' | '),
			articles: t.articles.join(' | '),
			recommendations: counts.get(t.id)?.recommendations ?? 0,
			paragraphs: counts.get(t.id)?.paragraphs ?? 0,
			agendaItems: counts.get(t.id)?.agendaItems ?? 0
		})),
		...meta
	};
}

const TOPIC_COLUMNS: Column<Record<string, CellValue>>[] = [
	{ key: 'kind', label: 'Kind' },
	{ key: 'bodies', label: 'Body' },
	{ key: 'date', label: 'Meeting date' },
	{ key: 'paragraph', label: 'Paragraph' },
	{ key: 'label', label: 'Recommendation' },
	{ key: 'item', label: 'Agenda item' },
	{ key: 'score', label: 'Relevance', align: 'right' },
	{ key: 'matched', label: 'Matched phrases' },
	{ key: 'text', label: 'Text' },
	{ key: 'source', label: 'Source' },
	{ key: 'url', label: 'Meeting page' }
];

function topicCells(t: TopicTextRow): Record<string, CellValue> {
	return {
		kind: t.kind,
		bodies: t.bodies,
		date: t.date,
		paragraph: t.paragraph,
		label: t.label,
		item: t.item,
		score: t.score,
		matched: t.matched.join(' | '),
		text: t.text,
		source: t.source,
		url: `/meetings/${encodeURIComponent(t.meetingId)}`
	};
}

async function topicMeta(url: URL, id: string) {
	const derived = await requireDerived();
	const f = readFilters(url, await bodiesInDatabase());
	const topic = (await topicList(derived.key)).find((t) => t.id === id);
	if (!topic) error(404, `No topic "${id.slice(0, 60)}"`);
	const meta: PagedMeta = {
		id: `topic-${id}`,
		title: `Texts about ${topic.name}`,
		caption: 'Recommendations, agenda items and paragraphs with a relevance of at least 0.35 to the topic.',
		columns: TOPIC_COLUMNS,
		filters: bodyYears(f),
		corpusVersion: (await corpusVersion()).label
	};
	return { f, meta };
}

/** Every text of a topic, as the CSV export (and the figure export path) gives it. */
export async function topicDataset(url: URL, id: string): Promise<AnyDataset> {
	const { f, meta } = await topicMeta(url, id);
	const texts = await topicTextRange(id, f);
	return { ...meta, rows: texts.rows.map(topicCells), sources: await topicSources(f) };
}

/**
 * `/api/topics/[id]`: one page as JSON (`limit`, default 100, at most 1,000; `offset`) over the topic's
 * recommendations, then agenda items, then paragraphs (by relevance), or every text as CSV. At 1,000× a topic
 * has tens of thousands of texts (55 MB of JSON for SHERLOC): a page reads its own rows only, and the total
 * with them (one query).
 */
export async function topicResponse(url: URL, id: string): Promise<Response> {
	if (readFormat(url) === 'csv') return datasetResponse(await topicDataset(url, id), url);
	const { f, meta } = await topicMeta(url, id);
	const page = readPaging(url, DEFAULT_API_LIMIT);
	const texts = await topicTextRange(id, f, page);
	const sources = [...new Set(texts.rows.map((t) => t.source))];
	return pageResponse(url, meta, texts.rows.map(topicCells), sources, texts.total, page);
}

const REC_COLUMNS: Column<Record<string, CellValue>>[] = [
	{ key: 'id', label: 'Id' },
	{ key: 'body', label: 'Body' },
	{ key: 'date', label: 'Meeting date' },
	{ key: 'label', label: 'Label' },
	{ key: 'kind', label: 'Kind' },
	{ key: 'text', label: 'Text' },
	{ key: 'addressees', label: 'Addressees' },
	{ key: 'strength', label: 'Strength' },
	{ key: 'topics', label: 'Topics' },
	{ key: 'status', label: 'Status' },
	{ key: 'curated', label: 'Curated' },
	{ key: 'links', label: 'Counted links', align: 'right' },
	{ key: 'possible', label: 'Possible links', align: 'right' },
	{ key: 'lastTrace', label: 'Latest follow-up' },
	{ key: 'href', label: 'Page' }
];

/** Rows of one page of the JSON answers when `?limit=` is not given. */
export const DEFAULT_API_LIMIT = 100;

function readFormat(url: URL): 'json' | 'csv' {
	const format = url.searchParams.get('format') ?? 'json';
	if (format !== 'json' && format !== 'csv') error(400, `Invalid value for "format": use json or csv`);
	return format;
}

function recFilterValues(f: RecFilters): Record<string, string> {
	const filters: Record<string, string> = bodyYears(f.filters);
	for (const [k, v] of Object.entries({
		addressee: f.addressee,
		strength: f.strength,
		topic: f.topic,
		status: f.status,
		meeting: f.meeting,
		kind: f.kind
	}))
		if (v) filters[k] = v;
	return filters;
}

/** Distinct source documents of some meetings, in the order met. */
function sourcesOf(state: FollowupState, meetingIds: Iterable<string>): string[] {
	return [...new Set([...meetingIds].map((id) => state.meetings.get(id)?.source ?? ''))].filter(Boolean);
}

interface PagedMeta {
	id: string;
	title: string;
	caption: string;
	columns: Column<Record<string, CellValue>>[];
	filters: Record<string, string>;
	corpusVersion: string;
}

/** One page as JSON: the dataset's fields, the rows, and `total`, `limit`, `offset` and the `next` page's URL. */
function pageResponse(
	url: URL,
	meta: PagedMeta,
	rows: Record<string, CellValue>[],
	sources: string[],
	total: number,
	page: Paging
): Response {
	let next: string | null = null;
	if (page.offset + rows.length < total && rows.length > 0) {
		const p = new URLSearchParams(url.searchParams);
		p.set('offset', String(page.offset + rows.length));
		p.set('limit', String(page.limit));
		next = `${url.pathname}?${p}`;
	}
	const { columns, ...rest } = meta;
	return json({
		...rest,
		sources,
		url: url.pathname + url.search,
		columns: columns.map(({ key, label, align }) => ({ key, label, align: align ?? 'left' })),
		rows,
		total,
		limit: page.limit,
		offset: page.offset,
		next
	});
}

/**
 * Exports of every row streamed at once; more wait their turn. Each holds a batch of rows (up to some 2,000 links
 * with their evidence, a few MB) in the server's 128 MB heap while it is written: without a limit, three exports of
 * every link at once at 100× ended the server.
 */
const EXPORTS = slots(() => 2);

/**
 * Every row as CSV, written as the batches come (an export of every link at 1,000× is hundreds of MB: it is
 * never held whole). Same bytes as `csvWithProvenance`: header, rows, an empty line, then the provenance, whose
 * sources are known once the last row is written.
 */
function csvStream(
	meta: PagedMeta,
	url: URL,
	batches: AsyncIterable<Record<string, CellValue>[]>,
	sources: () => string[]
): Response {
	const header = csv(meta.columns, []);
	const encoder = new TextEncoder();
	const iterator = batches[Symbol.asyncIterator]();
	// The export's turn (see EXPORTS); `cancelled` when the client left while it waited.
	let release: (() => void) | null = null;
	let cancelled = false;
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			release = await EXPORTS.take();
			if (cancelled) return release();
			controller.enqueue(encoder.encode(header));
		},
		async pull(controller) {
			try {
				const next = await iterator.next();
				if (next.done) {
					release?.();
					const lines = provenanceLines({ ...meta, sources: sources(), url: url.href });
					controller.enqueue(encoder.encode(`\r\n${lines.map((l) => csvFormatRow([l])).join('\r\n')}\r\n`));
					controller.close();
					return;
				}
				// csv() of a batch is the header and the rows: only the rows are new.
				controller.enqueue(encoder.encode(csv(meta.columns, next.value).slice(header.length)));
			} catch (err) {
				release?.();
				throw err;
			}
		},
		async cancel() {
			cancelled = true;
			release?.();
			await iterator.return?.(undefined);
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(meta, 'csv')}"`
		}
	});
}

function recCells(r: RecListRow): Record<string, CellValue> {
	return { ...r, status: r.statusLabel };
}

/**
 * `/api/recommendations`: one page of the list as JSON (`limit`, default 100, at most 1,000; `offset`), or
 * every row as CSV.
 */
export async function recommendationsResponse(url: URL): Promise<Response> {
	const format = readFormat(url);
	const state = await followupState();
	const f = readRecFilters(url, state, await bodiesInDatabase());
	const page = readPaging(url, DEFAULT_API_LIMIT);
	const corpus = await corpusLabel();
	const meta: PagedMeta = {
		id: 'recommendations',
		title: 'Recommendations and their follow-up',
		caption:
			'Each recommendation or discussion point with its follow-up status and the number of counted links.',
		columns: REC_COLUMNS,
		filters: recFilterValues(f),
		corpusVersion: corpus
	};
	if (format === 'csv') {
		const meetings = new Set<string>();
		async function* rows() {
			for await (const batch of allRecommendations(state, f)) {
				for (const r of batch) meetings.add(r.meetingId);
				yield batch.map(recCells);
			}
		}
		return csvStream(meta, url, rows(), () => sourcesOf(state, meetings));
	}
	const { rows, total } = await listRecommendations(state, f, page);
	return pageResponse(
		url,
		meta,
		rows.map(recCells),
		sourcesOf(
			state,
			rows.map((r) => r.meetingId)
		),
		total,
		page
	);
}

const LINK_KEYS = [
	'from',
	'fromBody',
	'fromDate',
	'fromLabel',
	'toBody',
	'toDate',
	'toLabel',
	'toParagraph',
	'toItem',
	'target',
	'kind',
	'score',
	'counted',
	'decision',
	'note',
	'snippet',
	'reasons',
	'url',
	'page'
] as const;

function linkCells(state: FollowupState, { rec, link: l }: ListedLink): Record<string, CellValue> {
	const to = state.meetings.get(l.toMeetingId);
	return {
		from: rec.id,
		fromBody: rec.body,
		fromDate: rec.date,
		fromLabel: rec.label,
		toBody: to?.body ?? null,
		toDate: to?.date ?? null,
		toLabel: l.toLabel,
		toParagraph: l.toParagraph,
		toItem: l.toParagraph === null && l.toLabel === null ? l.toItem : null,
		target: targetLabel(l),
		kind: l.kind,
		score: l.score,
		counted: l.counted,
		decision: l.decision,
		note: l.decisionNote,
		snippet: l.snippet,
		reasons: l.reasons.join('; '),
		url: targetPath(l),
		page: recommendationPath(rec.meetingId, rec.label)
	};
}

/**
 * `/api/recommendations/links`: the links of the listed recommendations (counted, possible and rejected, with
 * curators' decisions), one page as JSON (`limit`, `offset` over links), or all of them as CSV.
 */
export async function linksResponse(url: URL): Promise<Response> {
	const format = readFormat(url);
	const state = await followupState();
	const f = readRecFilters(url, state, await bodiesInDatabase());
	const page = readPaging(url, DEFAULT_API_LIMIT);
	const corpus = await corpusLabel();
	const meta: PagedMeta = {
		id: 'followup-links',
		title: 'Follow-up links',
		caption:
			'Every link of the listed recommendations (counted, possible and rejected), with curators’ decisions.',
		columns: LINK_KEYS.map((key) => ({ key, label: key })),
		filters: recFilterValues(f),
		corpusVersion: corpus
	};
	if (format === 'csv') {
		async function* rows() {
			for await (const batch of allLinks(state, f)) yield batch.map((l) => linkCells(state, l));
		}
		return csvStream(meta, url, rows(), () => []);
	}
	const { rows, total } = await listLinks(state, f, page);
	return pageResponse(
		url,
		meta,
		rows.map((l) => linkCells(state, l)),
		[],
		total,
		page
	);
}

export async function fateDataset(url: URL): Promise<AnyDataset> {
	const state = await followupState();
	const meeting = url.searchParams.get('meeting') ?? '';
	if (!state.choices.meetingIds.includes(meeting))
		error(
			400,
			'Invalid value for "meeting": give the id of a meeting with recommendations (see /api/recommendations)'
		);
	const fate = await meetingFate(state, meeting);
	const corpus = await corpusLabel();
	return {
		id: `fate-${meeting}`,
		title: `How the recommendations of ${meetingName(state.meetings.get(meeting))} fared`,
		caption: 'Strongest counted follow-up evidence of each recommendation at each later meeting.',
		columns: [
			{ key: 'recommendation', label: 'Recommendation' },
			{ key: 'meeting', label: 'Later meeting' },
			{ key: 'meetingId', label: 'Later meeting id' },
			{ key: 'level', label: 'Strongest evidence' },
			{ key: 'links', label: 'Links', align: 'right' }
		],
		rows: fate.cells.map((c) => ({ ...c, level: FATE_LABELS[c.level] })),
		sources: [state.meetings.get(meeting)?.source ?? meeting],
		filters: {},
		corpusVersion: corpus
	};
}

/**
 * Hits an /api/search answer holds unless `limit` says otherwise (1-1,000), and its CSV (which is for keeping: up to
 * 1,000). A hit is read with its whole text, scattered across a table of hundreds of thousands of texts: 1,000 of
 * them took about 45 ms to read at 1,000x the corpus, against 50 ms for the whole answer.
 */
const SEARCH_API_LIMIT = 50;
const SEARCH_CSV_LIMIT = 1000;

export async function searchDataset(url: URL): Promise<AnyDataset> {
	const p = await readSearchParams(url);
	const csv = url.searchParams.get('format') === 'csv';
	const paging = readPaging(url, csv ? SEARCH_CSV_LIMIT : SEARCH_API_LIMIT);
	const limit = paging.limit;
	// `offset` as in the other lists; without one, `page` counts pages of `limit` hits (as /search does).
	const offset = url.searchParams.has('offset') ? paging.offset : (p.page - 1) * limit;
	const answer = p.q.trim()
		? await runSearch(p.q, { filters: p.filters, topic: p.topic, kind: p.kind, limit, offset })
		: { total: 0, results: [], query: null };
	const corpus = await corpusLabel();
	return {
		id: 'search',
		title: `Search: ${p.q}`,
		caption:
			answer.results.length > 0 && answer.results.length < answer.total
				? `${answer.total} matches, best first; here ${offset + 1} to ${offset + answer.results.length} (limit, offset).`
				: `${answer.total} matches, best first.`,
		columns: [
			{ key: 'kind', label: 'Kind' },
			{ key: 'bodies', label: 'Body' },
			{ key: 'date', label: 'Meeting date' },
			{ key: 'place', label: 'Place' },
			{ key: 'score', label: 'Score', align: 'right' },
			{ key: 'text', label: 'Text (matches in [brackets])' },
			{ key: 'source', label: 'Source' },
			{ key: 'href', label: 'URL' }
		],
		rows: answer.results.map((r) => ({
			kind: r.kind,
			bodies: r.bodies,
			date: r.date,
			place: r.place,
			score: r.score,
			text: r.segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join(''),
			source: r.source,
			href: r.href
		})),
		sources: [...new Set(answer.results.map((r) => r.source))],
		filters: {
			...bodyYears(p.filters),
			...(p.topic ? { Topic: p.topic } : {}),
			...(p.kind ? { In: p.kind } : {})
		},
		corpusVersion: corpus
	};
}
