/**
 * /topics on a database with many more documents and years than the page draws one by one (the corpus plus
 * synthetic reports, tests/unit/scale-fixture.ts). At 1,000× the page was a megabyte of HTML: every year's
 * 18 shares in the chart and its table, and every document named twice in the source lines. What is checked is
 * structure: how many rows and years are drawn, a "show all" link, a source line of one entry.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '$lib/server/db';
import { buildScaleDb } from '../../../tests/unit/scale-fixture';
import { load } from './+page.server';
import type { PageServerData } from './$types';

// What the load returns as the page sees it (load itself is typed loosely, as PageServerLoad).
type Data = PageServerData;

async function page(query = ''): Promise<Data> {
	const url = new URL(`http://localhost/topics${query}`);
	return (await load({ url } as Parameters<typeof load>[0])) as Data;
}

const yearsOf = (d: Data) => new Set(d.shares.map((s) => s.year));

let previous: string | undefined;

describe('/topics with many more documents and years than the page draws', () => {
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

	it('draws the latest years only, with a link to all of them', async () => {
		const d = await page();
		expect(d.derived.present).toBe(true);
		expect(d.shareYears.total).toBeGreaterThan(d.shareYears.max);
		expect(yearsOf(d).size).toBe(d.shareYears.max);
		expect(d.shares.length).toBeLessThanOrEqual(d.shareYears.max * d.topics.length);
		expect(Math.min(...yearsOf(d))).toBe(d.shareYears.from);
		expect(d.shareYears.toggle).toBe('/topics?all=years#topic-shares');
		// The terms table's year columns, likewise.
		expect(d.termYears.total).toBeGreaterThan(d.shareYears.max);
		for (const t of d.terms) expect(t.years).toHaveLength(d.shareYears.max);
		expect(d.termYears.toggle).toBe('/topics?all=years#discovered');
	});

	it('draws every year with all=years, keeping the filters, and refuses other values', async () => {
		const d = await page('?all=years');
		expect(yearsOf(d).size).toBe(d.shareYears.total);
		expect(d.shareYears.from).toBeNull();
		expect(d.shareYears.toggle).toBe('/topics#topic-shares');
		for (const t of d.terms) expect(t.years).toHaveLength(d.termYears.total);
		const first = Math.min(...yearsOf(d));
		const from = await page(`?from=${first}&all=years`);
		expect(yearsOf(from).size).toBe(d.shareYears.total);
		expect(from.shareYears.toggle).toBe(`/topics?from=${first}#topic-shares`);
		await expect(page('?all=meetings')).rejects.toMatchObject({ status: 400 });
	});

	it('says how many documents a source line draws on rather than naming each', async () => {
		const d = await page('?all=years');
		for (const sources of [d.sources, d.shareSources]) {
			expect(sources).toHaveLength(1);
			expect(sources[0]).toMatch(/^\d[\d,]* documents of .+, \d{4}–\d{4}, from .+ to .+ \(each named/);
			expect(sources[0]!.length).toBeLessThan(300);
		}
		// The latest years are drawn from fewer documents than the whole view.
		const latest = await page();
		const count = (s: string[]) => Number(/^[\d,]+/.exec(s[0] ?? '')?.[0].replace(/,/g, ''));
		expect(count(latest.shareSources)).toBeLessThan(count(latest.sources));
		expect(latest.shareSources[0]).toContain(`${latest.shareYears.from}–`);
	});
});
