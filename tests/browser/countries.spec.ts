/**
 * /countries and /countries/<id> in a real browser against the corpus database (global-setup.ts). The numbers
 * asserted were counted by hand from the five reports (see src/lib/server/queries/countries.test.ts for the
 * paragraphs). Screenshots at 1280 and 390 px land in test-results/ for a person to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { csvParseRows } from 'd3-dsv';
import { readFile } from 'node:fs/promises';
import { splitCsvExport } from '../../src/lib/export/csv';
import { pngSize, readPngText } from '../../src/lib/export/png';

function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

/** Cells of the table row whose name cell reads `name`. */
async function rowCells(page: Page, name: string): Promise<string[]> {
	const row = page.locator('table tbody tr', { has: page.locator('th', { hasText: name }) }).first();
	return (await row.locator('td').allTextContents()).map((t) => t.trim());
}

/** Header and data rows of a CSV download; its trailing provenance lines must name the sources. */
async function csvRows(download: Download): Promise<string[][]> {
	const bytes = await readFile(await download.path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const { data, provenance } = splitCsvExport(bytes.toString('utf8'));
	expect(provenance.join('\n')).toContain('# Source: WG.2 report of 19 November 2013');
	return csvParseRows(data.replace(/\r\n$/, ''));
}

test.describe('/countries', () => {
	test('answers 200 with no console errors and the hand-counted United States row', async ({ page }) => {
		const errors = watchErrors(page);
		const response = await page.goto('/countries');
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Countries and organizations');
		// 132 entities are named in the five reports.
		await expect(page.locator('table tbody tr')).toHaveCount(132);
		// Kind, ISO3, group, attended, rate, statements, spoken at, panels, chairs.
		expect(await rowCells(page, 'United States of America')).toEqual([
			'State',
			'USA',
			'Western European and other',
			'5',
			'100 %',
			'12',
			'5',
			'2',
			'4'
		]);
		// Interpol: 2020 and 2023 of the five meetings, one statement (2023 §38).
		expect((await rowCells(page, 'International Criminal Police Organization')).slice(3, 6)).toEqual([
			'2',
			'40 %',
			'1'
		]);
		expect(errors).toEqual([]);
	});

	test('sorts by header links and searches with a GET form, without JavaScript', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/countries');
		await page
			.locator('thead')
			.getByRole('link', { name: /^Statements/ })
			.click();
		await expect(page).toHaveURL(/[?&]sort=statements/);
		await expect(page.locator('thead th[aria-sort="descending"]')).toContainText('Statements');
		// USA 12, Romania 9, then Canada and Japan with 8 each (ties by name).
		const names = await page.locator('table tbody tr th a').allTextContents();
		expect(names.slice(0, 4)).toEqual(['United States of America', 'Romania', 'Canada', 'Japan']);
		// Clicking again turns the order round.
		await page
			.locator('thead')
			.getByRole('link', { name: /^Statements/ })
			.click();
		await expect(page).toHaveURL(/dir=asc/);

		await page.getByLabel('Search names').fill('turkey');
		await page.getByRole('button', { name: 'Search' }).click();
		await expect(page).toHaveURL(/q=turkey/);
		await expect(page).toHaveURL(/sort=statements/);
		await expect(page.locator('table tbody tr')).toHaveCount(1);
		// Türkiye was "Turkey" in 2013, 2017 and 2020.
		await expect(page.locator('table tbody tr th')).toContainText('Türkiye');
		await expect(page.locator('table tbody tr th')).toContainText('as written: Turkey');
		await page.goto('/countries?q=czech%20republic');
		await expect(page.locator('table tbody tr th a')).toHaveText(['Czechia']);
		await context.close();
	});

	test('changing a filter changes the URL and the table', async ({ page }) => {
		await page.goto('/countries?sort=statements&dir=desc');
		await expect(page.locator('table tbody tr')).toHaveCount(132);
		await page.getByLabel('Category').selectOption('signatory');
		await expect(page).toHaveURL(/category=signatory/);
		// The sort is kept. 2013 §45: Iran and Japan as signatories; later reports: Iran only.
		await expect(page).toHaveURL(/sort=statements/);
		await expect(page.locator('table tbody tr')).toHaveCount(2);
		expect((await rowCells(page, 'Iran (Islamic Republic of)')).slice(3, 4)).toEqual(['5']);
		expect((await rowCells(page, 'Japan')).slice(3, 4)).toEqual(['1']);

		await page.goto('/countries');
		await page.getByLabel('From').selectOption('2020');
		await expect(page).toHaveURL(/from=2020/);
		// Two meetings in range: the United States attended both, spoke 2 + 3 times, chaired both.
		await expect(page.locator('.summary')).toContainText('2 reported meetings');
		expect((await rowCells(page, 'United States of America')).slice(3)).toEqual([
			'2',
			'100 %',
			'5',
			'2',
			'1',
			'2'
		]);
	});

	test('the CSV download holds the table', async ({ page }) => {
		await page.goto('/countries?region=weog');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download CSV' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^rapporteur_countries_.+\.csv$/);
		const rows = await csvRows(download);
		expect(rows[0]?.slice(0, 6)).toEqual([
			'Name',
			'Id',
			'Kind',
			'ISO3',
			'Regional group',
			'Meetings attended'
		]);
		// 21 States of the Western European and other group are named in the reports.
		expect(rows.length - 1).toBe(21);
		const usa = rows.find((r) => r[1] === 'USA');
		expect(usa?.slice(5, 11)).toEqual(['5', '100', '12', '5', '2', '4']);
	});

	test('bad parameters give a 400 page, never a 500', async ({ page, request }) => {
		for (const qs of [
			'?sort=drop',
			'?dir=sideways',
			'?body=WG.9',
			'?from=abc',
			'?region=mars',
			'?category=x'
		]) {
			const response = await page.goto(`/countries${qs}`);
			expect(response?.status(), qs).toBe(400);
			await expect(page.locator('.error p').first()).toContainText('Invalid value');
		}
		expect((await request.get('/api/countries?sort=x')).status()).toBe(400);
		expect((await request.get('/api/countries/USA?part=x')).status()).toBe(400);
	});

	test('axe finds no serious or critical violation', async ({ page }) => {
		await page.goto('/countries');
		const results = await new AxeBuilder({ page }).analyze();
		const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
	});

	test('keyboard reaches the filters, the search and the sort links', async ({ page }) => {
		await page.goto('/countries');
		const reached = new Set<string>();
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			const name = await page.evaluate(() => {
				const el = document.activeElement;
				if (!el) return '';
				if (el instanceof HTMLSelectElement) return `select:${el.name}`;
				if (el instanceof HTMLInputElement) return `input:${el.name}`;
				if (el.closest('thead')) return 'sort link';
				return '';
			});
			if (name) reached.add(name);
		}
		expect([...reached]).toEqual(
			expect.arrayContaining(['select:body', 'select:category', 'input:q', 'sort link'])
		);
	});
});

test.describe('/countries/<id>', () => {
	test('the United States profile: 200, hand counts, peers link, no console errors', async ({ page }) => {
		const errors = watchErrors(page);
		const response = await page.goto('/countries/USA');
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('United States of America');
		const tiles = page.getByRole('list', { name: 'Summary' });
		await expect(tiles).toContainText('5 of 5 reported meetings attended');
		await expect(tiles).toContainText('12 statements, at 5 meetings');
		await expect(tiles).toContainText('2 panel seats, 4 meetings chaired');
		// Thomas Burrows: 2017 (both groups), 2020, 2023 as co-chair.
		const roles = page.locator('#roles tbody tr');
		await expect(roles.filter({ hasText: 'Thomas Burrows' })).toHaveCount(4);
		await expect(roles.filter({ hasText: 'Co-chair' })).toHaveCount(1);
		// Agenda items with paragraph links into the meeting pages.
		await expect(page.locator('#statements tbody tr')).toHaveCount(12);
		await expect(page.locator('#statements a[href$="/meetings/wg2-2013-10-28#p-82"]')).toHaveText('¶ 82');
		// The two WEOG States that attended most: Canada (8 statements), then Italy.
		await expect(page.getByRole('link', { name: 'Compare with peers' })).toHaveAttribute(
			'href',
			/\/compare\?e=USA,CAN,ITA$/
		);
		expect(errors).toEqual([]);
	});

	test('names as written: Turkey and Türkiye, Czech Republic and Czechia', async ({ page }) => {
		await page.goto('/countries/TUR');
		const names = page.locator('.names li');
		await expect(names).toHaveCount(2);
		await expect(names.nth(0)).toHaveText(/^Turkey: WG\.2 2013, WG\.3 2017, WG\.2 2017, WG\.2 2020$/);
		await expect(names.nth(1)).toHaveText(/^Türkiye: WG\.2 2023$/);
		await page.goto('/countries/CZE');
		await expect(page.locator('.names li').nth(0)).toHaveText(/^Czech Republic: WG\.2 2013$/);
		// Iran attended all five as a signatory.
		await page.goto('/countries/IRN');
		await expect(page.locator('#meetings tbody tr')).toHaveCount(5);
		await expect(page.locator('#meetings tbody td', { hasText: 'Signatory States' })).toHaveCount(5);
	});

	test('a lower-case id redirects to the canonical one; an unknown id is a clear 404', async ({ page }) => {
		await page.goto('/countries/usa?from=2017');
		await expect(page).toHaveURL(/\/countries\/USA\?from=2017$/);
		await page.goto('/countries/EU');
		await expect(page).toHaveURL(/\/countries\/eu$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('European Union');
		const response = await page.goto('/countries/NOPE');
		expect(response?.status()).toBe(404);
		await expect(page.locator('.error')).toContainText('No country or organization has the id "NOPE"');
	});

	test('changing a filter changes the URL and the charts', async ({ page }) => {
		await page.goto('/countries/USA');
		await expect(page.locator('.export-toolbar').first()).toBeVisible();
		const cells = page.locator('#country-USA-timeline .heat-matrix rect');
		await expect(cells).toHaveCount(5);
		await page.getByLabel('From').selectOption('2020');
		await expect(page).toHaveURL(/from=2020/);
		await expect(cells).toHaveCount(2);
		await expect(page.locator('#country-USA-statements .bar-stacked rect')).toHaveCount(2);
	});

	test('figure exports: CSV rows, standalone SVG, PNG with its title', async ({ page }) => {
		await page.goto('/countries/USA');
		const figure = page.locator('figure#country-USA-statements');
		await expect(figure.locator('.export-toolbar')).toBeVisible();
		const exportAs = async (button: string) => {
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				figure.getByRole('button', { name: button, exact: true }).click()
			]);
			await expect(figure.getByRole('status')).toContainText('downloaded');
			return download;
		};
		const rows = await csvRows(await exportAs('CSV'));
		expect(rows).toEqual([
			['Meeting', 'Meeting id', 'Statements'],
			['WG.2 2013', 'wg2-2013-10-28', '3'],
			['WG.3 2017', 'wg3-2017-10-09', '2'],
			['WG.2 2017', 'wg2-2017-10-10', '2'],
			['WG.2 2020', 'wg2-2020-07-09', '2'],
			['WG.2 2023', 'wg2-2023-05-29', '3']
		]);
		const svg = (await readFile(await (await exportAs('SVG')).path())).toString('utf8');
		expect(svg).toMatch(/^(<\?xml[^>]*\?>\s*)?<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		expect(svg).toContain('United States of America: statements per meeting');
		const png = new Uint8Array(await readFile(await (await exportAs('PNG')).path()));
		expect(pngSize(png).width).toBeGreaterThan(400);
		expect(readPngText(png).Title).toBe('United States of America: statements per meeting');
	});

	test('the profile API serves each part as JSON and CSV', async ({ request }) => {
		const json = await (await request.get('/api/countries/USA?part=roles')).json();
		expect(json.rows).toHaveLength(6);
		const csv = await request.get('/api/countries/TUR?part=names&format=csv');
		expect(csv.headers()['content-type']).toContain('text/csv');
		expect(await csv.text()).toContain('Türkiye,WG.2 2023');
	});

	test('axe finds no serious or critical violation on a profile', async ({ page }) => {
		await page.goto('/countries/USA');
		for (const d of await page.locator('details').all())
			await d.evaluate((el) => el.setAttribute('open', ''));
		const results = await new AxeBuilder({ page }).analyze();
		const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
	});

	test('keyboard reaches the filters and the export buttons', async ({ page }) => {
		await page.goto('/countries/USA');
		await expect(page.locator('.export-toolbar').first()).toBeVisible();
		const reached: string[] = [];
		for (let i = 0; i < 80 && !reached.includes('Copy caption'); i++) {
			await page.keyboard.press('Tab');
			const what = await page.evaluate(() => {
				const el = document.activeElement;
				if (el instanceof HTMLSelectElement) return `select:${el.name}`;
				if (el instanceof HTMLButtonElement && el.closest('.export-toolbar'))
					return el.textContent?.trim() ?? '';
				return '';
			});
			if (what) reached.push(what);
		}
		expect(reached).toEqual(
			expect.arrayContaining(['select:body', 'select:from', 'CSV', 'SVG', 'PNG', 'Copy caption'])
		);
	});
});

for (const width of [1280, 390]) {
	test(`screenshots at ${width} px: no page-wide horizontal scroll`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		for (const [path, name] of [
			['/countries', 'countries'],
			['/countries/USA', 'countries-USA']
		] as const) {
			await page.goto(path);
			if (path !== '/countries') await expect(page.locator('.export-toolbar').first()).toBeVisible();
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow, path).toBeLessThanOrEqual(0);
			await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: true });
		}
	});
}
