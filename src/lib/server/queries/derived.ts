/**
 * Whether the derived tables (src/lib/server/derive.ts) are there and current, and a version key for caches of
 * anything computed from them: it changes with every ingest or derive, read from the data itself (not the file's
 * mtime), so a cache can never pair the new key with rows read from the old file. The catalog is read once per
 * opening of a database file (db.ts's databaseGeneration), not on every request.
 */
import { perDatabaseFile, query } from '../db';
import { DERIVED_TABLES, DERIVE_VERSION, loadReference } from '../derive';

export interface DerivedState {
	/** All derived tables exist. */
	present: boolean;
	/** The derivation failed at ingest: the message. */
	error: string | null;
	/** The taxonomy files changed since (run `npm run derive`). */
	stale: boolean;
	derivedAt: string | null;
	/** Changes whenever the corpus or the derivation does. */
	key: string;
}

let referenceFingerprint: { at: number; value: string } | null = null;

/** The fingerprint of the reference files now (re-read at most every 5 s: an editor saving topics.csv). */
function currentFingerprint(): string {
	const now = Date.now();
	if (!referenceFingerprint || now - referenceFingerprint.at > 5000) {
		let value: string;
		try {
			value = loadReference().fingerprint;
		} catch (err) {
			value = `unreadable: ${(err as Error).message}`;
		}
		referenceFingerprint = { at: now, value };
	}
	return referenceFingerprint.value;
}

interface Catalog {
	tables: number;
	docs: string;
	info: Map<string, string | null> | null;
}

async function readCatalog(): Promise<Catalog> {
	const [row] = await query<{ tables: number; docs: string | null }>(
		`SELECT (SELECT count(*)::INTEGER FROM duckdb_tables()
		          WHERE database_name = current_database() AND schema_name = 'main'
		            AND list_contains(string_split($names, ','), table_name)) AS tables,
		        (SELECT coalesce(max(parsed_at)::VARCHAR, '') || ':' || count(*)::VARCHAR FROM document) AS docs`,
		{ names: DERIVED_TABLES.join(',') }
	);
	const tables = row?.tables ?? 0;
	const docs = row?.docs ?? '';
	if (tables !== DERIVED_TABLES.length) return { tables, docs, info: null };
	const info = new Map(
		(await query<{ key: string; value: string | null }>(`SELECT key, value FROM derive_info`)).map((r) => [
			r.key,
			r.value
		])
	);
	return { tables, docs, info };
}

/** The catalog of the file opened last, read once per opening (two queries, 2-3 ms on every topic or search request). */
const catalog = perDatabaseFile(readCatalog);

export async function derivedState(): Promise<DerivedState> {
	const { docs, info } = await catalog();
	if (!info) return { present: false, error: null, stale: true, derivedAt: null, key: `none:${docs}` };
	const derivedAt = info.get('derived_at') ?? null;
	const error = info.get('error') ?? null;
	const stale =
		error === null &&
		(info.get('taxonomy') !== currentFingerprint() || info.get('version') !== String(DERIVE_VERSION));
	return { present: true, error, stale, derivedAt, key: `${derivedAt}:${docs}` };
}
