/**
 * Results computed once per version of the corpus: the figures and tables of the dashboard change only
 * with an ingest, so after the first request for a view they are read from memory. The key holds the
 * database path and the corpus version (read from the data at most once a second), so a new ingest is never
 * paired with old rows; a failed computation is not kept; at most MEMO_MAX entries, least recently used
 * dropped first, and all of them when the corpus version changes.
 */
import { dbPath } from './db';
import { corpusVersion } from './queries/corpus';

const memo = new Map<string, Promise<unknown>>();
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
 * Entries kept at most: a page's figures and tables are tens to a few hundred kilobytes, and the server's memory
 * is meant to stay under 300 MB.
 */
const MEMO_MAX = 120;
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
		memo.clear();
		memoVersion = version;
	}
	const key = `${version}\u0000${name}\u0000${JSON.stringify(params)}`;
	let hit = memo.get(key) as Promise<T> | undefined;
	if (hit) {
		// Most recently used last, so the oldest entry is the first to go.
		memo.delete(key);
		memo.set(key, hit);
		return hit;
	}
	hit = compute();
	memo.set(key, hit);
	hit.catch(() => memo.delete(key));
	while (memo.size > MEMO_MAX) memo.delete(memo.keys().next().value as string);
	return hit;
}
