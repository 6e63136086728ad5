import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, dbClock, query } from '$lib/server/db';
import { handle, writeRefusal } from './hooks.server';

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => {
	const body = new URLSearchParams(fields);
	return new Request('http://localhost/add?/confirm', {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }
	});
};

describe('write guard', () => {
	it('lets writes through on loopback when no token is configured', async () => {
		expect(await writeRefusal(form({}), { HOST: '127.0.0.1' })).toBeNull();
		expect(await writeRefusal(form({}), {})).toBeNull();
	});

	it('refuses writes beyond localhost without a configured token', async () => {
		expect(await writeRefusal(form({}), { HOST: '0.0.0.0' })).toMatch(/RAPPORTEUR_WRITE_TOKEN/);
	});

	it('requires the configured token, in the form or a header', async () => {
		const env = { HOST: '0.0.0.0', RAPPORTEUR_WRITE_TOKEN: 's3cret' };
		expect(await writeRefusal(form({}), env)).toMatch(/token/);
		expect(await writeRefusal(form({ token: 'wrong!' }), env)).toMatch(/token/);
		expect(await writeRefusal(form({ token: 's3cret' }), env)).toBeNull();
		expect(await writeRefusal(form({}, { 'x-rapporteur-token': 's3cret' }), env)).toBeNull();
	});
});

describe('server-timing', () => {
	let dir: string;
	const saved = process.env.RAPPORTEUR_DB;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapporteur-hooks-'));
		const file = path.join(dir, 'app.duckdb');
		const instance = await DuckDBInstance.create(file);
		const conn = await instance.connect();
		await conn.run('CREATE TABLE t AS SELECT 1 AS v');
		conn.closeSync();
		instance.closeSync();
		process.env.RAPPORTEUR_DB = file;
	});

	afterAll(async () => {
		await closeDb();
		if (saved === undefined) delete process.env.RAPPORTEUR_DB;
		else process.env.RAPPORTEUR_DB = saved;
		fs.rmSync(dir, { recursive: true, force: true });
	});

	afterEach(() => vi.restoreAllMocks());

	const get = (resolve: () => Promise<Response>) =>
		handle({
			event: {
				request: new Request('http://localhost/x'),
				url: new URL('http://localhost/x')
			} as RequestEvent,
			resolve
		});

	it("reports the request's time and, within it, the time of its DuckDB queries", async () => {
		// The two queries take 2.5 and 4 ms by this clock (each reads it when it starts and when its rows are read).
		const clock = [10, 12.5, 20, 24];
		vi.spyOn(dbClock, 'now').mockImplementation(() => clock.shift() ?? NaN);
		const response = await get(async () => {
			await query('SELECT v FROM t');
			await query('SELECT v FROM t WHERE v = $v', { v: 1 });
			return new Response('ok');
		});
		expect(response.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d, db;dur=6\.5$/);
	});

	it('reports no DuckDB time for a request without queries', async () => {
		const response = await get(async () => new Response('ok'));
		expect(response.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d, db;dur=0\.0$/);
	});
});
