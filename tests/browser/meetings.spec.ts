/**
 * /meetings and /meetings/<id> (and their API) in a real browser against the built app and the test database
 * built from data/corpus. Expected numbers are hand counts from the documents and tests/fixtures/expected.
 * Screenshots at 1280 and 390 px land in test-results/ for a person to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { csvParseRows } from 'd3-dsv';
import { readFile } from 'node:fs/promises';
import { splitCsvExport } from '../../src/lib/export/csv';

const M2013 = '/meetings/wg2-2013-10-28';

/** Collect console errors and uncaught exceptions of a page. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

/** The data rows of a downloaded CSV export (BOM checked, provenance lines split off). */
async function csvRows(download: Download): Promise<string[][]> {
	const bytes = await readFile(await download.path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const { data, provenance } = splitCsvExport(bytes.toString('utf8'));
	expect(provenance.join('\n')).toContain('Rapporteur corpus of');
	return csvParseRows(data.replace(/\r\n$/, ''));
}

/** Open a page and wait until its scripts have run (the filter bar and the Copy buttons need them). */
async function openHydrated(page: Page, url: string) {
	const response = await page.goto(url);
	await page.waitForLoadState('networkidle');
	// Copy buttons are added on mount: where there are citations, their buttons say hydration is done.
	if ((await page.locator('.citation').count()) > 0)
		await expect(page.locator('.citation button').first()).toBeAttached();
	return response;
}

test.describe('/meetings', () => {
	test('answers 200 with no console errors and lists the 6 meetings', async ({ page }) => {
		const errors = watchErrors(page);
		const response = await openHydrated(page, '/meetings');
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meetings');
		// 5 reports: the joint 2017 report gives two meetings; plus the 2016 provisional agenda.
		const rows = page.locator('table tbody tr');
		await expect(rows).toHaveCount(6);
		await expect(rows.nth(1)).toContainText('Provisional agenda');
		// 2013: 62 States parties + 2 signatories + the State of Palestine; 31 recommendations (paras 5, 7-36).
		await expect(rows.nth(0).locator('[data-label="States attending"]')).toHaveText('65');
		await expect(rows.nth(0).locator('[data-label="Recommendations"]')).toHaveText('31');
		await expect(rows.nth(0).locator('[data-label="Meetings held"]')).toHaveText('—');
		await expect(rows.nth(2).locator('[data-label="Meetings held"]')).toHaveText('9');
		expect(errors).toEqual([]);
	});

	test('a filter change changes the URL and the list', async ({ page }) => {
		await openHydrated(page, '/meetings');
		await page.getByLabel('Body').selectOption('WG.3');
		await expect(page).toHaveURL(/[?&]body=WG\.3/);
		await expect(page.locator('table tbody tr')).toHaveCount(2);
		await page.getByLabel('Format').selectOption('online');
		await expect(page).toHaveURL(/mode=online/);
		await expect(page.getByText('No meeting matches these filters.')).toBeVisible();
		await page.goto('/meetings?from=2017&to=2020');
		await expect(page.locator('table tbody tr')).toHaveCount(3);
	});

	test('filters work without JavaScript (GET form)', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/meetings');
		await page.getByLabel('Format').selectOption('in-person');
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page).toHaveURL(/mode=in-person/);
		await expect(page.locator('table tbody tr')).toHaveCount(3);
		await context.close();
	});

	test('CSV export downloads the listed rows', async ({ page }) => {
		await openHydrated(page, '/meetings?body=WG.2');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download the list of meetings as CSV' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^rapporteur_meetings_.+\.csv$/);
		const rows = await csvRows(download);
		expect(rows[0]?.slice(0, 3)).toEqual(['Meeting', 'Body', 'Start']);
		expect(rows.slice(1).map((r) => r[0])).toEqual([
			'wg2-2013-10-28',
			'wg2-2017-10-10',
			'wg2-2020-07-09',
			'wg2-2023-05-29'
		]);
	});

	test('each row links to its meeting page', async ({ page }) => {
		await page.goto('/meetings');
		await page.locator('table tbody tr').first().getByRole('link').click();
		await expect(page).toHaveURL(/\/meetings\/wg2-2013-10-28$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(
			'Working Group of Government Experts on Technical Assistance'
		);
	});

	test('keyboard Tab reaches the filters, Apply and the CSV link', async ({ page }) => {
		await openHydrated(page, '/meetings');
		const reached: string[] = [];
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			const name = await page.evaluate(() => {
				const el = document.activeElement;
				if (!el || el === document.body) return '';
				return (el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.textContent ?? '').trim();
			});
			if (name) reached.push(name);
		}
		for (const name of ['body', 'from', 'to', 'mode', 'Apply', 'Download the list of meetings as CSV'])
			expect(reached).toContain(name);
	});

	test('bad parameters are a 400 page with a message, never a 500', async ({ page, request }) => {
		for (const url of [
			'/meetings?from=abc',
			'/meetings?body=WG.9',
			'/meetings?from=2020&to=2013',
			'/meetings?mode=x'
		]) {
			const response = await page.goto(url);
			expect(response?.status(), url).toBe(400);
			await expect(page.locator('main')).toContainText('Invalid value for');
		}
		expect((await request.get('/api/meetings?format=xml')).status()).toBe(400);
		expect((await request.get('/api/meetings?from=abc')).status()).toBe(400);
	});
});

test.describe('/meetings/<id>', () => {
	test('the 2013 meeting: header, attendance by category, recommendations 5 and 7-36', async ({ page }) => {
		const errors = watchErrors(page);
		const response = await openHydrated(page, M2013);
		expect(response?.status()).toBe(200);
		await expect(page.locator('main')).toContainText('28 to 30 October 2013');
		await expect(page.locator('.facts')).toContainText('Cristian Istrate (Romania)');
		await expect(page.locator('.facts')).toContainText('Distributed 19 November 2013');
		// Hand counts, paragraphs 43-46 of the report.
		await expect(page.locator('#attendance-state_party h3')).toContainText('States parties (62)');
		await expect(page.locator('#attendance-reio h3')).toContainText('(1)');
		await expect(page.locator('#attendance-signatory h3')).toContainText('Signatory States (2)');
		await expect(page.locator('#attendance-non_member_observer_state h3')).toContainText('(1)');
		await expect(page.locator('#attendance-state_party li')).toHaveCount(62);
		await expect(page.locator('#attendance-state_party a[href="#p-43"]')).toHaveCount(1);
		await expect(page.locator('#attendance-state_party li a').first()).toHaveAttribute(
			'href',
			'/countries/DZA'
		);
		const labels = ['5', ...Array.from({ length: 30 }, (_, i) => String(i + 7))];
		await expect(page.locator('#recommendations li.rec')).toHaveCount(31);
		expect(await page.locator('#recommendations li.rec').evaluateAll((els) => els.map((e) => e.id))).toEqual(
			labels.map((l) => `rec-${l}`)
		);
		// Paragraph 26: "UNODC should, subject to the availability of extrabudgetary resources, ..."
		await expect(page.locator('#rec-26')).toContainText('Subject to extrabudgetary resources');
		await expect(page.locator('#rec-7 .citation-text')).toHaveText(
			'Report on the meeting of the Working Group of Government Experts on Technical Assistance held in Vienna from 28 to 30 October 2013 (19 November 2013), para. 7'
		);
		await expect(page.locator('#agenda tbody tr')).toHaveCount(8);
		await expect(page.locator('#panellists tbody tr')).toHaveCount(3);
		await expect(page.locator('#documents tbody tr')).toHaveCount(6);
		expect(errors).toEqual([]);
	});

	test('#p-43 highlights paragraph 43, the attendance list, without JavaScript too', async ({ browser }) => {
		for (const javaScriptEnabled of [true, false]) {
			const context = await browser.newContext({ javaScriptEnabled });
			const page = await context.newPage();
			await page.goto(`${M2013}#p-43`);
			const p43 = page.locator('#p-43');
			await expect(p43).toContainText('The following States parties to the Convention were represented');
			expect(await p43.evaluate((el) => el.matches(':target'))).toBe(true);
			const background = await p43.evaluate((el) => getComputedStyle(el).backgroundColor);
			const other = await page.locator('#p-42').evaluate((el) => getComputedStyle(el).backgroundColor);
			expect(background).not.toBe(other);
			expect(background).not.toBe('rgba(0, 0, 0, 0)');
			await context.close();
		}
	});

	test('citations are readable without JavaScript and copied with it', async ({ browser, context, page }) => {
		const noJs = await browser.newContext({ javaScriptEnabled: false });
		const plain = await noJs.newPage();
		await plain.goto(M2013);
		await expect(plain.locator('#rec-5 .citation-text')).toBeVisible();
		await expect(plain.locator('#rec-5 button')).toHaveCount(0);
		await plain.locator('#p-43 summary').click();
		await expect(plain.locator('#p-43 .citation-text')).toHaveText(/\(19 November 2013\), para\. 43$/);
		await noJs.close();

		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await openHydrated(page, M2013);
		await page.locator('#rec-7').getByRole('button', { name: 'Copy citation of recommendation 7' }).click();
		await expect(page.locator('#rec-7 [role="status"]')).toHaveText('Copied.');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
			/\(19 November 2013\), para\. 7$/
		);
	});

	test('the 2017 joint report gives two meetings linked to each other', async ({ page }) => {
		await page.goto('/meetings/wg3-2017-10-09');
		await expect(page.getByRole('heading', { level: 1 })).toContainText(
			'Working Group on International Cooperation'
		);
		await page
			.locator('.facts')
			.getByRole('link', { name: /Working Group of Government Experts/ })
			.click();
		await expect(page).toHaveURL(/\/meetings\/wg2-2017-10-10$/);
		await expect(page.locator('.facts a[href="/meetings/wg3-2017-10-09"]')).toHaveCount(1);
		// One attendance list, counted for each body: 84 States parties.
		await expect(page.locator('#attendance-state_party li')).toHaveCount(84);
		await expect(page.locator('#recommendations li.rec')).toHaveCount(2);
	});

	test('the 2020 meeting shows 15 discussion points A (a)-B (h) with anchors, though unnumbered', async ({
		page
	}) => {
		await page.goto('/meetings/wg2-2020-07-09#rec-b-h');
		const ids = [
			...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => `rec-a-${l}`),
			...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => `rec-b-${l}`)
		];
		expect(await page.locator('#recommendations li.rec').evaluateAll((els) => els.map((e) => e.id))).toEqual(
			ids
		);
		await expect(page.locator('#recommendations-heading')).toContainText('Discussion points');
		expect(await page.locator('#rec-b-h').evaluate((el) => el.matches(':target'))).toBe(true);
		await expect(page.locator('#rec-a-b .citation-text')).toHaveText(/, annex, discussion point A \(b\)$/);
		await expect(page.locator('#rec-a-a')).toContainText('annex, no paragraph number');
	});

	test('the 2016 provisional agenda is shown as such, without attendance', async ({ page }) => {
		const response = await page.goto('/meetings/wg3-2016-10-19-agenda');
		expect(response?.status()).toBe(200);
		await expect(page.locator('.meeting-header .tag')).toHaveText('Provisional agenda');
		await expect(page.locator('#attendance')).toContainText('records no attendance');
		await expect(page.locator('#agenda tbody tr')).toHaveCount(12);
	});

	test('the attendance CSV downloads the 66 names of the 2013 meeting', async ({ page }) => {
		await page.goto(M2013);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download Attendance as CSV' }).click()
		]);
		const rows = await csvRows(download);
		expect(rows[0]).toEqual(['Category', 'Name as written', 'Entity id', 'Entity name', 'Paragraph']);
		expect(rows).toHaveLength(1 + 66);
		expect(rows.filter((r) => r[4] === '43')).toHaveLength(62);
	});

	test('keyboard Tab reaches the section links and the Copy buttons', async ({ page }) => {
		await openHydrated(page, M2013);
		const reached = new Set<string>();
		for (let i = 0; i < 300 && !reached.has('copy'); i++) {
			await page.keyboard.press('Tab');
			const kind = await page.evaluate(() => {
				const el = document.activeElement;
				if (el?.closest('.toc')) return 'toc';
				if (el?.classList.contains('csv-link')) return 'csv';
				if (el instanceof HTMLButtonElement && el.closest('.citation')) {
					const style = getComputedStyle(el);
					return style.outlineStyle !== 'none' ? 'copy' : 'copy-without-focus-ring';
				}
				return '';
			});
			if (kind) reached.add(kind);
		}
		expect([...reached].sort()).toEqual(['copy', 'csv', 'toc']);
	});

	test('an unknown meeting is a 404 page with a clear message, never a 500', async ({ page, request }) => {
		const response = await page.goto('/meetings/wg9-1999-01-01');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Meeting not found');
		await expect(page.locator('main')).toContainText('There is no meeting "wg9-1999-01-01" in the database');
		await expect(page.getByRole('link', { name: 'Back to the list of meetings' })).toBeVisible();
		expect((await request.get('/api/meetings/wg9-1999-01-01')).status()).toBe(404);
		expect((await request.get(`/api/meetings/wg2-2013-10-28?part=nope`)).status()).toBe(400);
		expect((await request.get(`/api/meetings/wg2-2013-10-28?format=xml`)).status()).toBe(400);
	});

	test('the API serves every record of a meeting as JSON, and its attendance as CSV', async ({ request }) => {
		const res = await request.get('/api/meetings/wg2-2013-10-28');
		expect(res.status()).toBe(200);
		const body = (await res.json()) as {
			meeting: { id: string };
			attendance: unknown[];
			recommendations: unknown[];
			paragraphs: unknown[];
			siblings: unknown[];
		};
		expect(body.meeting.id).toBe('wg2-2013-10-28');
		expect(body.attendance).toHaveLength(66);
		expect(body.recommendations).toHaveLength(31);
		expect(body.siblings).toEqual([]);
		const csv = await request.get('/api/meetings/wg2-2013-10-28?format=csv');
		expect(csv.headers()['content-type']).toContain('text/csv');
		expect(await csv.text()).toContain('Name as written');
		const list = (await (await request.get('/api/meetings')).json()) as { rows: { id: string }[] };
		expect(list.rows).toHaveLength(6);
	});
});

test('no serious or critical accessibility violations', async ({ page }) => {
	test.setTimeout(150_000);
	for (const url of ['/meetings', M2013, '/meetings/wg3-2017-10-09', '/meetings/wg3-2016-10-19-agenda']) {
		await openHydrated(page, url);
		// Open every citation box in one go, so their content is checked too.
		await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
		const results = await new AxeBuilder({ page }).analyze();
		const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(bad.map((v) => `${url} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
	}
});

for (const width of [1280, 390]) {
	test(`screenshots at ${width} px, without horizontal overflow`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		for (const [url, name] of [
			['/meetings', 'meetings'],
			[M2013, 'meeting-2013'],
			['/meetings/wg2-2023-05-29', 'meeting-2023']
		] as const) {
			await openHydrated(page, url);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow, url).toBeLessThanOrEqual(0);
			await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: name === 'meetings' });
		}
	});
}
