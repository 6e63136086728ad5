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
import { dbPath, query } from '../db';
import { filterParams, type Filters } from '../filters';
import { TOPIC_AGGREGATE_TABLES, TOPIC_AGGREGATES_CTE } from '../topic-aggregates';
import { DOCUMENT_LABEL_SQL } from './corpus';

export interface TopicRow {
	id: string;
	name: string;
	description: string;
	keyPhrases: string[];
	articles: string[];
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

/**
 * Whether the database has the topic aggregate tables, asked once per database file (a new ingest or derive
 * renames a new file over it, which changes the inode).
 */
function aggregatesPresent(): Promise<boolean> {
	const path = dbPath();
	let key = path;
	try {
		const stat = fs.statSync(path);
		key = `${path}:${stat.ino}:${stat.mtimeMs}`;
	} catch {
		// db.ts reports a missing file on the query below.
	}
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

/**
 * The texts of one topic: recommendations and agenda items by meeting date, paragraphs most relevant first;
 * paragraphs paged by `page`, recommendations by `recPage` (all when omitted). One query, so the topic's
 * assignments are read once. A text of a joint report is listed once, with the bodies the filters select.
 */
export async function topicTexts(
	id: string,
	f: Filters,
	page: Paging,
	recPage: Paging = ALL
): Promise<{
	recommendations: TopicTextRow[];
	recommendationTotal: number;
	paragraphs: TopicTextRow[];
	paragraphTotal: number;
	agendaItems: TopicTextRow[];
}> {
	type Raw = Omit<TopicTextRow, 'kind' | 'recommendationId' | 'paragraphOrder' | 'meetingId'> & {
		kind: TopicTextRow['kind'] | null;
		meeting_id: string;
		paragraph_order: number | null;
		rec_id: string | null;
		paragraph_total: number;
		recommendation_total: number;
	};
	// `pt LEFT JOIN texts ON true`: the totals come back even when the pages hold no text.
	const rows = await query<Raw>(
		`WITH a AS (SELECT * FROM topic_assignment WHERE topic_id = $topic),
		      u AS (SELECT a.unit_kind, a.unit_key, a.document_id, a.score, a.paragraph, a.paragraph_order, a.label,
		                   a.item, a.matched, m.id AS meeting_id, m.body_code AS bodies
		              FROM a JOIN meeting m ON m.id = a.meeting_id
		             WHERE ${bodyYearFilter('m.body_code', 'm.year')}
		            UNION ALL
		            SELECT a.unit_kind, a.unit_key, a.document_id, any_value(a.score), any_value(a.paragraph),
		                   any_value(a.paragraph_order), any_value(a.label), any_value(a.item), any_value(a.matched),
		                   min(m.id), array_to_string(list_sort(list_distinct(list(m.body_code))), ', ')
		              FROM a JOIN meeting m ON m.document_id = a.document_id
		             WHERE a.meeting_id IS NULL AND ${bodyYearFilter('m.body_code', 'm.year')}
		             GROUP BY a.unit_kind, a.unit_key, a.document_id),
		      pt AS (SELECT count(*) FILTER (WHERE unit_kind = 'paragraph')::INTEGER AS paragraph_total,
		                    count(*) FILTER (WHERE unit_kind = 'recommendation')::INTEGER AS recommendation_total
		               FROM u),
		      rp AS (SELECT u.*, r.id AS rec_id, r.sort_order AS text_order
		               FROM u JOIN meeting m ON m.id = u.meeting_id
		               JOIN (SELECT id, sort_order FROM recommendation) r ON r.id = substr(u.unit_key, 3)
		              WHERE u.unit_kind = 'recommendation'
		              ORDER BY m.start_date, r.sort_order LIMIT $rlimit OFFSET $roffset),
		      pp AS (SELECT u.* FROM u JOIN meeting m ON m.id = u.meeting_id
		              WHERE u.unit_kind = 'paragraph'
		              ORDER BY u.score DESC, m.start_date, u.paragraph_order LIMIT $limit OFFSET $offset),
		      t AS (SELECT rp.*, r.text FROM rp JOIN recommendation r ON r.id = rp.rec_id
		            UNION ALL BY NAME
		            SELECT u.*, ai.title AS text, NULL AS rec_id, ai.sort_order AS text_order
		              FROM u JOIN agenda_item ai ON ai.meeting_id = u.meeting_id AND ai.number = u.item
		             WHERE u.unit_kind = 'agenda_item'
		            UNION ALL BY NAME
		            SELECT pp.*, pa.text, NULL AS rec_id, pa.sort_order AS text_order
		              FROM pp JOIN paragraph pa ON pa.document_id = pp.document_id AND pa.sort_order = pp.paragraph_order),
		      x AS (SELECT t.unit_kind AS kind, t.meeting_id, m.body_code AS body, t.bodies, m.start_date,
		                   strftime(m.start_date, '%Y-%m-%d') AS date, m.year::INTEGER AS year, t.paragraph,
		                   t.paragraph_order::INTEGER AS paragraph_order, t.label, t.item, t.score::DOUBLE AS score,
		                   t.matched, ${DOCUMENT_LABEL_SQL} AS source, t.text, t.rec_id, t.text_order
		              FROM t JOIN meeting m ON m.id = t.meeting_id JOIN document d ON d.id = m.document_id)
		 SELECT x.* EXCLUDE (start_date, text_order), pt.paragraph_total, pt.recommendation_total
		   FROM pt LEFT JOIN x ON true
		  ORDER BY CASE x.kind WHEN 'paragraph' THEN -x.score END, x.start_date, x.text_order`,
		{
			...params(f),
			topic: id,
			limit: page.limit,
			offset: page.offset,
			rlimit: recPage.limit,
			roffset: recPage.offset
		}
	);
	const out = {
		recommendations: [] as TopicTextRow[],
		paragraphs: [] as TopicTextRow[],
		recommendationTotal: rows[0]?.recommendation_total ?? 0,
		paragraphTotal: rows[0]?.paragraph_total ?? 0,
		agendaItems: [] as TopicTextRow[]
	};
	const lists = {
		recommendation: out.recommendations,
		paragraph: out.paragraphs,
		agenda_item: out.agendaItems
	};
	for (const r of rows) {
		if (r.kind === null) continue;
		lists[r.kind].push({
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
		});
	}
	return out;
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

/** Documents the topic figures draw on, cited as in every source line. */
export async function topicSources(f: Filters): Promise<string[]> {
	const rows = await query<{ source: string }>(
		`SELECT DISTINCT ${DOCUMENT_LABEL_SQL} AS source, min(m.start_date) AS d
		   FROM meeting m JOIN document d ON d.id = m.document_id
		  WHERE ($bodies::VARCHAR = '' OR list_contains(string_split($bodies::VARCHAR, ','), m.body_code))
		    AND ($from::INTEGER IS NULL OR m.year >= $from::INTEGER)
		    AND ($to::INTEGER IS NULL OR m.year <= $to::INTEGER)
		  GROUP BY 1 ORDER BY d`,
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
