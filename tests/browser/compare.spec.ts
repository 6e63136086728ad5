/**
 * /compare in a real browser against the corpus database (global-setup.ts). Numbers are hand counts from the
 * five reports (see src/lib/server/queries/compare.test.ts). Screenshots at 1280 and 390 px land in test-results/.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { csvParseRows } from 'd3-dsv';
import { readFile } from 'node:fs/promises';
import { splitCsvExport } from '../../src/lib/export/csv';
import { pngSize, readPngText } from '../../src/lib/export/png';

const USA_CAN_NGA = '/compare?e=USA,CAN,NGA';
/** One figure per measure, then the per-meeting timeline. */
const FIGURES = [
	'compare-rate',
	'compare-share',
	'compare-attended',
	'compare-spoken',
	'compare-statements',
	'compare-panels',
	'compare-chairs',
	'compare-timeline'
];

function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

/** Open a comparison and wait for hydration (the export toolbars appear then). */
async function open(page: Page, path = USA_CAN_NGA) {
	const response = await page.goto(path);
	await expect(page.locator('.export-toolbar')).toHaveCount(FIGURES.length);
	return response;
}

/** The side-by-side cell of a measure (row) for the n-th entity. */
function cell(page: Page, measure: string, n: number) {
	return page
		.locator('section[aria-labelledby="side-h"] tbody tr', { has: page.locator('th', { hasText: measure }) })
		.locator('td')
		.nth(n);
}

async function exportFrom(page: Page, figureId: string, button: string): Promise<Download> {
	const figure = page.locator(`figure#${figureId}`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		figure.getByRole('button', { name: button, exact: true }).click()
	]);
	await expect(figure.getByRole('status')).toContainText('downloaded');
	return download;
}

test('answers 200 with no console errors and the hand-counted measures', async ({ page }) => {
	const errors = watchErrors(page);
	const response = await open(page);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Compare United States of America, Canada and Nigeria'
	);
	// The United States: all 5 meetings, 12 statements, spoke at every meeting, 2 panels, 4 chairs.
	await expect(cell(page, 'Attendance rate', 0)).toContainText('100 %');
	await expect(cell(page, 'Statements', 0)).toContainText('12');
	await expect(cell(page, 'Chairs', 0)).toContainText('4');
	// Nigeria spoke at 4 of the 5 meetings it attended (not in 2013).
	await expect(cell(page, 'Spoke at attended meetings', 2)).toContainText('80 %');
	// WEOG: 81 attendances over 29 States and 5 meetings = 55.9 %; the UK, Spain, … count with the absent.
	await expect(cell(page, 'Attendance rate', 0)).toContainText('group 55.9 %');
	await expect(cell(page, 'States in the regional group', 2)).toContainText('54');
	expect(errors).toEqual([]);
});

test('three clicks from the front page: Countries → United States → Compare with peers', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Countries' }).click();
	await page.getByRole('link', { name: 'United States of America', exact: true }).click();
	await page.getByRole('link', { name: 'Compare with peers' }).click();
	await expect(page).toHaveURL(/\/compare\?e=USA,CAN,ITA$/);
	const rate = page.locator('figure#compare-rate');
	await expect(rate.locator('.figure-title')).toHaveText('Attendance rate');
	await expect(rate.locator('.figure-source')).toContainText('Rapporteur corpus of');
	await expect(page.locator('figure#compare-share .figure-title')).toHaveText('Spoke at attended meetings');
	await expect(rate.getByRole('button', { name: 'PNG' })).toBeVisible();
});

test('charts are drawn on the server; forms work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/compare');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare');
	const selects = page.locator('form.picker select[name="e"]');
	await selects.nth(0).selectOption('USA');
	await selects.nth(1).selectOption('CAN');
	await page.getByRole('button', { name: 'Compare', exact: true }).click();
	// Repeated fields are redirected to the one canonical address.
	await expect(page).toHaveURL(/\/compare\?e=USA,CAN$/);
	for (const id of FIGURES) {
		await expect(page.locator(`figure#${id} .figure-chart svg`)).toHaveCount(1);
	}
	await expect(page.locator('figure#compare-rate .dot-plot circle')).toHaveCount(2);

	await page.getByLabel('Add').selectOption('NGA');
	await page.getByRole('button', { name: 'Add to comparison' }).click();
	await expect(page).toHaveURL(/\/compare\?e=USA,CAN,NGA$/);
	await page.getByRole('link', { name: 'Remove Canada' }).click();
	await expect(page).toHaveURL(/\/compare\?e=USA,NGA$/);
	// Two is the least: no remove links then.
	await expect(page.getByRole('link', { name: /^Remove / })).toHaveCount(0);
	await context.close();
});

test('changing a filter keeps the entities and changes the URL and the charts', async ({ page }) => {
	await open(page);
	const cells = page.locator('figure#compare-timeline .heat-matrix rect');
	await expect(cells).toHaveCount(15);
	await page.getByLabel('From').selectOption('2020');
	// The form writes the list as `e=USA%2CCAN%2CNGA`: read the parameter, not the raw address (checking the raw
	// address first passed only when it ran before the navigation, on the old address).
	await expect(page).toHaveURL(/from=2020/);
	expect(new URL(page.url()).searchParams.getAll('e')).toEqual(['USA,CAN,NGA']);
	await expect(cells).toHaveCount(6);
	// Since 2020 the United States made 5 statements (2020 §13, §14; 2023 §36, §38, §39).
	await expect(cell(page, 'Statements', 0)).toContainText('5');
});

test('figure exports: CSV of the drawn rows, standalone SVG, PNG with title and source', async ({ page }) => {
	await open(page);
	const csvBytes = await readFile(await (await exportFrom(page, 'compare-rate', 'CSV')).path());
	expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const { data, provenance } = splitCsvExport(csvBytes.toString('utf8'));
	expect(provenance.join('\n')).toContain('# Title: Attendance rate');
	const rows = csvParseRows(data.replace(/\r\n$/, ''));
	expect(rows.map((r) => [r[1], r[3], r[4]])).toEqual([
		['Id', 'Attendance rate (% of reported meetings)', 'Group average (% of reported meetings)'],
		['USA', '100', '55.9'],
		['CAN', '100', '55.9'],
		['NGA', '100', '25.2']
	]);

	const svgDownload = await exportFrom(page, 'compare-rate', 'SVG');
	expect(svgDownload.suggestedFilename()).toMatch(/^rapporteur_compare-rate_.+\.svg$/);
	const svg = (await readFile(await svgDownload.path())).toString('utf8');
	const parsed = await page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return {
			error: doc.getElementsByTagName('parsererror').length > 0,
			ns: doc.documentElement.namespaceURI,
			title: doc.documentElement.querySelector(':scope > title')?.textContent ?? ''
		};
	}, svg);
	expect(parsed).toEqual({ error: false, ns: 'http://www.w3.org/2000/svg', title: 'Attendance rate' });

	const png = new Uint8Array(
		await readFile(await (await exportFrom(page, 'compare-timeline', 'PNG')).path())
	);
	expect(pngSize(png).width).toBeGreaterThan(400);
	expect(readPngText(png).Title).toBe('Participation per meeting');
	expect(readPngText(png).Description).toContain('Rapporteur corpus of');
});

test('Copy caption gives title, filters, sources and the address of the view', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await open(page, `${USA_CAN_NGA}&from=2017`);
	const figure = page.locator('figure#compare-rate');
	await figure.getByRole('button', { name: 'Copy caption' }).click();
	await expect(figure.getByRole('status')).toHaveText('Caption copied.');
	const text = await page.evaluate(() => navigator.clipboard.readText());
	expect(text).toContain('Attendance rate');
	expect(text).toContain('Years: 2017–…');
	expect(text).toContain('/compare?e=USA,CAN,NGA&from=2017');
});

test('the API serves the comparison as JSON and CSV', async ({ request }) => {
	const json = await (await request.get('/api/compare?e=USA,NGA')).json();
	expect(json.rows.map((r: { id: string; statements: number }) => [r.id, r.statements])).toEqual([
		['USA', 12],
		['NGA', 5]
	]);
	const csv = await request.get('/api/compare?e=USA,NGA&part=timeline&format=csv');
	expect(csv.headers()['content-type']).toContain('text/csv');
	const { data } = splitCsvExport(await csv.text());
	// 2 entities × 5 meetings, plus the header.
	expect(csvParseRows(data.replace(/\r\n$/, ''))).toHaveLength(11);
});

test('bad parameters give a 400 page with a clear message, never a 500', async ({ page, request }) => {
	const cases: [string, string][] = [
		['?e=USA', 'at least 2'],
		['?e=USA,XXX', '"XXX" is not an entity id'],
		['?e=USA,CAN,NGA,MEX,BRA,JPN,ITA', 'at most 6'],
		['?e=USA,CAN&from=abc', 'Invalid value for "from"'],
		['?e=USA,CAN&body=WG.9', 'Invalid value for "body"']
	];
	for (const [qs, message] of cases) {
		const response = await page.goto(`/compare${qs}`);
		expect(response?.status(), qs).toBe(400);
		await expect(page.locator('.error')).toContainText(message);
	}
	expect((await request.get('/api/compare')).status()).toBe(400);
	expect((await request.get('/api/compare?e=USA,CAN&part=x')).status()).toBe(400);
});

test('keyboard reaches the filters, the entity form and the export buttons', async ({ page }) => {
	await open(page);
	const reached = new Set<string>();
	for (let i = 0; i < 160 && !reached.has('Copy caption'); i++) {
		await page.keyboard.press('Tab');
		const what = await page.evaluate(() => {
			const el = document.activeElement;
			if (el instanceof HTMLSelectElement) return `select:${el.name}`;
			if (el instanceof HTMLButtonElement) return el.textContent?.trim() ?? '';
			return '';
		});
		if (what) reached.add(what);
	}
	expect([...reached]).toEqual(
		expect.arrayContaining([
			'select:body',
			'select:from',
			'select:e',
			'Add to comparison',
			'CSV',
			'Copy caption'
		])
	);
});

test('axe finds no serious or critical violation (picker and comparison)', async ({ page }) => {
	for (const path of ['/compare', USA_CAN_NGA]) {
		await page.goto(path);
		for (const d of await page.locator('details').all())
			await d.evaluate((el) => el.setAttribute('open', ''));
		const results = await new AxeBuilder({ page }).analyze();
		const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(bad.map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
	}
});

for (const width of [1280, 390]) {
	test(`screenshots at ${width} px: charts fit, no page-wide horizontal scroll`, async ({ page }) => {
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
		await page.screenshot({ path: `test-results/compare-${width}.png`, fullPage: true });
		await page.goto('/compare');
		await page.screenshot({ path: `test-results/compare-picker-${width}.png`, fullPage: true });
	});
}
