/** The /add page's ingest in a child process: its summary, its failures, and a child that runs out of memory. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestInChildProcess } from './ingest-process';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('ingestInChildProcess', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapporteur-ingest-process-'));
	const db = path.join(dir, 'test.duckdb');
	const added = path.join(dir, '2024-05-wg2-report.txt');
	const broken = path.join(dir, 'not-a-report.txt');

	beforeAll(async () => {
		fs.writeFileSync(
			added,
			fs
				.readFileSync('data/corpus/2023-05-wg2-technical-assistance-report.txt', 'utf8')
				.replaceAll('2023', '2024')
		);
		fs.writeFileSync(broken, 'A shopping list.\n\nBread, milk.\n');
		await ingestInChildProcess(db, ['data/corpus/2013-10-wg2-technical-assistance-report.md']);
	}, 60_000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('answers the summary of scripts/ingest.ts --json', async () => {
		const summary = await ingestInChildProcess(db, [added]);
		expect(summary.added).toEqual([added]);
		expect(summary.failed).toEqual([]);
		expect(summary.rewritten).toBe(true);
		// The 2013 meeting and the added 2024 one.
		expect(summary.meetings).toBe(2);
	}, 60_000);

	it("answers a file the parser refused with the parser's reason, and ingests nothing of it", async () => {
		const summary = await ingestInChildProcess(db, [broken]);
		expect(summary.added).toEqual([]);
		expect(summary.failed).toEqual([{ file: broken, reason: expect.stringMatching(/\S/) }]);
		expect(summary.rowCounts.document).toBe(2);
	}, 60_000);

	it('rejects with the reason the child gave when another writer holds the database', async () => {
		fs.writeFileSync(`${db}.tmp.lock`, String(process.pid));
		try {
			await expect(ingestInChildProcess(db, [added])).rejects.toThrow(
				new RegExp(`^another ingest \\(pid ${process.pid}\\) is writing`)
			);
		} finally {
			fs.rmSync(`${db}.tmp.lock`);
		}
	}, 60_000);

	it('survives a child that runs out of heap: the reason says so, the database is unchanged', async () => {
		const before = sha(db);
		// 20,000 paragraphs more (1.8 MB of text): 16 MB of heap starts the script (it needs about 10) but cannot
		// parse and derive that (measured: 24 MB cannot either; a report of normal size completes in 14 MB).
		const more = Array.from(
			{ length: 20_000 },
			(_, i) =>
				`\n${1000 + i}. A paragraph added later, number ${i}, on technical assistance to States parties.\n`
		);
		fs.writeFileSync(added, fs.readFileSync(added, 'utf8') + more.join(''));
		await expect(ingestInChildProcess(db, [added], { heapMb: 16 })).rejects.toThrow(/ran out of memory/);
		expect(sha(db)).toBe(before);
		// The next writer takes over the dead child's lock and copy.
		const summary = await ingestInChildProcess(db, [added]);
		expect(summary.replaced).toEqual([added]);
		expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
	}, 60_000);

	it('says where the script was looked for when the server runs elsewhere', async () => {
		await expect(ingestInChildProcess(db, [added], { root: dir })).rejects.toThrow(
			/scripts\/ingest\.ts not found: run the server from the project folder/
		);
	});
});
