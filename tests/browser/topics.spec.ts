/**
 * /topics and /topics/<id> in a real browser against the built app and the test database built from data/corpus.
 * Expectations are read off the reports by hand (see src/lib/server/followup.test.ts for the numbers behind them).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

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

test('/topics answers 200 with both charts drawn on the server, no console errors', async ({ page }) => {
	const errors = watchErrors(page);
	const response = await page.goto('/topics');
	await page.waitForLoadState('networkidle');
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Topics');
	await expect(page.locator('figure#topic-shares .figure-chart svg rect').first()).toBeAttached();
	await expect(page.locator('figure#topic-body .figure-chart svg')).toHaveCount(1);
	// One panel per topic of the reviewed taxonomy.
	await expect(page.locator('figure#topic-shares .small-multiples > g')).toHaveCount(18);
	await expect(page.getByRole('heading', { name: 'Discovered terms' })).toBeVisible();
	await expect(page.locator('table.terms').first()).toContainText('civil society', { ignoreCase: true });
	expect(errors).toEqual([]);
	expect(await seriousViolations(page)).toEqual([]);
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `test-results/topics-${width}.png`, fullPage: true });
	}
});

test('the body filter changes the URL and the matrix', async ({ page }) => {
	await page.goto('/topics');
	await page.waitForLoadState('networkidle');
	await expect(
		page.locator('figure#topic-body .figure-data tbody tr').filter({ hasText: 'WG.2' }).first()
	).toBeAttached();
	await page.getByRole('combobox', { name: 'Body' }).selectOption('WG.3');
	await page.waitForURL(/body=WG\.3/);
	const rows = page.locator('figure#topic-body .figure-data tbody tr');
	await expect(rows.filter({ hasText: 'WG.2' })).toHaveCount(0);
	await expect(rows.filter({ hasText: 'WG.3' }).first()).toBeAttached();
	await expect(page.locator('figure#topic-body .figure-filters')).toContainText('WG.3');
});

test('a topic page lists its recommendations and paragraphs with the key phrases marked, linked to the report', async ({
	page
}) => {
	const errors = watchErrors(page);
	const response = await page.goto('/topics/witness-protection');
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Witness and victim protection');
	const recs = page.locator('section[aria-labelledby="recs"] li');
	// 2013 recommendations 7–20 are about witnesses (12, on specialized training, is about training).
	await expect(recs.filter({ hasText: '2013-10-28 · 13' })).toHaveCount(1);
	await expect(recs.first().locator('mark').first()).toBeAttached();
	// Fewer than a page of them: all listed, their number in the heading, no pager.
	const heading = await page.locator('h2#recs').textContent();
	expect(heading).toMatch(/^Recommendations \(\d+\)$/);
	await expect(recs).toHaveCount(Number(/\d+/.exec(heading ?? '')?.[0]));
	await expect(page.getByRole('navigation', { name: 'Pages of recommendations' })).toHaveCount(0);
	const first = page
		.locator('section[aria-labelledby="paragraphs"] li a', { hasText: 'In the report' })
		.first();
	await expect(first).toHaveAttribute('href', /^\/meetings\/[^#]+#(p|u)-\d+$/);
	expect(errors).toEqual([]);
	expect(await seriousViolations(page)).toEqual([]);
	await page.screenshot({ path: 'test-results/topic-witness-protection-1280.png', fullPage: true });
});

test('unknown topics are 404 and bad filters 400, without a stack trace', async ({ page }) => {
	const missing = await page.goto('/topics/no-such-topic');
	expect(missing?.status()).toBe(404);
	const bad = await page.goto('/topics?from=abc');
	expect(bad?.status()).toBe(400);
	await expect(page.locator('body')).not.toContainText('at async');
	const badAll = await page.goto('/topics?all=everything');
	expect(badAll?.status()).toBe(400);
	await expect(page.locator('body')).toContainText('"all"');
	const badPage = await page.goto('/topics/witness-protection?rpage=0');
	expect(badPage?.status()).toBe(400);
	await expect(page.locator('body')).toContainText('"rpage"');
	await expect(page.locator('body')).not.toContainText('at async');
	const api = await page.request.get('/api/topics/shares?format=csv');
	expect(api.status()).toBe(200);
	expect(api.headers()['content-type']).toContain('text/csv');
	expect(await api.text()).toContain('Witness and victim protection');
});

test('the years of the five reports are all drawn, the reports named, the full data a plain CSV link', async ({
	page
}) => {
	await page.goto('/topics?body=WG.3');
	// Fewer years than the chart draws before "Show all" (src/routes/topics/page.server.test.ts covers more).
	await expect(page.getByRole('link', { name: /^Show all \d+ years$/ })).toHaveCount(0);
	await expect(page.locator('figure#topic-shares .figure-data summary')).toHaveText(
		/^Data table \((\d+) rows\)$/
	);
	const source = page.locator('figure#topic-shares .figure-source');
	await expect(source).toContainText('WG.3/WG.2 report of 23 October 2017');
	await expect(source).not.toContainText('documents of');
	const csv = page.getByRole('link', { name: 'CSV' }).first();
	await expect(csv).toHaveAttribute('href', '/api/topics/shares?body=WG.3&format=csv');
	const response = await page.request.get((await csv.getAttribute('href')) ?? '');
	expect(response.status()).toBe(200);
	const text = await response.text();
	expect(text).toContain('Witness and victim protection');
	expect(text).toContain('WG.3/WG.2 report of 23 October 2017');
	// Keyboard: the link is reached with Tab like any other.
	await csv.focus();
	await expect(csv).toBeFocused();
});
