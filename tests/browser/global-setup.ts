/**
 * Builds the test database for the browser tests, once per run, when the ingest script exists.
 *
 * Order matters: Playwright starts the webServer BEFORE globalSetup runs. So the server is started with
 * RAPPORTEUR_DB already pointing at TEST_DB (see playwright.config.ts) and must open the database lazily, on the
 * first request that needs it, which is after this file has finished; the readiness check uses a static file for
 * that reason. Setting process.env here also hands the path to the test workers, which start after this.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const TEST_DB = resolve('test-results/test.duckdb');

export default function globalSetup(): void {
	if (!existsSync('scripts/ingest.ts')) return;
	mkdirSync(dirname(TEST_DB), { recursive: true });
	// Start from an empty file: a database left by an earlier, failed run would hide ingest errors.
	rmSync(TEST_DB, { force: true });
	rmSync(`${TEST_DB}.wal`, { force: true });
	execFileSync('npx', ['tsx', 'scripts/ingest.ts', '--db', 'test-results/test.duckdb', 'data/corpus'], {
		stdio: 'inherit'
	});
	process.env.RAPPORTEUR_DB = TEST_DB;
}
