/**
 * npm run ingest -- [--db PATH] [--json] [PATH...]
 *
 * Reads the corpus (default data/corpus/; directories are walked for .txt, .md, .pdf and .docx files) into the
 * DuckDB database (default data/rapporteur.duckdb, or $RAPPORTEUR_DB). Unchanged files are skipped;
 * the database is replaced atomically, so a running web server keeps answering. Prints a summary
 * and one `file: reason` line per file that failed; exits 1 if any failed (after ingesting the
 * others), 2 on a usage or setup error. With --json, the summary is one JSON line on stdout instead (the /add page
 * runs this script in a child process: src/lib/server/ingest-process.ts).
 */

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFiles, type IngestFile } from '../src/lib/server/ingest';
import { loadReferenceEntities } from '../src/lib/server/reference';

const USAGE = 'usage: npm run ingest -- [--db PATH] [--reference DIR] [--json] [FILE_OR_DIR...]';

function collect(target: string, out: string[]): void {
	const stat = fs.statSync(target);
	if (stat.isDirectory()) {
		for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
			// Hidden entries are editor or VCS files, never documents.
			if (entry.name.startsWith('.')) continue;
			const child = path.join(target, entry.name);
			if (entry.isDirectory()) collect(child, out);
			else if (/\.(txt|md|pdf|docx)$/i.test(entry.name)) out.push(child);
		}
	} else {
		// A file named explicitly is taken whatever its extension: the user asked for it.
		out.push(target);
	}
}

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs({
			allowPositionals: true,
			options: {
				db: { type: 'string', default: process.env.RAPPORTEUR_DB || 'data/rapporteur.duckdb' },
				reference: { type: 'string', default: 'data/reference' },
				json: { type: 'boolean', default: false },
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
	const targets = args.positionals.length > 0 ? args.positionals : ['data/corpus/'];
	const paths: string[] = [];
	for (const target of targets) {
		try {
			collect(target, paths);
		} catch (err) {
			console.error(
				`${target}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`
			);
			return 2;
		}
	}
	// Sorted so that runs over the same corpus are reproducible (meeting id clashes depend on order).
	paths.sort();
	const files: IngestFile[] = paths.map((p) => ({ path: p, bytes: fs.readFileSync(p) }));
	const entities = loadReferenceEntities(args.values.reference);

	// Loaded only for a terminal: the bar is of no use to a pipe, and its import costs start-up time.
	const cliProgress =
		process.stdout.isTTY && !args.values.json ? (await import('cli-progress')).default : null;
	const bar = cliProgress
		? new cliProgress.SingleBar(
				{ format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true },
				cliProgress.Presets.shades_classic
			)
		: null;
	bar?.start(files.length, 0, { file: '' });
	let summary;
	try {
		summary = await ingestFiles(args.values.db, files, {
			entities,
			onProgress: (p) => bar?.update(p.done, { file: path.basename(p.file) })
		});
	} finally {
		bar?.stop();
	}

	if (args.values.json) {
		console.log(JSON.stringify(summary));
		return summary.failed.length > 0 ? 1 : 0;
	}
	const mb = summary.bytesParsed / 1e6;
	const seconds = summary.ms / 1000;
	console.log(
		`${summary.dbPath}: ${files.length} files: ${summary.added.length} added, ${summary.replaced.length} replaced, ` +
			`${summary.unchanged.length} unchanged, ${summary.failed.length} failed` +
			(summary.rewritten ? '' : ' (database not rewritten)') +
			(summary.rebuilt ? ' (rebuilt for a new schema)' : '')
	);
	console.log(
		`${summary.rowCounts.document} documents, ${summary.meetings} meetings, ${summary.warnings} warnings in this run; ` +
			`${seconds.toFixed(2)} s` +
			(mb > 0 ? `, ${mb.toFixed(2)} MB parsed (${(mb / seconds).toFixed(1)} MB/s)` : '')
	);
	console.log(
		'rows: ' +
			Object.entries(summary.rowCounts)
				.map(([table, n]) => `${table} ${n}`)
				.join(', ')
	);
	for (const f of summary.failed) console.error(`${f.file}: ${f.reason}`);
	return summary.failed.length > 0 ? 1 : 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(err: unknown) => {
		console.error(`ingest failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 2;
	}
);
