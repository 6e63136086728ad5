/**
 * An ingest run in a child Node process (`scripts/ingest.ts --json`), for the /add page.
 *
 * The web server's JavaScript heap is capped for serving (128 MB, scripts/server-options.js), but an ingest ends
 * with the derivation of topics, follow-up links and the search index over the whole corpus, which needs far more
 * at scale: at 1,000× the corpus it ran out of heap after 5 s. V8's heap limit is not an exception but the end of
 * the process, so in-process it took the server down with it. In a child with Node's own heap limit, the worst case
 * is a failed child: the server goes on answering (the derivation no longer blocks its event loop either), and the
 * database is the one from before, as after any failed ingest.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { IngestSummary } from './ingest';

export interface IngestProcessOptions {
	/** Where scripts/ingest.ts is: the project folder, which `npm start` makes the working directory. */
	root?: string;
	/** The child's heap cap in MB (--max-old-space-size); Node's default (a quarter of memory, up to 4 GB) if unset. */
	heapMb?: number;
}

/** Ingest `files` into `db` in a child process; resolves to its summary, rejects with the reason it gave. */
export function ingestInChildProcess(
	db: string,
	files: string[],
	opts: IngestProcessOptions = {}
): Promise<IngestSummary> {
	const root = opts.root ?? process.cwd();
	const script = path.join(root, 'scripts', 'ingest.ts');
	if (!fs.existsSync(script)) {
		return Promise.reject(
			new Error(`${script} not found: run the server from the project folder (npm start does)`)
		);
	}
	const heap = opts.heapMb === undefined ? [] : [`--max-old-space-size=${opts.heapMb}`];
	// The server's own Node options (its heap cap) are arguments of its process, not inherited by a spawned one.
	const args = [...heap, '--import', 'tsx', script, '--db', path.resolve(db), '--json', '--', ...files];
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			// Exit code 1 (a file failed) still prints the summary, with the failure's reason in it.
			const summary = lastJsonLine(stdout);
			if (summary && (code === 0 || code === 1)) return resolve(summary);
			reject(new Error(childFailure(code, signal, stderr)));
		});
	});
}

function lastJsonLine(stdout: string): IngestSummary | null {
	const line = stdout.trim().split('\n').at(-1) ?? '';
	if (!line.startsWith('{')) return null;
	try {
		return JSON.parse(line) as IngestSummary;
	} catch {
		return null;
	}
}

/** The reason a child gave no summary, in words for the person who added the report. */
export function childFailure(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
	if (/heap out of memory|Reached heap limit/.test(stderr)) {
		return 'the ingest ran out of memory (set RAPPORTEUR_INGEST_HEAP_MB higher)';
	}
	// scripts/ingest.ts writes "ingest failed: <reason>" as its last line; keep only the reason.
	const last =
		stderr
			.trim()
			.split('\n')
			.at(-1)
			?.replace(/^ingest failed: /, '') ?? '';
	const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
	return last ? last : `the ingest process ${how}`;
}
