/**
 * The Countries, Compare, Meetings and Data pages on a database with many more than 40 meetings (the corpus
 * plus synthetic reports, built by tests/unit/scale-fixture.ts). What is checked is
 * structure and limits, not numbers: per-year charts beyond 40 meetings that add up to the per-meeting rows,
 * tables a page at a time, bad page numbers refused.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MEETINGS_PER_CHART, MAX_TABLE_ROWS } from '$lib/scale';
import {
	countryTablePageData,
	loadCountryTable,
	loadProfile,
	PROFILE_PARTS,
	profilePageData,
	profileResponse
} from '../../../routes/countries/datasets.server';
import { loadCompare } from '../../../routes/compare/datasets.server';
import { closeDb } from '../db';
import { buildScaleDb } from '../../../../tests/unit/scale-fixture';
import type { Filters } from '../filters';
import { compareTimeline, compareTimelineByYear } from './compare';
import { findEntity, reportedMeetings } from './countries';
import { meetingList, MEETINGS_PER_PAGE, paginate, readPage } from './meetings';

const ALL: Filters = { bodies: [], from: null, to: null, region: null, category: null, mode: null };
const url = (s: string) => new URL(s, 'http://localhost');

/** The HTTP status of an error thrown by SvelteKit's error(), or null. */
function statusOf(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		return (e as { status?: number }).status ?? null;
	}
}

describe('page numbers', () => {
	it('reads ?page= from 1 to the last page and refuses anything else with a 400', () => {
		expect(readPage(url('/x'), 3)).toBe(1);
		expect(readPage(url('/x?page=3'), 3)).toBe(3);
		for (const bad of ['0', '4', '-1', '1.5', 'abc', '1e3', ' 2'])
			expect(statusOf(() => readPage(url(`/x?page=${encodeURIComponent(bad)}`), 3))).toBe(400);
		expect(readPage(url('/x?spage=2'), 2, 'spage')).toBe(2);
		expect(statusOf(() => readPage(url('/x?page=2'), 0))).toBe(400);
	});

	it('slices a page of rows', () => {
		const rows = Array.from({ length: 120 }, (_, i) => i);
		const p = paginate(rows, url('/x?page=3'), 50);
		expect(p).toMatchObject({ page: 3, pages: 3, total: 120, start: 100 });
		expect(p.rows).toEqual(rows.slice(100));
	});
});

let previous: string | undefined;

describe('with many more meetings than a chart draws', () => {
	let dir = '';
	beforeAll(async () => {
		const built = await buildScaleDb();
		dir = built.dir;
		await closeDb();
		previous = process.env.RAPPORTEUR_DB;
		process.env.RAPPORTEUR_DB = built.db;
	}, 180_000);
	afterAll(async () => {
		await closeDb();
		process.env.RAPPORTEUR_DB = previous;
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('has more meetings than a chart draws one by one', async () => {
		expect((await reportedMeetings(ALL)).length).toBeGreaterThan(MAX_MEETINGS_PER_CHART);
	});

	it('aggregates the timeline per year in SQL, adding up to the per-meeting cells', async () => {
		const ids = ['USA', 'CAN', 'NGA'];
		const [cells, years, meetings] = await Promise.all([
			compareTimeline(ids, ALL),
			compareTimelineByYear(ids, ALL),
			reportedMeetings(ALL)
		]);
		const yearOf = new Map(meetings.map((m) => [m.id, m.year]));
		const distinctYears = new Set(meetings.flatMap((m) => (m.year === null ? [] : [m.year])));
		expect(years).toHaveLength(ids.length * distinctYears.size);
		const rank = ['absent', 'attended', 'spoke', 'panellist', 'chaired'];
		for (const y of years) {
			const mine = cells.filter((c) => c.entityId === y.entityId && yearOf.get(c.meetingId) === y.year);
			expect(y.meetings).toBe(mine.length);
			expect(y.attended).toBe(mine.filter((c) => c.attended).length);
			expect(y.statements).toBe(mine.reduce((n, c) => n + c.statements, 0));
			expect(rank.indexOf(y.state)).toBe(Math.max(0, ...mine.map((c) => rank.indexOf(c.state))));
		}
	});

	it('answers every row of a profile table as JSON, the same again from memory, per filters', async () => {
		const usa = await findEntity('USA');
		if (!usa) throw new Error('USA missing');
		const counts: number[] = [];
		for (const part of PROFILE_PARTS) {
			for (const q of ['', '&from=2010&to=2020']) {
				const u = url(`/api/countries/USA?part=${part}${q}`);
				const d = await loadProfile(u, usa);
				const first = await (await profileResponse(u, usa, part)).text();
				expect(await (await profileResponse(u, usa, part)).text()).toBe(first);
				const body = JSON.parse(first) as { url: string; rows: unknown[] };
				expect(body.url).toBe(u.pathname + u.search);
				const rows = { meetings: d.meetingRows, statements: d.statements, roles: d.roles, names: d.names }[
					part
				];
				expect(body.rows).toEqual(JSON.parse(JSON.stringify(rows)));
				if (part === 'meetings') counts.push(body.rows.length);
			}
		}
		// The years narrow the table: an answer kept in memory for other filters would not.
		expect(counts[1]).toBeLessThan(counts[0]!);
	});

	it('draws a profile per year and pages its per-meeting table', async () => {
		const usa = await findEntity('USA');
		if (!usa) throw new Error('USA missing');
		const d = await loadProfile(url('/countries/USA'), usa);
		const p = await profilePageData(url('/countries/USA?page=2'), d);
		expect(p.unit).toBe('year');
		expect(p.granularity).toMatch(/shown per year/);
		expect(p.timelineMeetings).toHaveLength(0);
		expect(p.timelineYears.length).toBe(p.timelineCols.length);
		expect(p.timelineYears.length).toBeLessThanOrEqual(MAX_MEETINGS_PER_CHART + 1);
		expect(p.timelineYears.reduce((n, y) => n + y.meetings, 0)).toBeLessThanOrEqual(p.meetingCount);
		expect(p.statementBars.reduce((n, b) => n + b.statements, 0)).toBe(p.totals.statements);
		expect(p.meetingRows).toHaveLength(MAX_TABLE_ROWS);
		expect(p.meetingPages).toMatchObject({ page: 2, total: p.meetingCount, newestFirst: true });
		// Page 2, newest first: the 26th to 50th latest meetings.
		expect(p.meetingRows[0]?.meetingId).toBe(
			d.meetingRows[d.meetingRows.length - 1 - MAX_TABLE_ROWS]?.meetingId
		);
		expect(p.totals.attended).toBe(d.meetingRows.filter((m) => m.attended).length);
		expect(p.sources.length).toBeLessThanOrEqual(12);
		for (const n of p.nameUses) expect(n.meetings.length).toBeLessThanOrEqual(8);
		// The downloads keep every row.
		expect(d.meetingRows).toHaveLength(p.meetingCount);
		await expect(profilePageData(url('/countries/USA?page=999'), d)).rejects.toMatchObject({ status: 400 });
		await expect(profilePageData(url('/countries/USA?spage=x'), d)).rejects.toMatchObject({ status: 400 });
	});

	it('draws the comparison per year and does not list every meeting', async () => {
		const d = await loadCompare(url('/compare?e=USA,CAN,NGA'));
		if (d.mode !== 'compare') throw new Error('picker');
		expect(d.unit).toBe('year');
		expect(d.timeline).toHaveLength(0);
		expect(d.meetingLinks).toHaveLength(0);
		expect(d.timelineYears).toHaveLength(3 * d.meetingYears.length);
		expect(d.meetingYears.reduce((n, y) => n + y.meetings, 0)).toBeLessThanOrEqual(d.meetingCount);
		expect(d.pageSources.length).toBeLessThanOrEqual(12);
	});

	it('lists the meetings in range of /countries as a count, not one link each', async () => {
		const d = countryTablePageData(await loadCountryTable(url('/countries')));
		expect(d.meetingCount).toBeGreaterThan(MAX_MEETINGS_PER_CHART);
		expect(d.meetingLinks).toHaveLength(0);
		expect(d.meetingYears).toMatch(/^\d+ years, \d{4}–\d{4}$/);
	});

	it('pages /meetings 50 at a time', async () => {
		const all = await meetingList(ALL);
		const last = Math.ceil(all.length / MEETINGS_PER_PAGE);
		expect(last).toBeGreaterThan(1);
		const p = paginate(all, url(`/meetings?page=${last}`), MEETINGS_PER_PAGE);
		expect(p.rows.length).toBe(all.length - (last - 1) * MEETINGS_PER_PAGE);
		expect(statusOf(() => paginate(all, url(`/meetings?page=${last + 1}`), MEETINGS_PER_PAGE))).toBe(400);
	});
});
