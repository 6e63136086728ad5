/**
 * The /design page: every chart layer, the Figure wrapper and every export, in a real browser against the built
 * app. Screenshots at 1280 and 390 px land in test-results/ for a person to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { csvParseRows } from 'd3-dsv';
import { readFile } from 'node:fs/promises';
import { pngSize, readPngText } from '../../src/lib/export/png';
import { splitCsvExport } from '../../src/lib/export/csv';

const FIGURES = ['interventions-by-kind', 'delegations-per-year', 'participation-matrix', 'share-vs-group'];

async function bytesOf(download: Download): Promise<Buffer> {
	const path = await download.path();
	return readFile(path);
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

/** Toolbars appear once the page is hydrated; wait for them so clicks are not lost. */
async function openDesign(page: Page) {
	const response = await page.goto('/design');
	await expect(page.locator('.export-toolbar')).toHaveCount(FIGURES.length);
	return response;
}

test('answers 200 with no console errors', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	const response = await openDesign(page);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chart and export design');
	await expect(page.locator('figure')).toHaveCount(FIGURES.length);
	expect(errors).toEqual([]);
});

test('charts are drawn on the server and read without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/design');
	for (const id of FIGURES) {
		const svg = page.locator(`figure#${id} .figure-chart svg`);
		await expect(svg).toHaveCount(1);
		expect(await svg.locator('rect, path, circle').count()).toBeGreaterThan(5);
		await expect(page.locator(`figure#${id} .figure-source`)).toContainText('Rapporteur corpus of');
		await expect(page.locator(`figure#${id} details table tbody tr`).first()).toBeAttached();
	}
	await context.close();
});

for (const id of FIGURES) {
	test(`${id}: CSV holds the BOM and exactly the table's rows`, async ({ page }) => {
		await openDesign(page);
		const bytes = await bytesOf(await exportFrom(page, id, 'CSV'));
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const { data, provenance } = splitCsvExport(bytes.toString('utf8'));
		const rows = csvParseRows(data.replace(/\r\n$/, ''));
		expect(provenance.join('\n')).toContain('# Source: ');
		const table = page.locator(`figure#${id} table`);
		const headers = await table.locator('thead th').allTextContents();
		const bodyRows = table.locator('tbody tr');
		expect(rows[0]).toEqual(headers);
		expect(rows.length - 1).toBe(await bodyRows.count());
		const firstColumn = await bodyRows.locator('td:first-child').allTextContents();
		expect(rows.slice(1).map((r) => r[0])).toEqual(firstColumn);
	});

	test(`${id}: SVG and PNG exports are standalone, titled and sourced`, async ({ page }) => {
		await openDesign(page);
		const figure = page.locator(`figure#${id}`);
		const title = (await figure.locator('.figure-title').textContent()) ?? '';
		const source = (await figure.locator('.figure-source').textContent()) ?? '';

		const svgDownload = await exportFrom(page, id, 'SVG');
		expect(svgDownload.suggestedFilename()).toMatch(/^rapporteur_.+\.svg$/);
		const svg = (await bytesOf(svgDownload)).toString('utf8');
		const parsed = await page.evaluate((text) => {
			const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
			const root = doc.documentElement;
			return {
				error: doc.getElementsByTagName('parsererror').length > 0,
				name: root.localName,
				ns: root.namespaceURI,
				xmlns: root.getAttribute('xmlns'),
				width: Number(root.getAttribute('width')),
				viewBox: root.getAttribute('viewBox'),
				title: root.querySelector(':scope > title')?.textContent ?? '',
				texts: doc.getElementsByTagName('text').length,
				labels: [...doc.querySelectorAll('path[aria-label]')].map((p) => p.getAttribute('aria-label'))
			};
		}, svg);
		expect(parsed.error).toBe(false);
		expect(parsed.name).toBe('svg');
		expect(parsed.xmlns).toBe('http://www.w3.org/2000/svg');
		expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
		expect(parsed.viewBox).toBe(`0 0 ${parsed.width} ${(/height="(\d+)"/.exec(svg) ?? [])[1]}`);
		expect(parsed.title).toBe(title);
		// Text is outlined: the words survive as labels of the paths that draw them.
		expect(parsed.texts).toBe(0);
		expect(parsed.labels).toContain(title);
		expect(parsed.labels.join(' ')).toContain(source.trim().slice(0, 40));
		expect(svg).toContain(title);
		expect(svg).toContain('<metadata>');

		const png = await bytesOf(await exportFrom(page, id, 'PNG'));
		const size = pngSize(new Uint8Array(png));
		expect(size.width).toBe(2 * parsed.width);
		expect(size.height).toBe(2 * Number((/height="(\d+)"/.exec(svg) ?? [])[1]));
		const text = readPngText(new Uint8Array(png));
		expect(text.Title).toBe(title);
		expect(text.Description).toContain('Rapporteur corpus of');
	});
}

test('Copy caption puts title, filters, sources and URL on the clipboard', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openDesign(page);
	const figure = page.locator(`figure#${FIGURES[0]}`);
	await figure.getByRole('button', { name: 'Copy caption' }).click();
	await expect(figure.getByRole('status')).toHaveText('Caption copied.');
	const text = await page.evaluate(() => navigator.clipboard.readText());
	expect(text).toContain((await figure.locator('.figure-title').textContent()) ?? '');
	expect(text).toContain('Filters: Bodies: WG.2, WG.3');
	expect(text).toContain('Rapporteur corpus of');
	expect(text).toContain('/design');
});

test('keyboard Tab reaches the export buttons, with a visible focus ring', async ({ page }) => {
	await openDesign(page);
	const reached: string[] = [];
	for (let i = 0; i < 60 && reached.length < 4; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const el = document.activeElement;
			if (!(el instanceof HTMLButtonElement) || !el.closest('.export-toolbar')) return null;
			const style = getComputedStyle(el);
			return { text: el.textContent?.trim() ?? '', outline: style.outlineStyle, width: style.outlineWidth };
		});
		if (focused) {
			expect(focused.outline).not.toBe('none');
			expect(parseFloat(focused.width)).toBeGreaterThanOrEqual(2);
			reached.push(focused.text);
		}
	}
	expect(reached).toEqual(['CSV', 'SVG', 'PNG', 'Copy caption']);
});

test('no serious or critical accessibility violations', async ({ page }) => {
	await openDesign(page);
	// Open the tables too, so they are checked as well.
	for (const d of await page.locator('details').all()) await d.evaluate((el) => el.setAttribute('open', ''));
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

for (const width of [1280, 390]) {
	test(`screenshot at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await openDesign(page);
		// Charts re-measure their width after hydration; wait until the drawn width matches the container.
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
		await page.screenshot({ path: `test-results/design-${width}.png`, fullPage: true });
	});
}

test('the PNG endpoint refuses what it should not render', async ({ request }) => {
	const ok =
		'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
	const post = (body: string, type = 'image/svg+xml') =>
		request.post('/api/export/png', { data: body, headers: { 'content-type': type } });
	expect((await post(ok)).status()).toBe(200);
	// text/plain would meet SvelteKit's CSRF guard (403) first; JSON reaches the endpoint's own check.
	expect((await post(ok, 'application/json')).status()).toBe(415);
	expect((await post(ok.replace('<rect', '<image href="file:///etc/passwd"/><rect'))).status()).toBe(422);
	expect((await post(ok.replace('<rect', '<text>x</text><rect'))).status()).toBe(422);
	expect((await post('<html></html>')).status()).toBe(422);
});

test('the PNG endpoint takes gzip bodies and caps what they inflate to', async ({ request }) => {
	const { gzipSync } = await import('node:zlib');
	const ok =
		'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
	const post = (body: Buffer) =>
		request.post('/api/export/png', {
			data: body,
			headers: { 'content-type': 'image/svg+xml', 'content-encoding': 'gzip' }
		});
	const res = await post(gzipSync(ok));
	expect(res.status()).toBe(200);
	expect(pngSize(new Uint8Array(await res.body()))).toEqual({ width: 20, height: 20 });
	// 4 MB of spaces gzip to a few kB but inflate past the 3 MB limit.
	const bomb = gzipSync(ok.replace('<rect', ' '.repeat(4 * 1024 * 1024) + '<rect'));
	expect((await post(bomb)).status()).toBe(413);
});
