/**
 * The curators' decision log: `decisions.jsonl` in the curation directory, append-only, one JSON object per
 * line (see src/lib/followup/curation.ts for the format and how it folds over the links).
 *
 * It lives apart from the database on purpose: `npm run ingest` rebuilds the derived tables, never this file,
 * so every decision survives every re-ingest. Before each write the current file is copied to
 * `decisions.jsonl.bak`.
 *
 * Environment:
 *   RAPPORTEUR_CURATION_DIR  the directory (default: `curation/` next to the database, i.e. data/curation for
 *                            data/rapporteur.duckdb, and test-results/curation for the browser tests' database)
 *   RAPPORTEUR_WRITE_TOKEN   when set, every curator form must carry this token (checked in the form actions)
 */
import fs from 'node:fs';
import path from 'node:path';
import { decisionSchema, type Decision } from '../followup/curation';
import { curationDirOf, DECISIONS_FILE } from './curation-backup';
import { dbPath } from './db';

export { backupDecisionLog, DECISIONS_FILE, KEPT_BACKUPS } from './curation-backup';

export function curationDir(db = dbPath()): string {
	return curationDirOf(db);
}

export interface DecisionLog {
	decisions: Decision[];
	/** Lines that are not valid decisions (kept in the file, ignored here, reported on the pages). */
	invalid: number;
	/** Changes whenever the file does: part of the cache key of anything folded from it. */
	version: string;
}

let cache: { file: string; version: string; log: DecisionLog } | null = null;

function fileVersion(file: string): string {
	try {
		const s = fs.statSync(file);
		return `${s.ino}:${s.size}:${s.mtimeMs}`;
	} catch {
		return 'none';
	}
}

/** Every valid decision in file order (read once per change of the file). */
export function readDecisionLog(dir = curationDir()): DecisionLog {
	const file = path.join(dir, DECISIONS_FILE);
	const version = fileVersion(file);
	if (cache && cache.file === file && cache.version === version) return cache.log;
	const decisions: Decision[] = [];
	let invalid = 0;
	if (version !== 'none') {
		for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
			if (line.trim() === '') continue;
			try {
				const parsed = decisionSchema.safeParse(JSON.parse(line));
				if (parsed.success) decisions.push(parsed.data);
				else invalid++;
			} catch {
				invalid++;
			}
		}
	}
	const log = { decisions, invalid, version };
	cache = { file, version, log };
	return log;
}

export function readDecisions(dir = curationDir()): Decision[] {
	return readDecisionLog(dir).decisions;
}

/** Append one decision (validated again here), after copying the log to its .bak. */
export function appendDecision(decision: Decision, dir = curationDir()): void {
	const valid = decisionSchema.parse(decision);
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, DECISIONS_FILE);
	if (fs.existsSync(file)) fs.copyFileSync(file, `${file}.bak`);
	// One write of one line with O_APPEND: a concurrent reader sees the line whole or not at all.
	fs.appendFileSync(file, JSON.stringify(valid) + '\n', { encoding: 'utf8' });
}
