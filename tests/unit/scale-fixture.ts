/**
 * A database with many more meetings than a chart draws one by one, built for the tests that check
 * how pages behave at scale: the five real reports plus synthetic ones (src/lib/synth, fixed seed),
 * ingested through the real path into a temporary directory. Built once per test file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestFiles } from '../../src/lib/server/ingest';
import { loadReferenceEntities } from '../../src/lib/server/reference';
import { generateReport } from '../../src/lib/synth';

/** Enough synthetic reports for well over 40 meetings (joint reports and agendas included). */
export const SCALE_DOCS = 90;

export async function buildScaleDb(docs = SCALE_DOCS, seed = 7): Promise<{ db: string; dir: string }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapporteur-scale-'));
	const entities = loadReferenceEntities();
	const files = fs.readdirSync('data/corpus').map((f) => ({
		path: path.join('data/corpus', f),
		bytes: fs.readFileSync(path.join('data/corpus', f))
	}));
	for (let i = 0; i < docs; i++) {
		const r = generateReport(seed, i, entities);
		files.push({ path: path.join(dir, r.fileName), bytes: Buffer.from(r.text) });
	}
	const db = path.join(dir, 'scale.duckdb');
	await ingestFiles(db, files, { entities });
	return { db, dir };
}
