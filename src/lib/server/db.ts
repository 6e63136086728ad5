/**
 * The web app's one DuckDB instance, read-only.
 *
 * Environment (read when the database is opened, so tests and scripts can set them too):
 *   RAPPORTEUR_DB              database file            (default data/rapporteur.duckdb)
 *   RAPPORTEUR_DB_THREADS      DuckDB worker threads     (default 2)
 *   RAPPORTEUR_DB_MEMORY       DuckDB memory_limit       (default 80MB)
 *   RAPPORTEUR_DB_CONCURRENCY  queries running at once   (default 3)
 *   RAPPORTEUR_DB_RECHECK_MS   how often to look for a replaced file (default 1000)
 *   RAPPORTEUR_QUERY_LOG       file to append each query to, as a JSON line {sql, params} (default
 *                              unset: no log); `npm run bench` replays them to time the raw SQL
 * Example:
 *   RAPPORTEUR_DB=/srv/rapporteur/rapporteur.duckdb RAPPORTEUR_DB_MEMORY=1GB PORT=3000 node build
 *
 * Why these choices:
 * - One instance per process, created lazily on the first query; a failed creation (file missing,
 *   locked by a writer) is not cached, so the next request tries again.
 * - READ_ONLY: many readers may share the file, and `npm run ingest` never writes it in place; it
 *   renames a new file over it. A reader keeps the old inode open, so the file is stat-ed (at most
 *   once per RAPPORTEUR_DB_RECHECK_MS, i.e. about once per request) and reopened when its inode
 *   or mtime changed; the old instance is closed once its running queries are done. A new ingest
 *   is so served without a restart.
 * - A concurrency limit below libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default): more
 *   concurrent queries than pool threads can make `connect()` hang (duckdb-node-neo issue 325).
 * - Connections are pooled per instance (at most RAPPORTEUR_DB_CONCURRENCY idle); one whose query failed is
 *   closed, and all are closed with a retired instance.
 * - A statement is prepared for each query and destroyed as soon as its rows are read, never kept: a prepared
 *   statement holds the state of its last run (hash tables, sorted and result rows) until it is run again or
 *   destroyed, outside the block cache DuckDB can evict. Kept per connection (as they were, up to 256 each),
 *   they held 50-70 MB of DuckDB memory after one pass over every page at 1,000x, so that queries failed with
 *   Out of Memory under a 64MB memory_limit; destroyed, the same pass leaves only evictable blocks. Preparing
 *   costs about 1 ms (median of the app's queries at 1,000x; up to 12 ms for the few that run 100 ms or more),
 *   and most queries run once per corpus version anyway (memo.ts).
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import { slots } from './slots';
import {
	DuckDBInstance,
	type DuckDBConnection,
	type DuckDBPreparedStatement,
	type DuckDBValue
} from '@duckdb/node-api';

export type QueryParams = Record<string, DuckDBValue> | DuckDBValue[];

interface Handle {
	path: string;
	instance: DuckDBInstance;
	ino: number;
	mtimeMs: number;
	active: number;
	retired: boolean;
	/** Idle connections, at most the concurrency limit. */
	idle: DuckDBConnection[];
	/** Which opening of a database file this is (see databaseGeneration). */
	generation: number;
}

let current: Promise<Handle> | null = null;
let lastCheck = 0;
let openings = 0;

function env(name: string, fallback: string): string {
	const v = process.env[name];
	return v === undefined || v === '' ? fallback : v;
}

/** The database file the app reads. */
export function dbPath(): string {
	return env('RAPPORTEUR_DB', 'data/rapporteur.duckdb');
}

async function open(path: string): Promise<Handle> {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(path);
	} catch {
		throw new Error(`database ${path} not found: run \`npm run ingest\` first (or set RAPPORTEUR_DB)`);
	}
	const instance = await DuckDBInstance.create(path, {
		access_mode: 'READ_ONLY',
		threads: env('RAPPORTEUR_DB_THREADS', '2'),
		// DuckDB keeps the table blocks it reads cached up to this limit, so it is most of the server's memory
		// beyond the JS heap. Measured at 1,000x over every page and API: 512MB -> 704 MB peak RSS, 192MB -> 449 MB
		// (before the queries below read the ingest's aggregates and statements were destroyed after each query).
		// Now 80MB: the largest queries (the countries table, a profile's per-meeting rows, a comparison's years)
		// need 48-64MB each and a page runs up to three at once; at 64MB a profile failed once in three passes with
		// Out of Memory, at 80MB none did, and the peak RSS over every page and API was 277 MB (96MB: ~10 MB more).
		memory_limit: env('RAPPORTEUR_DB_MEMORY', '80MB'),
		autoinstall_known_extensions: 'false'
	});
	return {
		path,
		instance,
		ino: stat.ino,
		mtimeMs: stat.mtimeMs,
		active: 0,
		retired: false,
		idle: [],
		generation: ++openings
	};
}

function closeHandle(handle: Handle): void {
	for (const conn of handle.idle.splice(0)) conn.closeSync();
	handle.instance.closeSync();
}

function retire(handle: Handle): void {
	handle.retired = true;
	if (handle.active === 0) closeHandle(handle);
}

/**
 * A number that changes whenever the server opens a database file anew: every ingest and derive renames a new
 * file over the old one, so what is read once from a file (such as the catalog of derived tables) can be kept
 * until this changes. Checked as often as queries look for a replaced file.
 */
export async function databaseGeneration(): Promise<number> {
	const handle = await acquireHandle();
	releaseHandle(handle);
	return handle.generation;
}

/**
 * `read()` once per opening of a database file (databaseGeneration), for what only a new file can change (the
 * corpus version, the derived tables' catalog, the search index's columns). A failed read is not kept: the next
 * call reads again. Should the file be replaced during a read, its result is kept under the older generation,
 * which the next call, seeing the new one, reads again.
 */
export function perDatabaseFile<T>(read: () => Promise<T>): () => Promise<T> {
	let cached: { generation: number; value: Promise<T> } | null = null;
	return async () => {
		const generation = await databaseGeneration();
		if (cached?.generation !== generation) {
			const value = read();
			cached = { generation, value };
			value.catch(() => {
				if (cached?.value === value) cached = null;
			});
		}
		return cached.value;
	};
}

/** The current instance, reopened when the file was replaced (or RAPPORTEUR_DB changed). */
async function acquireHandle(): Promise<Handle> {
	const path = dbPath();
	const now = Date.now();
	if (current && now - lastCheck >= Number(env('RAPPORTEUR_DB_RECHECK_MS', '1000'))) {
		lastCheck = now;
		const handle = await current;
		let replaced = handle.path !== path;
		if (!replaced) {
			try {
				const stat = fs.statSync(path);
				replaced = stat.ino !== handle.ino || stat.mtimeMs !== handle.mtimeMs;
			} catch {
				// The file is gone for a moment (mid-rename) or for good: keep serving what we have.
			}
		}
		if (replaced && !handle.retired) {
			retire(handle);
			current = null;
		}
	}
	if (!current) {
		lastCheck = now;
		const opening = open(path);
		current = opening;
		// Not cached when it fails: the next query tries again.
		opening.catch(() => {
			if (current === opening) current = null;
		});
	}
	const handle = await current;
	// Another query may have retired it while we awaited: take the new one instead.
	if (handle.retired) return acquireHandle();
	handle.active++;
	return handle;
}

function releaseHandle(handle: Handle): void {
	handle.active--;
	if (handle.retired && handle.active === 0) closeHandle(handle);
}

/** The time a request spent in DuckDB: what `query` waited for DuckDB's prepare, run and read, summed. */
export interface DbTime {
	/** Milliseconds, summed over the queries (queries run at once each count in full). */
	ms: number;
	queries: number;
}

/** The clock the DuckDB time is read from: an object, so that a test can set the time each query takes. */
export const dbClock = { now: (): number => performance.now() };

// Per request, not per process: requests interleave at every await, so a module-level counter would mix them.
const dbTime = new AsyncLocalStorage<DbTime>();

/**
 * Run `fn` adding the DuckDB time of every query it starts (and of the queries those start) to `into`:
 * hooks.server.ts reports it beside the request's whole time, so that the time outside SQL shows.
 * Queries started elsewhere (another request, whose memoized result this one awaits) count there.
 */
export function timingDb<T>(into: DbTime, fn: () => T): T {
	return dbTime.run(into, fn);
}

function concurrency(): number {
	return Math.max(1, Number(env('RAPPORTEUR_DB_CONCURRENCY', '3')) || 3);
}

// Queries running at once (RAPPORTEUR_DB_CONCURRENCY), the others waiting their turn in order.
const queries = slots(concurrency);

/**
 * Run one SQL query with bound parameters (`WHERE year >= $year`, `{ year: 2013 }`) and return plain
 * rows. Values are converted by `getRowObjectsJS`, then BIGINTs (every `count(*)`) become numbers
 * when they fit, so rows can be returned from a load function and serialised as JSON.
 */
export async function query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]> {
	const log = process.env.RAPPORTEUR_QUERY_LOG;
	if (log)
		fs.appendFileSync(
			log,
			JSON.stringify({ sql, params }, (_, v) => (typeof v === 'bigint' ? String(v) : v)) + '\n'
		);
	const release = await queries.take();
	try {
		const handle = await acquireHandle();
		try {
			// Connections are reused: opening one costs more than most of the dashboard's queries.
			// What the bench's replay of the query log times (prepare, bind, run, read), not the rows' conversion.
			const started = dbClock.now();
			const conn = handle.idle.pop() ?? (await handle.instance.connect());
			let healthy = false;
			let statement: DuckDBPreparedStatement | null = null;
			try {
				statement = await conn.prepare(sql);
				if (params !== undefined) statement.bind(params);
				const reader = await statement.runAndReadAll();
				healthy = true;
				const timing = dbTime.getStore();
				if (timing) {
					timing.ms += dbClock.now() - started;
					timing.queries++;
				}
				return reader.getRowObjectsJS().map(plainRow) as T[];
			} finally {
				// Destroyed at once: it would hold its run's memory until garbage-collected (see the top of the file).
				statement?.destroySync();
				// A connection whose query failed is not trusted with the next one.
				if (healthy && !handle.retired && handle.idle.length < concurrency()) handle.idle.push(conn);
				else conn.closeSync();
			}
		} finally {
			releaseHandle(handle);
		}
	} finally {
		release();
	}
}

/** A query's rows as JSON text (UTF-8), with one column of them as values. */
export interface JsonRows {
	/** The JSON array of row objects, keys as the query names its columns. */
	json: Buffer;
	/** The values of the `pluck` column, in row order (empty without one). */
	plucked: unknown[];
}

/**
 * Run a query and let DuckDB write its rows as a JSON array of objects, in the query's order: for lists
 * of thousands of rows that are answered as JSON. Making a JS object of every value and stringifying them
 * cost more than most of these queries (5,540 meetings at 1,000x: 27 ms to objects and 7 ms of
 * JSON.stringify, against a few ms for DuckDB's to_json and one string).
 * An aggregate does not keep its input's order unless told: `row_number() OVER ()` numbers the rows in the
 * query's order and the list is sorted by it. The text is what JSON.stringify makes of `query`'s rows for
 * text, integers and NULL; a BIGINT beyond 2^53 stays a number here (`query` makes it a string).
 * `pluck`: a column name written in the code (never from a request) whose values are also returned.
 */
export async function queryJson(sql: string, params?: QueryParams, pluck?: string): Promise<JsonRows> {
	if (pluck !== undefined && !/^\w+$/.test(pluck)) throw new Error(`queryJson: bad column name ${pluck}`);
	const plucked = pluck === undefined ? `'[]'` : `to_json(list(r."${pluck}" ORDER BY n))::VARCHAR`;
	const [row] = await query<{ json: string | null; plucked: string | null }>(
		`SELECT to_json(list(r ORDER BY n))::VARCHAR AS json, ${plucked} AS plucked
		   FROM (SELECT r, row_number() OVER () AS n FROM (${sql}) r)`,
		params
	);
	return {
		json: Buffer.from(row?.json ?? '[]'),
		plucked: JSON.parse(row?.plucked ?? '[]') as unknown[]
	};
}

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
	for (const key of Object.keys(row)) row[key] = plainValue(row[key]);
	return row;
}

function plainValue(v: unknown): unknown {
	if (typeof v === 'bigint') {
		return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
			? Number(v)
			: v.toString();
	}
	if (Array.isArray(v)) return v.map(plainValue);
	return v;
}

/** Close the instance (tests, shutdown). The next query opens it again. */
export async function closeDb(): Promise<void> {
	const pending = current;
	current = null;
	if (!pending) return;
	try {
		retire(await pending);
	} catch {
		// It never opened: nothing to close.
	}
}
