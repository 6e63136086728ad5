/**
 * Ingest while serving: the app keeps answering while a new database is swapped in, moves to the new
 * data without a restart, and an ingest killed with SIGKILL leaves the served database intact.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, query, timingDb } from './db';
import { ingestFiles } from './ingest';
import { loadReferenceEntities } from './reference';
import { curationDir } from './curation';
import { corpusVersion } from './queries/corpus';

const corpus = fs.readdirSync('data/corpus').map((f) => ({
	path: `data/corpus/${f}`,
	bytes: fs.readFileSync(`data/corpus/${f}`)
}));
let dir = '';
let db = '';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const documents = async () =>
	(await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM document'))[0]?.n;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapporteur-swap-'));
	db = path.join(dir, 'app.duckdb');
	process.env.RAPPORTEUR_DB = db;
	process.env.RAPPORTEUR_DB_RECHECK_MS = '0';
	// Served at first: two of the five reports.
	await ingestFiles(db, corpus.slice(0, 2), { entities: loadReferenceEntities() });
});

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('ingest while serving', () => {
	it('keeps answering during the swap and then serves the new data, without a restart', async () => {
		expect(await documents()).toBe(2);
		// The corpus version is read once per database file: no query the second time, a new one after the swap.
		const before = await corpusVersion();
		expect(before.documents).toBe(2);
		const timing = { ms: 0, queries: 0 };
		expect(await timingDb(timing, () => corpusVersion())).toEqual(before);
		expect(timing.queries).toBe(0);
		let stop = false;
		let answered = 0;
		const failures: unknown[] = [];
		// Readers hammer the database the whole time the writer builds and renames the new file.
		const readers = Array.from({ length: 3 }, async () => {
			while (!stop) {
				try {
					const n = await documents();
					expect([2, 5]).toContain(n);
					answered++;
				} catch (e) {
					failures.push(e);
				}
			}
		});
		await ingestFiles(db, corpus, { entities: loadReferenceEntities() });
		// Let readers run a little on the new file too.
		const until = answered + 20;
		while (answered < until) await new Promise((r) => setTimeout(r, 5));
		stop = true;
		await Promise.all(readers);
		expect(failures).toEqual([]);
		expect(await documents()).toBe(5);
		const after = await corpusVersion();
		expect(after.documents).toBe(5);
		expect(after.hash).not.toBe(before.hash);
	});

	it(
		'leaves the served database intact when an ingest is killed with SIGKILL',
		{ timeout: 120_000 },
		async () => {
			const before = sha(db);
			// A corpus large enough that the writer is still busy when it is killed.
			const big = path.join(dir, 'big');
			fs.mkdirSync(big);
			for (let i = 0; i < 300; i++) {
				for (const f of corpus)
					fs.writeFileSync(path.join(big, `${i}-${path.basename(f.path)}`), `${f.bytes}\n\n${i}`);
			}
			const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--db', db, big], {
				stdio: 'ignore'
			});
			// Kill once the writer's temporary copy exists, i.e. in the middle of the run.
			const tmpExists = () => fs.readdirSync(dir).some((f) => f.startsWith('app.duckdb.tmp'));
			for (let waited = 0; !tmpExists() && waited < 60_000; waited += 20)
				await new Promise((r) => setTimeout(r, 20));
			expect(tmpExists()).toBe(true);
			child.kill('SIGKILL');
			await new Promise((r) => child.on('exit', r));
			expect(sha(db)).toBe(before);
			expect(await documents()).toBe(5);
			// The next run cleans up after the killed one and completes.
			const summary = await ingestFiles(db, corpus, { entities: loadReferenceEntities() });
			expect(summary.failed).toEqual([]);
			expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
		}
	);

	it("backs up the curators' decision log before each swap and leaves the log itself untouched", async () => {
		const dirOfLog = curationDir(db);
		fs.mkdirSync(dirOfLog, { recursive: true });
		const log = path.join(dirOfLog, 'decisions.jsonl');
		const decision =
			'{"at":"2026-11-23T10:00:00Z","action":"status","recommendation":"wg2-2013-10-28:34","status":"acted on"}\n';
		fs.writeFileSync(log, decision);
		// A changed file forces a rewrite, hence a swap.
		const changed = corpus.map((f, i) =>
			i === 0 ? { ...f, bytes: Buffer.concat([f.bytes, Buffer.from('\n')]) } : f
		);
		const summary = await ingestFiles(db, changed, { entities: loadReferenceEntities() });
		expect(summary.rewritten).toBe(true);
		expect(fs.readFileSync(log, 'utf8')).toBe(decision);
		const backups = fs.readdirSync(path.join(dirOfLog, 'backups'));
		expect(backups).toHaveLength(1);
		expect(fs.readFileSync(path.join(dirOfLog, 'backups', backups[0]!), 'utf8')).toBe(decision);
	});
});
