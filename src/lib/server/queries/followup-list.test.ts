/**
 * The recommendations list paged, filtered and sorted by the database (queries/followup.ts over
 * recommendation_followup) against a specification computed here in plain code from the corpus tables and from
 * each recommendation's own page (its links folded with the decisions): every filter value the data has, every
 * sort in both directions, paging, the links listing, the API's JSON pages and CSV, and curators' decisions
 * showing at the next request. On a database with the table and on one derived before it existed (the same rows
 * from a subquery).
 */
import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../../../tests/unit/corpus-db';
import { splitCsvExport } from '$lib/export/csv';
import { appendDecision } from '../curation';
import { closeDb, query } from '../db';
import { linksResponse, recommendationsResponse } from '../followup-datasets';
import { RECOMMENDATION_FOLLOWUP_TABLE, writeRecommendationFollowup } from '../recommendation-followup';
import {
	allLinks,
	allRecommendations,
	followupState,
	linksOf,
	listLinks,
	listRecommendations,
	readRecFilters,
	recommendationById,
	recommendationStatuses,
	statusByMeeting,
	statusOf,
	type FollowupState,
	type RecListRow
} from './followup';

let dir: string;
let withTable: string;
let legacy: string;
const BODIES = ['WG.2', 'WG.3'];

beforeAll(async () => {
	({ dir, db: withTable } = await ingestCorpus('followup-list'));
	legacy = path.join(dir, 'legacy.duckdb');
	const instance = await DuckDBInstance.create(withTable);
	const conn = await instance.connect();
	try {
		// Whether or not the derivation writes it already, both files are made here: with and without the table.
		await writeRecommendationFollowup(conn);
		await conn.run('CHECKPOINT');
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
	fs.copyFileSync(withTable, legacy);
	const old = await DuckDBInstance.create(legacy);
	const oldConn = await old.connect();
	try {
		await oldConn.run(`DROP TABLE ${RECOMMENDATION_FOLLOWUP_TABLE}`);
		await oldConn.run('CHECKPOINT');
	} finally {
		oldConn.closeSync();
		old.closeSync();
	}
	process.env.RAPPORTEUR_DB_RECHECK_MS = '0';
	process.env.RAPPORTEUR_CURATION_DIR = path.join(dir, 'curation');
}, 120_000);

afterAll(async () => {
	await closeDb();
	delete process.env.RAPPORTEUR_DB;
	delete process.env.RAPPORTEUR_CURATION_DIR;
	fs.rmSync(dir, { recursive: true, force: true });
});

async function use(file: string): Promise<FollowupState> {
	process.env.RAPPORTEUR_DB = file;
	const state = await followupState();
	expect(state.summary.sql === RECOMMENDATION_FOLLOWUP_TABLE).toBe(file === withTable);
	return state;
}

interface Spec {
	id: string;
	meetingId: string;
	body: string;
	year: number | null;
	label: string;
	kind: string;
	strength: string | null;
	addressees: string[];
	topics: string[];
	status: string;
	curated: boolean;
	links: number;
	possible: number;
	lastTrace: string | null;
}

/** Every recommendation in document order, its status and counts from its own page's fold. */
async function specification(state: FollowupState): Promise<Spec[]> {
	const recs = await query<{
		id: string;
		meeting_id: string;
		body: string;
		year: number | null;
		label: string;
		kind: string;
		strength: string | null;
		addressees: string[] | null;
	}>(
		`SELECT r.id, r.meeting_id, m.body_code AS body, m.year::INTEGER AS year, r.label, r.kind, r.strength,
		        r.addressees
		   FROM recommendation r JOIN meeting m ON m.id = r.meeting_id
		  ORDER BY m.start_date NULLS LAST, m.body_code, r.sort_order, r.id`
	);
	const topics = await query<{ unit_key: string; topic_id: string }>(
		`SELECT unit_key, topic_id FROM topic_assignment WHERE unit_kind = 'recommendation'`
	);
	const links = await linksOf(
		state,
		recs.map((r) => r.id)
	);
	const out: Spec[] = [];
	for (const r of recs) {
		const own = links.get(r.id) ?? [];
		const rec = (await recommendationById(state, r.id))!;
		const counted = own.filter((l) => l.counted);
		out.push({
			id: r.id,
			meetingId: r.meeting_id,
			body: r.body,
			year: r.year,
			label: r.label,
			kind: r.kind,
			strength: r.strength,
			addressees: r.addressees ?? [],
			topics: topics.filter((t) => t.unit_key === `r:${r.id}`).map((t) => t.topic_id),
			status: statusOf(state, rec, own).status,
			curated: state.decisions.some((d) => d.recommendation === r.id),
			links: counted.length,
			possible: own.filter((l) => !l.counted && l.decision !== 'reject').length,
			lastTrace:
				counted
					.map((l) => state.meetings.get(l.toMeetingId)?.date ?? '')
					.sort()
					.at(-1) || null
		});
	}
	return out;
}

const url = (qs: string) => new URL(`http://x/recommendations?${qs}`);

async function everyRow(state: FollowupState, qs: string): Promise<RecListRow[]> {
	const rows: RecListRow[] = [];
	for await (const batch of allRecommendations(state, readRecFilters(url(qs), state, BODIES), 7))
		rows.push(...batch);
	return rows;
}

/** Each filter the page offers, with every value the data has, and what it means. */
function filterCases(spec: Spec[], state: FollowupState): [string, (s: Spec) => boolean][] {
	const cases: [string, (s: Spec) => boolean][] = [['', () => true]];
	for (const b of BODIES) cases.push([`body=${encodeURIComponent(b)}`, (s) => s.body === b]);
	cases.push(['body=WG.2,WG.3', (s) => BODIES.includes(s.body)]);
	cases.push(['from=2017', (s) => s.year !== null && s.year >= 2017]);
	cases.push(['to=2017', (s) => s.year !== null && s.year <= 2017]);
	cases.push(['from=2017&to=2020&body=WG.2', (s) => s.body === 'WG.2' && s.year! >= 2017 && s.year! <= 2020]);
	for (const a of state.choices.addressees)
		cases.push([`addressee=${encodeURIComponent(a)}`, (s) => s.addressees.includes(a)]);
	for (const v of state.choices.strengths)
		cases.push([`strength=${encodeURIComponent(v)}`, (s) => s.strength === v]);
	for (const t of state.topics) cases.push([`topic=${t.id}`, (s) => s.topics.includes(t.id)]);
	for (const v of ['acted-on', 'reiterated', 'discussed', 'no-trace'])
		cases.push([`status=${v}`, (s) => s.status === v]);
	for (const m of state.choices.meetingIds)
		cases.push([`meeting=${encodeURIComponent(m)}`, (s) => s.meetingId === m]);
	for (const k of ['recommendation', 'discussion_point']) cases.push([`kind=${k}`, (s) => s.kind === k]);
	cases.push([
		'status=acted-on&topic=sherloc&kind=recommendation',
		(s) => s.status === 'acted-on' && s.topics.includes('sherloc') && s.kind === 'recommendation'
	]);
	expect(spec.length).toBeGreaterThan(60);
	return cases;
}

const STATUS_RANK: Record<string, number> = { 'acted-on': 3, reiterated: 2, discussed: 1, 'no-trace': 0 };

/** The sorts of the specification: the key in the direction asked, ties in document order. */
function sorted(spec: Spec[], sort: string, dir: 'asc' | 'desc'): string[] {
	const pos = new Map(spec.map((s, i) => [s.id, i]));
	const key: Record<string, (a: Spec, b: Spec) => number> = {
		date: (a, b) => pos.get(a.id)! - pos.get(b.id)!,
		status: (a, b) => STATUS_RANK[a.status]! - STATUS_RANK[b.status]!,
		links: (a, b) => a.links - b.links,
		label: (a, b) => a.label.localeCompare(b.label, 'en', { numeric: true })
	};
	const sign = dir === 'asc' ? 1 : -1;
	return [...spec]
		.sort((a, b) => sign * key[sort]!(a, b) || pos.get(a.id)! - pos.get(b.id)!)
		.map((s) => s.id);
}

describe.each([
	['with the recommendation_followup table', () => withTable],
	['on a database derived before the table existed', () => legacy]
])('the list %s', (_, file) => {
	it('keeps every filter: the same recommendations as the specification, with their status and counts', async () => {
		const state = await use(file());
		const spec = await specification(state);
		const byId = new Map(spec.map((s) => [s.id, s]));
		for (const [qs, keep] of filterCases(spec, state)) {
			const rows = await everyRow(state, qs);
			expect(
				rows.map((r) => r.id),
				qs
			).toEqual(spec.filter(keep).map((s) => s.id));
			const chart = await statusByMeeting(state, readRecFilters(url(qs), state, BODIES));
			expect(chart.total, qs).toBe(rows.length);
		}
		for (const r of await everyRow(state, '')) {
			const s = byId.get(r.id)!;
			expect(
				{
					status: r.status,
					links: r.links,
					possible: r.possible,
					lastTrace: r.lastTrace,
					curated: r.curated
				},
				r.id
			).toEqual({
				status: s.status,
				links: s.links,
				possible: s.possible,
				lastTrace: s.lastTrace,
				curated: s.curated
			});
		}
	});

	it('sorts by date, status, links and label in both directions, ties in document order', async () => {
		const state = await use(file());
		const spec = await specification(state);
		for (const sort of ['date', 'status', 'links', 'label'])
			for (const dir of ['asc', 'desc'] as const) {
				const rows = await everyRow(state, `sort=${sort}&dir=${dir}`);
				expect(
					rows.map((r) => r.id),
					`${sort} ${dir}`
				).toEqual(sorted(spec, sort, dir));
			}
	});

	it('pages: the pages joined are the list, the total is right past the end too', async () => {
		const state = await use(file());
		const f = readRecFilters(url('sort=links'), state, BODIES);
		const all = await everyRow(state, 'sort=links');
		const joined: string[] = [];
		for (let offset = 0; offset < all.length; offset += 10) {
			const page = await listRecommendations(state, f, { limit: 10, offset });
			expect(page.total).toBe(all.length);
			joined.push(...page.rows.map((r) => r.id));
		}
		expect(joined).toEqual(all.map((r) => r.id));
		expect(await listRecommendations(state, f, { limit: 10, offset: all.length + 5 })).toEqual({
			rows: [],
			total: all.length
		});
	});

	it.each(['body=WG.2', ''])(
		'lists the links of the listed recommendations page by page, as each recommendation’s page has them (%s)',
		async (query) => {
			const state = await use(file());
			// Without filters a page is a range of the links numbered in the table (links_before), when it has them.
			expect(state.summary.linksBefore).toBe(file() === withTable);
			const f = readRecFilters(url(query), state, BODIES);
			const recs = await everyRow(state, query);
			const own = await linksOf(
				state,
				recs.map((r) => r.id),
				{ evidence: true }
			);
			const expected = recs.flatMap((r) =>
				(own.get(r.id) ?? []).map((l) => `${r.id} | ${l.id} | ${l.snippet}`)
			);
			expect(expected.length).toBeGreaterThan(50);
			const streamed: string[] = [];
			let batches = 0;
			for await (const batch of allLinks(state, f, 30)) {
				batches++;
				// At most 30 links a batch, unless one recommendation has more (a recommendation is never split).
				if (batch.length > 30) expect(new Set(batch.map((l) => l.rec.id)).size).toBe(1);
				streamed.push(...batch.map((l) => `${l.rec.id} | ${l.link.id} | ${l.link.snippet}`));
			}
			expect(streamed).toEqual(expected);
			expect(batches).toBeGreaterThanOrEqual(Math.ceil(expected.length / 30));
			const paged: string[] = [];
			for (let offset = 0; offset < expected.length; offset += 17) {
				const page = await listLinks(state, f, { limit: 17, offset });
				expect(page.total).toBe(expected.length);
				paged.push(...page.rows.map((l) => `${l.rec.id} | ${l.link.id} | ${l.link.snippet}`));
			}
			expect(paged).toEqual(expected);
			expect((await listLinks(state, f, { limit: 5, offset: expected.length })).rows).toEqual([]);
		}
	);
});

describe('the API', () => {
	it('answers one page as JSON with total and next, and validates limit, offset and format', async () => {
		await use(withTable);
		const first = (await (
			await recommendationsResponse(new URL('http://x/api/recommendations?status=acted-on&limit=3'))
		).json()) as { rows: { id: string }[]; total: number; limit: number; offset: number; next: string };
		expect(first.rows).toHaveLength(3);
		expect(first.total).toBeGreaterThan(3);
		expect(first).toMatchObject({ limit: 3, offset: 0 });
		const second = (await (await recommendationsResponse(new URL(`http://x${first.next}`))).json()) as {
			rows: { id: string }[];
			offset: number;
		};
		expect(second.offset).toBe(3);
		expect(second.rows[0]!.id).not.toBe(first.rows[0]!.id);
		const last = (await (
			await recommendationsResponse(
				new URL(`http://x/api/recommendations?status=acted-on&offset=${first.total - 1}`)
			)
		).json()) as { rows: unknown[]; next: string | null };
		expect(last.rows).toHaveLength(1);
		expect(last.next).toBeNull();
		for (const qs of ['limit=0', 'limit=1001', 'limit=ten', 'offset=-1', 'offset=1.5', 'format=xml'])
			await expect(
				recommendationsResponse(new URL(`http://x/api/recommendations?${qs}`)),
				qs
			).rejects.toMatchObject({
				status: 400
			});
		await expect(
			linksResponse(new URL('http://x/api/recommendations/links?limit=5000'))
		).rejects.toMatchObject({
			status: 400
		});
	});

	it('exports every row as CSV, whatever the page size, with the sources of all of them', async () => {
		const state = await use(withTable);
		const all = await everyRow(state, 'sort=label');
		const bytes = new Uint8Array(
			await (
				await recommendationsResponse(new URL('http://x/api/recommendations?format=csv&sort=label&limit=2'))
			).arrayBuffer()
		);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		const { data, provenance } = splitCsvExport(text);
		expect(csvParse(data).map((r) => r['Id'])).toEqual(all.map((r) => r.id));
		const sources = provenance.find((l) => l.startsWith('# Source: '))!;
		for (const m of new Set(all.map((r) => r.meetingId)))
			expect(sources).toContain(state.meetings.get(m)!.source);
		const links = await (
			await linksResponse(new URL('http://x/api/recommendations/links?format=csv&meeting=wg2-2013-10-28'))
		).text();
		const rows = csvParse(splitCsvExport(links).data);
		expect(rows.length).toBeGreaterThan(20);
		expect(new Set(rows.map((r) => r['from'])).size).toBeGreaterThan(5);
		expect(rows.every((r) => r['from']!.startsWith('wg2-2013-10-28:'))).toBe(true);
	});
});

describe('curators’ decisions', () => {
	it('show in the list, the chart and other pages at the next request', async () => {
		const state = await use(withTable);
		const id = 'wg2-2013-10-28:14';
		const before = (await everyRow(state, '')).find((r) => r.id === id)!;
		expect(before).toMatchObject({ status: 'no-trace', curated: false });
		const chartBefore = await statusByMeeting(state, readRecFilters(url('status=acted-on'), state, BODIES));
		appendDecision({
			time: new Date().toISOString(),
			action: 'status',
			recommendation: id,
			status: 'acted-on',
			note: 'reported in a later session'
		});
		const after = await followupState();
		expect((await everyRow(after, '')).find((r) => r.id === id)).toMatchObject({
			status: 'acted-on',
			curated: true
		});
		expect((await everyRow(after, 'status=acted-on')).some((r) => r.id === id)).toBe(true);
		const chartAfter = await statusByMeeting(after, readRecFilters(url('status=acted-on'), after, BODIES));
		expect(chartAfter.total).toBe(chartBefore.total + 1);
		expect((await recommendationStatuses(after, [id])).get(id)!.status).toBe('acted-on');

		// A rejected link: the recommendation's counts are folded from its links, as its page has them.
		const sherloc = 'wg2-2013-10-28:34';
		const sherlocBefore = (await everyRow(after, '')).find((r) => r.id === sherloc)!;
		const link = (await linksOf(after, [sherloc], { evidence: true })).get(sherloc)!.find((l) => l.counted)!;
		appendDecision({
			time: new Date().toISOString(),
			action: 'reject',
			recommendation: sherloc,
			link: link.id,
			target: {
				toKey: link.toKey,
				toKind: link.toKind,
				toMeetingId: link.toMeetingId,
				toDocumentId: link.toDocumentId,
				toLabel: link.toLabel,
				toParagraph: link.toParagraph,
				toParagraphOrder: link.toParagraphOrder,
				toItem: link.toItem,
				kind: link.kind,
				snippet: link.snippet
			},
			note: null
		});
		const third = await followupState();
		const spec = (await specification(third)).find((s) => s.id === sherloc)!;
		const row = (await everyRow(third, '')).find((r) => r.id === sherloc)!;
		expect(row).toMatchObject({
			links: spec.links,
			possible: spec.possible,
			status: spec.status,
			curated: true
		});
		expect(row.links).toBe(sherlocBefore.links - 1);
		const listed = [];
		for await (const batch of allLinks(third, readRecFilters(url('meeting=wg2-2013-10-28'), third, BODIES)))
			listed.push(...batch.filter((l) => l.link.id === link.id));
		expect(listed.map((l) => l.link.decision)).toEqual(['reject']);

		// A link a curator added: one more in the list of every link, at its recommendation's place, so the pages
		// are no longer ranges of the links numbered at derivation.
		const everyLink = async (s: FollowupState) => {
			const out: string[] = [];
			for await (const batch of allLinks(s, readRecFilters(url(''), s, BODIES)))
				out.push(...batch.map((l) => `${l.rec.id} | ${l.link.id}`));
			return out;
		};
		const linksBefore = await everyLink(third);
		const added = `${sherloc} -> r:wg2-2023-05-29:Recommendation 9`;
		appendDecision({
			time: new Date().toISOString(),
			action: 'add',
			recommendation: sherloc,
			link: added,
			target: {
				toKey: 'r:wg2-2023-05-29:Recommendation 9',
				toKind: 'recommendation',
				toMeetingId: 'wg2-2023-05-29',
				toDocumentId: '2023-05-wg2-technical-assistance-report',
				toLabel: 'Recommendation 9',
				toParagraph: null,
				toParagraphOrder: null,
				toItem: null,
				kind: 'reiterated',
				snippet: 'added by a curator'
			},
			note: null
		});
		const fourth = await followupState();
		const linksAfter = await everyLink(fourth);
		expect(linksAfter.length).toBe(linksBefore.length + 1);
		expect(linksAfter).toContain(`${sherloc} | ${added}`);
		const paged: string[] = [];
		for (let offset = 0; offset < linksAfter.length; offset += 23) {
			const page = await listLinks(fourth, readRecFilters(url(''), fourth, BODIES), { limit: 23, offset });
			expect(page.total).toBe(linksAfter.length);
			paged.push(...page.rows.map((l) => `${l.rec.id} | ${l.link.id}`));
		}
		expect(paged).toEqual(linksAfter);
	});
});
