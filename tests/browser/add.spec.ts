/**
 * /add in a real browser: a report made into a PDF is uploaded, previewed, confirmed, and its meeting then appears
 * on /meetings and answers on its own page; a cancelled upload changes nothing; oversized, mistyped and scanned
 * files get a clear message.
 *
 * Isolation: adding a report writes the database, and the other specs count meetings in the shared test database.
 * So this spec starts its own server (the same `build/` the shared webServer runs, which Playwright builds before
 * any test) on its own port, against its own copy of that database, with its own corpus and staging directories
 * under test-results/add/. Nothing the shared server reads is touched, and playwright.config.ts is unchanged.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, type ChildProcess } from 'node:child_process';
import { serverEnvironment, serverNodeOptions } from '../../scripts/server-options.js';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { imageOnlyPdf, renderDocx, renderPdf } from '../fixtures/make-fixtures';
import { TEST_DB } from './global-setup';

const DIR = resolve('test-results/add');
const DB = join(DIR, 'add.duckdb');
const CORPUS = join(DIR, 'corpus');
const STAGING = join(DIR, 'staging');
const FILES = join(DIR, 'files');

let server: ChildProcess | null = null;
let base = '';

function freePort(): Promise<number> {
	return new Promise((ok, ko) => {
		const s = net.createServer();
		s.on('error', ko);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => ok(port));
		});
	});
}

async function documentCount(): Promise<number> {
	const instance = await DuckDBInstance.create(DB, { access_mode: 'READ_ONLY', threads: '1' });
	try {
		const conn = await instance.connect();
		try {
			const rows = (
				await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM document')
			).getRowObjectsJS();
			return Number(rows[0]?.n);
		} finally {
			conn.closeSync();
		}
	} finally {
		instance.closeSync();
	}
}

/** The 2023 report moved to 2024 (dates, title, symbols): a meeting the database does not have. */
function newReport(from: string, to: string): string {
	return readFileSync('data/corpus/2023-05-wg2-technical-assistance-report.txt', 'utf8').replaceAll(from, to);
}

async function upload(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
	await page.goto(`${base}/add`);
	await page.getByLabel('Report file').setInputFiles(file);
	await page.getByRole('button', { name: 'Read the file' }).click();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(120_000);
	rmSync(DIR, { recursive: true, force: true });
	mkdirSync(FILES, { recursive: true });
	copyFileSync(TEST_DB, DB);
	writeFileSync(
		join(FILES, '2024-05-wg2-report.pdf'),
		await renderPdf(newReport('2023', '2024'), {
			markdown: false,
			symbol: 'CTOC/COP/WG.2/2024/3',
			jobNumber: 'V.24-10001'
		})
	);
	writeFileSync(
		join(FILES, '2025-05-wg2-report.docx'),
		await renderDocx(newReport('2023', '2025'), { markdown: false })
	);
	writeFileSync(join(FILES, 'scan.pdf'), await imageOnlyPdf());
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	server = spawn(process.execPath, [...serverNodeOptions(), 'build'], {
		stdio: 'ignore',
		env: {
			...serverEnvironment(),
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: base,
			RAPPORTEUR_DB: DB,
			RAPPORTEUR_CORPUS_DIR: CORPUS,
			RAPPORTEUR_STAGING_DIR: STAGING,
			// adapter-node refuses bodies over 512 kB by default; the app's own limit (10 MB) is what is tested.
			BODY_SIZE_LIMIT: '12M',
			RAPPORTEUR_WRITE_TOKEN: ''
		}
	});
	for (let i = 0; i < 100; i++) {
		const ok = await fetch(`${base}/favicon.svg`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('the add server did not start');
});

test.afterAll(() => {
	server?.kill();
	server = null;
});

test('a PDF report is previewed, added, listed on /meetings and has its page', async ({ page }) => {
	const before = await documentCount();
	await upload(page, join(FILES, '2024-05-wg2-report.pdf'));
	await expect(page.getByRole('heading', { name: 'What was extracted' })).toBeVisible();
	const extracted = page.locator('.extracted');
	await expect(extracted).toContainText('2024-05-29 to 2024-05-30');
	await expect(extracted).toContainText('Vienna');
	await expect(extracted).toContainText('Thomas Burrows');
	await expect(extracted).toContainText('States parties: 80');
	await expect(page.getByRole('region', { name: 'Extracted text' })).toContainText(
		'Report on the meeting of the Working Group of Government Experts on Technical Assistance held in Vienna on 29 and 30 May 2024'
	);
	// Nothing written before confirmation: the file waits in staging, the database is as it was.
	expect(await documentCount()).toBe(before);
	expect(existsSync(join(CORPUS, '2024-05-wg2-report.pdf'))).toBe(false);
	expect(readdirSync(STAGING)).toHaveLength(1);
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);

	await page.getByRole('button', { name: 'Add to database' }).click();
	await expect(page.getByRole('status')).toContainText('2024-05-wg2-report.pdf was added to the database');
	const link = page.getByRole('link', { name: 'Meeting wg2-2024-05-29' });
	await expect(link).toHaveAttribute('href', '/meetings/wg2-2024-05-29');
	expect(await documentCount()).toBe(before + 1);
	expect(existsSync(join(CORPUS, '2024-05-wg2-report.pdf'))).toBe(true);
	expect(readdirSync(STAGING)).toHaveLength(0);

	// The running server reopens the replaced database file: no restart.
	await page.goto(`${base}/meetings`);
	await expect(page.locator('a[href*="wg2-2024-05-29"]').first()).toBeVisible();
	const response = await page.goto(`${base}/meetings/wg2-2024-05-29`);
	expect(response?.status()).toBe(200);
	await expect(page.locator('main')).toContainText('2024');
});

test('a cancelled Word upload leaves the database and the corpus unchanged', async ({ page }) => {
	const before = await documentCount();
	await upload(page, join(FILES, '2025-05-wg2-report.docx'));
	await expect(page.locator('.extracted')).toContainText('2025-05-29 to 2025-05-30');
	await expect(page.locator('.lede')).toContainText('Word document');
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('status')).toContainText('Cancelled: nothing was added');
	expect(await documentCount()).toBe(before);
	expect(existsSync(join(CORPUS, '2025-05-wg2-report.docx'))).toBe(false);
	expect(readdirSync(STAGING)).toHaveLength(0);
});

test('too large, mistyped and scanned files get a clear message', async ({ page, browser }) => {
	const before = await documentCount();
	const big = {
		name: 'big.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.alloc(10.5 * 1024 * 1024, 0x25)
	};
	// With JavaScript the size is checked before the upload ...
	await upload(page, big);
	await expect(page.getByRole('alert')).toContainText('too large');
	// ... and without it, by the server.
	const noJs = await browser.newContext({ javaScriptEnabled: false });
	const plain = await noJs.newPage();
	await upload(plain, big);
	await expect(plain.getByRole('alert')).toContainText('too large (10.5 MB; at most 10 MB)');
	await noJs.close();

	await upload(page, {
		name: 'report.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('Report on the meeting')
	});
	await expect(page.getByRole('alert')).toContainText('named .pdf but is not a PDF');
	await upload(page, { name: 'report.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
	await expect(page.getByRole('alert')).toContainText('Only .pdf, .docx, .txt and .md files');
	await upload(page, join(FILES, 'scan.pdf'));
	await expect(page.getByRole('alert')).toContainText(
		'PDF has no text layer (scanned image?): run OCR first'
	);
	expect(await documentCount()).toBe(before);
	expect(existsSync(STAGING) ? readdirSync(STAGING) : []).toHaveLength(0);
});

test('screenshots of the upload and preview at 1280 and 390 px', async ({ page }) => {
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await upload(page, join(FILES, '2024-05-wg2-report.pdf'));
		await expect(page.getByRole('heading', { name: 'What was extracted' })).toBeVisible();
		await page.screenshot({ path: join(DIR, `add-preview-${width}.png`), fullPage: true });
		await page.getByRole('button', { name: 'Cancel' }).click();
		await expect(page.getByRole('status')).toContainText('Cancelled');
	}
});
