/**
 * The full-text search index, stored in the database next to the derived tables (written by `writeDerived`)
 * instead of being held in the web server's memory: an in-memory index of every paragraph and recommendation
 * took 365 MB of the server at 100× the corpus and 1.4 GB at 1,000×.
 *
 *   search_text  one row per indexed text (`unit`, an integer in index order: recommendations, then paragraphs;
 *                an ART index on it, through which a page of hits is read: readUnits)
 *                with what a result shows and the filters need, and its length (`terms`: its distinct words as
 *                written, stopwords included, which is what MiniSearch counted, so the ranking stayed as it was)
 *   search_term  one row per (stem, unit): the term frequency, the text's length again so that scoring
 *                reads one table, and where the stem's words stand in the text (`pos`: their places among all
 *                its words, stopwords counted, as `tokenize` counts them); ordered by stem, so a term's rows
 *                are found through the zone maps
 *
 * Terms are the tokenizer's content stems (src/lib/nlp/tokens.ts: folded, stemmed, no stopwords), the same as a
 * query's. Scoring is BM25+ with MiniSearch's constants (k 1.2, b 0.7, d 0.5), which the app used before, so the
 * ranking did not change with the move. The query tree (src/lib/search/query.ts) becomes one SQL statement of
 * CTEs, with every stem a parameter. A quoted phrase of content words is matched in that statement, by the
 * positions of its words; one with a stopword (which has no postings) is narrowed by SQL to the texts holding
 * all its content words at their distances, then checked for the word order on those texts (containsPhrase)
 * and passed back as parameters.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { duckdb } from './duckdb-api';
import { containerParagraphs, type Corpus, type CorpusParagraph, type TextStems } from '../followup/compute';
import { appendRows, splitListSql } from './appender';
import { contentPositions, contentStems, normalizeTerm, STOPWORDS } from '../nlp/tokens';
import { stem } from '../nlp/stem';
import { containsPhrase } from '../search/engine';
import type { QueryNode } from '../search/query';

export const SEARCH_TABLES = ['search_text', 'search_term'] as const;

/** One text to index, as loaded from the corpus tables (its topics and source are joined in SQL). */
export interface SearchTextInput {
	id: string;
	kind: 'recommendation' | 'paragraph';
	/** The topic_assignment unit_key of the text. */
	topicKey: string;
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
	recommendationId: string | null;
	text: string;
	/** Its content stems joined by spaces, when already known (else the text is tokenized here). */
	stems?: string;
}

/** A row of search_text as a result needs it. */
export interface IndexedText {
	unit: number;
	id: string;
	kind: 'recommendation' | 'paragraph';
	documentId: string;
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
	text: string;
}

/** Words as the tokenizer splits them (tokens.ts), unfolded: what a text's length counts. */
const WORD = /[\p{L}\p{N}]+/gu;

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
	return (await conn.runAndReadAll(sql)).getRowObjectsJS();
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The texts the search covers, in index order: every recommendation, then every paragraph that is not only
 * the container of recommendations (those are indexed as the recommendations). */
async function loadTexts(conn: DuckDBConnection): Promise<SearchTextInput[]> {
	const meetings = (
		await rows(
			conn,
			`SELECT id, document_id, body_code AS body, year::INTEGER AS year, strftime(start_date, '%Y-%m-%d') AS date
			   FROM meeting ORDER BY start_date NULLS LAST, body_code`
		)
	).map((m) => ({
		id: String(m.id),
		documentId: String(m.document_id),
		body: String(m.body),
		year: num(m.year),
		date: str(m.date)
	}));
	const paragraphs = (
		await rows(
			conn,
			`SELECT document_id, number, sort_order::INTEGER AS ord, body_code AS body, item, section, text
			   FROM paragraph ORDER BY document_id, sort_order`
		)
	).map((p) => ({
		documentId: String(p.document_id),
		number: str(p.number),
		order: Number(p.ord),
		body: str(p.body),
		item: str(p.item),
		section: str(p.section),
		text: String(p.text)
	}));
	const recs = (
		await rows(
			conn,
			`SELECT id, meeting_id, label, section, paragraph, text, sort_order::INTEGER AS ord
			   FROM recommendation ORDER BY meeting_id, sort_order`
		)
	).map((r) => ({
		id: String(r.id),
		meetingId: String(r.meeting_id),
		label: String(r.label),
		section: str(r.section),
		paragraph: str(r.paragraph),
		text: String(r.text),
		sortOrder: Number(r.ord)
	}));
	const meetingById = new Map(meetings.map((m) => [m.id, m]));
	const byDoc = new Map<string, typeof meetings>();
	for (const m of meetings) byDoc.set(m.documentId, [...(byDoc.get(m.documentId) ?? []), m]);
	const containers = containerParagraphs({ meetings, paragraphs, recommendations: recs, agendaItems: [] });
	const out: SearchTextInput[] = [];
	for (const r of recs) {
		const m = meetingById.get(r.meetingId);
		if (m) out.push(recommendationInput(r, m));
	}
	for (const p of paragraphs) {
		if (!containers.has(`${p.documentId}\u0000${p.order}`))
			out.push(paragraphInput(p, byDoc.get(p.documentId)));
	}
	return out;
}

interface IndexedMeeting {
	id: string;
	documentId: string;
	body: string;
	year: number | null;
	date: string | null;
}

/** A recommendation as the index holds it; `stems` when the derivation has tokenized it already. */
function recommendationInput(
	r: { id: string; label: string; section: string | null; paragraph: string | null; text: string },
	m: IndexedMeeting,
	stems?: string
): SearchTextInput {
	return {
		id: `r:${r.id}`,
		kind: 'recommendation',
		topicKey: `r:${r.id}`,
		documentId: m.documentId,
		meetings: [{ id: m.id, body: m.body }],
		year: m.year,
		date: m.date,
		paragraph: r.paragraph,
		paragraphOrder: null,
		label: r.label,
		item: null,
		section: r.section,
		recommendationId: r.id,
		text: r.text,
		...(stems === undefined ? {} : { stems })
	};
}

/**
 * A paragraph as the index holds it, under the meetings of its body in its document (all of the document's
 * meetings when it names no body, or none of them is its body's).
 */
function paragraphInput(
	p: CorpusParagraph,
	documentMeetings: readonly IndexedMeeting[] = [],
	stems?: string
): SearchTextInput {
	const own = p.body === null ? documentMeetings : documentMeetings.filter((m) => m.body === p.body);
	const list = own.length ? own : documentMeetings;
	const first = list[0];
	return {
		id: `p:${p.documentId}:${p.order}`,
		kind: 'paragraph',
		topicKey: p.number ? `p:${p.documentId}:${p.number}` : `p:${p.documentId}:#${p.order}`,
		documentId: p.documentId,
		meetings: list.map((m) => ({ id: m.id, body: m.body })),
		year: first?.year ?? null,
		date: first?.date ?? null,
		paragraph: p.number,
		paragraphOrder: p.order,
		label: null,
		item: p.item,
		section: p.section,
		recommendationId: null,
		text: p.text,
		...(stems === undefined ? {} : { stems })
	};
}

/**
 * The texts the search covers, as `loadTexts` reads them, from the corpus the derivation has read already and
 * the stems it has tokenized (a text's stems are null exactly when the search does not cover it).
 */
export function searchTextsOf(corpus: Corpus, stems: TextStems): SearchTextInput[] {
	const meetingById = new Map(corpus.meetings.map((m) => [m.id, m]));
	// A document's meetings in loadTexts' order: start date (undated last), then body.
	const byDoc = new Map<string, Corpus['meetings']>();
	for (const m of corpus.meetings) byDoc.set(m.documentId, [...(byDoc.get(m.documentId) ?? []), m]);
	// SQL's order: the strings' bytes, not the locale's.
	const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	for (const list of byDoc.values())
		list.sort(
			(a, b) =>
				(a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) ||
				cmp(a.date ?? '', b.date ?? '') ||
				cmp(a.body, b.body)
		);
	const joined = (ids: Int32Array) => stems.table.words(ids).join(' ');
	const out: SearchTextInput[] = [];
	corpus.recommendations.forEach((r, i) => {
		const m = meetingById.get(r.meetingId);
		const ids = stems.recommendations[i];
		if (m && ids) out.push(recommendationInput(r, m, joined(ids)));
	});
	corpus.paragraphs.forEach((p, i) => {
		const ids = stems.paragraphs[i];
		if (ids) out.push(paragraphInput(p, byDoc.get(p.documentId), joined(ids)));
	});
	return out;
}

/** A text's distinct stems, each with the places of its words (increasing, as `positions` are). */
function termPostings(stems: readonly string[], positions: readonly number[]): Map<string, number[]> {
	const out = new Map<string, number[]>();
	stems.forEach((s, i) => {
		const places = out.get(s);
		if (places) places.push(positions[i]!);
		else out.set(s, [positions[i]!]);
	});
	return out;
}

/**
 * Write search_text and search_term for `texts` (units numbered in their order). Reads the tables `document`
 * (for the source) and `topic_assignment` (for the topics), which must exist.
 */
export async function writeSearchTables(
	conn: DuckDBConnection,
	texts: readonly SearchTextInput[]
): Promise<void> {
	await conn.run(`
		CREATE OR REPLACE TABLE search_text_staging (
			unit INTEGER, id VARCHAR, kind VARCHAR, topic_key VARCHAR, document_id VARCHAR, meeting_ids VARCHAR,
			bodies VARCHAR, year INTEGER, date VARCHAR, paragraph VARCHAR, paragraph_order INTEGER, label VARCHAR,
			item VARCHAR, section VARCHAR, recommendation_id VARCHAR, text VARCHAR, terms INTEGER, stems VARCHAR,
			positions VARCHAR
		)`);
	// Each text's postings are counted here, so that search_term needs no GROUP BY over every word of the corpus
	// (at 1,000x, 10 million rows with their positions: 18 s, against 9 s for the unnest and sort alone). The
	// staging row has the text's distinct stems and, in the same order, the places of each one's words (commas
	// within a stem, spaces between stems), zipped by unnest. Stems contain only letters and digits, so a space
	// separates them.
	await appendRows(conn, 'search_text_staging', 'issssllississsssiss', (row) =>
		texts.forEach((t, unit) => {
			const stems = t.stems === undefined ? contentStems(t.text) : t.stems === '' ? [] : t.stems.split(' ');
			const positions = contentPositions(t.text);
			if (positions.length !== stems.length)
				throw new Error(`search index: ${t.id} has stems that are not its content words`);
			const postings = termPostings(stems, positions);
			row([
				unit,
				t.id,
				t.kind,
				t.topicKey,
				t.documentId,
				t.meetings.map((m) => m.id),
				t.meetings.map((m) => m.body),
				t.year,
				t.date,
				t.paragraph,
				t.paragraphOrder,
				t.label,
				t.item,
				t.section,
				t.recommendationId,
				t.text,
				new Set(t.text.match(WORD)).size,
				[...postings.keys()].join(' '),
				[...postings.values()].map((p) => p.join(',')).join(' ')
			]);
		})
	);
	await conn.run(`
		CREATE OR REPLACE TABLE search_term AS
		SELECT stem, unit, len(pos)::INTEGER AS tf, terms, pos
		  FROM (SELECT unit, terms, unnest(string_split(stems, ' ')) AS stem,
		               unnest(string_split(positions, ' ')).string_split(',')::INTEGER[] AS pos
		          FROM search_text_staging WHERE stems <> '')
		 ORDER BY stem, unit;
		CREATE OR REPLACE TABLE search_text AS
		SELECT s.unit, s.id, s.kind, s.document_id,
		       ${splitListSql('s.meeting_ids')} AS meeting_ids, ${splitListSql('s.bodies')} AS bodies,
		       s.year, s.date, s.paragraph, s.paragraph_order, s.label, s.item, s.section,
		       coalesce(t.topics, [])::VARCHAR[] AS topics, coalesce(d.source, s.document_id) AS source,
		       s.recommendation_id, s.text, s.terms
		  FROM search_text_staging s
		  LEFT JOIN (SELECT unit_key, list(DISTINCT topic_id ORDER BY topic_id) AS topics FROM topic_assignment
		              WHERE unit_kind <> 'agenda_item' GROUP BY unit_key) t ON t.unit_key = s.topic_key
		  LEFT JOIN (SELECT id, coalesce(symbol, title || coalesce(' (' || strftime(distribution_date, '%d %B %Y') || ')', ''), id) AS source
		               FROM document) d ON d.id = s.document_id
		 ORDER BY s.unit;
		CREATE INDEX search_text_unit ON search_text (unit);
		DROP TABLE search_text_staging;`);
}

/**
 * Build the search tables from the corpus and topic_assignment (inside writeDerived's transaction): from the
 * corpus and stems the derivation holds when given, else from the corpus tables.
 */
export async function writeSearchIndex(
	conn: DuckDBConnection,
	from?: { corpus: Corpus; stems: TextStems }
): Promise<void> {
	await writeSearchTables(conn, from ? searchTextsOf(from.corpus, from.stems) : await loadTexts(conn));
}

// ---------------------------------------------------------------------------------------------
// Query side.

/** Runs parameterized SQL: db.ts `query` in the app, a connection in tests. */
export type RunSql = (sql: string, params: Record<string, DuckDBValue>) => Promise<Record<string, unknown>[]>;

export interface SearchFilter {
	kind: 'recommendation' | 'paragraph' | null;
	bodies: string[];
	from: number | null;
	to: number | null;
	topic: string | null;
}

// BM25+ as MiniSearch computes it (the engine the app used before).
const K = 1.2;
const B = 0.7;
const D = 0.5;
// A prefix match scores less than the whole word, and less the longer the rest of the word is (MiniSearch's).
const PREFIX_WEIGHT = 0.375;

/**
 * BM25+ of one posting (SQL over the CTE `stats`): `w` its weight, `df` how many texts hold its stem, `tf` and
 * `terms` the posting's. One expression for terms and phrases, so that a phrase's words score exactly as the
 * same words searched apart.
 */
const bm25 = (w: string, df: string, tf: string, terms: string) =>
	`${w} * ln(1 + (stats.n - ${df} + 0.5) / (${df} + 0.5)) * (${D} + ${tf} * ${K + 1} / (${tf} + ${K} * (1 - ${B} + ${B} * ${terms} / stats.avglen)))`;

/** A phrase's texts and scores: found apart (units and scores), or SQL that finds them inside the query. */
type PhraseHits =
	{ units: number[]; scores: number[] } | { sql: (param: (v: DuckDBValue) => string) => string };

class Compiler {
	params: Record<string, DuckDBValue> = {};
	ctes: string[] = [];
	private n = 0;

	constructor(private readonly phrases: Map<QueryNode, PhraseHits>) {}

	private param(value: DuckDBValue): string {
		const name = `p${this.n++}`;
		this.params[name] = value;
		return `$${name}`;
	}

	private cte(sql: string): string {
		const name = `c${this.ctes.length}`;
		this.ctes.push(`${name} AS (${sql})`);
		return name;
	}

	term(stem: string, prefix: boolean): string {
		const p = this.param(stem);
		const where = prefix
			? `t.stem >= ${p} AND t.stem < ${this.param(`${stem}\uffff`)} AND starts_with(t.stem, ${p})`
			: `t.stem = ${p}`;
		const weight = prefix
			? `CASE WHEN t.stem = ${p} THEN 1.0 ELSE ${PREFIX_WEIGHT} * length(${p}) / (length(${p}) + 0.3 * (length(t.stem) - length(${p}))) END`
			: '1.0';
		return this.cte(
			`SELECT unit, sum(${bm25('w', 'df', 'tf', 'terms')}) AS score
			   FROM (SELECT t.unit, t.tf, t.terms, ${weight} AS w, count(*) OVER (PARTITION BY t.stem) AS df
			           FROM search_term t WHERE ${where}) x, stats
			  GROUP BY unit`
		);
	}

	node(node: QueryNode): string {
		switch (node.type) {
			case 'term':
				return this.term(node.stem, node.prefix);
			case 'phrase': {
				const found = this.phrases.get(node) ?? { units: [], scores: [] };
				if ('sql' in found) return this.cte(found.sql((v) => this.param(v)));
				// An empty list parameter has no type DuckDB can infer.
				if (found.units.length === 0)
					return this.cte(`SELECT NULL::INTEGER AS unit, NULL::DOUBLE AS score WHERE false`);
				return this.cte(
					`SELECT unnest(${this.param(duckdb.listValue(found.units))}::INTEGER[]) AS unit,
					        unnest(${this.param(duckdb.listValue(found.scores))}::DOUBLE[]) AS score`
				);
			}
			case 'or': {
				const parts = node.items.map((i) => `SELECT unit, score FROM ${this.node(i)}`);
				return this.cte(`SELECT unit, sum(score) AS score FROM (${parts.join(' UNION ALL ')}) GROUP BY unit`);
			}
			case 'and': {
				const positive = node.items.filter((i) => i.type !== 'not').map((i) => this.node(i));
				const negative = node.items
					.filter((i): i is Extract<QueryNode, { type: 'not' }> => i.type === 'not')
					.map((i) => this.node(i.item));
				const from = positive.length
					? positive.map((c, i) => (i === 0 ? c : `JOIN ${c} USING (unit)`)).join(' ')
					: `(SELECT unit, 0.0 AS score FROM search_text) u`;
				const score = positive.length ? positive.map((c) => `${c}.score`).join(' + ') : 'u.score';
				const not = negative.map((c) => ` AND unit NOT IN (SELECT unit FROM ${c})`).join('');
				return this.cte(`SELECT unit, ${score} AS score FROM ${from} WHERE true${not}`);
			}
			case 'not': {
				const excluded = this.node(node.item);
				return this.cte(
					`SELECT unit, 0.0 AS score FROM search_text WHERE unit NOT IN (SELECT unit FROM ${excluded})`
				);
			}
		}
	}
}

/** SQL conditions on search_text `s` for the filters (fixed text; the values are parameters). */
function filterSql(filter: SearchFilter, param: (v: DuckDBValue) => string): string {
	const out: string[] = [];
	if (filter.kind) out.push(`s.kind = ${param(filter.kind)}`);
	if (filter.bodies.length)
		out.push(`list_has_any(s.bodies, ${param(duckdb.listValue(filter.bodies))}::VARCHAR[])`);
	if (filter.from !== null) out.push(`s.year >= ${param(filter.from)}::INTEGER`);
	if (filter.to !== null) out.push(`s.year <= ${param(filter.to)}::INTEGER`);
	if (filter.topic) out.push(`list_contains(s.topics, ${param(filter.topic)}::VARCHAR)`);
	return out.map((c) => ` AND ${c}`).join('');
}

const STATS = `stats AS (SELECT count(*)::DOUBLE AS n, coalesce(avg(terms), 1)::DOUBLE AS avglen FROM search_text)`;

function phraseNodes(node: QueryNode, out: Extract<QueryNode, { type: 'phrase' }>[] = []) {
	if (node.type === 'phrase') out.push(node);
	else if (node.type === 'not') phraseNodes(node.item, out);
	else if (node.type === 'and' || node.type === 'or') for (const i of node.items) phraseNodes(i, out);
	return out;
}

/** The stems of the stopwords: a text's word with one of these stems may be a stopword, which has no posting. */
const STOP_STEMS: ReadonlySet<string> = new Set([...STOPWORDS].map((w) => stem(w)));

/**
 * A phrase's words that have postings (its content words), with their place in the phrase (stopwords counted)
 * and whether search_term's positions say where each stands in a text: they do unless its stem is also a
 * stopword's, since a text's word with that stem may then be the stopword, which has no posting.
 */
function phraseWords(node: Extract<QueryNode, { type: 'phrase' }>) {
	return node.stems.flatMap((s, offset) =>
		normalizeTerm(node.words[offset]!) === '' ? [] : [{ stem: s, offset, placed: !STOP_STEMS.has(s) }]
	);
}

/** How many texts hold each stem (BM25's document frequency), in the order given. */
async function documentFrequencies(run: RunSql, stems: readonly string[]): Promise<number[]> {
	const params: Record<string, DuckDBValue> = {};
	const sql = stems
		.map((s, i) => {
			params[`s${i}`] = s;
			return `SELECT ${i} AS i, count(*)::INTEGER AS df FROM search_term WHERE stem = $s${i}`;
		})
		.join(' UNION ALL ');
	const df = stems.map(() => 0);
	for (const row of await run(sql, params)) df[Number(row.i)] = Number(row.df);
	return df;
}

/** A phrase's content words (phraseWords) with how many texts hold each. */
type CountedWords = (ReturnType<typeof phraseWords>[number] & { df: number })[];

/** The content words of each phrase, counted in one query for all of them. */
async function countedWords(
	run: RunSql,
	nodes: readonly Extract<QueryNode, { type: 'phrase' }>[]
): Promise<CountedWords[]> {
	const words = nodes.map(phraseWords);
	const flat = words.flat();
	if (flat.length === 0) return words.map(() => []);
	const df = await documentFrequencies(
		run,
		flat.map((w) => w.stem)
	);
	let k = 0;
	return words.map((list) => list.map((w) => ({ ...w, df: df[k++]! })));
}

/**
 * SQL for the texts holding all of the phrase's content words (`words`: countedWords), with their score, under
 * `filter` when it is given, and, when `positions`, only those where the placed words stand at their distances
 * from each other. Reads the CTE `stats`.
 *
 * The words' postings are read rarest first, each next word's only for the texts holding the words before (a
 * semi-join built on the smaller side). Joined as they come, DuckDB, which has no statistics per stem, built its
 * hash table on the commonest word's postings, positions included: at 1,000x "mutual legal assistance" took
 * 15-18 ms that way (122,000 postings of "assist" for the 790 texts that also hold "mutual"), 7 ms this way.
 *
 * The score is that of the content words searched together (an AND of terms): the sum of each word's BM25+,
 * word by word in the phrase's order. It is computed on the postings of the texts holding every word, joined
 * first, rather than as the AND of terms (one aggregate per word over all its postings, then joined): the same
 * expression on the same rows, so the same numbers, without scoring every text that holds one of the words.
 */
function phraseSql(
	words: CountedWords,
	param: (v: DuckDBValue) => string,
	positions: boolean,
	filter?: SearchFilter
): string {
	const order = words.map((_, i) => i).sort((a, b) => words[a]!.df - words[b]!.df || a - b);
	const pos = (i: number) => (positions && words[i]!.placed ? ', pos' : '');
	const postings = order.map(
		(i, k) =>
			`w${i} AS (SELECT unit, tf, terms${pos(i)} FROM search_term WHERE stem = ${param(words[i]!.stem)}` +
			(k ? ` AND unit IN (SELECT unit FROM w${order[k - 1]}))` : ')')
	);
	const first = `w${order[0]}`;
	const joins = order.slice(1).map((i) => `JOIN w${i} ON w${i}.unit = ${first}.unit`);
	// The counts as BIGINT, the type count(*) gives, so that the arithmetic is that of the AND of terms.
	const score = words
		.map((w, i) => `(${bm25('1.0', `${param(w.df)}::BIGINT`, `w${i}.tf`, `${first}.terms`)})`)
		.join(' + ');
	const where = filter ? filterSql(filter, param) : '';
	// Where the phrase would start, from each placed word's positions (offsets are the code's integers).
	const starts = words.flatMap((w, i) =>
		w.placed ? [w.offset ? `list_transform(w${i}.pos, lambda x: x - ${w.offset})` : `w${i}.pos`] : []
	);
	const placed =
		positions && starts.length > 1
			? ` AND len(${starts.slice(1).reduce((acc, l) => `list_intersect(${acc}, ${l})`, starts[0]!)}) > 0`
			: '';
	return `WITH ${postings.join(', ')}
	        SELECT ${first}.unit, ${score} AS score
	          FROM ${first} ${joins.join(' ')} ${where ? `JOIN search_text s ON s.unit = ${first}.unit` : ''}, stats
	         WHERE true${placed} ${where}`;
}

/**
 * The phrase's texts, when they cannot be found in SQL alone (a stopword in the phrase, a word whose stem is a
 * stopword's, or an index without positions): those holding all its content words (by SQL, under the filters:
 * a text the filters drop is dropped from the answer whether or not it holds the phrase), narrowed by the
 * positions of the words that have them, kept when the words are in order in the text itself.
 */
async function findPhrase(
	run: RunSql,
	node: Extract<QueryNode, { type: 'phrase' }>,
	words: CountedWords,
	filter: SearchFilter,
	positions: boolean
): Promise<{ units: number[]; scores: number[] }> {
	const params: Record<string, DuckDBValue> = {};
	let n = 0;
	const param = (v: DuckDBValue) => {
		const name = `f${n++}`;
		params[name] = v;
		return `$${name}`;
	};
	const sql = phraseSql(words, param, positions, filter);
	const candidates = await run(`WITH ${STATS} SELECT * FROM (${sql})`, params);
	// The texts read apart, through the index (readUnits): joined above, every text in the range of the units was decoded.
	const texts = new Map(
		(
			await readUnits(
				run,
				'unit, text',
				candidates.map((r) => Number(r.unit))
			)
		).map((r) => [Number(r.unit), String(r.text)])
	);
	const units: number[] = [];
	const scores: number[] = [];
	for (const row of candidates) {
		// Words in order score above the same words scattered.
		if (containsPhrase(texts.get(Number(row.unit)) ?? '', node.stems)) {
			units.push(Number(row.unit));
			scores.push(Number(row.score) * 1.5);
		}
	}
	return { units, scores };
}

/**
 * How a phrase is matched: in the query's SQL when the positions decide it alone (every word has postings and
 * positions), else found apart by findPhrase. Both give the same texts and scores: a text's words stand at
 * these distances exactly when its word sequence holds the phrase. Unfiltered in SQL: the query filters its
 * answer, and whether a text the filters drop holds the phrase changes nothing in it.
 */
async function phraseHits(
	run: RunSql,
	node: Extract<QueryNode, { type: 'phrase' }>,
	words: CountedWords,
	filter: SearchFilter,
	positions: boolean
): Promise<PhraseHits> {
	if (positions && words.length === node.words.length && words.every((w) => w.placed))
		// Words in order score above the same words scattered.
		return { sql: (param) => `SELECT unit, score * 1.5 AS score FROM (${phraseSql(words, param, true)})` };
	return findPhrase(run, node, words, filter, positions);
}

export interface SearchHits {
	total: number;
	/** The page asked for, best first (ties in index order). */
	hits: { unit: number; score: number }[];
}

/** The texts matching `node` under `filter`: how many, and one page of them. */
export async function searchHits(
	run: RunSql,
	node: QueryNode,
	filter: SearchFilter,
	limit: number,
	offset: number,
	index: SearchIndex = { positions: true }
): Promise<SearchHits> {
	const phrases = new Map<QueryNode, PhraseHits>();
	const nodes = phraseNodes(node);
	const words = await countedWords(run, nodes);
	for (const [i, p] of nodes.entries())
		phrases.set(p, await phraseHits(run, p, words[i]!, filter, index.positions));
	const c = new Compiler(phrases);
	const root = c.node(node);
	let n = 0;
	const param = (v: DuckDBValue) => {
		const name = `f${n++}`;
		c.params[name] = v;
		return `$${name}`;
	};
	const where = filterSql(filter, param);
	// search_text only when a filter reads it: every unit the CTEs give is in it, and the join scanned its 327,000
	// units at 1,000x, 4-5 ms of the 11 that "corruption" (437 hits) took.
	const hits = where ? `${root} r JOIN search_text s USING (unit) WHERE true ${where}` : `${root} r`;
	const found = await run(
		`WITH ${STATS}, ${c.ctes.join(', ')}
		 SELECT r.unit, r.score, count(*) OVER () AS total
		   FROM ${hits}
		  ORDER BY r.score DESC, r.unit LIMIT $limit::BIGINT OFFSET $offset::BIGINT`,
		{ ...c.params, limit: Math.max(0, Math.floor(limit)), offset: Math.max(0, Math.floor(offset)) }
	);
	let total = found.length ? Number(found[0]!.total) : 0;
	if (found.length === 0 && offset > 0) {
		// Past the last page: the count still says how many there are.
		const [row] = await run(
			`WITH ${STATS}, ${c.ctes.join(', ')}
			 SELECT count(*) AS total FROM ${hits}`,
			c.params
		);
		total = Number(row?.total ?? 0);
	}
	return { total, hits: found.map((r) => ({ unit: Number(r.unit), score: Number(r.score) })) };
}

/**
 * Rows of search_text by unit, through the ART index on `unit` (search_text_unit, written with the table): DuckDB
 * turns the semi-join into an index scan that fetches each row alone, so a page of 50 hits reads ~50 blocks of the
 * text column. Without the index, the read is a filtered scan that decodes each hit's whole vector (2,048 texts,
 * 3-4 blocks of this uncompressed column): measured at 1,000x for 50 hits, 53 MB of DuckDB's 80 MB pool against
 * 16 MB (+3.4 MB of index), 11 ms against 4.6 ms warm. A database derived before the index existed is read the
 * same way, by the scan.
 */
async function readUnits(
	run: RunSql,
	columns: string,
	units: readonly number[]
): Promise<Record<string, unknown>[]> {
	if (units.length === 0) return [];
	return run(`SELECT ${columns} FROM search_text WHERE unit IN (SELECT unnest($units::INTEGER[]))`, {
		units: duckdb.listValue([...units])
	});
}

const TEXT_COLUMNS = `unit, id, kind, document_id, meeting_ids, bodies, year, date, paragraph, paragraph_order, label,
	item, section, topics, source, recommendation_id, text`;

/** The rows of these units (a page of results), in the order given. */
export async function readTexts(run: RunSql, units: number[]): Promise<IndexedText[]> {
	const found = await readUnits(run, TEXT_COLUMNS, units);
	const byUnit = new Map(
		found.map((r) => {
			const ids = (r.meeting_ids as string[]) ?? [];
			const bodies = (r.bodies as string[]) ?? [];
			const text: IndexedText = {
				unit: Number(r.unit),
				id: String(r.id),
				kind: r.kind === 'recommendation' ? 'recommendation' : 'paragraph',
				documentId: String(r.document_id),
				meetings: ids.map((id, i) => ({ id, body: bodies[i] ?? '' })),
				year: num(r.year),
				date: str(r.date),
				paragraph: str(r.paragraph),
				paragraphOrder: num(r.paragraph_order),
				label: str(r.label),
				item: str(r.item),
				section: str(r.section),
				topics: (r.topics as string[]) ?? [],
				source: String(r.source),
				recommendationId: str(r.recommendation_id),
				text: String(r.text)
			};
			return [text.unit, text] as const;
		})
	);
	return units.map((u) => byUnit.get(u)).filter((t): t is IndexedText => t !== undefined);
}

/** What the database's search index holds: word positions (search_term.pos), which older derivations lack. */
export interface SearchIndex {
	positions: boolean;
}

/** The database's search index, null when it has none (a database derived before the index existed). */
export async function searchIndex(run: RunSql): Promise<SearchIndex | null> {
	const [row] = await run(
		`SELECT count(DISTINCT table_name)::INTEGER AS n,
		        bool_or(table_name = 'search_term' AND column_name = 'pos') AS positions
		   FROM duckdb_columns()
		  WHERE database_name = current_database() AND schema_name = 'main'
		    AND list_contains($names::VARCHAR[], table_name)`,
		{ names: duckdb.listValue([...SEARCH_TABLES]) }
	);
	return Number(row?.n ?? 0) === SEARCH_TABLES.length ? { positions: row?.positions === true } : null;
}
