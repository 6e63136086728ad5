/**
 * Topics: the taxonomy, how much of each year's and each body's text is about each topic, a topic's texts, and
 * the discovered terms. All from the derived tables (src/lib/server/derive.ts).
 *
 * Share of a topic in a year = the topic's summed relevance scores over that year's texts (recommendations and
 * paragraphs) / the summed scores of all topics that year: the share of topical attention, which adds up to
 * 100 % per year. Joint text of a joint report counts once in a year, and for each of its bodies in the
 * topic × body matrix (it is both bodies' text). Agenda item titles are listed but not counted (their
 * paragraphs are).
 */
import { query } from '../db';
import { filterParams, type Filters } from '../filters';
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

/** Assignments expanded to the meetings they belong to, filtered by body and year (`e`). */
const EXPANDED = `
	SELECT a.unit_kind, a.unit_key, a.document_id, a.topic_id, a.score, a.paragraph, a.paragraph_order, a.label,
	       a.item, m.id AS meeting_id, m.body_code AS body, m.year::INTEGER AS year
	  FROM topic_assignment a
	  JOIN meeting m ON (a.meeting_id = m.id) OR (a.meeting_id IS NULL AND m.document_id = a.document_id)
	 WHERE ($bodies::VARCHAR = '' OR list_contains(string_split($bodies::VARCHAR, ','), m.body_code))
	   AND ($from::INTEGER IS NULL OR m.year >= $from::INTEGER)
	   AND ($to::INTEGER IS NULL OR m.year <= $to::INTEGER)`;

function params(f: Filters) {
	const p = filterParams(f);
	return { bodies: p.bodies, from: p.from, to: p.to };
}

export interface TopicCount {
	id: string;
	recommendations: number;
	paragraphs: number;
	agendaItems: number;
}

export async function topicCounts(f: Filters): Promise<Map<string, TopicCount>> {
	const rows = await query<{ topic_id: string; recs: number; paras: number; items: number }>(
		`WITH e AS (${EXPANDED}), u AS (SELECT DISTINCT unit_kind, unit_key, topic_id FROM e)
		 SELECT topic_id,
		        count(*) FILTER (WHERE unit_kind = 'recommendation')::INTEGER AS recs,
		        count(*) FILTER (WHERE unit_kind = 'paragraph')::INTEGER AS paras,
		        count(*) FILTER (WHERE unit_kind = 'agenda_item')::INTEGER AS items
		   FROM u GROUP BY topic_id`,
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
		`WITH e AS (${EXPANDED}),
		      u AS (SELECT DISTINCT unit_key, topic_id, score, year FROM e WHERE unit_kind <> 'agenda_item')
		 SELECT year, topic_id, count(*)::INTEGER AS texts, sum(score)::DOUBLE AS weight
		   FROM u WHERE year IS NOT NULL GROUP BY year, topic_id ORDER BY year, topic_id`,
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
		`WITH e AS (${EXPANDED}),
		      u AS (SELECT DISTINCT unit_key, topic_id, score, body FROM e WHERE unit_kind <> 'agenda_item')
		 SELECT body, topic_id, count(*)::INTEGER AS texts, sum(score)::DOUBLE AS weight
		   FROM u GROUP BY body, topic_id ORDER BY body, topic_id`,
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

/** The texts of one topic, most relevant first within each kind (paragraphs paged). */
export async function topicTexts(
	id: string,
	f: Filters,
	page: { limit: number; offset: number }
): Promise<{
	recommendations: TopicTextRow[];
	paragraphs: TopicTextRow[];
	paragraphTotal: number;
	agendaItems: TopicTextRow[];
}> {
	const base = `WITH e AS (${EXPANDED}),
		u AS (SELECT unit_kind, unit_key, document_id, topic_id, any_value(score) AS score, paragraph, paragraph_order,
		             label, item, min(meeting_id) AS meeting_id, string_agg(DISTINCT body, ', ' ORDER BY body) AS bodies
		        FROM e WHERE topic_id = $topic
		       GROUP BY unit_kind, unit_key, document_id, topic_id, paragraph, paragraph_order, label, item)`;
	const select = `SELECT u.unit_kind AS kind, u.meeting_id, m.body_code AS body, u.bodies,
		       strftime(m.start_date, '%Y-%m-%d') AS date, m.year::INTEGER AS year, u.paragraph,
		       u.paragraph_order::INTEGER AS paragraph_order, u.label, u.item, u.score::DOUBLE AS score,
		       a.matched, ${DOCUMENT_LABEL_SQL} AS source`;
	const p = { ...params(f), topic: id };
	type Raw = Omit<TopicTextRow, 'recommendationId' | 'paragraphOrder' | 'meetingId'> & {
		meeting_id: string;
		paragraph_order: number | null;
		rec_id: string | null;
	};
	const map = (r: Raw): TopicTextRow => ({
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
	const join = `JOIN meeting m ON m.id = u.meeting_id JOIN document d ON d.id = m.document_id
		JOIN topic_assignment a ON a.unit_key = u.unit_key AND a.topic_id = u.topic_id`;
	const [recs, paras, total, items] = await Promise.all([
		query<Raw>(
			`${base} ${select}, r.text, r.id AS rec_id FROM u ${join}
			  JOIN recommendation r ON r.id = substr(u.unit_key, 3)
			 WHERE u.unit_kind = 'recommendation' ORDER BY m.start_date, r.sort_order`,
			p
		),
		query<Raw>(
			`${base} ${select}, pa.text, NULL AS rec_id FROM u ${join}
			  JOIN paragraph pa ON pa.document_id = u.document_id AND pa.sort_order = u.paragraph_order
			 WHERE u.unit_kind = 'paragraph' ORDER BY u.score DESC, m.start_date, pa.sort_order
			 LIMIT $limit OFFSET $offset`,
			{ ...p, limit: page.limit, offset: page.offset }
		),
		query<{ n: number }>(`${base} SELECT count(*)::INTEGER AS n FROM u WHERE unit_kind = 'paragraph'`, p),
		query<Raw>(
			`${base} ${select}, ai.title AS text, NULL AS rec_id FROM u ${join}
			  JOIN agenda_item ai ON ai.meeting_id = u.meeting_id AND ai.number = u.item
			 WHERE u.unit_kind = 'agenda_item' ORDER BY m.start_date, ai.sort_order`,
			p
		)
	]);
	return {
		recommendations: recs.map(map),
		paragraphs: paras.map(map),
		paragraphTotal: total[0]?.n ?? 0,
		agendaItems: items.map(map)
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
		`WITH e AS (${EXPANDED}),
		      u AS (SELECT DISTINCT unit_key, topic_id, score, year, body FROM e WHERE unit_kind <> 'agenda_item'),
		      t AS (SELECT year, body, sum(score) AS total FROM u GROUP BY year, body)
		 SELECT u.year, u.body, count(*)::INTEGER AS texts, sum(u.score)::DOUBLE AS weight, any_value(t.total)::DOUBLE AS total
		   FROM u JOIN t ON t.year = u.year AND t.body = u.body
		  WHERE u.topic_id = $topic AND u.year IS NOT NULL
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
