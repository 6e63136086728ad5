/**
 * npm run bench [-- --seed 1 --scales 1,100,1000 --requests 50 --no-browser --no-build]
 *
 * How Rapporteur holds at 1×, 100× and 1,000× the corpus (5, 500 and 5,000 documents: the five real
 * reports plus synthetic ones from src/lib/synth). Prints ONE JSON line per measure on stdout,
 *   {"measure": "page /participation p95", "scale": 1000, "value": 12.3, "unit": "ms", "target": 50, "ok": true}
 * (target and ok where the issue sets a target) and a copy in bench-out/bench-<time>.jsonl; progress
 * goes to stderr. A benchmark, not a test: it never fails on a missed target.
 *
 * The sources are copied to bench-out/project first and everything runs from that copy (the app
 * is built there with `vite build` and served with `node build`), so that other engineers' edits
 * and builds during the run change nothing in it. Then per scale, and on to the next:
 * 1. `npm run ingest` into a new database with the derivation switched off (parse and write: MB/s
 *    of text, documents/s), then `npm run derive` (topics and follow-up links) within a time
 *    limit, the database size, and an unchanged re-ingest (in process, and as `npm run ingest`);
 * 2. each page and API endpoint, discovered from src/routes/**\/+page.svelte and
 *    src/routes/api/**\/+server.ts with a GET: a meeting's or country's `[id]` takes the heaviest
 *    one (most attendance rows), a `[dataset]`-like parameter every value the endpoint's 404 message
 *    lists, any other the first matching link on the pages; the search page and API also with the
 *    queries of SEARCHES (`api /api/search?q=corruption p95`). One server, with RAPPORTEUR_QUERY_LOG
 *    set (src/lib/server/db.ts), answers each endpoint: a warm-up request, then up to --requests
 *    samples within a budget of BUDGET_MS (at least MIN_SAMPLES); an endpoint slower than SLOW_MS
 *    after its warm-up has one sample. The warm-up itself is reported (`first request`): pages that
 *    memoize per corpus version pay their computation there. p50 and p95 of the server time: the
 *    `server-timing` (or `x-response-time`) header when the app sends one, else the latency on
 *    loopback; with the p50 line, `dbP50` and `restP50`: the p50 of the time in DuckDB (`db;dur=`,
 *    src/hooks.server.ts) and of the rest of the server time;
 * 3. the SQL the endpoint ran (the log lines of its second request) replayed on its own connection
 *    with @duckdb/node-api and the app's settings (READ_ONLY, 2 threads, 80MB): p50 of the sum of
 *    its queries, the slowest query, and the ratio page p50 / SQL p50 (the plan of the slowest
 *    query of an endpoint over target at the largest scale goes to bench-out/explain-*.txt);
 * 4. peak RSS of the server (VmHWM of /proc/<pid>/status);
 * 5. at the largest scale, headless Chromium on the front page and the heaviest page: first
 *    contentful paint, time until a filter change is acted on and until the new view shows, bytes
 *    of HTML and JS transferred.
 * Fields `n` (samples), `note` (why fewer, or null) and the machine's load average say how far to
 * trust a line: other processes on the machine skew every timing.
 *
 * Everything runs on 127.0.0.1; files go to bench-out/ (git-ignored). The synthetic corpus is cached
 * per seed and generator version in bench-out/synth-<seed>/.
 */

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { pathToFileURL } from 'node:url';
import type { IngestFile } from '../src/lib/server/ingest';
import { loadReferenceEntities } from '../src/lib/server/reference';
import { generateReport } from '../src/lib/synth';
import { serverEnvironment, serverNodeOptions } from './server-options.js';

const OUT = path.resolve('bench-out');
const CORPUS = 'data/corpus';
/**
 * The sources as they were when the bench started (see snapshot()): the app is built, and the ingest
 * and derive scripts run, from this copy, so that a change another engineer makes to the working
 * tree during the run cannot mix two versions (say, two schema versions) in one set of numbers.
 */
const PROJECT = path.join(OUT, 'project');
/** Targets from the issue. */
const TARGET = { ingestMBps: 5, p95ms: 50, ratio: 1.3, rssMB: 300, reingestMs: 1000 };
/** Time budget per endpoint for requests and for the SQL replay, once 10 samples are in. */
const BUDGET_MS = 2000;
const MIN_SAMPLES = 3;
/** A request past this is abandoned, and the server restarted (it may still be busy with it). */
const REQUEST_TIMEOUT_MS = 15_000;
/** An endpoint whose first answer took longer gets that one sample only. */
const SLOW_MS = 1000;
/** Above this page time the SQL is not replayed: the page misses its target by far anyway. */
const REPLAY_LIMIT_MS = 3000;
/**
 * Searches timed on the search page and API besides their bare route (which has no query and does no search):
 * a common word, two words, a quoted phrase. Words of the real reports, so that every scale finds them.
 */
const SEARCHES = ['corruption', 'asset recovery', '"mutual legal assistance"'];
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

const { values: args } = parseArgs({
	options: {
		seed: { type: 'string', default: '1' },
		scales: { type: 'string', default: '1,100,1000' },
		requests: { type: 'string', default: '50' },
		'no-browser': { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false }
	}
});
const seed = Number(args.seed);
const scales = args.scales.split(',').map(Number);
const requests = Number(args.requests);
const runLog = path.join(OUT, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);

function note(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}

interface Line {
	measure: string;
	scale: number;
	value: number | null;
	unit: string;
	target?: number;
	ok?: boolean;
	[extra: string]: unknown;
}

/** One measure, printed as one JSON line; `atMost`/`atLeast` set the target and ok. */
function emit(
	measure: string,
	scale: number,
	value: number | null,
	unit: string,
	extra: { atMost?: number; atLeast?: number; [k: string]: unknown } = {}
): void {
	const { atMost, atLeast, ...rest } = extra;
	const line: Line = { measure, scale, value: value === null ? null : round(value), unit };
	if (atMost !== undefined) Object.assign(line, { target: atMost, ok: value !== null && value <= atMost });
	if (atLeast !== undefined) Object.assign(line, { target: atLeast, ok: value !== null && value >= atLeast });
	Object.assign(line, rest);
	const text = JSON.stringify(line);
	process.stdout.write(text + '\n');
	fs.appendFileSync(runLog, text + '\n');
}

function elapsed(since: number): string {
	return `${((performance.now() - since) / 1000).toFixed(0)} s`;
}

function round(x: number): number {
	return Math.abs(x) >= 100 ? Math.round(x * 10) / 10 : Math.round(x * 100) / 100;
}

function quantile(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	// Nearest rank: p95 of 50 samples is the 48th, an observed value, never an interpolation.
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

// ---------------------------------------------------------------------------------------------
// Corpus

/** The generator's version: its source text. A change to src/lib/synth invalidates the cache. */
function generatorVersion(): string {
	const dir = 'src/lib/synth';
	const h = createHash('sha256');
	for (const f of fs.readdirSync(dir).sort()) {
		if (!f.endsWith('.test.ts')) h.update(f).update(fs.readFileSync(path.join(dir, f)));
	}
	h.update(fs.readFileSync('data/reference/entities.csv'));
	return h.digest('hex').slice(0, 12);
}

/** bench-out/synth-<seed>/ with at least `count` documents, generated once per seed and version. */
function synthCorpus(count: number): string[] {
	const dir = path.join(OUT, `synth-${seed}`);
	const stampFile = path.join(dir, 'stamp.json');
	const version = generatorVersion();
	let stamp: { version: string; files: string[] } | null;
	try {
		stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
	} catch {
		stamp = null;
	}
	if (stamp && stamp.version === version && stamp.files.length >= count) return stamp.files.slice(0, count);
	const started = performance.now();
	// Document i does not depend on how many are generated: a cache of the same version is extended.
	const files = stamp && stamp.version === version ? stamp.files : [];
	if (files.length === 0) fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const entities = loadReferenceEntities();
	for (let i = files.length; i < count; i++) {
		const r = generateReport(seed, i, entities);
		const file = path.join(dir, r.fileName);
		fs.writeFileSync(file, r.text);
		files.push(file);
	}
	fs.writeFileSync(stampFile, JSON.stringify({ version, files }));
	note(`generated ${count} synthetic documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return files;
}

/** A directory of links to the corpus of one scale, so that `npm run ingest -- DIR` sees exactly it. */
function linkCorpus(scale: number, files: string[]): string {
	const dir = path.join(OUT, `corpus-${scale}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const f of files) fs.symlinkSync(path.resolve(f), path.join(dir, path.basename(f)));
	return dir;
}

function readCorpus(files: string[]): IngestFile[] {
	return [...files].sort().map((p) => ({ path: p, bytes: fs.readFileSync(p) }));
}

// ---------------------------------------------------------------------------------------------
// Ingest

/** What a run of a script in a new Node process took; a run past its time limit is killed. */
interface ChildRun {
	ms: number;
	code: number | null;
	timedOut: boolean;
	pid: number;
	stdout: string;
}

function runScript(
	script: string,
	scriptArgs: string[],
	env: NodeJS.ProcessEnv,
	limitMs: number
): Promise<ChildRun> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(process.execPath, ['--import', 'tsx', script, ...scriptArgs], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'ignore']
		});
		let stdout = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, limitMs);
		child.on('error', reject);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ ms: performance.now() - started, code, timedOut, pid: child.pid ?? 0, stdout });
		});
	});
}

/**
 * Time limits of the ingest's two steps, so that a run that goes wrong still ends: the derivation of
 * topics and follow-up links (src/lib/server/derive.ts) reads a bounded number of candidates per
 * recommendation, so it grows with the corpus (about 1.5 minutes of CPU at 1,000x on this machine).
 */
const INGEST_LIMIT_MS = 300_000;
const DERIVE_LIMIT_MS: Record<number, number> = { 1: 60_000, 100: 120_000, 1000: 300_000 };

/**
 * Ingest the corpus of a scale into a new database, in two timed steps as separate processes:
 * `npm run ingest` with the derivation switched off (RAPPORTEUR_REFERENCE pointing nowhere: derive.ts
 * then records its error and the ingest goes on), which is parsing and writing; then `npm run
 * derive`, which adds the derived tables, killed at its time limit (the database then keeps none).
 * Then an unchanged re-ingest, in process and as `npm run ingest`.
 */
async function measureIngest(scale: number, files: string[], corpusDir: string, db: string): Promise<void> {
	for (const f of [db, `${db}.wal`]) fs.rmSync(f, { force: true });
	const mb = files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1e6;
	const noDerive = { RAPPORTEUR_REFERENCE: path.join(OUT, 'no-reference') };
	const ingest = await runScript(
		path.join(PROJECT, 'scripts/ingest.ts'),
		['--db', db, corpusDir],
		noDerive,
		INGEST_LIMIT_MS
	);
	if (ingest.timedOut || !fs.existsSync(db))
		throw new Error(`ingest at ${scale}x failed or ran past ${INGEST_LIMIT_MS} ms`);
	note(
		`scale ${scale}: ingested ${files.length} files (${mb.toFixed(1)} MB) in ${(ingest.ms / 1000).toFixed(1)} s`
	);
	const failed = Number(/(\d+) failed/.exec(ingest.stdout)?.[1] ?? NaN);
	emit('ingest throughput, parse and write (derive off)', scale, mb / (ingest.ms / 1000), 'MB/s', {
		atLeast: TARGET.ingestMBps,
		documents: files.length,
		MB: round(mb),
		failed
	});
	emit('ingest documents per second (derive off)', scale, files.length / (ingest.ms / 1000), 'documents/s');

	const limit = DERIVE_LIMIT_MS[scale] ?? 60_000;
	const derive = await runScript(path.join(PROJECT, 'scripts/derive.ts'), ['--db', db], {}, limit);
	if (derive.timedOut) {
		// A killed derive leaves its working copy and lock behind; the database itself is untouched.
		for (const f of [`${db}.tmp-${derive.pid}`, `${db}.tmp-${derive.pid}.wal`, `${db}.tmp.lock`])
			fs.rmSync(f, { force: true });
	}
	note(
		`scale ${scale}: derive ${derive.timedOut ? `killed after ${limit / 1000} s` : `in ${(derive.ms / 1000).toFixed(1)} s`}`
	);
	emit('derive time (topics and follow-up links)', scale, derive.timedOut ? null : derive.ms, 'ms', {
		...(derive.timedOut
			? { note: `killed at its limit of ${limit / 1000} s; the database has no derived tables` }
			: {}),
		links: Number(/(\d+) follow-up links/.exec(derive.stdout)?.[1] ?? NaN)
	});
	emit(
		'ingest throughput, with derive',
		scale,
		derive.timedOut ? null : mb / ((ingest.ms + derive.ms) / 1000),
		'MB/s',
		{
			atLeast: TARGET.ingestMBps,
			...(derive.timedOut ? { note: `below ${round(mb / ((ingest.ms + limit) / 1000))}` } : {})
		}
	);
	emit('database size', scale, fs.statSync(db).size / 1e6, 'MB');

	// Unchanged corpus, in process: read the files, hash them, find nothing to do.
	const { ingestFiles } = (await import(
		pathToFileURL(path.join(PROJECT, 'src/lib/server/ingest.ts')).href
	)) as typeof import('../src/lib/server/ingest');
	const entities = loadReferenceEntities();
	let started = performance.now();
	const again = await ingestFiles(db, readCorpus(files), { entities });
	emit('re-ingest unchanged, in process', scale, performance.now() - started, 'ms', {
		...(scale === 1 ? { atMost: TARGET.reingestMs } : {}),
		rewritten: again.rewritten
	});
	// As a user runs it: a new Node process through tsx, walking the directory.
	started = performance.now();
	execFileSync(
		process.execPath,
		['--import', 'tsx', path.join(PROJECT, 'scripts/ingest.ts'), '--db', db, corpusDir],
		{
			stdio: 'ignore'
		}
	);
	emit('re-ingest unchanged, npm run ingest', scale, performance.now() - started, 'ms', {
		...(scale === 1 ? { atMost: TARGET.reingestMs } : {})
	});
}

/** Rows of the main tables, to show what a scale holds. */
async function emitRowCounts(conn: DuckDBConnection, scale: number): Promise<void> {
	for (const table of [
		'document',
		'meeting',
		'attendance',
		'statement',
		'recommendation',
		'paragraph',
		'followup_link'
	]) {
		try {
			// The table names are the constants above, not input: an identifier cannot be a bound parameter.
			const sql = `SELECT count(*)::INTEGER FROM "${table}"`;
			const reader = await conn.runAndReadAll(sql);
			emit(`rows ${table}`, scale, Number(reader.getRows()[0]?.[0]), 'rows');
		} catch {
			// A table the database does not have (no derived tables at this scale).
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Server

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}

interface Server {
	base: string;
	child: ChildProcess;
}

async function startServer(appDir: string, db: string, queryLog: string | null): Promise<Server> {
	const port = await freePort();
	const env: NodeJS.ProcessEnv = {
		...serverEnvironment(),
		HOST: '127.0.0.1',
		PORT: String(port),
		RAPPORTEUR_DB: db
	};
	delete env.RAPPORTEUR_QUERY_LOG;
	if (queryLog) env.RAPPORTEUR_QUERY_LOG = queryLog;
	const child = spawn(process.execPath, [...serverNodeOptions(), appDir], {
		env,
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr?.on('data', (d: Buffer) => {
		stderr = (stderr + d.toString()).slice(-4000);
	});
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
		try {
			await fetch(`${base}/`, { signal: AbortSignal.timeout(30_000) });
			return { base, child };
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	child.kill('SIGTERM');
	throw new Error(`server did not answer on ${base}: ${stderr}`);
}

async function stopServer(server: Server): Promise<void> {
	if (server.child.exitCode !== null) return;
	const exited = new Promise((r) => server.child.once('exit', r));
	server.child.kill('SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
	if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

/** A field of the server's /proc/<pid>/status in MB (VmHWM: the peak so far). */
function serverMemory(served: Served): (field: string) => number {
	const status = fs.readFileSync(`/proc/${served.server.child.pid!}/status`, 'utf8');
	return (field) => Number(new RegExp(`${field}:\\s+(\\d+)\\s*kB`).exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * Peak resident memory of a process (VmHWM), in MB, with the current split between anonymous
 * memory (heaps, DuckDB's buffers) and mapped files (libduckdb.so alone is 70 MB on disk).
 */
function emitRss(measure: string, scale: number, served: Served): void {
	const mb = serverMemory(served);
	emit(measure, scale, mb('VmHWM'), 'MB', {
		atMost: TARGET.rssMB,
		nowAnonMB: round(mb('RssAnon')),
		nowFileMB: round(mb('RssFile')),
		...(served.restarts ? { note: `since the last of ${served.restarts} restarts` } : {})
	});
}

interface Sample {
	ms: number;
	/** True when `ms` came from a server-timing or x-response-time header. */
	fromHeader: boolean;
	/** The part of `ms` the app spent in DuckDB (`db;dur=` of server-timing), null when it sends none. */
	dbMs: number | null;
	status: number;
	bytes: number;
}

async function request(base: string, url: string, html: boolean): Promise<Sample> {
	const started = performance.now();
	const res = await fetch(base + url, {
		headers: { accept: html ? 'text/html' : 'application/json' },
		redirect: 'manual',
		signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
	});
	const body = await res.arrayBuffer();
	const latency = performance.now() - started;
	const header = serverTime(res.headers);
	return {
		ms: header ?? latency,
		fromHeader: header !== null,
		dbMs: timingEntry(res.headers.get('server-timing'), 'db'),
		status: res.status,
		bytes: body.byteLength
	};
}

/** The duration of one named entry of a server-timing header (`db;dur=4.1`), or null. */
function timingEntry(timing: string | null, name: string): number | null {
	const m = timing && new RegExp(`(?:^|,)\\s*${name};[^,]*dur=([\\d.]+)`).exec(timing);
	return m ? Number(m[1]) : null;
}

/**
 * Server time from `server-timing`: its `total` entry, else its `app` entry (the app's, whose `db` entry is a
 * part of it), else the sum of the durations; or from `x-response-time: 12.3ms`.
 */
function serverTime(headers: Headers): number | null {
	const timing = headers.get('server-timing');
	if (timing) {
		const durs = [...timing.matchAll(/dur=([\d.]+)/g)].map((m) => Number(m[1]));
		const whole = timingEntry(timing, 'total') ?? timingEntry(timing, 'app');
		if (whole !== null) return whole;
		if (durs.length) return durs.reduce((a, b) => a + b, 0);
	}
	const rt = headers.get('x-response-time');
	if (rt && /^[\d.]+\s*(?:ms)?$/.test(rt.trim())) return parseFloat(rt);
	return null;
}

// ---------------------------------------------------------------------------------------------
// Endpoints

interface Route {
	/** The route as written: /countries/[id]. */
	route: string;
	kind: 'page' | 'api';
}

interface Endpoint extends Route {
	/** The URL requested: /countries/USA. */
	url: string;
}

function walk(dir: string, out: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(p, out);
		else out.push(p);
	}
	return out;
}

/** Pages (+page.svelte) and GET API endpoints (api/**\/+server.ts) of src/routes. */
function discoverRoutes(): { routes: Route[]; skipped: string[] } {
	const routes: Route[] = [];
	const skipped: string[] = [];
	for (const file of walk('src/routes').sort()) {
		const rel = path.relative('src/routes', path.dirname(file)).split(path.sep).filter(Boolean);
		// Route groups "(app)" do not appear in URLs; optional parameters are left out.
		const segments = rel.filter((s) => !/^\(.*\)$/.test(s) && !/^\[\[.*\]\]$/.test(s));
		const route = '/' + segments.join('/');
		if (path.basename(file) === '+page.svelte') routes.push({ route, kind: 'page' });
		else if (path.basename(file) === '+server.ts' && segments[0] === 'api') {
			const source = fs.readFileSync(file, 'utf8');
			if (/export\s+(?:const|async function|function)\s+GET\b/.test(source))
				routes.push({ route, kind: 'api' });
			else skipped.push(`${route} (no GET)`);
		}
	}
	return { routes, skipped };
}

/** The heaviest meeting and entity of the database: the most attendance rows. */
async function heaviestIds(
	conn: DuckDBConnection
): Promise<{ meeting: string; entity: string; entities: string[] }> {
	const meeting = await conn.runAndReadAll(
		`SELECT meeting_id FROM attendance GROUP BY meeting_id ORDER BY count(*) DESC, meeting_id LIMIT 1`
	);
	const entities = await conn.runAndReadAll(
		`SELECT entity_id FROM attendance WHERE entity_id IS NOT NULL GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 3`
	);
	const ids = entities.getRows().map((r) => String(r[0]));
	return { meeting: String(meeting.getRows()[0]?.[0] ?? ''), entity: ids[0] ?? '', entities: ids };
}

/**
 * Concrete URLs for the routes, in this order of preference:
 * 1. a meeting's or a country's `[id]`: the heaviest one of the database (most attendance rows);
 * 2. a last parameter such as `[dataset]`: every value that the endpoint's 404 message lists
 *    ("known: a, b" or "Use one of a, b.");
 * 3. any other: the first link to such a URL on the app's pages without parameters (for an API
 *    route, a link to the page of the same path without /api).
 */
async function resolveEndpoints(
	routes: Route[],
	base: string,
	ids: { meeting: string; entity: string; entities: string[] }
): Promise<{ endpoints: Endpoint[]; skipped: string[] }> {
	const endpoints: Endpoint[] = [];
	const skipped: string[] = [];
	let links: string[] | null = null;
	for (const r of routes) {
		let urls: string[] = [];
		const params = [...r.route.matchAll(/\[([^\]]+)\]/g)];
		if (params.length === 0) urls = [r.route];
		else if (/\/meetings\/\[[^\]/]+\]$/.test(r.route))
			urls = [r.route.replace(/\[[^\]]+\]$/, encodeURIComponent(ids.meeting))];
		else if (/\/countries\/\[[^\]/]+\]$/.test(r.route))
			urls = [r.route.replace(/\[[^\]]+\]$/, encodeURIComponent(ids.entity))];
		if (urls.length === 0 && params.length === 1 && r.route.endsWith(']')) {
			const res = await fetch(base + r.route.replace(/\[[^\]]+\]$/, '__bench_probe__'), {
				headers: { accept: 'application/json' }
			});
			const list = /(?:known|one of)[:\s]+([\w-]+(?:,\s*[\w-]+)+)/.exec(await res.text())?.[1];
			if (list) urls = list.split(/,\s*/).map((v) => r.route.replace(/\[[^\]]+\]$/, encodeURIComponent(v)));
		}
		if (urls.length === 0) {
			links ??= await pageLinks(base, routes);
			const pattern = new RegExp(
				`^${r.route.replace(/^\/api(?=\/)/, '').replace(/\[[^\]]+\]/g, '([^/?#]+)')}$`
			);
			const found = links.find((l) => pattern.test(l));
			if (found) urls = [r.route.startsWith('/api/') ? `/api${found}` : found];
		}
		if (urls.length === 0) skipped.push(`${r.route} (no value found for its parameters)`);
		// The comparison needs entities to compare: the three with the most attendance.
		if (/compare/.test(r.route)) urls = urls.map((u) => `${u}?e=${ids.entities.join(',')}`);
		for (const url of urls) endpoints.push({ ...r, url });
		if (r.route === '/search' || r.route === '/api/search')
			for (const q of SEARCHES) endpoints.push({ ...r, url: `${r.route}?${new URLSearchParams({ q })}` });
	}
	return { endpoints, skipped };
}

/** Paths linked from the pages without parameters, in order of appearance. */
async function pageLinks(base: string, routes: Route[]): Promise<string[]> {
	const out: string[] = [];
	for (const r of routes) {
		if (r.kind !== 'page' || r.route.includes('[')) continue;
		const html = await (await fetch(base + r.route, { headers: { accept: 'text/html' } })).text();
		// SvelteKit writes links relative to the page ("./topics/sherloc") unless paths.relative is off.
		for (const m of html.matchAll(/href="([^"]*)"/g)) {
			const url = new URL(decodeHtml(m[1]!), base + r.route);
			if (url.origin === new URL(base).origin) out.push(url.pathname);
		}
	}
	return out;
}

function decodeHtml(s: string): string {
	return s
		.replace(/&amp;/g, '&')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&quot;/g, '"');
}

interface QueryRecord {
	sql: string;
	params?: Record<string, unknown> | unknown[];
}

/**
 * The parameters of a logged query as the app bound them. JSON keeps numbers, strings, booleans
 * and null as they were; a DuckDB list value (`listValue([...])`) comes out as `{"items": [...]}`
 * and is made a list value again.
 */
function bindable(params: QueryRecord['params']): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
	const revive = (v: unknown): DuckDBValue => {
		if (v && typeof v === 'object' && Array.isArray((v as { items?: unknown }).items)) {
			return listValue((v as { items: unknown[] }).items.map(revive));
		}
		return v as DuckDBValue;
	};
	if (params === undefined) return undefined;
	if (Array.isArray(params)) return params.map(revive);
	return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, revive(v)]));
}

/** A server that can be restarted after a request it did not answer in time. */
class Served {
	constructor(
		public server: Server,
		private readonly start: () => Promise<Server>
	) {}

	get base(): string {
		return this.server.base;
	}

	/** Restarts so far: the peak RSS read afterwards covers only the time since the last one. */
	restarts = 0;

	async restart(): Promise<void> {
		await stopServer(this.server);
		this.server = await this.start();
		this.restarts++;
	}
}

/** The lines appended to the query log since `offset` (a byte position). */
function logSince(logFile: string, offset: number): QueryRecord[] {
	if (!fs.existsSync(logFile)) return [];
	const fd = fs.openSync(logFile, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		const buffer = Buffer.alloc(Math.max(0, size - offset));
		fs.readSync(fd, buffer, 0, buffer.length, offset);
		return buffer
			.toString('utf8')
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l) as QueryRecord);
	} finally {
		fs.closeSync(fd);
	}
}

function logSize(logFile: string): number {
	return fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
}

interface Timing {
	p50: number | null;
	p95: number | null;
	n: number;
	/** One sample only: the request after the warm-up took SLOW_MS or more. */
	slow: boolean;
	timedOut: boolean;
	fromHeader: boolean;
	/** p50 of the DuckDB time of the samples, and of the rest of their server time; null without `db;dur=`. */
	dbP50: number | null;
	restP50: number | null;
	status: number | null;
	bytes: number;
	/** The SQL the endpoint ran: that of its second request (the first may fill the app's caches). */
	queries: QueryRecord[];
	/** The first request (the warm-up): what a visitor waits for when the app's caches are cold. */
	firstMs: number | null;
}

/**
 * Time one endpoint on the server with the query log on (appending a line per query costs some tens
 * of microseconds, against page times of milliseconds). The first request is a warm-up, reported
 * apart (pages that memoize per corpus version pay their computation there). The second is the
 * first sample: from SLOW_MS on it is the only one, so that the run stays within its time; under
 * it, samples follow until there are --requests of them or the endpoint has used its budget (at
 * least MIN_SAMPLES).
 */
async function timeEndpoint(served: Served, e: Endpoint, logFile: string): Promise<Timing> {
	const html = e.kind === 'page';
	const samples: Sample[] = [];
	let timedOut = false;
	let slow = false;
	let offset = logSize(logFile);
	let queries: QueryRecord[] = [];
	let firstMs: number | null = null;
	try {
		const first = await request(served.base, e.url, html);
		firstMs = first.ms;
		queries = logSince(logFile, offset);
		// The second request is the first sample: it shows whether the first one only filled a cache.
		offset = logSize(logFile);
		samples.push(await request(served.base, e.url, html));
		queries = logSince(logFile, offset);
		if (samples[0]!.ms >= SLOW_MS) {
			slow = true;
		} else {
			const started = performance.now();
			while (
				samples.length < requests &&
				(samples.length < MIN_SAMPLES || performance.now() - started < BUDGET_MS)
			) {
				samples.push(await request(served.base, e.url, html));
			}
		}
	} catch {
		timedOut = true;
		if (queries.length === 0) queries = logSince(logFile, offset);
		await served.restart();
	}
	const ms = samples.map((s) => s.ms);
	const split = samples.every((s) => s.fromHeader && s.dbMs !== null) && samples.length > 0;
	return {
		p50: ms.length ? quantile(ms, 0.5) : null,
		p95: ms.length ? quantile(ms, 0.95) : null,
		n: samples.length,
		slow,
		timedOut,
		fromHeader: samples.length > 0 && samples.every((s) => s.fromHeader),
		dbP50: split
			? quantile(
					samples.map((s) => s.dbMs!),
					0.5
				)
			: null,
		restP50: split
			? quantile(
					samples.map((s) => s.ms - s.dbMs!),
					0.5
				)
			: null,
		status: samples[0]?.status ?? null,
		bytes: samples[0]?.bytes ?? 0,
		queries,
		firstMs
	};
}

/**
 * p50 of the summed time of an endpoint's queries, run one after the other as the log lists them.
 * 20 runs at most: only the median enters the ratio.
 */
async function timeSql(
	conn: DuckDBConnection,
	queries: QueryRecord[],
	slow: boolean
): Promise<{ p50: number; n: number; slowest: QueryRecord; slowestMs: number }> {
	const each = queries.map(() => [] as number[]);
	const run = async () => {
		const started = performance.now();
		for (const [i, q] of queries.entries()) {
			const t = performance.now();
			await conn.runAndReadAll(q.sql, bindable(q.params));
			each[i]!.push(performance.now() - t);
		}
		return performance.now() - started;
	};
	const warm = slow ? 0 : 2;
	for (let i = 0; i < warm; i++) await run();
	const times: number[] = [];
	const started = performance.now();
	while (
		times.length < Math.min(10, requests) &&
		(times.length < (slow ? 1 : 5) || performance.now() - started < BUDGET_MS / 2)
	) {
		times.push(await run());
	}
	const medians = each.map((t) => quantile(t.slice(warm), 0.5));
	const worst = medians.indexOf(Math.max(...medians));
	return { p50: quantile(times, 0.5), n: times.length, slowest: queries[worst]!, slowestMs: medians[worst]! };
}

/** EXPLAIN ANALYZE of a query, for the note on a missed target. */
async function explain(conn: DuckDBConnection, q: QueryRecord): Promise<string> {
	// The SQL is the app's own, as its query log recorded it, with its parameters still bound.
	const sql = `EXPLAIN ANALYZE ${q.sql}`;
	const reader = await conn.runAndReadAll(sql, bindable(q.params));
	return reader
		.getRows()
		.map((r) => String(r[1] ?? r[0]))
		.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Browser

async function browserTimings(base: string, pages: string[], scale: number): Promise<void> {
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch {
		note('playwright-core is not installed: no browser timings');
		return;
	}
	if (!fs.existsSync('/usr/bin/chromium')) {
		note('/usr/bin/chromium is missing (apt-get install -y chromium): no browser timings');
		return;
	}
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	try {
		for (const url of pages) {
			try {
				await firstVisit(browser, base, url, scale);
			} catch (err) {
				emit(`browser ${url} first contentful paint`, scale, null, 'ms', { note: String(err).slice(0, 160) });
			}
			try {
				await filterResponse(browser, base, url, scale);
			} catch (err) {
				emit(`browser ${url} filters respond (from visit start)`, scale, null, 'ms', {
					note: String(err).slice(0, 160)
				});
			}
		}
	} finally {
		await browser.close();
	}
}

type Browser = Awaited<ReturnType<(typeof import('playwright-core'))['chromium']['launch']>>;

/** A first visit: empty cache, every byte counted as transferred (encoded body size). */
async function firstVisit(browser: Browser, base: string, url: string, scale: number): Promise<void> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const sizes: Promise<{ type: string; bytes: number }>[] = [];
		page.on('response', (res) => {
			const req = res.request();
			const type =
				req.resourceType() === 'document' ? 'html' : /\.m?js(?:\?|$)/.test(req.url()) ? 'js' : 'other';
			sizes.push(
				req
					.sizes()
					.then((s) => ({ type, bytes: s.responseBodySize }))
					.catch(() => ({ type, bytes: 0 }))
			);
		});
		await page.goto(base + url, { waitUntil: 'networkidle', timeout: 60_000 });
		const fcp = await page.evaluate(
			() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null
		);
		const all = await Promise.all(sizes);
		const sum = (t: string) => all.filter((s) => s.type === t).reduce((n, s) => n + s.bytes, 0);
		emit(`browser ${url} first contentful paint`, scale, fcp, 'ms');
		emit(`browser ${url} HTML transferred`, scale, sum('html') / 1024, 'KiB');
		emit(`browser ${url} JS transferred`, scale, sum('js') / 1024, 'KiB', {
			files: all.filter((s) => s.type === 'js').length
		});
	} finally {
		await context.close();
	}
}

/**
 * Filters: from the start of a new visit until a change of the first filter is acted on (the client
 * asks for the new view's data, __data.json), then until the new view is shown (the URL changes
 * once its data is loaded). Before hydration a change does nothing (without JavaScript the form
 * needs its Apply button), so the change is repeated, alternating two values, until the page
 * answers it.
 */
async function filterResponse(browser: Browser, base: string, url: string, scale: number): Promise<void> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const started = Date.now();
		await page.goto(base + url, { waitUntil: 'commit', timeout: 60_000 });
		const select = page.locator('form.filter-bar select').first();
		const found = await select
			.waitFor({ timeout: 30_000 })
			.then(() => true)
			.catch(() => false);
		const values = found
			? await select.evaluate((el) =>
					[...(el as HTMLSelectElement).options]
						.filter((o) => o.value && !o.selected)
						.slice(0, 2)
						.map((o) => o.value)
				)
			: [];
		if (values.length === 0) {
			emit(`browser ${url} filters respond (from visit start)`, scale, null, 'ms', {
				note: 'no filter bar with a choice on this page'
			});
			return;
		}
		const before = page.url();
		let changedAt = 0;
		let respondedAt: number | null = null;
		// Listening before the first change: the request can start before selectOption returns.
		page.on('request', (r) => {
			if (respondedAt === null && r.url().includes('__data.json')) respondedAt = Date.now();
		});
		for (let i = 0; respondedAt === null && Date.now() - started < 15_000; i++) {
			changedAt = Date.now();
			// The page may re-render the form while it hydrates: a failed attempt is tried again.
			await select.selectOption(values[i % values.length]!, { timeout: 1000 }).catch(() => undefined);
			for (let t = 0; respondedAt === null && t < 10; t++) await page.waitForTimeout(10);
		}
		let how = {};
		if (respondedAt === null) {
			// A form that does not submit on change: its Apply button then.
			how = { note: 'a change alone does nothing on this page: timed with its Apply button' };
			changedAt = Date.now();
			await page.locator('form.filter-bar button').first().click({ timeout: 5000 });
		}
		const shownAt = await page
			.waitForURL((u) => u.href !== before, { timeout: 60_000, waitUntil: 'commit' })
			.then(() => Date.now())
			.catch(() => null);
		// With an Apply button the form works before hydration too, and the loop above only waited for a change
		// alone to act: that wait is not the page's.
		emit(
			`browser ${url} filters respond (from visit start)`,
			scale,
			respondedAt && !('note' in how) ? respondedAt - started : null,
			'ms',
			how
		);
		emit(`browser ${url} filter change to new view shown`, scale, shownAt && shownAt - changedAt, 'ms', how);
	} finally {
		await context.close();
	}
}

// ---------------------------------------------------------------------------------------------

/** What `vite build`, the ingest and the derivation read. */
const PROJECT_INPUTS = [
	'src',
	'scripts',
	'static',
	'data/reference',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'tsconfig.json'
];

/**
 * Copy the sources to bench-out/project and `vite build` there: other engineers build and test in
 * the working tree at the same time, and two builds sharing .svelte-kit/ and build/ break each
 * other. The copy resolves its dependencies from the project's node_modules above it. Returns the
 * built app's directory.
 */
function snapshotAndBuild(): string {
	const app = path.join(PROJECT, 'build');
	if (args['no-build'] && fs.existsSync(path.join(app, 'index.js'))) return app;
	const started = performance.now();
	fs.rmSync(PROJECT, { recursive: true, force: true });
	for (const input of PROJECT_INPUTS) {
		fs.cpSync(input, path.join(PROJECT, input), {
			recursive: true,
			filter: (src) => !/\.test\.ts$/.test(src)
		});
	}
	try {
		execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build'], {
			cwd: PROJECT,
			stdio: ['ignore', 'ignore', 'pipe']
		});
	} catch (err) {
		process.stderr.write(String((err as { stderr?: Buffer }).stderr ?? ''));
		throw err;
	}
	note(`vite build in ${elapsed(started)}`);
	return app;
}

async function main(): Promise<void> {
	const runStarted = performance.now();
	fs.mkdirSync(OUT, { recursive: true });
	// Plans of an earlier run would pass for this one's.
	for (const f of fs.readdirSync(OUT)) if (/^explain-.*\.txt$/.test(f)) fs.rmSync(path.join(OUT, f));
	const real = fs
		.readdirSync(CORPUS)
		.filter((f) => /\.(txt|md)$/.test(f))
		.map((f) => path.join(CORPUS, f));
	const largest = Math.max(...scales);
	const synth = synthCorpus(Math.max(0, largest * real.length - real.length));
	note(`synthetic corpus ready at ${elapsed(runStarted)}`);
	const app = snapshotAndBuild();
	const { routes, skipped } = discoverRoutes();
	for (const s of skipped) note(`not measured: ${s}`);
	emit('machine cores', 0, os.cpus().length, 'cores', {
		memoryGiB: round(os.totalmem() / 2 ** 30),
		node: process.version
	});

	for (const scale of scales) {
		// Other processes on the machine skew every timing: the load average says how much.
		emit('machine load average (1 min) before', scale, os.loadavg()[0]!, 'processes');
		const files = [...real, ...synth.slice(0, scale * real.length - real.length)];
		const corpusDir = linkCorpus(scale, files);
		const db = path.join(OUT, `bench-${scale}.duckdb`);
		await measureIngest(scale, files, corpusDir, db);
		note(`scale ${scale}: ingest measured at ${elapsed(runStarted)}`);

		// The SQL of each endpoint, recorded by a server with the query log on.
		const logFile = path.join(OUT, `queries-${scale}.jsonl`);
		fs.rmSync(logFile, { force: true });
		const instance = await DuckDBInstance.create(db, {
			access_mode: 'READ_ONLY',
			threads: '2',
			memory_limit: '80MB',
			autoinstall_known_extensions: 'false'
		});
		const conn = await instance.connect();
		await emitRowCounts(conn, scale);
		const ids = await heaviestIds(conn);
		const served = new Served(await startServer(app, db, logFile), () => startServer(app, db, logFile));
		const { endpoints, skipped: unresolved } = await resolveEndpoints(routes, served.base, ids);
		for (const s of unresolved) note(`not measured: ${s}`);
		// Finding links requested pages: a new server, so that each endpoint's first request is cold.
		await served.restart();
		served.restarts = 0;
		const timings = new Map<string, Timing>();
		for (const e of endpoints) {
			const t = await timeEndpoint(served, e, logFile);
			timings.set(e.url, t);
			const what = `${e.kind} ${e.url}`;
			const how = {
				n: t.n,
				status: t.status,
				KiB: round(t.bytes / 1024),
				timing: t.fromHeader ? 'server header' : 'loopback latency',
				...(t.slow
					? { note: `one sample: the request after the warm-up took ${SLOW_MS / 1000} s or more` }
					: {}),
				...(t.timedOut ? { note: `a request ran past ${REQUEST_TIMEOUT_MS / 1000} s` } : {})
			};
			// Pages that memoize per corpus version answer repeats from memory: the first request shows
			// what the computation itself costs.
			emit(`${what} first request`, scale, t.firstMs, 'ms');
			// Where the server time goes: in DuckDB (summed over the queries), and the rest (conversion, JSON,
			// rendering, routing); each a median of its own, so the two need not add up to the p50.
			emit(`${what} p50`, scale, t.p50, 'ms', {
				...how,
				...(t.dbP50 !== null && t.restP50 !== null
					? { dbP50: round(t.dbP50), restP50: round(t.restP50) }
					: {})
			});
			// The server's peak memory so far: the endpoint that raises it is the one to look at.
			emit(`${what} p95`, scale, t.p95, 'ms', {
				atMost: TARGET.p95ms,
				...how,
				serverPeakMB: round(serverMemory(served)('VmHWM'))
			});
		}
		note(`scale ${scale}: ${endpoints.length} endpoints timed at ${elapsed(runStarted)}`);
		emitRss('server RSS peak (after requests)', scale, served);

		// The same SQL, raw; not for an endpoint over REPLAY_LIMIT_MS, which misses its target by far.
		for (const e of endpoints) {
			const page = timings.get(e.url)!;
			if (page.queries.length === 0 || page.p50 === null) continue;
			if (page.p50 > REPLAY_LIMIT_MS) {
				emit(`ratio ${e.url} page p50 / sql p50`, scale, null, 'x', {
					atMost: TARGET.ratio,
					note: `not replayed: the page takes over ${REPLAY_LIMIT_MS / 1000} s`
				});
				continue;
			}
			let sql: Awaited<ReturnType<typeof timeSql>>;
			try {
				sql = await timeSql(conn, page.queries, page.p50 > SLOW_MS / 2);
			} catch (err) {
				emit(`ratio ${e.url} page p50 / sql p50`, scale, null, 'x', {
					atMost: TARGET.ratio,
					note: `replay failed: ${(err as Error).message.slice(0, 120)}`
				});
				continue;
			}
			const slowest = sql.slowest.sql.replace(/\s+/g, ' ').trim();
			emit(`sql ${e.url} p50`, scale, sql.p50, 'ms', {
				queries: page.queries.length,
				n: sql.n,
				slowestMs: round(sql.slowestMs),
				slowest: slowest.length > 120 ? `${slowest.slice(0, 120)}…` : slowest
			});
			// An endpoint over its target at the largest scale: keep the plan of its slowest query.
			if (scale === largest && (page.p95 ?? Infinity) > TARGET.p95ms) {
				const file = path.join(OUT, `explain-${scale}-${e.url.replace(/[^\w]+/g, '_')}.txt`);
				const plan = await explain(conn, sql.slowest);
				fs.writeFileSync(file, `${sql.slowest.sql}\n${JSON.stringify(sql.slowest.params)}\n\n${plan}\n`);
			}
			emit(`ratio ${e.url} page p50 / sql p50`, scale, page.p50 / sql.p50, 'x', { atMost: TARGET.ratio });
		}
		conn.closeSync();
		instance.closeSync();
		note(`scale ${scale}: SQL replayed at ${elapsed(runStarted)}`);

		if (scale === largest && !args['no-browser']) {
			const pages = endpoints.filter((e) => e.kind === 'page');
			const heaviest = pages
				.filter((e) => e.url !== '/' && timings.get(e.url)!.p95 !== null)
				.sort((a, b) => timings.get(b.url)!.p95! - timings.get(a.url)!.p95!)[0];
			await browserTimings(served.base, ['/', ...(heaviest ? [heaviest.url] : [])], scale);
			emitRss('server RSS peak (after browser)', scale, served);
		}
		await stopServer(served.server);
		emit('machine load average (1 min) after', scale, os.loadavg()[0]!, 'processes');
		note(`scale ${scale} done at ${elapsed(runStarted)}`);
	}
	emit('bench wall time', 0, (performance.now() - runStarted) / 1000, 's', { atMost: 600 });
	note(`lines also in ${path.relative('.', runLog)}`);
}

main().catch((err: unknown) => {
	console.error(err);
	process.exitCode = 1;
});
