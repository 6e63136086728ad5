/**
 * The Participation page and /api/participation in a real browser against the built app and the corpus database.
 * Expected numbers are hand counts (see src/lib/server/queries/participation.test.ts for the working).
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

const FIGURES = ['attendance', 'speaking', 'format', 'matrix', 'silent-by-meeting'];

/** Open the page and wait for hydration (the export toolbars appear once scripts run). */
async function open(page: Page, query = '') {
	const response = await page.goto(`/participation${query}`);
	await expect(page.locator('.export-toolbar')).toHaveCount(FIGURES.length);
	return response;
}

function tableRows(page: Page, figureId: string) {
	return page.locator(`figure#${figureId} details table tbody tr`);
}

test('answers 200 with no console errors', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	const response = await open(page);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Participation');
	for (const id of FIGURES) await expect(page.locator(`figure#${id} .figure-subtitle`)).not.toBeEmpty();
	expect(errors).toEqual([]);
});

test('reads without JavaScript: charts, tables and links are server-rendered', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/participation');
	for (const id of FIGURES) {
		await expect(page.locator(`figure#${id} .figure-chart svg`)).toHaveCount(1);
		await expect(page.locator(`figure#${id} .figure-source`)).toContainText('Rapporteur corpus of');
	}
	// Hand counts: States attending 2013 (62 + 2 + 1), 2020 (78 + 1), 2023 (80 + 1); 22 of 81 spoke in 2023.
	const meetings = page.locator('section[aria-labelledby="in-view"] tbody tr');
	await expect(meetings).toHaveCount(5);
	await expect(meetings.nth(0).locator('td').nth(0)).toHaveText('65');
	await expect(meetings.nth(3).locator('td').nth(0)).toHaveText('79');
	await expect(meetings.nth(4).locator('td').nth(0)).toHaveText('81');
	await expect(meetings.nth(4).locator('td').nth(1)).toHaveText('22');
	// Each number links to the paragraph it was counted from (2013 attendance: para. 43).
	expect(await target(meetings.nth(0).locator('td a').first())).toBe('/meetings/wg2-2013-10-28#p-43');
	// The filter form works as a plain GET form.
	await page.locator('select[name="body"]').selectOption('WG.3');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/body=WG\.3/);
	await expect(tableRows(page, 'attendance')).toHaveCount(1);
	await context.close();
});

test('changing a filter changes the URL and the charts', async ({ page }) => {
	await open(page);
	await expect(tableRows(page, 'attendance')).toHaveCount(5);
	const barsBefore = await page.locator('figure#attendance .figure-chart svg .bar-stacked rect').count();
	await page.locator('select[name="mode"]').selectOption('online');
	await expect(page).toHaveURL(/mode=online/);
	// Hybrid meetings only: 2020 and 2023.
	await expect(tableRows(page, 'attendance')).toHaveCount(2);
	const barsAfter = await page.locator('figure#attendance .figure-chart svg .bar-stacked rect').count();
	expect(barsAfter).toBeLessThan(barsBefore);
	await expect(page.locator('figure#attendance .figure-filters')).toContainText('Format: hybrid or remote');

	await page.locator('select[name="region"]').selectOption('weog');
	await expect(page).toHaveURL(/region=weog/);
	await expect(page.locator('figure#attendance details thead th')).toContainText([
		'Meeting',
		'Meeting id',
		'Start date',
		'Western European and other',
		'Total'
	]);
});

test('the stack switch and matrix options live in the URL', async ({ page }) => {
	await open(page);
	await page.getByRole('link', { name: 'Category (everyone listed)' }).click();
	await expect(page).toHaveURL(/by=category/);
	await expect(page.locator('figure#attendance .figure-title')).toHaveText(
		'Participants attending each meeting, by category'
	);
	// 2023: 80 parties, EU, Iran, UNEP and 6 organizations = 89.
	const row2023 = tableRows(page, 'attendance').filter({ hasText: 'wg2-2023-05-29' });
	await expect(row2023.locator('td').last()).toHaveText('89');
	// The filter form keeps the view setting.
	await page.locator('select[name="body"]').selectOption('WG.2');
	await expect(page).toHaveURL(/by=category/);
	await expect(page).toHaveURL(/body=WG\.2/);

	await page.getByRole('link', { name: /^Show all \d+$/ }).click();
	await expect(page).toHaveURL(/matrix=all/);
	await page.getByRole('link', { name: 'Name', exact: true }).click();
	await expect(page).toHaveURL(/sort=name/);
	// The label's own text, without its <title> (the full name of a shortened label).
	const labels = await page
		.locator('figure#matrix .axis-y text')
		.evaluateAll((nodes) => nodes.map((n) => n.firstChild?.textContent ?? ''));
	expect(labels.length).toBeGreaterThan(30);
	expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
});

test('attended but silent: hand counts per meeting and per item', async ({ page }) => {
	await open(page);
	// 2023: 59 of the 81 attending States made no statement.
	await expect(page.locator('#silent-wg2-2023-05-29 summary')).toHaveText(
		'WG.2 May 2023: 59 of 81 attending States'
	);
	await page.locator('#silent-wg2-2023-05-29 summary').click();
	await expect(page.locator('#silent-wg2-2023-05-29 .names')).toContainText('Argentina, Armenia, Australia');
	await expect(page.locator('#silent-wg2-2023-05-29 .names')).not.toContainText('Algeria');
	// Item 3 of 2023: 15 attending States spoke (17 speakers minus the EU and INTERPOL).
	const group = page
		.locator('section[aria-labelledby="silent-by-item"] tbody')
		.filter({ hasText: 'WG.2 May 2023' });
	const item3 = group.locator('tr').filter({ has: page.locator('.item-no', { hasText: /^3$/ }) });
	await expect(item3.locator('td').nth(1)).toHaveText('15');
	await expect(item3.locator('td').nth(2)).toHaveText('81.5 %');
	// 2013's span 2-6 is its own row.
	const span = page
		.locator('section[aria-labelledby="silent-by-item"] tbody')
		.filter({ hasText: 'WG.2 Oct 2013' })
		.locator('tr.span');
	await expect(span).toHaveCount(1);
	await expect(span.locator('td').nth(1)).toHaveText('30');
});

test('figure CSV export holds the BOM and exactly the table rows', async ({ page }) => {
	await open(page);
	for (const id of ['attendance', 'matrix']) {
		const figure = page.locator(`figure#${id}`);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			figure.getByRole('button', { name: 'CSV', exact: true }).click()
		]);
		const bytes = await readFile(await download.path());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const { data, provenance } = splitCsvExport(bytes.subarray(3).toString('utf8'));
		const rows = csvParseRows(data.replace(/\r\n$/, ''));
		expect(rows[0]).toEqual(await figure.locator('details thead th').allTextContents());
		expect(rows.length - 1).toBe(await figure.locator('details tbody tr').count());
		expect(provenance.some((line) => line.startsWith('# Source:'))).toBe(true);
	}
});

test('figure SVG export is a standalone, titled SVG', async ({ page }) => {
	await open(page);
	const figure = page.locator('figure#silent-by-meeting');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		figure.getByRole('button', { name: 'SVG', exact: true }).click()
	]);
	const svg = (await readFile(await download.path())).toString('utf8');
	// Booleans, so a failure does not print half a megabyte of outlined text.
	expect(/^(<\?xml[^>]*\?>\s*)?<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg)).toBe(true);
	expect(
		svg.includes('<title id="figure-title">Attending States that made no statement, per meeting</title>')
	).toBe(true);
	expect(svg.includes('Rapporteur corpus of')).toBe(true);
});

test('the API serves every dataset as JSON and CSV with the same filters', async ({ request }) => {
	const res = await request.get('/api/participation/silent-by-meeting');
	expect(res.status()).toBe(200);
	const body = await res.json();
	const m2023 = body.rows.find((r: { meetingId: string }) => r.meetingId === 'wg2-2023-05-29');
	expect(m2023).toMatchObject({ attending: 81, spoke: 22, silent: 59 });
	expect(body.sources.length).toBe(4);

	const filtered = await (
		await request.get('/api/participation/attendance?body=WG.2&from=2013&to=2013')
	).json();
	// 2013: 62 parties + Iran, Japan + State of Palestine.
	expect(filtered.rows).toHaveLength(1);
	expect(filtered.rows[0].total).toBe(65);
	expect(filtered.filters).toEqual({ Bodies: 'WG.2', Years: '2013–2013' });

	for (const name of [
		'attendance',
		'speaking',
		'format',
		'matrix',
		'silent-by-meeting',
		'silent-by-item',
		'silent-states'
	]) {
		const csv = await request.get(`/api/participation/${name}?format=csv&mode=in-person`);
		expect(csv.status(), name).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const text = (await csv.body()).toString('utf8');
		expect(text.startsWith('\uFEFF')).toBe(true);
	}
	// The full matrix: every State that took part in any way (more than the 30 drawn by default).
	const full = await (await request.get('/api/participation/matrix?matrix=all')).json();
	const top = await (await request.get('/api/participation/matrix')).json();
	expect(full.rows.length).toBeGreaterThan(top.rows.length);
	expect(top.rows.length).toBe(30 * 5);
});

test('bad parameters answer 400 (or 404 for an unknown dataset), never 500', async ({ request }) => {
	for (const url of [
		'/participation?region=atlantis',
		'/participation?by=colour',
		'/participation?sort=random',
		'/participation?from=2020&to=2013',
		'/participation?body=WG.99',
		'/api/participation/attendance?category=alien',
		'/api/participation/attendance?format=xml',
		'/api/participation/matrix?matrix=some'
	]) {
		const res = await request.get(url);
		expect(res.status(), url).toBe(400);
	}
	expect((await request.get('/api/participation/nothing-here')).status()).toBe(404);
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
	expect(seen.has('select:region')).toBe(true);
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
		await page.screenshot({ path: `test-results/participation-${width}.png`, fullPage: true });
	});
}
