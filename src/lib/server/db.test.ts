import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, query } from './db';

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
