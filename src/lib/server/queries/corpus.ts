/**
 * What the database was built from: the corpus version printed in every source line and export,
 * and the names by which a chart cites its source documents.
 */
import { perDatabaseFile, query } from '../db';

export interface CorpusVersion {
	/** Date of the latest ingest, YYYY-MM-DD. */
	date: string;
	documents: number;
	/** First 8 hex digits of a hash over every document's sha256: changes whenever any file does. */
	hash: string;
	/** "2026-11-23 · 5 documents · 1a2b3c4d", printed in source lines and file names. */
	label: string;
}

/**
 * The version of the corpus in the database file, read once per opening of the file (db.ts's
 * databaseGeneration: every ingest and derive renames a new file over the old one). The query hashes every
 * document's sha256: 7 ms of DuckDB's CPU at 1,000x, and the memo's key and several pages asked for it on
 * every request (/compare twice), which made it most of /compare's SQL.
 */
export const corpusVersion: () => Promise<CorpusVersion> = perDatabaseFile(readCorpusVersion);

async function readCorpusVersion(): Promise<CorpusVersion> {
	const [row] = await query<{ date: string | null; documents: number; hash: string | null }>(
		`SELECT strftime(max(parsed_at), '%Y-%m-%d') AS date,
		        count(*)::INTEGER AS documents,
		        left(md5(string_agg(sha256, '' ORDER BY id)), 8) AS hash
		   FROM document`
	);
	const date = row?.date ?? 'empty';
	const documents = row?.documents ?? 0;
	const hash = row?.hash ?? '00000000';
	return { date, documents, hash, label: `${date} · ${documents} documents · ${hash}` };
}

// Defined with the schema, so that the derivation (topic-aggregates.ts) has it without this module's database.
export { DOCUMENT_LABEL_SQL } from '../schema';

/** Body codes present in the database, for validating `?body=`. */
export async function knownBodies(): Promise<string[]> {
	const rows = await query<{ code: string }>(`SELECT code FROM body ORDER BY code`);
	return rows.map((r) => r.code);
}

export interface FilterOptions {
	bodies: { code: string; name: string }[];
	/** Years with a reported meeting, ascending. */
	years: number[];
}

/** What the filter bar offers: the bodies and years present in the database. */
export async function filterOptions(): Promise<FilterOptions> {
	const [bodies, years] = await Promise.all([
		query<{ code: string; name: string }>(`SELECT code, name FROM body ORDER BY code`),
		query<{ year: number }>(
			`SELECT DISTINCT year::INTEGER AS year FROM meeting WHERE year IS NOT NULL ORDER BY year`
		)
	]);
	return { bodies, years: years.map((y) => y.year) };
}
