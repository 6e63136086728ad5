import fs from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../../tests/unit/corpus-db';
import { closeDb, timingDb } from './db';
import { rederive } from './derive';
import { derivedState } from './queries/derived';
import { writeSearchIndex } from './search-index';

async function tables(db: string): Promise<{ names: string[]; info: Record<string, string>; links: number }> {
	const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
	const conn = await instance.connect();
	try {
		const names = (
			await conn.runAndReadAll(
				`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()`
			)
		)
			.getRowObjectsJS()
			.map((r) => String(r.table_name));
		const info = Object.fromEntries(
			(await conn.runAndReadAll('SELECT key, value FROM derive_info')).getRows().map(([k, v]) => [k, v])
		) as Record<string, string>;
		const links = Number((await conn.runAndReadAll('SELECT count(*) FROM followup_link')).getRows()[0]![0]);
		return { names, info, links };
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('a derivation that fails', () => {
	it('leaves empty derived tables with its error and no search index; a later derive builds them all', async () => {
		process.env.RAPPORTEUR_REFERENCE = '/nonexistent/reference';
		let db: string;
		try {
			const built = await ingestCorpus('derive-fails');
			dirs.push(built.dir);
			db = built.db;
		} finally {
			delete process.env.RAPPORTEUR_REFERENCE;
		}
		const failed = await tables(db);
		expect(failed.info.error).toMatch(/topics\.csv/);
		expect(failed.links).toBe(0);
		expect(failed.names).not.toContain('search_text');
		expect(failed.names).not.toContain('search_term');

		// The server's view of it: read once per database file (no query the second time), anew after the derive.
		process.env.RAPPORTEUR_DB = db;
		process.env.RAPPORTEUR_DB_RECHECK_MS = '0';
		const before = await derivedState();
		expect(before).toMatchObject({ present: true, error: expect.stringMatching(/topics\.csv/) });
		const timing = { ms: 0, queries: 0 };
		expect(await timingDb(timing, () => derivedState())).toEqual(before);
		expect(timing.queries).toBe(0);

		const summary = await rederive(db);
		expect(summary.links).toBeGreaterThan(0);
		const after = await derivedState();
		expect(after).toMatchObject({ present: true, error: null, stale: false });
		expect(after.key).not.toBe(before.key);
		await closeDb();
		delete process.env.RAPPORTEUR_DB;
		delete process.env.RAPPORTEUR_DB_RECHECK_MS;
		const derived = await tables(db);
		expect(derived.info.error).toBeUndefined();
		expect(derived.links).toBe(summary.links);
		expect(derived.names).toEqual(expect.arrayContaining(['search_text', 'search_term']));
	}, 120_000);
});

describe('the search index', () => {
	it('is the same written from the corpus and stems of the derivation as from the corpus tables', async () => {
		const built = await ingestCorpus('derive-search');
		dirs.push(built.dir);
		const instance = await DuckDBInstance.create(built.db);
		const conn = await instance.connect();
		const rowsOf = async (sql: string) => JSON.stringify((await conn.runAndReadAll(sql)).getRowsJS());
		const read = async () => [
			await rowsOf('SELECT * FROM search_text ORDER BY unit'),
			await rowsOf('SELECT * FROM search_term ORDER BY stem, unit')
		];
		try {
			// The ingest derived with the corpus in hand; now from the tables, as a database without it would.
			const [texts, terms] = await read();
			// Every recommendation (73) and more; joint text of the joint report (6 meetings for 5 documents) lists
			// both meetings, whose order is the tables' (date, then body).
			const [units, joint] = (
				await conn.runAndReadAll(
					'SELECT count(*)::INTEGER, count(*) FILTER (WHERE len(meeting_ids) = 2)::INTEGER FROM search_text'
				)
			).getRowsJS()[0] as number[];
			expect(units).toBeGreaterThan(73);
			expect(joint).toBeGreaterThan(0);
			await writeSearchIndex(conn);
			const [again, againTerms] = await read();
			expect(again).toBe(texts);
			expect(againTerms).toBe(terms);
		} finally {
			conn.closeSync();
			instance.closeSync();
		}
	}, 120_000);
});
