/**
 * /data and /api/data/<dataset> in a real browser against the built app and the test database built from
 * data/corpus. Expected numbers are hand counts: 5 documents, of which one provisional agenda (the one meeting
 * without attendance or statements); the 2013 report does not state how many meetings were held; every name in
 * the five reports is in the reference table (tests/fixtures/expected: unresolvedNames is empty for each).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { csvParseRows } from 'd3-dsv';
import { readFile } from 'node:fs/promises';
import { splitCsvExport } from '../../src/lib/export/csv';

const DATASETS = ['documents', 'parse-warnings', 'unresolved-names', 'meetings-lacking-records'];

async function open(page: Page) {
	const response = await page.goto('/data');
	await page.waitForLoadState('networkidle');
	return response;
}

test('answers 200 with no console errors, and shows what the corpus holds', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	const response = await open(page);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data');
	await expect(page.locator('#corpus')).toContainText(
		/Rapporteur corpus of \d{4}-\d{2}-\d{2} · 5 documents · [0-9a-f]{8}/
	);
	await expect(page.locator('#documents tbody tr')).toHaveCount(5);
	await expect(page.locator('#documents tbody')).toContainText('2017-10-wg3-wg2-joint-report.txt');
	// The joint report's two meetings, each a link.
	await expect(page.locator('#documents a[href="/meetings/wg3-2017-10-09"]')).toHaveCount(1);
	await expect(page.locator('#documents a[href="/meetings/wg2-2017-10-10"]')).toHaveCount(1);
	await expect(page.locator('#rows-per-table tbody tr')).toHaveCount(5);
	// The 2013 report says nothing of the number of meetings held.
	await expect(page.locator('#parse-warnings tbody')).toContainText('meetings held');
	await expect(page.locator('#unresolved-names')).toContainText('resolved against the reference table');
	await expect(page.locator('#meetings-lacking-records tbody tr')).toHaveCount(1);
	await expect(page.locator('#meetings-lacking-records tbody a')).toHaveAttribute(
		'href',
		'/meetings/wg3-2016-10-19-agenda'
	);
	expect(errors).toEqual([]);
});

test('the rows per table are the hand counts of the 2013 report', async ({ page }) => {
	await open(page);
	const row = page.locator('#rows-per-table tbody tr', { hasText: '2013-10-wg2' });
	// 62 States parties + EU + 2 signatories + State of Palestine; 31 recommendations; 3 panellists; 6 documents.
	await expect(row.locator('[data-label="Attendance"]')).toHaveText('66');
	await expect(row.locator('[data-label="Recommendations"]')).toHaveText('31');
	await expect(row.locator('[data-label="Panellists"]')).toHaveText('3');
	await expect(row.locator('[data-label="Documents before"]')).toHaveText('6');
	await expect(row.locator('[data-label="Agenda items"]')).toHaveText('8');
});

for (const name of DATASETS) {
	test(`${name}: the CSV link downloads a valid file with the table's rows`, async ({ page }) => {
		await open(page);
		const section = page.locator(`section#${name}`);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			section.getByRole('link', { name: /as CSV$/ }).click()
		]);
		expect(download.suggestedFilename()).toMatch(new RegExp(`^rapporteur_data-${name}_.+\\.csv$`));
		const bytes = await readFile(await download.path());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const { data, provenance } = splitCsvExport(bytes.toString('utf8'));
		expect(provenance.join('\n')).toContain('Rapporteur corpus of');
		const rows = csvParseRows(data.replace(/\r\n$/, ''));
		expect(rows.length - 1).toBe(await section.locator('tbody tr').count());
		// Every column the page shows is in the file (the file may hold more, e.g. the per-table counts).
		const headers = await section.locator('thead th').allTextContents();
		for (const h of headers) expect(rows[0]).toContain(h.trim());
	});
}

test('the reference table README is one link away', async ({ page }) => {
	await open(page);
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.url().endsWith('/data/reference')),
		page.getByRole('link', { name: "Read the reference table's README" }).click()
	]);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/plain');
	await expect(page.locator('body')).toContainText('Reference table of entities');
});

test('keyboard Tab reaches the section links and every CSV link', async ({ page }) => {
	await open(page);
	const reached: string[] = [];
	for (let i = 0; i < 80 && reached.length < 5; i++) {
		await page.keyboard.press('Tab');
		const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
		if (label.endsWith('as CSV')) reached.push(label);
	}
	expect(reached).toEqual([
		'Download Documents ingested as CSV',
		'Download Rows per table, by document as CSV',
		'Download Parse warnings as CSV',
		'Download Unresolved names as CSV',
		'Download Meetings lacking attendance or statements as CSV'
	]);
});

test('the API answers each dataset, and 404 or 400 for bad ones, never 500', async ({ request }) => {
	for (const name of DATASETS) {
		const res = await request.get(`/api/data/${name}`);
		expect(res.status(), name).toBe(200);
		const body = (await res.json()) as { id: string; rows: unknown[]; corpusVersion: string };
		expect(body.id).toBe(`data-${name}`);
	}
	const docs = (await (await request.get('/api/data/documents')).json()) as { rows: { fileName: string }[] };
	expect(docs.rows).toHaveLength(5);
	const list = (await (await request.get('/api/data')).json()) as { datasets: { name: string }[] };
	expect(list.datasets.map((d) => d.name)).toEqual(DATASETS);
	const missing = await request.get('/api/data/nope');
	expect(missing.status()).toBe(404);
	expect(((await missing.json()) as { message: string }).message).toContain('Use one of documents');
	expect((await request.get('/api/data/documents?format=xml')).status()).toBe(400);
});

test('no serious or critical accessibility violations', async ({ page }) => {
	await open(page);
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

for (const width of [1280, 390]) {
	test(`screenshot at ${width} px, without horizontal overflow`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await open(page);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.screenshot({ path: `test-results/data-${width}.png`, fullPage: true });
	});
}
