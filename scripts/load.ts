/**
 * npm run load: 50 concurrent connections for 30 s across the main pages of the built app, on a
 * database of 100× the corpus, on loopback only. Prints one JSON line per measure (errors,
 * non-2xx answers, latency p50/p99, throughput, server memory at the start and the end) and exits
 * non-zero when a request failed or memory kept growing.
 *
 *   npm run load -- [--docs 500] [--seconds 30] [--connections 50] [--no-build]
 *
 * Bounded: a warm-up run of 5 s, then one autocannon run of --seconds, against 127.0.0.1 on a free
 * port, server stopped after. The synthetic corpus is kept in bench-out/load/ (seeded: the same files
 * every time) and ingested on every run, which writes nothing when neither it nor the schema changed.
 * The app is built first (`vite build`) unless --no-build.
 */
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serverEnvironment, serverNodeOptions } from './server-options.js';

const { values } = parseArgs({
	options: {
		docs: { type: 'string', default: '500' },
		seconds: { type: 'string', default: '30' },
		connections: { type: 'string', default: '50' },
		'no-build': { type: 'boolean', default: false }
	}
});
const docs = Number(values.docs);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const out = path.resolve('bench-out/load');
const db = path.join(out, `load-${docs}.duckdb`);

function emit(measure: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
	console.log(
		JSON.stringify({ measure, scale: docs / 5, value: Math.round(value * 100) / 100, unit, ...extra })
	);
}

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}

function rssMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main() {
	fs.mkdirSync(out, { recursive: true });
	const corpus = path.join(out, `corpus-${docs}`);
	if (!fs.existsSync(corpus)) {
		execFileSync(
			process.execPath,
			['--import', 'tsx', 'scripts/synth.ts', '--docs', String(docs - 5), '--seed', '7', '--out', corpus],
			{ stdio: 'inherit' }
		);
		for (const f of fs.readdirSync('data/corpus'))
			fs.copyFileSync(path.join('data/corpus', f), path.join(corpus, f));
	}
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--db', db, corpus], {
		stdio: 'inherit'
	});
	if (!values['no-build'] || !fs.existsSync('build/index.js'))
		execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });

	const port = await freePort();
	const server = spawn(process.execPath, [...serverNodeOptions(), 'build'], {
		env: { ...serverEnvironment(), HOST: '127.0.0.1', PORT: String(port), RAPPORTEUR_DB: db },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${base}/favicon.svg`)).ok) break;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const meeting = (await (await fetch(`${base}/api/meetings`)).json()).rows?.[0]?.id ?? '';
	const pages = [
		'/',
		'/participation',
		'/countries',
		'/countries/USA',
		'/compare?e=USA,CAN,NGA',
		'/meetings',
		`/meetings/${meeting}`,
		'/data'
	];
	// Warm up under the same load for a few seconds, so that what follows measures the steady state (caches
	// and compiled code in place) and growth after it is what "flat" is about.
	for (const p of pages) await fetch(base + p);
	await autocannon({
		url: base,
		connections,
		duration: 5,
		requests: pages.map((p) => ({ method: 'GET', path: p }))
	});
	const rssStart = rssMb(server.pid!);
	const samples: number[] = [];
	const sampler = setInterval(() => samples.push(rssMb(server.pid!)), 1000);

	const result = await autocannon({
		url: base,
		connections,
		duration: seconds,
		requests: pages.map((p) => ({ method: 'GET', path: p }))
	});
	clearInterval(sampler);
	const rssEnd = rssMb(server.pid!);
	server.kill('SIGTERM');

	const errors = result.errors + result.timeouts;
	const non2xx = result.non2xx;
	emit('load requests', result.requests.total, 'requests', { connections, seconds, pages });
	emit('load errors', errors, 'requests', { target: 0, ok: errors === 0 });
	emit('load non-2xx', non2xx, 'requests', { target: 0, ok: non2xx === 0 });
	emit('load latency p50', result.latency.p50, 'ms');
	emit('load latency p99', result.latency.p99, 'ms');
	emit('load throughput', result.requests.average, 'requests/s');
	// Memory is "flat" when the last third of the run holds no more than 15 % above its first third.
	const third = Math.max(1, Math.floor(samples.length / 3));
	const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
	const early = avg(samples.slice(0, third));
	const late = avg(samples.slice(-third));
	const flat = late <= early * 1.15;
	emit('server RSS at start', rssStart, 'MB');
	emit('server RSS peak during load', Math.max(...samples, rssStart), 'MB', {
		target: 300,
		ok: Math.max(...samples) <= 300
	});
	emit('server RSS at end', rssEnd, 'MB');
	emit('server RSS growth, last third vs first third', ((late - early) / early) * 100, '%', {
		target: 15,
		ok: flat
	});
	process.exitCode = errors === 0 && non2xx === 0 && flat ? 0 : 1;
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
