/**
 * Results computed once per version of the corpus: the figures and tables of the dashboard change only
 * with an ingest, so after the first request for a view they are read from memory. The key holds the
 * database path and the corpus version (read from the data at most once a second), so a new ingest is never
 * paired with old rows; a failed computation is not kept; at most MEMO_MAX entries and MEMO_BYTES of them,
 * least recently used dropped first, and all of them when the corpus version changes.
 */
import { dbPath } from './db';
import { corpusVersion } from './queries/corpus';
import { approximateBytes, LruStore } from './lru-store';

let version: { at: number; path: string; key: Promise<string> } | null = null;

/** The corpus version, read at most once a second (as often as db.ts looks for a replaced file). */
function versionKey(): Promise<string> {
	const now = Date.now();
	const path = dbPath();
	if (!version || version.path !== path || now - version.at >= 1000) {
		const key = corpusVersion().then((v) => `${path}\u0000${v.label}`);
		version = { at: now, path, key };
		key.catch(() => {
			if (version?.key === key) version = null;
		});
	}
	return version.key;
}
/**
 * Entries kept at most, and the memory they may hold together (RAPPORTEUR_MEMO_MB, default 24): a page's figures
 * and tables are tens to a few hundred kilobytes, but a profile table's JSON is a megabyte at 1,000x, kept as a
 * Buffer outside the JS heap's cap; counted by entries alone, the memo took the server from 297 to 328 MB of RSS at
 * 1,000x, against a target of 300.
 */
const MEMO_MAX = 120;
const MEMO_BYTES = Number(process.env.RAPPORTEUR_MEMO_MB || 24) * 1024 * 1024;

const store = new LruStore<Promise<unknown>>(MEMO_MAX, MEMO_BYTES);
/** The version the entries belong to: a new one makes them all useless at once. */
let memoVersion = '';

/**
 * `compute()` once per version of the corpus and key: the aggregates these pages show change only with
 * an ingest, so a request after the first reads them from memory. The key includes the corpus version
 * (read from the data), so a new ingest is never paired with old rows; a failure is not kept.
 */
export async function memoByCorpus<T>(name: string, params: unknown, compute: () => Promise<T>): Promise<T> {
	const version = await versionKey();
	if (version !== memoVersion) {
		store.clear();
		memoVersion = version;
	}
	const key = `${version}\u0000${name}\u0000${JSON.stringify(params)}`;
	const hit = store.get(key) as Promise<T> | undefined;
	if (hit) return hit;
	const computed = compute();
	store.set(key, computed, 0);
	computed.then(
		// Sized once it is there; an entry already dropped (a new version, evicted) is not added back.
		(value) => store.resize(key, computed, approximateBytes(value)),
		() => store.delete(key, computed)
	);
	return computed;
}
