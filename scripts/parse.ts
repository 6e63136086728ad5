/**
 * npm run -s parse -- FILE...
 *
 * Parses each file and prints one JSON object per line on stdout, and nothing else (so the output
 * pipes into `jq` or a diff): the fields of `toParseJson`, or `{"file", "error"}` for a file that
 * cannot be read or parsed; it then goes on with the next file. Exit code 1 if any file failed
 * (every line is still printed), 2 on a usage error or an unreadable reference table.
 * `--reference DIR` reads entities.csv from DIR (default data/reference).
 */

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveName, type NameIndex } from '../src/lib/ingest/names';
import { parseReport } from '../src/lib/ingest/parse';
import { toParseJson, type ParseJsonError } from '../src/lib/ingest/parse-json';
import { extractText } from '../src/lib/server/extract';
import { loadNameIndex } from '../src/lib/server/reference';

const USAGE = 'usage: npm run -s parse -- [--reference DIR] FILE...';

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs({
			allowPositionals: true,
			options: { reference: { type: 'string', default: 'data/reference' } }
		});
	} catch (err) {
		console.error(`${(err as Error).message}\n${USAGE}`);
		return 2;
	}
	if (args.positionals.length === 0) {
		console.error(USAGE);
		return 2;
	}
	let index: NameIndex;
	try {
		index = loadNameIndex(args.values.reference);
	} catch (err) {
		// Without the reference every name would come out unresolved: better no output than wrong output.
		console.error(`cannot read the reference table in ${args.values.reference}: ${(err as Error).message}`);
		return 2;
	}
	const options = { resolveName: (name: string) => resolveName(index, name) };
	let failed = 0;
	for (const file of args.positionals) {
		let line: string;
		try {
			// PDF and Word files are read to text first; anything else is decoded as text.
			const parsed = parseReport(await extractText(file, fs.readFileSync(file)), options);
			line = JSON.stringify(toParseJson(file, parsed));
		} catch (err) {
			failed++;
			const error: ParseJsonError = { file, error: reason(err) };
			line = JSON.stringify(error);
		}
		process.stdout.write(line + '\n');
	}
	return failed > 0 ? 1 : 0;
}

function reason(err: unknown): string {
	const e = err as NodeJS.ErrnoException;
	if (e?.code === 'ENOENT') return 'no such file';
	if (e?.code === 'EISDIR') return 'is a directory';
	if (e?.code === 'EACCES') return 'permission denied';
	return err instanceof Error ? err.message : String(err);
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(err: unknown) => {
		console.error(err instanceof Error ? err.message : String(err));
		process.exitCode = 2;
	}
);
