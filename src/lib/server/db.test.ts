import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, dbClock, perDatabaseFile, query, queryJson, timingDb, type DbTime } from './db';

let dir: string;
let dbFile: string;

/** Write a database holding one value, the way ingest does: a new file renamed over the old. */
async function writeDb(value: number): Promise<void> {
	const tmp = `${dbFile}.tmp-${value}`;
	const instance = await DuckDBInstance.create(tmp);
	const conn = await instance.connect();
	try {
		await conn.run('CREATE TABLE t (v INTEGER, big BIGINT, names VARCHAR[])');
		await conn.run("INSERT INTO t VALUES ($v, 9007199254740993, ['a'])", { v: value });
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
	fs.renameSync(tmp, dbFile);
}

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapporteur-db-'));
	dbFile = path.join(dir, 'app.duckdb');
	process.env.RAPPORTEUR_DB = dbFile;
	process.env.RAPPORTEUR_DB_RECHECK_MS = '0';
});

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('query', () => {
	it('fails clearly while the file is missing, and does not cache the failure', async () => {
		await expect(query('SELECT 1')).rejects.toThrow(/not found: run `npm run ingest`/);
		await writeDb(1);
		expect(await query('SELECT v FROM t')).toEqual([{ v: 1 }]);
	});

	it('returns plain rows: bound parameters, count(*) as a number, a too-large BIGINT as text', async () => {
		expect(
			await query<{ n: number; big: string; names: string[] }>(
				'SELECT count(*) AS n, any_value(big) AS big, any_value(names) AS names FROM t WHERE v >= $min',
				{ min: 1 }
			)
		).toEqual([{ n: 1, big: '9007199254740993', names: ['a'] }]);
	});

	it('serves a database renamed over the old one without a restart', async () => {
		await writeDb(2);
		expect(await query('SELECT v FROM t')).toEqual([{ v: 2 }]);
	});

	it('runs many queries at once within the concurrency limit', async () => {
		const rows = await Promise.all(
			Array.from({ length: 20 }, (_, i) => query('SELECT $i::INTEGER AS i', { i }))
		);
		expect(rows.map((r) => r[0]?.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
	});

	it('refuses to write', async () => {
		await expect(query('CREATE TABLE x (a INTEGER)')).rejects.toThrow(/read-only/i);
	});
});

describe('queryJson', () => {
	// 10,000 rows over several of DuckDB's chunks and both threads, in an order no scan would give by itself.
	const sql = `SELECT i::INTEGER AS i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'name "' || i || E'" \\\\ Türkiye – é\\n' END AS "theName",
	                    (i * 1000000)::BIGINT AS big
	               FROM range(10000) t(i) WHERE i >= $min ORDER BY i % 10 DESC, i`;

	it('writes the rows JSON.stringify would write from query(), in the query order', async () => {
		const rows = await query(sql, { min: 0 });
		const { json, plucked } = await queryJson(sql, { min: 0 }, 'i');
		expect(json.toString('utf8')).toBe(JSON.stringify(rows));
		expect(rows).toHaveLength(10000);
		// Counted by hand: the first rows end in 9 (9, 19, 29, ...), the last ends in 0 (9990).
		expect(plucked.slice(0, 3)).toEqual([9, 19, 29]);
		expect(plucked.at(-1)).toBe(9990);
		expect(plucked).toEqual(rows.map((r) => r.i));
	});

	it('answers an empty array for no rows, and refuses a column name that is not a plain word', async () => {
		expect(await queryJson(sql, { min: 20000 }, 'i')).toEqual({ json: Buffer.from('[]'), plucked: [] });
		await expect(queryJson(sql, { min: 0 }, 'i" FROM x; --')).rejects.toThrow(/bad column name/);
	});
});

describe('timingDb', () => {
	afterEach(() => vi.restoreAllMocks());

	it("adds up the DuckDB time of each of the context's queries", async () => {
		// Each query reads the clock when it starts and when its rows are read: here 2, 3 and 7 ms.
		const clock = [100, 102, 200, 203, 300, 307];
		const now = vi.spyOn(dbClock, 'now').mockImplementation(() => {
			const t = clock.shift();
			if (t === undefined) throw new Error('the clock was read more often than twice per query');
			return t;
		});
		const db: DbTime = { ms: 0, queries: 0 };
		await timingDb(db, async () => {
			await query('SELECT v FROM t');
			await query('SELECT count(*) AS n FROM t WHERE v >= $v', { v: 0 });
			await queryJson('SELECT v FROM t');
		});
		expect(now).toHaveBeenCalledTimes(6);
		expect(db).toEqual({ ms: 12, queries: 3 });
	});

	it('keeps the time of concurrent contexts apart, and counts nothing outside one', async () => {
		const a: DbTime = { ms: 0, queries: 0 };
		const b: DbTime = { ms: 0, queries: 0 };
		// A's queries wait for B's first, so that the two contexts' queries interleave.
		let bStarted!: () => void;
		const gate = new Promise<void>((resolve) => (bStarted = resolve));
		await Promise.all([
			timingDb(a, async () => {
				await query('SELECT 1');
				await gate;
				await Promise.all([query('SELECT 2'), query('SELECT 3')]);
			}),
			timingDb(b, async () => {
				const first = query('SELECT 4');
				bStarted();
				await first;
				await query('SELECT sum(i) AS s FROM range(100000) r(i)');
			}),
			query('SELECT 5')
		]);
		expect(a.queries).toBe(3);
		expect(b.queries).toBe(2);
		expect(a.ms).toBeGreaterThan(0);
		expect(b.ms).toBeGreaterThan(0);
	});
});

describe('perDatabaseFile', () => {
	it('reads once per database file, again after a new file, and does not keep a failed read', async () => {
		let reads = 0;
		let fail = false;
		const value = perDatabaseFile(async () => {
			reads++;
			if (fail) throw new Error('read failed');
			return (await query<{ v: number }>('SELECT v FROM t'))[0]?.v;
		});
		await writeDb(3);
		expect(await value()).toBe(3);
		expect(await value()).toBe(3);
		expect(reads).toBe(1);
		await writeDb(4);
		fail = true;
		await expect(value()).rejects.toThrow('read failed');
		fail = false;
		expect(await value()).toBe(4);
		expect(reads).toBe(3);
	});
});
