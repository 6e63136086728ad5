/**
 * /search in a real browser: stemming, accent folding, phrases and operators, filters in the URL, links to the
 * source paragraph. Counts are read off the five reports by hand.
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

async function search(page: Page, q: string) {
	await page.getByRole('searchbox', { name: 'Search paragraphs and recommendations' }).fill(q);
	await page.getByRole('button', { name: 'Search', exact: true }).click();
	await page.waitForURL(/[?&]q=/);
}

test('finds "women" by "woman" and "Türkiye" by "turkiye", with the words marked and linked to the report', async ({
	page
}) => {
	const errors = watchErrors(page);
	const response = await page.goto('/search');
	expect(response?.status()).toBe(200);
	await search(page, 'woman');
	await expect(page.locator('p.count')).toContainText('2 matches');
	await expect(page.locator('ol.results mark').first()).toHaveText(/^wom[ae]n$/i);
	await search(page, 'turkiye');
	await expect(page.locator('p.count')).toContainText('1 match');
	await expect(page.locator('ol.results mark')).toHaveText('Türkiye');
	const link = page.locator('ol.results a', { hasText: 'In the report' });
	await expect(link).toHaveAttribute('href', '/meetings/wg2-2023-05-29#p-41');
	expect(errors).toEqual([]);
	expect(
		(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations.filter(
			(v) => v.impact === 'serious' || v.impact === 'critical'
		)
	).toEqual([]);
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `test-results/search-${width}.png`, fullPage: true });
	}
});

test('phrases, AND/OR/NOT and the filters change the URL and the hits', async ({ page }) => {
	await page.goto('/search?q=%22transfer+of+criminal+proceedings%22');
	const all = Number((await page.locator('p.count').textContent())?.match(/(\d+)\s+match/)?.[1]);
	expect(all).toBeGreaterThan(4);
	await page.getByRole('combobox', { name: 'In', exact: true }).selectOption('recommendation');
	await page.getByRole('button', { name: 'Search', exact: true }).click();
	await page.waitForURL(/kind=recommendation/);
	// WG.3 2017 (b), (c), (d) and (f) use the phrase; (a) says "transferring criminal proceedings".
	await expect(page.locator('p.count')).toContainText('4 matches');
	await search(page, '"transfer of criminal proceedings" NOT model');
	await expect(page.locator('p.count')).toContainText('3 matches');
	await page.goto('/search?q=sherloc+OR+revmod&topic=review-mechanism');
	await expect(page.getByRole('combobox', { name: 'Topic' })).toHaveValue('review-mechanism');
	await expect(page.locator('ol.results > li').first()).toContainText(/SHERLOC|RevMod/);
	const bad = await page.goto('/search?q=x&topic=nope');
	expect(bad?.status()).toBe(400);
});

test('the search API answers JSON and CSV', async ({ request }) => {
	const json = await (await request.get('/api/search?q=dissemination+plan')).json();
	expect(json.rows.length).toBeGreaterThan(2);
	expect(json.rows[0].text).toMatch(/\[dissemination\]|\[dissemination plan\]/i);
	const csv = await request.get('/api/search?q=sherloc&format=csv');
	expect(csv.headers()['content-type']).toContain('text/csv');
});
