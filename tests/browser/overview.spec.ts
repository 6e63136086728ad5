/**
 * The Overview page (/) and /api/overview in a real browser against the built app and the corpus database.
 * Expected numbers are hand counts (see src/lib/server/queries/overview.test.ts for the working).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { csvParseRows } from 'd3-dsv';
import { readFile } from 'node:fs/promises';
import { splitCsvExport } from '../../src/lib/export/csv';

/** Where a link leads, as path, query and hash (hrefs may be written relative to the page). */
async function target(link: Locator): Promise<string> {
	return link.evaluate((a) => {
		const url = new URL((a as HTMLAnchorElement).href);
		return url.pathname + url.search + url.hash;
	});
}

const FIGURES = ['meetings-per-year', 'states-per-meeting', 'statements-per-meeting'];

async function open(page: Page, query = '') {
	const response = await page.goto(`/${query}`);
	await expect(page.locator('.export-toolbar')).toHaveCount(FIGURES.length);
	return response;
}

const meetingRows = (page: Page) => page.locator('section[aria-labelledby="meetings-title"] tbody tr');

test('answers 200 with no console errors', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	const response = await open(page);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
	expect(errors).toEqual([]);
});

test('says what the corpus holds, and every number links to its source', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/');
	// Five files: four reports (the 2017 one joint, so five meetings) and one provisional agenda, 2013 to 2023.
	await expect(page.locator('.intro')).toContainText(
		'The corpus holds 5 documents: 4 reports covering 5 meetings of 2 bodies (WG.2, WG.3), held from 2013 to 2023, and 1 provisional agenda'
	);
	const rows = meetingRows(page);
	await expect(rows).toHaveCount(5);
	// 2013: 65 States attending (62 parties, Iran, Japan, State of Palestine), 34 speakers, 78 statements, 31
	// recommendations; the attendance links to the Participation page narrowed to that meeting.
	const r2013 = rows.nth(0);
	await expect(r2013.locator('td')).toHaveText(['65', '34', '78', '31']);
	expect(await target(r2013.locator('td a').nth(0))).toBe('/participation?body=WG.2&from=2013&to=2013');
	expect(await target(r2013.locator('td a').nth(2))).toBe('/meetings/wg2-2013-10-28#p-39');
	expect(await target(r2013.locator('td a').nth(3))).toBe('/meetings/wg2-2013-10-28#rec-5');
	// 2020: 79 States attending (78 + Iran), 19 statements; 2023: 81 States, 36 statements, 11 recommendations.
	await expect(rows.nth(3).locator('td').nth(0)).toHaveText('79');
	await expect(rows.nth(3).locator('td').nth(2)).toHaveText('19');
	await expect(rows.nth(4).locator('td')).toHaveText(['81', '24', '36', '11']);
	// The latest recommendations open their anchors on the meeting page.
	const recs = page.locator('.recs li > a');
	await expect(recs).toHaveCount(5);
	expect(await target(recs.first())).toBe('/meetings/wg2-2023-05-29#rec-recommendation-1');
	for (const id of FIGURES) {
		await expect(page.locator(`figure#${id} .figure-chart svg`)).toHaveCount(1);
		await expect(page.locator(`figure#${id} .figure-source`)).toContainText('Rapporteur corpus of');
	}
	await context.close();
});

test('the charts draw the hand counts', async ({ page }) => {
	await open(page);
	// Meetings per year: every year 2013-2023 has a bar slot; 2017 holds two meetings (WG.3 and WG.2).
	const years = page.locator('figure#meetings-per-year details tbody tr');
	await expect(years).toHaveCount(11);
	await expect(years.filter({ hasText: '2017' }).locator('td').last()).toHaveText('2');
	await expect(years.filter({ hasText: '2015' }).locator('td').last()).toHaveText('0');
	// States per meeting: 2013 total 65, of which 1 without a group (State of Palestine).
	const states = page.locator('figure#states-per-meeting details tbody tr').first();
	await expect(states.locator('td').last()).toHaveText('65');
	// Statements: 2013 = 78, of which 3 by the European Union.
	const statements = page.locator('figure#statements-per-meeting details tbody tr').first();
	await expect(statements.locator('td').last()).toHaveText('78');
});

test('changing a filter changes the URL, the table and the charts', async ({ page }) => {
	await open(page);
	await page.locator('select[name="body"]').selectOption('WG.3');
	await expect(page).toHaveURL(/body=WG\.3/);
	await expect(meetingRows(page)).toHaveCount(1);
	await expect(page.locator('figure#statements-per-meeting details tbody tr')).toHaveCount(1);
	// WG.3 2017: 30 + 23 + 1 statements.
	await expect(page.locator('figure#statements-per-meeting details tbody tr td').last()).toHaveText('54');
	await expect(page.locator('figure#meetings-per-year .figure-filters')).toContainText('Bodies: WG.3');
	await page.locator('select[name="from"]').selectOption('2020');
	await expect(page).toHaveURL(/from=2020/);
	await expect(page.getByRole('status').filter({ hasText: 'No meeting' })).toBeVisible();
});

test('figure CSV export holds the BOM and exactly the table rows', async ({ page }) => {
	await open(page);
	const figure = page.locator('figure#states-per-meeting');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		figure.getByRole('button', { name: 'CSV', exact: true }).click()
	]);
	const bytes = await readFile(await download.path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const { data, provenance } = splitCsvExport(bytes.subarray(3).toString('utf8'));
	const rows = csvParseRows(data.replace(/\r\n$/, ''));
	expect(rows[0]).toEqual(await figure.locator('details thead th').allTextContents());
	expect(rows.length - 1).toBe(5);
	expect(provenance.some((line) => line.startsWith('# Source:'))).toBe(true);
});

test('the API serves every dataset as JSON and CSV', async ({ request }) => {
	for (const name of [
		'meetings',
		'meetings-per-year',
		'states-per-meeting',
		'statements-per-meeting',
		'latest-recommendations'
	]) {
		const json = await request.get(`/api/overview/${name}`);
		expect(json.status(), name).toBe(200);
		const body = await json.json();
		expect(body.id).toBe(name);
		expect(body.corpusVersion).toContain('documents');
		const csv = await request.get(`/api/overview/${name}?format=csv&body=WG.2`);
		expect(csv.status(), name).toBe(200);
		expect((await csv.body()).toString('utf8').startsWith('\uFEFF')).toBe(true);
	}
	const meetings = await (await request.get('/api/overview/meetings?mode=online')).json();
	expect(meetings.rows.map((r: { meetingId: string }) => r.meetingId)).toEqual([
		'wg2-2020-07-09',
		'wg2-2023-05-29'
	]);
});

test('bad parameters answer 400 (or 404 for an unknown dataset), never 500', async ({ request }) => {
	for (const url of [
		'/?body=XX',
		'/?from=year',
		'/?mode=telepathy',
		'/api/overview/meetings?to=1800',
		'/api/overview/meetings?format=pdf'
	]) {
		expect((await request.get(url)).status(), url).toBe(400);
	}
	expect((await request.get('/api/overview/unknown')).status()).toBe(404);
});

test('keyboard Tab reaches the filters and the export buttons', async ({ page }) => {
	await open(page);
	const seen = new Set<string>();
	for (let i = 0; i < 80 && !(seen.has('select:body') && seen.has('button:CSV')); i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const el = document.activeElement;
			if (el instanceof HTMLSelectElement) return `select:${el.name}`;
			if (el instanceof HTMLButtonElement && el.closest('.export-toolbar'))
				return `button:${el.textContent?.trim()}`;
			return null;
		});
		if (focused) seen.add(focused);
	}
	expect(seen.has('select:body')).toBe(true);
	expect(seen.has('button:CSV')).toBe(true);
});

test('no serious or critical accessibility violations', async ({ page }) => {
	// axe walks every cell of the matrix and every table row: slower than the default 30 s on two cores.
	test.setTimeout(120_000);
	await open(page);
	for (const d of await page.locator('details').all()) await d.evaluate((el) => el.setAttribute('open', ''));
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

for (const width of [1280, 390]) {
	test(`screenshot at ${width} px, nothing wider than the window`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await open(page);
		await expect
			.poll(() =>
				page.evaluate(() =>
					[...document.querySelectorAll('.figure-chart')].every((el) => {
						const svg = el.querySelector('svg');
						return Math.abs(Number(svg?.getAttribute('width')) - el.clientWidth) < 2;
					})
				)
			)
			.toBe(true);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.screenshot({ path: `test-results/overview-${width}.png`, fullPage: true });
	});
}
