/**
 * The topic figures read from the aggregate tables (src/lib/server/topic-aggregates.ts) against a real database
 * built from data/corpus: they must equal what the straightforward query over every text × meeting gives (the
 * specification below, the queries the figures ran before the aggregates existed), under every body and year
 * filter, including a joint report's text (2017 WG.3/WG.2), and on a database derived before the tables
 * existed. The joint paragraph 38 ("The working groups considered the joint agenda item ... assets to be
 * confiscated ...") was read in data/corpus/2017-10-wg3-wg2-joint-report.txt.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../../../tests/unit/corpus-db';
import type { Filters } from '$lib/filters';
import { topicDataset, topicResponse } from '../followup-datasets';
import { closeDb, query } from '../db';
import { filterParams } from '../filters';
import {
	buildTopicAggregates,
	buildTopicTexts,
	TOPIC_AGGREGATE_TABLES,
	TOPIC_TEXT_TABLE
} from '../topic-aggregates';
import {
	topicBodyMatrix,
	topicCounts,
	topics,
	topicSharesByYear,
	topicSharesByYearAndBody,
	topicTextRange,
	topicTexts,
	type TopicRow
} from './topics';

const NO_FILTERS: Filters = { bodies: [], from: null, to: null, region: null, category: null, mode: null };
const filters = (bodies: string[], from: number | null = null, to: number | null = null): Filters => ({
	...NO_FILTERS,
	bodies,
	from,
	to
});
const FILTERS: Filters[] = [
	NO_FILTERS,
	filters(['WG.3']),
	filters(['WG.2']),
	filters(['WG.2', 'WG.3']),
	filters([], 2017, 2017),
	filters([], 2018),
	filters(['WG.3'], null, 2016),
	filters(['WG.2'], 2017, 2020)
];

let dir: string;
let withTables: string;
let legacy: string;
let beforeTexts: string;

async function onFile(
	file: string,
	run: (conn: import('@duckdb/node-api').DuckDBConnection) => Promise<void>
) {
	const instance = await DuckDBInstance.create(file);
	const conn = await instance.connect();
	try {
		await run(conn);
		await conn.run('CHECKPOINT');
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

beforeAll(async () => {
	({ dir, db: withTables } = await ingestCorpus('topics'));
	legacy = path.join(dir, 'legacy.duckdb');
	// A database derived before the aggregate tables existed: the same file without them.
	fs.copyFileSync(withTables, legacy);
	await onFile(legacy, async (conn) => {
		for (const t of TOPIC_AGGREGATE_TABLES) await conn.run(`DROP TABLE IF EXISTS ${t}`);
	});
	// A database derived before topic_text existed.
	beforeTexts = path.join(dir, 'before-texts.duckdb');
	fs.copyFileSync(withTables, beforeTexts);
	await onFile(beforeTexts, async (conn) => {
		await conn.run(`DROP TABLE ${TOPIC_TEXT_TABLE}`);
	});
	process.env.RAPPORTEUR_DB_RECHECK_MS = '0';
}, 120_000);

afterAll(async () => {
	await closeDb();
	delete process.env.RAPPORTEUR_DB;
	fs.rmSync(dir, { recursive: true, force: true });
});

async function use(file: string): Promise<void> {
	process.env.RAPPORTEUR_DB = file;
}

// The specification: every text expanded to the meetings it belongs to (joint text to each meeting of its
// report), filtered, then counted distinct.
const EXPANDED = `
	SELECT a.unit_kind, a.unit_key, a.topic_id, a.score, m.id AS meeting_id, m.body_code AS body, m.year::INTEGER AS year
	  FROM topic_assignment a
	  JOIN meeting m ON (a.meeting_id = m.id) OR (a.meeting_id IS NULL AND m.document_id = a.document_id)
	 WHERE ($bodies::VARCHAR = '' OR list_contains(string_split($bodies::VARCHAR, ','), m.body_code))
	   AND ($from::INTEGER IS NULL OR m.year >= $from::INTEGER)
	   AND ($to::INTEGER IS NULL OR m.year <= $to::INTEGER)`;

function p(f: Filters) {
	const all = filterParams(f);
	return { bodies: all.bodies, from: all.from, to: all.to };
}

async function expectedCounts(f: Filters) {
	const rows = await query<{ topic_id: string; kind: string; n: number }>(
		`SELECT topic_id, unit_kind AS kind, count(DISTINCT unit_key)::INTEGER AS n
		   FROM (${EXPANDED}) GROUP BY ALL`,
		p(f)
	);
	const out = new Map<string, { recommendations: number; paragraphs: number; agendaItems: number }>();
	for (const r of rows) {
		const c = out.get(r.topic_id) ?? { recommendations: 0, paragraphs: 0, agendaItems: 0 };
		if (r.kind === 'recommendation') c.recommendations = r.n;
		if (r.kind === 'paragraph') c.paragraphs = r.n;
		if (r.kind === 'agenda_item') c.agendaItems = r.n;
		out.set(r.topic_id, c);
	}
	return out;
}

/** Texts and summed relevance per topic and `key` (over the columns `by`), each text counted once per key. */
async function expectedSums(f: Filters, by: 'year' | 'body' | 'year, body', yearNotNull: boolean) {
	const key = by === 'year, body' ? `year::VARCHAR || '|' || body` : `${by}::VARCHAR`;
	return query<{ k: string; topic_id: string; texts: number; weight: number }>(
		`SELECT ${key} AS k, topic_id, count(*)::INTEGER AS texts, sum(score)::DOUBLE AS weight
		   FROM (SELECT DISTINCT unit_key, topic_id, score, ${by} FROM (${EXPANDED})
		          WHERE unit_kind <> 'agenda_item' ${yearNotNull ? 'AND year IS NOT NULL' : ''})
		  GROUP BY ${by}, topic_id ORDER BY ${by}, topic_id`,
		p(f)
	);
}

const pct = (w: number, total: number) => Math.round((1000 * w) / (total || 1)) / 10;

function totals(rows: { k: string; weight: number }[]): Map<string, number> {
	const t = new Map<string, number>();
	for (const r of rows) t.set(r.k, (t.get(r.k) ?? 0) + r.weight);
	return t;
}

describe.each([
	['with the aggregate tables', () => withTables],
	['on a database derived before them', () => legacy]
])('topic figures %s', (_, file) => {
	let list: TopicRow[];
	beforeAll(async () => {
		await use(file());
		list = await topics();
		expect(list).toHaveLength(18);
	});

	it.each(FILTERS.map((f) => [JSON.stringify(p(f)), f] as const))(
		'count texts per topic (%s)',
		async (_, f) => {
			const got = await topicCounts(f);
			const want = await expectedCounts(f);
			expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
			for (const [id, c] of want) expect(got.get(id)).toEqual({ id, ...c });
		}
	);

	it.each(FILTERS.map((f) => [JSON.stringify(p(f)), f] as const))('share by year (%s)', async (_, f) => {
		const want = await expectedSums(f, 'year', true);
		const t = totals(want);
		const got = await topicSharesByYear(f, list);
		const byKey = new Map(got.map((r) => [`${r.year}|${r.topicId}`, r]));
		expect(got).toHaveLength(want.length);
		for (const w of want) {
			const g = byKey.get(`${w.k}|${w.topic_id}`);
			expect(g).toMatchObject({ texts: w.texts, share: pct(w.weight, t.get(w.k)!) });
			expect(g!.weight).toBeCloseTo(w.weight, 2);
		}
	});

	it.each(FILTERS.map((f) => [JSON.stringify(p(f)), f] as const))('topic × body (%s)', async (_, f) => {
		const want = await expectedSums(f, 'body', false);
		const t = totals(want);
		const got = await topicBodyMatrix(f, list);
		expect(got.map((r) => [r.body, r.topicId, r.texts, r.share])).toEqual(
			want.map((w) => [w.k, w.topic_id, w.texts, pct(w.weight, t.get(w.k)!)])
		);
	});

	it.each(FILTERS.map((f) => [JSON.stringify(p(f)), f] as const))(
		'one topic by year and body (%s)',
		async (_, f) => {
			const want = await expectedSums(f, 'year, body', true);
			const t = totals(want);
			for (const topic of list) {
				const got = await topicSharesByYearAndBody(topic.id, f);
				expect(got.map((r) => [`${r.year}|${r.body}`, r.texts, r.share])).toEqual(
					want.filter((w) => w.topic_id === topic.id).map((w) => [w.k, w.texts, pct(w.weight, t.get(w.k)!)])
				);
			}
		}
	);

	it('count the joint paragraph 38 once, for each body it belongs to', async () => {
		const confiscation = (f: Filters) =>
			topicTexts('confiscation', f, { limit: 1000, offset: 0 }).then((t) =>
				t.paragraphs.filter((r) => r.source.includes('2017') && r.paragraph === '38')
			);
		expect((await confiscation(NO_FILTERS)).map((r) => r.bodies)).toEqual(['WG.2, WG.3']);
		expect((await confiscation(filters(['WG.3']))).map((r) => [r.bodies, r.meetingId])).toEqual([
			['WG.3', 'wg3-2017-10-09']
		]);
		expect((await confiscation(filters(['WG.2']))).map((r) => [r.bodies, r.meetingId])).toEqual([
			['WG.2', 'wg2-2017-10-10']
		]);
		expect(await confiscation(filters([], 2018))).toEqual([]);
		const both = (await topicBodyMatrix(NO_FILTERS, list)).filter((r) => r.topicId === 'confiscation');
		const wg2 = (await topicBodyMatrix(filters(['WG.2']), list)).find((r) => r.topicId === 'confiscation');
		expect(both.find((r) => r.body === 'WG.2')?.texts).toBe(wg2?.texts);
	});
});

describe('topic texts', () => {
	beforeAll(() => use(withTables));

	it.each(FILTERS.map((f) => [JSON.stringify(p(f)), f] as const))(
		'list each text once, with the meetings and bodies the filters select (%s)',
		async (_, f) => {
			for (const topic of await topics()) {
				const want = await query<{ kind: string; meeting_id: string; bodies: string; n: number }>(
					`SELECT unit_kind AS kind, min(meeting_id) AS meeting_id,
					        string_agg(DISTINCT body, ', ' ORDER BY body) AS bodies
					   FROM (${EXPANDED}) WHERE topic_id = $topic
					  GROUP BY unit_kind, unit_key ORDER BY ALL`,
					{ ...p(f), topic: topic.id }
				);
				const got = await topicTexts(topic.id, f, { limit: 100_000, offset: 0 });
				const all = [...got.recommendations, ...got.paragraphs, ...got.agendaItems];
				const key = (r: { kind: string; meeting_id: string; bodies: string }) =>
					`${r.kind}|${r.meeting_id}|${r.bodies}`;
				expect(
					all.map((r) => key({ kind: r.kind, meeting_id: r.meetingId, bodies: r.bodies })).sort()
				).toEqual(want.map(key).sort());
				expect(got.paragraphTotal).toBe(want.filter((w) => w.kind === 'paragraph').length);
				const scores = got.paragraphs.map((r) => r.score);
				expect(scores).toEqual([...scores].sort((a, b) => b - a));
			}
		}
	);

	it('page paragraphs, most relevant first, and give the total past the last page', async () => {
		const all = await topicTexts('review-mechanism', NO_FILTERS, { limit: 100_000, offset: 0 });
		expect(all.paragraphTotal).toBeGreaterThan(4);
		const second = await topicTexts('review-mechanism', NO_FILTERS, { limit: 2, offset: 2 });
		expect(second.paragraphs.map((r) => r.text)).toEqual(all.paragraphs.slice(2, 4).map((r) => r.text));
		expect(second.recommendations).toEqual(all.recommendations);
		const past = await topicTexts('review-mechanism', NO_FILTERS, { limit: 10, offset: 100_000 });
		expect(past.paragraphs).toEqual([]);
		expect(past.paragraphTotal).toBe(all.paragraphTotal);
	});

	it('page recommendations by meeting date, and give their total', async () => {
		const all = await topicTexts('witness-protection', NO_FILTERS, { limit: 1, offset: 0 });
		// 2013 recommendations 7–20 but 12 (tests/browser/topics.spec.ts) and more in later years.
		expect(all.recommendationTotal).toBe(all.recommendations.length);
		expect(all.recommendationTotal).toBeGreaterThanOrEqual(13);
		const page = await topicTexts(
			'witness-protection',
			NO_FILTERS,
			{ limit: 1, offset: 0 },
			{ limit: 5, offset: 5 }
		);
		expect(page.recommendations.map((r) => r.recommendationId)).toEqual(
			all.recommendations.slice(5, 10).map((r) => r.recommendationId)
		);
		expect(page.recommendationTotal).toBe(all.recommendationTotal);
		expect(page.paragraphs).toEqual(all.paragraphs);
		const dates = all.recommendations.map((r) => r.date ?? '');
		expect(dates).toEqual([...dates].sort());
	});

	it('come through /api/topics/[id] a page at a time: the pages joined are the whole CSV export, in order', async () => {
		const base = 'http://x/api/topics/witness-protection';
		const whole = await topicDataset(new URL(base), 'witness-protection');
		expect(whole.rows.length).toBeGreaterThan(20);
		const seen: unknown[] = [];
		let next: string | null = `/api/topics/witness-protection?limit=7`;
		let total = -1;
		while (next) {
			const page = (await (await topicResponse(new URL(`http://x${next}`), 'witness-protection')).json()) as {
				rows: Record<string, unknown>[];
				total: number;
				limit: number;
				next: string | null;
			};
			expect(page.rows.length).toBeLessThanOrEqual(7);
			total = page.total;
			seen.push(...page.rows);
			next = page.next;
		}
		expect(total).toBe(whole.rows.length);
		expect(seen).toEqual(whole.rows);
		const first = (await (await topicResponse(new URL(base), 'witness-protection')).json()) as {
			rows: unknown[];
			limit: number;
		};
		expect(first.limit).toBe(100);
		expect(first.rows).toEqual(whole.rows.slice(0, 100));
		for (const qs of ['limit=0', 'limit=1001', 'offset=-1', 'format=xml'])
			await expect(topicResponse(new URL(`${base}?${qs}`), 'witness-protection'), qs).rejects.toMatchObject({
				status: 400
			});
	});

	// The specification of the lists: each text once, under the first of its selected meetings by id, with the
	// selected bodies; recommendations, then agenda items, by date and place in the report; then paragraphs by
	// relevance, date and place; ties by the text's key. Straight from the assignments, meetings and texts.
	const SPEC = `
		WITH g AS (SELECT unit_kind, unit_key, any_value(score) AS score, min(meeting_id) AS meeting_id,
		                  string_agg(DISTINCT body, ', ' ORDER BY body) AS bodies
		             FROM (${EXPANDED}) WHERE topic_id = $topic GROUP BY unit_kind, unit_key)
		SELECT g.unit_kind AS kind, g.meeting_id, g.bodies, coalesce(r.text, ai.title, pa.text) AS text
		  FROM g JOIN meeting m ON m.id = g.meeting_id
		  JOIN topic_assignment a ON a.topic_id = $topic AND a.unit_key = g.unit_key
		  LEFT JOIN recommendation r ON g.unit_kind = 'recommendation' AND r.id = substr(g.unit_key, 3)
		  LEFT JOIN agenda_item ai ON g.unit_kind = 'agenda_item' AND ai.meeting_id = g.meeting_id AND ai.number = a.item
		  LEFT JOIN paragraph pa ON g.unit_kind = 'paragraph' AND pa.document_id = a.document_id
		                        AND pa.sort_order = a.paragraph_order
		 ORDER BY CASE g.unit_kind WHEN 'recommendation' THEN 0 WHEN 'agenda_item' THEN 1 ELSE 2 END,
		          CASE g.unit_kind WHEN 'paragraph' THEN -g.score END, m.start_date,
		          coalesce(r.sort_order, ai.sort_order, pa.sort_order), g.unit_key`;
	const line = (r: { kind: string; meetingId?: string; meeting_id?: string; bodies: string; text: string }) =>
		`${r.kind}|${r.meetingId ?? r.meeting_id}|${r.bodies}|${r.text}`;

	it.each(FILTERS.map((f) => [JSON.stringify(p(f)), f] as const))(
		'list every text in the specified order, a kind at a time and across kinds (%s)',
		async (_, f) => {
			let texts = 0;
			for (const topic of await topics()) {
				const want = (
					await query<{ kind: string; meeting_id: string; bodies: string; text: string }>(SPEC, {
						...p(f),
						topic: topic.id
					})
				).map(line);
				texts += want.length;
				const range = await topicTextRange(topic.id, f);
				expect(range.total).toBe(want.length);
				expect(range.rows.map(line)).toEqual(want);
				const kinds = await topicTexts(topic.id, f, { limit: 100_000, offset: 0 });
				expect([...kinds.recommendations, ...kinds.agendaItems, ...kinds.paragraphs].map(line)).toEqual(want);
				expect(kinds.agendaItemTotal).toBe(kinds.agendaItems.length);
			}
			if (f === NO_FILTERS) expect(texts).toBeGreaterThan(100);
		}
	);

	it('page agenda items, and ranges across kinds, as slices of the whole list', async () => {
		// The topic with the most agenda items: at least three, so that the page of two from the second is full.
		const counts = [...(await topicCounts(NO_FILTERS)).values()];
		const id = counts.reduce((a, b) => (b.agendaItems > a.agendaItems ? b : a)).id;
		for (const f of [NO_FILTERS, filters(['WG.3'])]) {
			const all = await topicTexts(id, f, { limit: 100_000, offset: 0 });
			if (f === NO_FILTERS) expect(all.agendaItemTotal).toBeGreaterThanOrEqual(3);
			const items = await topicTexts(
				id,
				f,
				{ limit: 1, offset: 0 },
				{ limit: 1, offset: 0 },
				{ limit: 2, offset: 1 }
			);
			expect(items.agendaItems).toEqual(all.agendaItems.slice(1, 3));
			expect(items.agendaItemTotal).toBe(all.agendaItemTotal);
			const whole = [...all.recommendations, ...all.agendaItems, ...all.paragraphs];
			// A range that starts among the recommendations and ends among the paragraphs.
			const from = Math.max(0, all.recommendationTotal - 1);
			const limit = all.agendaItemTotal + 3;
			const range = await topicTextRange(id, f, { offset: from, limit });
			expect(range.rows).toEqual(whole.slice(from, from + limit));
			expect(range.total).toBe(whole.length);
			expect((await topicTextRange(id, f, { offset: 100_000, limit: 5 })).rows).toEqual([]);
		}
	});

	it('tell a database derived before topic_text to run npm run derive, as a 503', async () => {
		await use(beforeTexts);
		try {
			const refused = { status: 503, body: { message: expect.stringContaining('npm run derive') } };
			await expect(topicTexts('sherloc', NO_FILTERS, { limit: 5, offset: 0 })).rejects.toMatchObject(refused);
			await expect(topicTextRange('sherloc', filters(['WG.2']))).rejects.toMatchObject(refused);
			await expect(topicResponse(new URL('http://x/api/topics/sherloc'), 'sherloc')).rejects.toMatchObject(
				refused
			);
			// The figures do not need it.
			expect((await topicCounts(NO_FILTERS)).get('sherloc')?.recommendations).toBeGreaterThan(0);
		} finally {
			await use(withTables);
		}
	});

	it('answer for a topic with no texts under the filters', async () => {
		const none = await topicTexts('review-mechanism', filters([], 1990, 1991), { limit: 10, offset: 0 });
		expect(none).toEqual({
			recommendations: [],
			recommendationTotal: 0,
			paragraphs: [],
			paragraphTotal: 0,
			agendaItems: [],
			agendaItemTotal: 0
		});
	});
});

describe('the derivation', () => {
	it('writes the aggregate tables, which a rebuild leaves the same', async () => {
		await use(withTables);
		// Summed in another order, the weights may differ in the last bits.
		const groups = () => query(`SELECT * REPLACE (round(weight, 9) AS weight) FROM topic_group ORDER BY g`);
		const before = await groups();
		expect(before.length).toBeGreaterThan(18);
		await closeDb();
		await onFile(withTables, buildTopicAggregates);
		expect(await groups()).toEqual(before);
	});

	it('writes topic_text, which a rebuild leaves the same, a row per text and topic', async () => {
		await use(withTables);
		const rows = () => query(`SELECT * FROM ${TOPIC_TEXT_TABLE} ORDER BY topic_id, pos`);
		const before = await rows();
		const [assigned] = await query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM topic_assignment`);
		expect(before).toHaveLength(assigned!.n);
		await closeDb();
		await onFile(withTables, buildTopicTexts);
		expect(await rows()).toEqual(before);
	});
});
