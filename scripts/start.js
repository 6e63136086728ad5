/**
 * npm start: from a fresh checkout to a running server in one command.
 *
 * 1. Ingest the corpus into the database ($RAPPORTEUR_DB, default data/rapporteur.duckdb) with
 *    `npx tsx scripts/ingest.ts`: nothing is written when the corpus and the schema are unchanged; files
 *    that fail are reported and do not stop the start.
 * 2. If build/ is missing or older than the sources, run `vite build`.
 * 3. Run `node build` on $HOST:$PORT (default 127.0.0.1:3000), forwarding SIGINT/SIGTERM, exiting with its code.
 *
 * Plain Node ESM with no dependency, so it runs before anything is built.
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverEnvironment, serverNodeOptions } from './server-options.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const dbPath = process.env.RAPPORTEUR_DB || 'data/rapporteur.duckdb';
/** What `vite build` reads: a newer file here means the build is stale. */
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];

/** Run a command with inherited stdio; resolves to its exit code. */
function run(command, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit' });
		child.on('error', reject);
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

/** Newest modification time under `p` (0 when it does not exist). */
function newestMtime(p) {
	let stat;
	try {
		stat = fs.statSync(p);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
	return newest;
}

async function main() {
	// Every start runs the ingest: it returns at once when neither the corpus nor the schema changed (about half a
	// second), and rebuilds a database written by an older version of the app, which the pages could not read.
	console.log(
		fs.existsSync(dbPath)
			? `checking ${dbPath} against data/corpus/`
			: `${dbPath} is missing: ingesting data/corpus/`
	);
	const code = await run('npx', ['tsx', 'scripts/ingest.ts', '--db', dbPath]);
	// Exit code 1 means some files failed but the others were ingested: the app can still start.
	if (!fs.existsSync(dbPath)) {
		console.error(`ingest failed (exit code ${code}); not starting`);
		return code || 1;
	}

	const built = fs.existsSync('build/index.js') ? fs.statSync('build/index.js').mtimeMs : 0;
	const sources = Math.max(...SOURCES.map(newestMtime));
	if (built === 0 || sources > built) {
		console.log(
			built === 0 ? 'build/ is missing: building' : 'sources changed since the last build: building'
		);
		const code = await run('npx', ['vite', 'build']);
		if (code !== 0) {
			console.error(`vite build failed (exit code ${code})`);
			return code;
		}
	}

	const port = process.env.PORT || '3000';
	// Loopback unless told otherwise: beyond it, writes (adding reports, curating) need RAPPORTEUR_WRITE_TOKEN.
	const host = process.env.HOST || '127.0.0.1';
	console.log(`starting on http://localhost:${port}`);
	const server = spawn(process.execPath, [...serverNodeOptions(), 'build'], {
		stdio: 'inherit',
		env: {
			...serverEnvironment(),
			PORT: port,
			HOST: host,
			RAPPORTEUR_DB: dbPath,
			// Reports added from the browser may be up to 10 MB (adapter-node's default limit is 512 kB).
			BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '11M'
		}
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => server.kill(signal));
	}
	return new Promise((resolve) => {
		server.on('exit', (code, signal) =>
			resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1))
		);
	});
}

main().then(
	(code) => process.exit(code),
	(err) => {
		console.error(`npm start failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exit(1);
	}
);
