/**
 * /recommendations and a recommendation's page in a real browser: filters and sorting in the URL, the meeting
 * fate matrix, the SHERLOC thread with evidence a reader can click through, and a curator's decision that
 * survives a re-ingest. Curators' decisions go to test-results/curation (the curation directory sits next to the
 * database the server reads), never to data/curation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEST_DB } from './global-setup';

const CURATION = join(dirname(TEST_DB), 'curation');
const REC34 = '/recommendations/wg2-2013-10-28/34';

function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help}`);
}

test.beforeAll(() => {
	rmSync(CURATION, { recursive: true, force: true });
});

test('the list answers 200, filters by status in the URL, sorts and exports', async ({ page, request }) => {
	const errors = watchErrors(page);
	const response = await page.goto('/recommendations');
	expect(response?.status()).toBe(200);
	// 31 (2013) + 14 (WG.3 2017) + 2 (WG.2 2017) + 15 discussion points (2020) + 11 (2023).
	await expect(page.locator('#list-heading')).toHaveText('73 recommendations');
	await expect(page.locator('figure#status-by-meeting svg rect').first()).toBeAttached();
	await page.getByRole('combobox', { name: 'Status' }).selectOption('acted-on');
	await page.getByRole('button', { name: 'Apply' }).click();
	await page.waitForURL(/status=acted-on/);
	const statuses = await page.locator('table.recs tbody td .status').allTextContents();
	expect(statuses.length).toBeGreaterThan(0);
	expect(new Set(statuses)).toEqual(new Set(['acted on']));
	await page.getByRole('link', { name: 'Links', exact: true }).click();
	await page.waitForURL(/sort=links/);
	await expect(page.locator('table.recs tbody tr').first()).toContainText('34');
	expect(errors).toEqual([]);
	const csv = await request.get('/api/recommendations?status=acted-on&format=csv');
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain('wg2-2013-10-28:34');
	expect((await page.goto('/recommendations?status=done'))?.status()).toBe(400);
});

test('the list pages with links in the URL, by keyboard and without JavaScript', async ({
	page,
	browser
}) => {
	const errors = watchErrors(page);
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/recommendations?sort=label');
	await expect(page.locator('#list-heading')).toHaveText('73 recommendations');
	await expect(page.locator('#list-range')).toHaveText('Showing 1–50, page 1 of 2.');
	await expect(page.locator('table.recs tbody tr')).toHaveCount(50);
	const pager = page.getByRole('navigation', { name: 'Pages of the list' });
	await expect(pager.locator('[aria-current="page"]')).toHaveText('1');
	// Keyboard: the next page is a link like any other, reached with Tab and followed with Enter.
	const next = pager.getByRole('link', { name: 'Next page' });
	await next.focus();
	await expect(next).toBeFocused();
	await page.keyboard.press('Enter');
	await page.waitForURL(/[?&]page=2/);
	expect(new URL(page.url()).searchParams.get('sort')).toBe('label');
	await expect(page.locator('table.recs tbody tr')).toHaveCount(23);
	await expect(page.locator('#list-range')).toHaveText('Showing 51–73, page 2 of 2.');
	await expect(pager.locator('[aria-current="page"]')).toHaveText('2');
	expect(await seriousViolations(page)).toEqual([]);
	await page.screenshot({ path: 'test-results/recommendations-page-2-1280.png', fullPage: true });
	expect(errors).toEqual([]);

	// Without JavaScript: the server renders the page the URL names, and the pager's links work.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const plain = await context.newPage();
	await plain.goto('/recommendations?sort=label&page=2');
	await expect(plain.locator('table.recs tbody tr')).toHaveCount(23);
	const firstOnTwo = await plain.locator('table.recs tbody tr').first().textContent();
	await plain.getByRole('link', { name: 'Previous page' }).click();
	await plain.waitForURL((u) => !u.searchParams.has('page') && u.searchParams.get('sort') === 'label');
	await expect(plain.locator('table.recs tbody tr')).toHaveCount(50);
	expect(await plain.locator('table.recs tbody tr').first().textContent()).not.toBe(firstOnTwo);
	// A page past the end says so and links to the last one.
	await plain.goto('/recommendations?page=9');
	await expect(plain.getByText('Page 9 is past the end of the list.')).toBeVisible();
	expect((await plain.goto('/recommendations?page=0'))?.status()).toBe(400);
	await context.close();
});

test('a meeting’s recommendations are shown against every later meeting', async ({ page }) => {
	await page.goto('/recommendations?meeting=wg2-2020-07-09');
	const fig = page.locator('figure#meeting-fate');
	await expect(fig.locator('.figure-title')).toHaveText('How the recommendations of WG.2 2020-07 fared');
	// A (b), the dissemination plan: acted on in 2023 (resolution 11/2, the presentation of the plan).
	await expect(fig.locator('.figure-data tbody tr', { hasText: 'A (b)' })).toContainText('Acted on');
	expect(await seriousViolations(page)).toEqual([]);
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `test-results/recommendations-fate-${width}.png`, fullPage: true });
	}
});

test('the 2013 SHERLOC recommendation shows its thread to 2023 with evidence to click through', async ({
	page
}) => {
	const errors = watchErrors(page);
	const response = await page.goto(REC34);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 2, name: /^Status: acted on$/ })).toBeVisible();
	const meetings = page.locator('ol.timeline > li.meeting h3');
	await expect(meetings).toHaveCount(4);
	await expect(meetings.nth(0)).toContainText('WG.3 2016-10');
	await expect(meetings.nth(3)).toContainText('WG.2 2023-05');
	const last = page.locator('ol.timeline > li.meeting').nth(3);
	await expect(last).toContainText('developed pursuant to Conference resolution 11/2');
	await expect(last).toContainText('Recommendation 1');
	expect(errors).toEqual([]);
	expect(await seriousViolations(page)).toEqual([]);
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `test-results/recommendation-34-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	// The evidence link lands on the paragraph of the meeting page.
	await last.getByRole('link', { name: 'para. 30', exact: true }).first().click();
	await page.waitForURL(/\/meetings\/wg2-2023-05-29#p-30$/);
	await expect(page.locator('#p-30')).toContainText('dissemination plan');
	// The old-style address redirects.
	await page.goto('/recommendations/wg2-2013-10-28%3A34');
	await expect(page).toHaveURL(new RegExp(`${REC34}$`));
	expect((await page.goto('/recommendations/wg2-2013-10-28/999'))?.status()).toBe(404);
});

test('a curator’s rejection is recorded and survives a re-ingest', async ({ page }) => {
	await page.goto(REC34);
	const item = page.locator('ul.link-list > li', { hasText: 'WG.2 2017-10 · para. 33' });
	await item.getByLabel('Note (optional)').fill('hosting questionnaire answers is not SHERLOC work');
	await item.getByRole('button', { name: 'Reject' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Rejected the link' })).toBeVisible();
	await expect(page.locator('ul.link-list > li', { hasText: 'WG.2 2017-10 · para. 33' })).toContainText(
		'rejected'
	);
	const log = readFileSync(join(CURATION, 'decisions.jsonl'), 'utf8').trim().split('\n');
	expect(JSON.parse(log.at(-1)!)).toMatchObject({ action: 'reject', recommendation: 'wg2-2013-10-28:34' });

	// Re-ingest: a new database from the same reports, renamed over the one the server reads.
	const fresh = join(dirname(TEST_DB), 'reingest.duckdb');
	rmSync(fresh, { force: true });
	execFileSync('npx', ['tsx', 'scripts/ingest.ts', '--db', fresh, 'data/corpus'], { stdio: 'ignore' });
	rmSync(`${TEST_DB}.wal`, { force: true });
	renameSync(fresh, TEST_DB);
	expect(existsSync(TEST_DB)).toBe(true);
	// The server looks for a replaced file at most once a second.
	await page.waitForTimeout(1500);
	await page.goto(REC34);
	const again = page.locator('ul.link-list > li', { hasText: 'WG.2 2017-10 · para. 33' });
	await expect(again).toContainText('rejected');
	await expect(again).toContainText('hosting questionnaire answers is not SHERLOC work');
	await expect(page.locator('ol.history')).toContainText('reject');

	// Undo, so the other tests see the linker's links.
	await again.getByRole('button', { name: 'Undo decision' }).click();
	await expect(page.locator('ul.link-list > li', { hasText: 'WG.2 2017-10 · para. 33' })).toContainText(
		'counted'
	);
});

test('adding a link and setting a status are validated', async ({ page }) => {
	await page.goto('/recommendations/wg2-2013-10-28/27');
	await expect(page.getByRole('heading', { level: 2, name: /^Status:/ })).toBeVisible();
	const form = page.locator('form[action="?/add"]');
	await form.getByLabel('Later meeting').selectOption('wg3-2017-10-09');
	await form.getByLabel('Target').selectOption('recommendation');
	await form.getByLabel('Number or label').fill('(z)');
	await form.getByRole('button', { name: 'Add link' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'No recommendation “(z)”' })).toBeVisible();
	await page.locator('form[action="?/add"]').getByLabel('Later meeting').selectOption('wg3-2017-10-09');
	await page.locator('form[action="?/add"]').getByLabel('Target').selectOption('recommendation');
	await page.locator('form[action="?/add"]').getByLabel('Number or label').fill('(b)');
	await page.locator('form[action="?/add"]').getByLabel('Kind').selectOption('reiterated');
	await page.locator('form[action="?/add"]').getByRole('button', { name: 'Add link' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Added a link' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Status: reiterated' })).toBeVisible();
	// Back to the linker's judgement.
	await page
		.locator('ul.link-list > li', { hasText: '(b)' })
		.getByRole('button', { name: 'Undo decision' })
		.click();
	await expect(
		page.getByRole('heading', { level: 2, name: /^Status: (no trace yet|discussed)$/ })
	).toBeVisible();
});
