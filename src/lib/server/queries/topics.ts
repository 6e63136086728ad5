/**
 * Topics: the taxonomy, how much of each year's and each body's text is about each topic, a topic's texts, and
 * the discovered terms. All from the derived tables (src/lib/server/derive.ts); the shares and counts from the
 * small aggregate tables written with them (src/lib/server/topic-aggregates.ts), so a page view does not count
 * every text again.
 *
 * Share of a topic in a year = the topic's summed relevance scores over that year's texts (recommendations and
 * paragraphs) / the summed scores of all topics that year: the share of topical attention, which adds up to
 * 100 % per year. Joint text of a joint report counts once in a year, and for each of its bodies in the
 * topic × body matrix (it is both bodies' text). Agenda item titles are listed but not counted (their
 * paragraphs are).
 */
import fs from 'node:fs';
import { error } from '@sveltejs/kit';
import { dbPath, query } from '../db';
import { filterParams, type Filters } from '../filters';
import { memoByCorpus } from '../memo';
import {
	TOPIC_AGGREGATE_TABLES,
	TOPIC_AGGREGATES_CTE,
	TOPIC_TEXT_TABLE,
	topicTextOrder
} from '../topic-aggregates';
import { DOCUMENT_LABEL_SQL } from './corpus';

export interface TopicRow {
	id: string;
	name: string;
	description: string;
	keyPhrases: string[];
	articles: string[];
}

/** The taxonomy's topics, read once per derivation (`derived.key` of queries/derived.ts). */
export function topicList(derivedKey: string): Promise<TopicRow[]> {
	return memoByCorpus('topic list', { key: derivedKey }, topics);
}

export async function topics(): Promise<TopicRow[]> {
	const rows = await query<{
		id: string;
		name: string;
		description: string;
		key_phrases: string[];
		articles: string[];
	}>(`SELECT id, name, description, key_phrases, articles FROM topic ORDER BY sort_order`);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		description: r.description,
		keyPhrases: r.key_phrases,
		articles: r.articles
	}));
}

/** The filters on body and year (`e`), on the given columns. */
function bodyYearFilter(body: string, year: string): string {
	return `($bodies::VARCHAR = '' OR list_contains(string_split($bodies::VARCHAR, ','), ${body}))
	    AND ($from::INTEGER IS NULL OR ${year} >= $from::INTEGER)
	    AND ($to::INTEGER IS NULL OR ${year} <= $to::INTEGER)`;
}

/** The selected places of the topic aggregates. */
const PLACE_FILTER = bodyYearFilter('body', 'year');

function params(f: Filters) {
	const p = filterParams(f);
	return { bodies: p.bodies, from: p.from, to: p.to };
}

let aggregates: { key: string; present: Promise<boolean> } | null = null;

/** The database file as it is now: a new ingest or derive renames a new file over it, which changes the inode. */
function dbFileKey(): string {
	const path = dbPath();
	try {
		const stat = fs.statSync(path);
		return `${path}:${stat.ino}:${stat.mtimeMs}`;
	} catch {
		// db.ts reports a missing file on the next query.
		return path;
	}
}

/**
 * Whether the database has the topic aggregate tables, asked once per database file (a new ingest or derive
 * renames a new file over it, which changes the inode).
 */
function aggregatesPresent(): Promise<boolean> {
	const key = dbFileKey();
	const path = dbPath();
	if (aggregates?.key !== key) {
		const present = query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM duckdb_tables()
			  WHERE database_name = current_database() AND schema_name = 'main'
			    AND list_contains(string_split($names, ','), table_name)`,
			{ names: TOPIC_AGGREGATE_TABLES.join(',') }
		).then(([row]) => {
			const ok = row?.n === TOPIC_AGGREGATE_TABLES.length;
			if (!ok)
				console.warn(
					`topics: ${path} was derived before the topic aggregate tables existed; the topic figures are ` +
						'computed on every request (slower) until `npm run derive` is run on it'
				);
			return ok;
		});
		const entry = { key, present };
		aggregates = entry;
		present.catch(() => {
			if (aggregates === entry) aggregates = null;
		});
	}
	return aggregates.present;
}

/**
 * `WITH` and the given common table expressions, preceded by the aggregates themselves when the database lacks
 * their tables: the query reads `topic_group` and `topic_group_place` either way.
 */
async function withAggregates(ctes: string): Promise<string> {
	return (await aggregatesPresent()) ? `WITH ${ctes}` : `WITH ${TOPIC_AGGREGATES_CTE}, ${ctes}`;
}

export interface TopicCount {
	id: string;
	recommendations: number;
	paragraphs: number;
	agendaItems: number;
}

export async function topicCounts(f: Filters): Promise<Map<string, TopicCount>> {
	// A group counts once if any of its places is selected.
	const rows = await query<{ topic_id: string; recs: number; paras: number; items: number }>(
		`${await withAggregates(`s AS (SELECT DISTINCT g FROM topic_group_place WHERE ${PLACE_FILTER})`)}
		 SELECT topic_id,
		        coalesce(sum(texts) FILTER (WHERE unit_kind = 'recommendation'), 0)::INTEGER AS recs,
		        coalesce(sum(texts) FILTER (WHERE unit_kind = 'paragraph'), 0)::INTEGER AS paras,
		        coalesce(sum(texts) FILTER (WHERE unit_kind = 'agenda_item'), 0)::INTEGER AS items
		   FROM s JOIN topic_group USING (g) GROUP BY topic_id`,
		params(f)
	);
	return new Map(
		rows.map((r) => [
			r.topic_id,
			{ id: r.topic_id, recommendations: r.recs, paragraphs: r.paras, agendaItems: r.items }
		])
	);
}

export interface ShareRow {
	year: number;
	topic: string;
	topicId: string;
	/** Texts of the year about the topic. */
	texts: number;
	/** Summed relevance. */
	weight: number;
	/** Share of the year's topical attention, in % (adds up to 100 per year). */
	share: number;
}

export async function topicSharesByYear(f: Filters, topicList: TopicRow[]): Promise<ShareRow[]> {
	const rows = await query<{ year: number; topic_id: string; texts: number; weight: number }>(
		`${await withAggregates(
			`s AS (SELECT DISTINCT g, year FROM topic_group_place WHERE year IS NOT NULL AND ${PLACE_FILTER})`
		)}
		 SELECT year, topic_id, sum(texts)::INTEGER AS texts, sum(weight)::DOUBLE AS weight
		   FROM s JOIN topic_group USING (g) WHERE unit_kind <> 'agenda_item'
		  GROUP BY year, topic_id ORDER BY year, topic_id`,
		params(f)
	);
	const totals = new Map<number, number>();
	for (const r of rows) totals.set(r.year, (totals.get(r.year) ?? 0) + r.weight);
	const names = new Map(topicList.map((t) => [t.id, t.name]));
	const order = new Map(topicList.map((t, i) => [t.id, i]));
	return rows
		.map((r) => ({
			year: r.year,
			topic: names.get(r.topic_id) ?? r.topic_id,
			topicId: r.topic_id,
			texts: r.texts,
			weight: Math.round(r.weight * 100) / 100,
			share: Math.round((1000 * r.weight) / (totals.get(r.year) || 1)) / 10
		}))
		.sort((a, b) => a.year - b.year || (order.get(a.topicId) ?? 0) - (order.get(b.topicId) ?? 0));
}

export interface MatrixRow {
	topic: string;
	topicId: string;
	body: string;
	texts: number;
	share: number;
}

export async function topicBodyMatrix(f: Filters, topicList: TopicRow[]): Promise<MatrixRow[]> {
	const rows = await query<{ body: string; topic_id: string; texts: number; weight: number }>(
		`${await withAggregates(`s AS (SELECT DISTINCT g, body FROM topic_group_place WHERE ${PLACE_FILTER})`)}
		 SELECT body, topic_id, sum(texts)::INTEGER AS texts, sum(weight)::DOUBLE AS weight
		   FROM s JOIN topic_group USING (g) WHERE unit_kind <> 'agenda_item'
		  GROUP BY body, topic_id ORDER BY body, topic_id`,
		params(f)
	);
	const totals = new Map<string, number>();
	for (const r of rows) totals.set(r.body, (totals.get(r.body) ?? 0) + r.weight);
	const names = new Map(topicList.map((t) => [t.id, t.name]));
	return rows.map((r) => ({
		topic: names.get(r.topic_id) ?? r.topic_id,
		topicId: r.topic_id,
		body: r.body,
		texts: r.texts,
		share: Math.round((1000 * r.weight) / (totals.get(r.body) || 1)) / 10
	}));
}

export interface TopicTextRow {
	kind: 'recommendation' | 'paragraph' | 'agenda_item';
	meetingId: string;
	body: string;
	/** Both bodies for joint text ("WG.3, WG.2"). */
	bodies: string;
	date: string | null;
	year: number | null;
	paragraph: string | null;
	paragraphOrder: number | null;
	label: string | null;
	item: string | null;
	recommendationId: string | null;
	text: string;
	score: number;
	matched: string[];
	source: string;
}

export interface Paging {
	limit: number;
	offset: number;
}

/** Every row (the API's full download). */
const ALL: Paging = { limit: 2 ** 31 - 1, offset: 0 };

let textTable: { key: string; present: Promise<boolean> } | null = null;

/** Whether the database has `topic_text` (a database derived before it lacks it), asked once per file. */
function textTablePresent(): Promise<boolean> {
	const key = dbFileKey();
	if (textTable?.key !== key) {
		const present = query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM duckdb_tables()
			  WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $name`,
			{ name: TOPIC_TEXT_TABLE }
		).then(([row]) => row?.n === 1);
		const entry = { key, present };
		textTable = entry;
		present.catch(() => {
			if (textTable === entry) textTable = null;
		});
	}
	return textTable.present;
}

/** A topic's texts are listed from `topic_text` only: without it, the reader is told how to write it. */
async function requireTextTable(): Promise<void> {
	if (!(await textTablePresent()))
		error(503, 'This database was derived before the table of topic texts existed: run `npm run derive`.');
}

/** Whether the filters leave every text of a topic in view: then the stored order and meeting apply. */
function unfiltered(f: Filters): boolean {
	return f.bodies.length === 0 && f.from === null && f.to === null;
}

/** The filter parameters, for the queries under a filter only (DuckDB refuses a parameter the SQL lacks). */
function filterOf(f: Filters): Partial<ReturnType<typeof params>> {
	return unfiltered(f) ? {} : params(f);
}

/** The columns of a listed text; `c` is the chosen meeting's columns, `t` the `topic_text` row. */
const TEXT_COLUMNS = `t.unit_kind AS kind, t.paragraph, t.paragraph_order, t.label, t.item, t.rec_id,
	t.score::DOUBLE AS score, t.matched, t.source, t.text`;
const STORED_MEETING = `t.meeting_id, t.body, t.bodies, t.date, t.year`;
const CHOSEN_MEETING = `c.sel[1].id AS meeting_id, c.sel[1].body AS body,
	array_to_string(list_sort(list_distinct([m.body FOR m IN c.sel])), ', ') AS bodies,
	strftime(c.sel[1].start_date, '%Y-%m-%d') AS date, c.sel[1].year AS year`;

/**
 * The texts of the topic under a body or year filter, as \`c\` (pos, kind, sort keys, \`sel\`: the text's
 * meetings the filters select, by id). A text counts if any of its meetings is selected, and is listed under
 * the first of them: a joint report's paragraph under the selected body. A text of one meeting (nearly all)
 * is tested on its own columns; only joint texts go through their list.
 */
const FILTERED_CTE = `c AS (
	SELECT * FROM (
		SELECT t.pos, t.unit_kind, t.score, t.text_order,
		       CASE WHEN len(t.meetings) = 1 THEN t.meetings
		            ELSE list_filter(t.meetings, lambda m: ${bodyYearFilter('m.body', 'm.year')}) END AS sel
		  FROM topic_text t
		 WHERE t.topic_id = $topic AND (len(t.meetings) > 1 OR (${bodyYearFilter('t.body', 't.year')})))
	 WHERE len(sel) > 0)`;

/** The order of `c`'s rows; ties (same kind, relevance, date and place) by the stored order. */
const FILTERED_ORDER = topicTextOrder('c', 'c.sel[1].start_date', 'c.pos');

const KIND_TOTALS = (from: string) => `SELECT
	count(*) FILTER (WHERE unit_kind = 'recommendation')::INTEGER AS recommendation_total,
	count(*) FILTER (WHERE unit_kind = 'agenda_item')::INTEGER AS agenda_item_total,
	count(*) FILTER (WHERE unit_kind = 'paragraph')::INTEGER AS paragraph_total
	FROM ${from}`;

type RawText = Omit<TopicTextRow, 'kind' | 'recommendationId' | 'paragraphOrder' | 'meetingId'> & {
	kind: TopicTextRow['kind'] | null;
	meeting_id: string;
	paragraph_order: number | null;
	rec_id: string | null;
};

function textRow(r: RawText & { kind: TopicTextRow['kind'] }): TopicTextRow {
	return {
		kind: r.kind,
		meetingId: r.meeting_id,
		body: r.body,
		bodies: r.bodies,
		date: r.date,
		year: r.year,
		paragraph: r.paragraph,
		paragraphOrder: r.paragraph_order,
		label: r.label,
		item: r.item,
		recommendationId: r.rec_id,
		text: r.text,
		score: Math.round(r.score * 100) / 100,
		matched: r.matched,
		source: r.source
	};
}

/** One page of each kind, for the topic page. */
const KINDS = ['recommendation', 'agenda_item', 'paragraph'] as const;

/**
 * The texts of one topic (\`topic_text\`): recommendations and agenda items by meeting date, paragraphs most
 * relevant first, each kind paged on its own (all when omitted), with each kind's total. One query: the
 * totals and the pages, even when the pages are empty. A text of a joint report is listed once, with the
 * bodies the filters select.
 */
export async function topicTexts(
	id: string,
	f: Filters,
	page: Paging,
	recPage: Paging = ALL,
	itemPage: Paging = ALL
): Promise<{
	recommendations: TopicTextRow[];
	recommendationTotal: number;
	paragraphs: TopicTextRow[];
	paragraphTotal: number;
	agendaItems: TopicTextRow[];
	agendaItemTotal: number;
}> {
	await requireTextTable();
	const pages = { recommendation: recPage, agenda_item: itemPage, paragraph: page };
	const paging = Object.fromEntries(
		KINDS.flatMap((k, i) => [
			[`o${i}`, pages[k].offset],
			[`l${i}`, pages[k].limit]
		])
	);
	// Each kind's page is its own range (a disjunction of the three is not pushed into the scan: 3x slower).
	const sql = unfiltered(f)
		? `WITH n AS (${KIND_TOTALS('topic_text WHERE topic_id = $topic')}),
		        x AS (${KINDS.map(
							(k, i) => `SELECT ${TEXT_COLUMNS}, ${STORED_MEETING}, t.seq
							             FROM topic_text t
							            WHERE t.topic_id = $topic AND t.unit_kind = '${k}'
							              AND t.seq >= $o${i} AND t.seq < $o${i} + $l${i}`
						).join(' UNION ALL ')})
		   SELECT x.*, n.* FROM n LEFT JOIN x ON true ORDER BY x.kind, x.seq`
		: `WITH ${FILTERED_CTE},
		        n AS (${KIND_TOTALS('c')}),
		        p AS (${KINDS.map(
							(k, i) =>
								`(SELECT c.*, row_number() OVER (ORDER BY ${FILTERED_ORDER}) AS seq FROM (
								    SELECT * FROM c WHERE unit_kind = '${k}' ORDER BY ${FILTERED_ORDER}
								     LIMIT $l${i} OFFSET $o${i}) c)`
						).join(' UNION ALL ')}),
		        x AS (SELECT ${TEXT_COLUMNS}, ${CHOSEN_MEETING}, c.seq
		                FROM p c JOIN topic_text t ON t.topic_id = $topic AND t.pos = c.pos)
		   SELECT x.*, n.* FROM n LEFT JOIN x ON true ORDER BY x.kind, x.seq`;
	const rows = await query<
		RawText & { recommendation_total: number; agenda_item_total: number; paragraph_total: number }
	>(sql, { ...filterOf(f), topic: id, ...paging });
	const out = {
		recommendations: [] as TopicTextRow[],
		recommendationTotal: rows[0]?.recommendation_total ?? 0,
		paragraphs: [] as TopicTextRow[],
		paragraphTotal: rows[0]?.paragraph_total ?? 0,
		agendaItems: [] as TopicTextRow[],
		agendaItemTotal: rows[0]?.agenda_item_total ?? 0
	};
	const lists = {
		recommendation: out.recommendations,
		paragraph: out.paragraphs,
		agenda_item: out.agendaItems
	};
	for (const r of rows) if (r.kind !== null) lists[r.kind].push(textRow({ ...r, kind: r.kind }));
	return out;
}

/**
 * One range of a topic's texts in the API's order (recommendations, agenda items, paragraphs; the order of
 * \`topicTexts\` within each kind) with the number of texts in all: \`/api/topics/<id>\` and its CSV.
 */
export async function topicTextRange(
	id: string,
	f: Filters,
	range: Paging = ALL
): Promise<{ rows: TopicTextRow[]; total: number }> {
	await requireTextTable();
	const sql = unfiltered(f)
		? `WITH n AS (SELECT count(*)::INTEGER AS total FROM topic_text WHERE topic_id = $topic),
		        x AS (SELECT ${TEXT_COLUMNS}, ${STORED_MEETING}, t.pos AS seq FROM topic_text t
		               WHERE t.topic_id = $topic AND t.pos >= $offset AND t.pos < $offset + $limit)
		   SELECT x.*, n.total FROM n LEFT JOIN x ON true ORDER BY x.seq`
		: `WITH ${FILTERED_CTE},
		        n AS (SELECT count(*)::INTEGER AS total FROM c),
		        p AS (SELECT c.*, row_number() OVER (ORDER BY ${FILTERED_ORDER}) AS seq FROM (
		                SELECT * FROM c ORDER BY ${FILTERED_ORDER} LIMIT $limit OFFSET $offset) c),
		        x AS (SELECT ${TEXT_COLUMNS}, ${CHOSEN_MEETING}, c.seq
		                FROM p c JOIN topic_text t ON t.topic_id = $topic AND t.pos = c.pos)
		   SELECT x.*, n.total FROM n LEFT JOIN x ON true ORDER BY x.seq`;
	const rows = await query<RawText & { total: number }>(sql, {
		...filterOf(f),
		topic: id,
		limit: range.limit,
		offset: range.offset
	});
	return {
		rows: rows.flatMap((r) => (r.kind === null ? [] : [textRow({ ...r, kind: r.kind })])),
		total: rows[0]?.total ?? 0
	};
}

export interface DiscoveredTermRow {
	term: string;
	direction: 'rising' | 'falling';
	/** Percentage points of texts per year. */
	slope: number;
	count: number;
	years: { year: number; texts: number; total: number }[];
}

export async function discoveredTerms(): Promise<DiscoveredTermRow[]> {
	const rows = await query<{
		term: string;
		direction: 'rising' | 'falling';
		slope: number;
		count: number;
		years: string;
	}>(`SELECT term, direction, slope, count, years FROM discovered_term ORDER BY sort_order`);
	return rows.map((r) => ({
		term: r.term,
		direction: r.direction,
		slope: Math.round(r.slope * 100) / 100,
		count: r.count,
		years: JSON.parse(r.years) as DiscoveredTermRow['years']
	}));
}

/** The years each body met under the filters: a body that did not meet in a year has no share there (a gap). */
export async function meetingYears(f: Filters): Promise<{ year: number; body: string }[]> {
	return query<{ year: number; body: string }>(
		`SELECT DISTINCT m.year::INTEGER AS year, m.body_code AS body FROM meeting m
		  WHERE m.year IS NOT NULL
		    AND ($bodies::VARCHAR = '' OR list_contains(string_split($bodies::VARCHAR, ','), m.body_code))
		    AND ($from::INTEGER IS NULL OR m.year >= $from::INTEGER)
		    AND ($to::INTEGER IS NULL OR m.year <= $to::INTEGER)
		  ORDER BY year, body`,
		params(f)
	);
}

/**
 * Documents the topic figures draw on, cited as in every source line: every document without filters (4,706
 * labels at 1,000x, 20 ms, in each of the four /api/topics answers), so read once per corpus version and filters.
 */
export function topicSources(f: Filters): Promise<string[]> {
	return memoByCorpus('topic sources', params(f), () => readTopicSources(f));
}

async function readTopicSources(f: Filters): Promise<string[]> {
	const rows = await query<{ source: string }>(
		`SELECT DISTINCT ${DOCUMENT_LABEL_SQL} AS source, min(m.start_date) AS d
		   FROM meeting m JOIN document d ON d.id = m.document_id
		  WHERE ($bodies::VARCHAR = '' OR list_contains(string_split($bodies::VARCHAR, ','), m.body_code))
		    AND ($from::INTEGER IS NULL OR m.year >= $from::INTEGER)
		    AND ($to::INTEGER IS NULL OR m.year <= $to::INTEGER)
		  GROUP BY 1 ORDER BY d, source`,
		params(f)
	);
	return rows.map((r) => r.source);
}

export interface BodyShareRow {
	year: number;
	body: string;
	texts: number;
	/** The topic's share of that body's topical attention that year, in %. */
	share: number;
}

/** One topic's share by year and body (each body's own total as denominator). */
export async function topicSharesByYearAndBody(id: string, f: Filters): Promise<BodyShareRow[]> {
	const rows = await query<{ year: number; body: string; texts: number; weight: number; total: number }>(
		`${await withAggregates(
			`s AS (SELECT DISTINCT g, year, body FROM topic_group_place WHERE year IS NOT NULL AND ${PLACE_FILTER}),
			 u AS (SELECT s.year, s.body, t.topic_id, t.texts, t.weight
			         FROM s JOIN topic_group t USING (g) WHERE t.unit_kind <> 'agenda_item'),
			 t AS (SELECT year, body, sum(weight) AS total FROM u GROUP BY year, body)`
		)}
		 SELECT u.year, u.body, sum(u.texts)::INTEGER AS texts, sum(u.weight)::DOUBLE AS weight,
		        any_value(t.total)::DOUBLE AS total
		   FROM u JOIN t ON t.year = u.year AND t.body = u.body
		  WHERE u.topic_id = $topic
		  GROUP BY u.year, u.body ORDER BY u.year, u.body`,
		{ ...params(f), topic: id }
	);
	return rows.map((r) => ({
		year: r.year,
		body: r.body,
		texts: r.texts,
		share: Math.round((1000 * r.weight) / (r.total || 1)) / 10
	}));
}

export interface TopicSourceSummary {
	/** Documents the topic figures draw on. */
	count: number;
	/** Every one of them in date order when there are at most `listed`, else null (the API's CSV names them). */
	sources: string[] | null;
	bodies: string[];
	from: number | null;
	to: number | null;
	/** The earliest and the latest of them, for a source line that cannot name them all. */
	first: string | null;
	last: string | null;
}

/**
 * What topicSources says, in one row whatever the corpus size: at 5,000 documents the page's source lines
 * named every one of them twice, most of its megabyte of HTML.
 */
/** A figure's source entries: every document when few, else one line with the count, bodies, years, first and last. */
export function sourceEntries(s: TopicSourceSummary): string[] {
	if (s.sources) return s.sources;
	const years = s.from === null ? '' : s.from === s.to ? `, ${s.from}` : `, ${s.from}–${s.to}`;
	const span = s.first && s.last ? `, from ${s.first} to ${s.last}` : '';
	return [
		`${s.count.toLocaleString('en')} documents of ${s.bodies.join(', ')}${years}${span} (each named in the CSV download)`
	];
}

export async function topicSourceSummary(f: Filters, listed: number): Promise<TopicSourceSummary> {
	const [row] = await query<{
		n: number;
		sources: string[] | null;
		bodies: string[] | null;
		from_year: number | null;
		to_year: number | null;
		first: string | null;
		last: string | null;
	}>(
		`WITH s AS (SELECT ${DOCUMENT_LABEL_SQL} AS source, min(m.start_date) AS d, list(DISTINCT m.body_code) AS bodies,
		                   min(m.year) AS y0, max(m.year) AS y1
		              FROM meeting m JOIN document d ON d.id = m.document_id
		             WHERE ${bodyYearFilter('m.body_code', 'm.year')}
		             GROUP BY 1)
		 SELECT count(*)::INTEGER AS n,
		        CASE WHEN count(*) <= $listed THEN list(source ORDER BY d, source) END AS sources,
		        list_sort(list_distinct(flatten(list(bodies)))) AS bodies,
		        min(y0)::INTEGER AS from_year, max(y1)::INTEGER AS to_year,
		        arg_min(source, d) AS first, arg_max(source, d) AS last
		   FROM s`,
		{ ...params(f), listed }
	);
	return {
		count: row?.n ?? 0,
		sources: row?.sources ?? null,
		bodies: row?.bodies ?? [],
		from: row?.from_year ?? null,
		to: row?.to_year ?? null,
		first: row?.first ?? null,
		last: row?.last ?? null
	};
}
