/**
 * A topic's page on a database with many more documents than it lists one by one (the corpus plus synthetic
 * reports, tests/unit/scale-fixture.ts). At 1,000× the SHERLOC page was 1.4 MB of HTML: its 855 agenda items
 * and every document of the corpus named in the source line. What is checked is structure.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDecision } from '$lib/server/curation';
import { closeDb } from '$lib/server/db';
import { knownBodies } from '$lib/server/queries/corpus';
import { STATUS_LABELS } from '$lib/followup/status';
import { topicCounts, topicTextRange, topicTexts } from '$lib/server/queries/topics';
import { buildScaleDb } from '../../../../tests/unit/scale-fixture';
import { load } from './+page.server';
import type { PageServerData } from './$types';

async function page(id: string, query = ''): Promise<PageServerData> {
	const url = new URL(`http://localhost/topics/${id}${query}`);
	return (await load({ url, params: { id } } as unknown as Parameters<typeof load>[0])) as PageServerData;
}

const NO_FILTERS = { bodies: [], from: null, to: null, region: null, category: null, mode: null };

let previous: string | undefined;

describe('/topics/[id] with many more documents than the page lists', () => {
	let dir = '';
	beforeAll(async () => {
		const built = await buildScaleDb();
		dir = built.dir;
		await closeDb();
		previous = process.env.RAPPORTEUR_DB;
		process.env.RAPPORTEUR_DB = built.db;
		process.env.RAPPORTEUR_CURATION_DIR = `${dir}/curation`;
	}, 180_000);
	afterAll(async () => {
		await closeDb();
		process.env.RAPPORTEUR_DB = previous;
		delete process.env.RAPPORTEUR_CURATION_DIR;
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('pages the agenda items 50 at a time, and names the sources in one entry', async () => {
		// The topic with the most agenda items.
		const counts = [...(await topicCounts(NO_FILTERS)).values()];
		const busiest = counts.reduce((a, b) => (b.agendaItems > a.agendaItems ? b : a));
		expect(busiest.agendaItems).toBeGreaterThan(50);
		const first = await page(busiest.id);
		expect(first.agendaItemTotal).toBe(busiest.agendaItems);
		expect(first.agendaItems).toHaveLength(50);
		expect(first.itemPage).toBe(1);
		const second = await page(busiest.id, '?ipage=2');
		expect(second.agendaItems.length).toBeGreaterThan(0);
		expect(second.agendaItems.length).toBeLessThanOrEqual(50);
		expect(second.agendaItems[0]).not.toEqual(first.agendaItems[0]);
		// Past the last page: an empty list, not an error.
		expect((await page(busiest.id, '?ipage=1000')).agendaItems).toEqual([]);
		expect(first.sources).toHaveLength(1);
		expect(first.sources[0]).toMatch(/^\d+ documents of .* \(each named in the CSV download\)$/);
	}, 60_000);

	it('pages recommendations and paragraphs 20 at a time, each text whole with its key phrases marked', async () => {
		const counts = [...(await topicCounts(NO_FILTERS)).values()];
		const busiest = counts.reduce((a, b) => (b.paragraphs > a.paragraphs ? b : a));
		expect(busiest.paragraphs).toBeGreaterThan(40);
		expect(busiest.recommendations).toBeGreaterThan(20);
		const first = await page(busiest.id);
		expect(first.pageSize).toBe(20);
		expect(first.paragraphs).toHaveLength(20);
		expect(first.recommendations).toHaveLength(20);
		expect(first.paragraphTotal).toBe(busiest.paragraphs);
		expect(first.recommendationTotal).toBe(busiest.recommendations);
		// The second pages continue where the first ones stopped, in the order of topicTexts.
		const second = await page(busiest.id, '?page=2&rpage=2');
		const stored = await topicTexts(
			busiest.id,
			NO_FILTERS,
			{ limit: 40, offset: 0 },
			{ limit: 40, offset: 0 },
			{ limit: 0, offset: 0 }
		);
		const whole = (t: { text: { lead: string; marks: [string, string][] } }) =>
			t.text.lead + t.text.marks.flat().join('');
		expect([...first.paragraphs, ...second.paragraphs].map(whole)).toEqual(
			stored.paragraphs.map((p) => p.text)
		);
		expect([...first.recommendations, ...second.recommendations].map((r) => r.id)).toEqual(
			stored.recommendations.map((r) => r.recommendationId)
		);
		expect([...first.recommendations, ...second.recommendations].map(whole)).toEqual(
			stored.recommendations.map((r) => r.text)
		);
		// Every listed text counts for a key phrase of the topic, and the phrase is marked in it.
		expect(first.paragraphs.every((p) => p.text.marks.length > 0)).toBe(true);
	}, 60_000);

	it("shows a curator's status decision on the next view, although the page's lists are memoized", async () => {
		const counts = [...(await topicCounts(NO_FILTERS)).values()];
		const busiest = counts.reduce((a, b) => (b.recommendations > a.recommendations ? b : a));
		const before = await page(busiest.id);
		const first = before.recommendations[0]!;
		expect(first.id).not.toBeNull();
		expect(first.href).toMatch(/^\/recommendations\//);
		const status = first.status === 'discussed' ? 'acted-on' : 'discussed';
		appendDecision({
			time: new Date().toISOString(),
			action: 'status',
			recommendation: first.id!,
			status,
			note: null
		});
		const after = await page(busiest.id);
		expect(after.recommendations[0]!.status).toBe(STATUS_LABELS[status]);
		expect(after.recommendations.slice(1)).toEqual(before.recommendations.slice(1));
	}, 60_000);

	it('lists the same texts in the same order whether every body is selected or none is', async () => {
		// No filter reads the stored order and meeting; a filter chooses them per request (joint reports):
		// with every body selected, both must agree, ties included (many meetings share a date here).
		const every = { ...NO_FILTERS, bodies: await knownBodies() };
		const counts = [...(await topicCounts(NO_FILTERS)).values()];
		const busiest = counts.reduce((a, b) => (b.paragraphs > a.paragraphs ? b : a));
		for (const offset of [0, 50]) {
			const pages = [50, 50, 50].map((limit) => ({ limit, offset }));
			const [a, b] = await Promise.all([
				topicTexts(busiest.id, NO_FILTERS, pages[0]!, pages[1], pages[2]),
				topicTexts(busiest.id, every, pages[0]!, pages[1], pages[2])
			]);
			expect(b).toEqual(a);
			expect(a.paragraphs.length).toBeGreaterThan(0);
		}
		const [whole, wholeEvery] = await Promise.all([
			topicTextRange(busiest.id, NO_FILTERS),
			topicTextRange(busiest.id, every)
		]);
		expect(wholeEvery).toEqual(whole);
		expect(whole.total).toBe(busiest.recommendations + busiest.agendaItems + busiest.paragraphs);
	}, 60_000);

	it('draws the latest 12 years the bodies met, every year with all=years, and refuses another value', async () => {
		const [topic] = [...(await topicCounts(NO_FILTERS)).values()];
		const all = await page(topic!.id, '?all=years');
		const years = [...new Set(all.met.map((m) => m.year))].sort((a, b) => a - b);
		// The synthetic reports span 1995-2035: many more years than are drawn by default.
		expect(years.length).toBeGreaterThan(12);
		expect(all.shareYears).toMatchObject({ total: years.length, shown: years.length, from: null, all: true });
		const latest = await page(topic!.id);
		const from = years[years.length - 12]!;
		expect(latest.shareYears).toMatchObject({ total: years.length, shown: 12, from, all: false });
		expect(new Set(latest.met.map((m) => m.year)).size).toBe(12);
		expect(latest.met).toEqual(all.met.filter((m) => m.year >= from));
		expect(latest.shares).toEqual(all.shares.filter((s) => s.year >= from));
		// The lists do not depend on the years drawn.
		expect(latest.paragraphs).toEqual(all.paragraphs);
		await expect(page(topic!.id, '?all=everything')).rejects.toMatchObject({ status: 400 });
	}, 60_000);

	it('refuses a page number that is not a whole number from 1', async () => {
		const [topic] = [...(await topicCounts(NO_FILTERS)).values()];
		for (const bad of ['0', '-1', 'two', '1.5'])
			await expect(page(topic!.id, `?ipage=${bad}`)).rejects.toMatchObject({ status: 400 });
	});
});
