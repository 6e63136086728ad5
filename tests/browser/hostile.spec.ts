/**
 * Hostile requests against every page and API endpoint of the built app: SQL injection and junk in
 * every query parameter, path traversal, cross-site form posts. Nothing may answer 500, leak a stack
 * trace, reflect markup unescaped, serve a file from outside the app, or change the database.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type APIRequestContext } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_DB } from './global-setup';

/** An id that exists for each dynamic route parameter, so the handler behind it really runs. */
const KNOWN_IDS: Record<string, string> = {
	countries: 'USA',
	meetings: 'wg2-2013-10-28',
	compare: 'USA'
};

/** Every page and API route of the app, found in src/routes, with dynamic parts filled in. */
function routes(): string[] {
	const found: string[] = [];
	const walk = (dir: string, parts: string[]) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(path.join(dir, entry.name), [...parts, entry.name]);
			else if (entry.name === '+page.svelte' || entry.name === '+server.ts') {
				const segs = parts
					.filter((p) => !/^\(.*\)$/.test(p))
					.map((p, i, all) => (p.startsWith('[') ? (KNOWN_IDS[all[i - 1] ?? ''] ?? 'unknown-id') : p));
				found.push(`/${segs.join('/')}`);
			}
		}
	};
	walk('src/routes', []);
	// The PNG renderer only answers POST; it has its own refusal tests.
	return [...new Set(found)].filter((r) => r !== '/api/export/png' && r !== '/design').sort();
}

const PARAMS = [
	'body',
	'from',
	'to',
	'region',
	'category',
	'mode',
	'format',
	'sort',
	'dir',
	'q',
	'e',
	'meeting',
	'topic',
	'status',
	'addressee',
	'strength',
	'item'
];
/** Classic injection, markup, traversal, control bytes and length; three per request keep the run short. */
const HOSTILE = [
	"WG.2' OR 1=1; DROP TABLE document; --",
	'<script>alert(1)</script>/../../../../etc/passwd',
	`\u0000%00\uFFFF${'x'.repeat(3000)}`
];

async function documentCount(): Promise<number> {
	const instance = await DuckDBInstance.create(TEST_DB, { access_mode: 'READ_ONLY' });
	const conn = await instance.connect();
	try {
		const rows = (
			await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM document')
		).getRowObjectsJson();
		return Number(rows[0]?.n);
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

async function expectSafe(request: APIRequestContext, url: string) {
	const res = await request.get(url, { maxRedirects: 0 });
	const body = await res.text();
	expect(res.status(), `${url} answered ${res.status()}`).toBeLessThan(500);
	expect(body, `${url} leaks a stack trace`).not.toMatch(/\n\s+at .+\.(?:ts|js):\d+|node_modules\//);
	// Markup echoed inside a JSON or plain-text answer is inert (nosniff is set); in HTML it must be escaped.
	const type = res.headers()['content-type'] ?? '';
	if (type.includes('html'))
		expect(body, `${url} reflects markup unescaped`).not.toContain('<script>alert(1)</script>');
	else expect(res.headers()['x-content-type-options']).toBe('nosniff');
	expect(body).not.toContain('root:x:0:0');
}

test('SQL injection and junk in every parameter of every route: never a 500, never a change', async ({
	request
}) => {
	test.setTimeout(600_000);
	const before = await documentCount();
	const all = routes();
	expect(all.length).toBeGreaterThan(5);
	const urls = all.flatMap((route) =>
		PARAMS.flatMap((param) =>
			HOSTILE.map(
				(value) => `${route}${route.includes('?') ? '&' : '?'}${param}=${encodeURIComponent(value)}`
			)
		)
	);
	// A few at a time: the server is built for concurrent readers, and the run stays short.
	for (let i = 0; i < urls.length; i += 6) {
		await Promise.all(urls.slice(i, i + 6).map((url) => expectSafe(request, url)));
	}
	expect(await documentCount()).toBe(before);
});

test('hostile path segments in dynamic routes answer 404 or 400', async ({ request }) => {
	for (const route of routes().filter(
		(r) => r.includes('unknown-id') || Object.values(KNOWN_IDS).some((id) => r.endsWith(id))
	)) {
		for (const value of HOSTILE) {
			const url = route.replace(/[^/]+$/, encodeURIComponent(value));
			await expectSafe(request, url);
		}
	}
});

test('path traversal serves nothing from outside the app', async ({ request }) => {
	const attempts = [
		'/../../../../etc/passwd',
		'/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
		'/..%2f..%2f..%2fetc%2fpasswd',
		'/_app/immutable/../../../package.json',
		'/_app/immutable/%2e%2e/%2e%2e/%2e%2e/package.json',
		'/favicon.svg/..%2f..%2fpackage.json',
		'/%2e%2e%5c%2e%2e%5cpackage.json',
		'/data/rapporteur.duckdb',
		'/data/corpus/2013-10-wg2-technical-assistance-report.md',
		'/.env',
		'/src/hooks.server.ts'
	];
	for (const url of attempts) {
		const res = await request.get(url, { maxRedirects: 0 });
		const body = await res.text();
		expect([400, 404, 308, 301], `${url} answered ${res.status()}`).toContain(res.status());
		expect(body).not.toContain('root:x:0:0');
		expect(body).not.toContain('"name": "rapporteur"');
		expect(body).not.toContain('DUCK');
		expect(body).not.toContain(
			'Report on the meeting of the Working Group of Government Experts on Technical Assistance held in Vienna from 28'
		);
	}
});

test('security headers on pages and API answers', async ({ request }) => {
	for (const url of ['/', '/meetings', '/api/meetings']) {
		const res = await request.get(url);
		const h = res.headers();
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['x-frame-options']).toBe('DENY');
		expect(h['referrer-policy']).toBeTruthy();
		if ((h['content-type'] ?? '').includes('text/html')) {
			expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
			expect(h['content-security-policy']).toContain("object-src 'none'");
			expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
		}
	}
});

test('cross-site form posts are refused', async ({ request }) => {
	const res = await request.post('/', {
		headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
		data: 'a=1'
	});
	expect(res.status()).toBe(403);
});
