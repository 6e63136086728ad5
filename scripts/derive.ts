/**
 * npm run derive -- [--db PATH]
 *
 * Recomputes the derived tables (topic assignments, follow-up links, discovered terms) of an existing database
 * after data/reference/topics.csv or tools.csv changed: `npm run ingest` does this itself whenever documents
 * change, but skips the work when none did. The database is replaced atomically, like an ingest. Exits 2 on
 * failure.
 */
import { parseArgs } from 'node:util';
import { rederive } from '../src/lib/server/derive';

const USAGE = 'usage: npm run derive -- [--db PATH]';

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs({
			options: {
				db: { type: 'string', default: process.env.RAPPORTEUR_DB || 'data/rapporteur.duckdb' },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (err) {
		console.error(`${(err as Error).message}\n${USAGE}`);
		return 2;
	}
	if (args.values.help) {
		console.log(USAGE);
		return 0;
	}
	const summary = await rederive(args.values.db);
	console.log(
		`${args.values.db}: ${summary.assignments} topic assignments, ${summary.links} follow-up links ` +
			`(with possible ones), ${summary.terms} discovered terms; ${(summary.ms / 1000).toFixed(2)} s`
	);
	return 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(err: unknown) => {
		console.error(`derive failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 2;
	}
);
