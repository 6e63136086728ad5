/**
 * The five real reports ingested through the real path into a temporary directory: what the query tests read.
 * Built once per test file (each file gets its own database, so files can run in parallel).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IngestFile } from '../../src/lib/server/ingest';
import { ingestFiles } from '../../src/lib/server/ingest';
import { loadReferenceEntities } from '../../src/lib/server/reference';

/** data/corpus as ingest input, in name order, then `extra` files. */
export function corpusFiles(extra: string[] = []): IngestFile[] {
	const paths = [
		...fs
			.readdirSync('data/corpus')
			.sort()
			.map((name) => path.join('data/corpus', name)),
		...extra
	];
	return paths.map((p) => ({ path: p, bytes: fs.readFileSync(p) }));
}

/**
 * `<tmp>/<prefix>-*` holding `corpus.duckdb` with the corpus (and `extra` files) ingested; throws when a file
 * fails, since every expectation of the tests was counted on all of them.
 */
export async function ingestCorpus(
	prefix: string,
	extra: string[] = []
): Promise<{ dir: string; db: string }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rapporteur-${prefix}-`));
	const db = path.join(dir, 'corpus.duckdb');
	const summary = await ingestFiles(db, corpusFiles(extra), { entities: loadReferenceEntities() });
	if (summary.failed.length > 0)
		throw new Error(`corpus files failed to ingest: ${JSON.stringify(summary.failed)}`);
	return { dir, db };
}
