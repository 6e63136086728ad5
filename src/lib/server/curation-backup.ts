/**
 * Where the curators' decision log lives, and its backup before an ingest swaps a new database in (see
 * curation.ts for the log itself).
 *
 * Apart from curation.ts because the ingest needs only this: curation.ts brings zod (the decision schema) and
 * the web app's database module, whose loading was a sixth of the start-up of `npm run ingest` (about 150 ms).
 */
import fs from 'node:fs';
import path from 'node:path';

export const DECISIONS_FILE = 'decisions.jsonl';

/** RAPPORTEUR_CURATION_DIR, or `curation/` next to the database `db`. */
export function curationDirOf(db: string): string {
	const v = process.env.RAPPORTEUR_CURATION_DIR;
	return v === undefined || v === '' ? path.join(path.dirname(db), 'curation') : v;
}

/** How many backups of the decision log `backupDecisionLog` keeps. */
export const KEPT_BACKUPS = 20;

/**
 * Copy the decision log to `backups/decisions-<time>.jsonl` next to it (keeping the newest
 * KEPT_BACKUPS), so that whatever a rebuild does, the curators' work of before it can be restored.
 * Called by the ingest before it swaps a new database in. Returns the backup's path, or null when
 * there is no log yet.
 */
export function backupDecisionLog(dir: string, now = new Date()): string | null {
	const file = path.join(dir, DECISIONS_FILE);
	if (!fs.existsSync(file)) return null;
	const backups = path.join(dir, 'backups');
	fs.mkdirSync(backups, { recursive: true });
	const target = path.join(backups, `decisions-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`);
	fs.copyFileSync(file, target);
	const old = fs
		.readdirSync(backups)
		.filter((f) => /^decisions-.*\.jsonl$/.test(f))
		.sort()
		.slice(0, -KEPT_BACKUPS);
	for (const f of old) fs.rmSync(path.join(backups, f));
	return target;
}
