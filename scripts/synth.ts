/**
 * npm run synth -- --docs N --seed S --out DIR [--start I] [--layout L] [--reference DIR]
 *
 * Writes N synthetic meeting reports into DIR (created if missing), in the layouts of the real
 * corpus, and DIR/truth.jsonl with what each one contains (one JSON object per file: the counts the
 * parser must read back). The same seed gives the same files on every machine; documents are
 * numbered from --start (default 0), and document i is the same whatever N, so a corpus of 500 is
 * the first 500 files of a corpus of 5,000. `npm run ingest -- DIR` ingests them (.jsonl is skipped).
 * Exit code 2 on a usage error.
 */

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadReferenceEntities } from '../src/lib/server/reference';
import { generateReport, SYNTH_LAYOUTS, type SynthLayout } from '../src/lib/synth';

const USAGE =
	'usage: npm run synth -- --docs N --seed S --out DIR [--start I] [--layout markdown|plain|pdf|joint|agenda] [--reference DIR]';

function wholeNumber(value: string | undefined, name: string): number {
	const n = Number(value);
	if (value === undefined || !Number.isInteger(n) || n < 0)
		throw new Error(`--${name} must be a whole number (got ${value})`);
	return n;
}

function main(): number {
	let docs: number,
		seed: number,
		start: number,
		out: string,
		layout: SynthLayout | undefined,
		reference: string;
	try {
		const { values } = parseArgs({
			options: {
				docs: { type: 'string' },
				seed: { type: 'string', default: '1' },
				start: { type: 'string', default: '0' },
				out: { type: 'string' },
				layout: { type: 'string' },
				reference: { type: 'string', default: 'data/reference' }
			}
		});
		docs = wholeNumber(values.docs, 'docs');
		seed = wholeNumber(values.seed, 'seed');
		start = wholeNumber(values.start, 'start');
		if (!values.out) throw new Error('--out is required');
		out = values.out;
		if (values.layout !== undefined && !SYNTH_LAYOUTS.includes(values.layout as SynthLayout)) {
			throw new Error(`--layout must be one of ${SYNTH_LAYOUTS.join(', ')}`);
		}
		layout = values.layout as SynthLayout | undefined;
		reference = values.reference;
	} catch (err) {
		console.error(`${(err as Error).message}\n${USAGE}`);
		return 2;
	}

	const entities = loadReferenceEntities(reference);
	fs.mkdirSync(out, { recursive: true });
	const truth: string[] = [];
	let bytes = 0;
	const started = performance.now();
	for (let i = start; i < start + docs; i++) {
		const r = generateReport(seed, i, entities, { layout });
		fs.writeFileSync(path.join(out, r.fileName), r.text);
		bytes += Buffer.byteLength(r.text);
		truth.push(JSON.stringify({ file: r.fileName, ...r.truth, attendees: r.truth.attendees.length }));
	}
	fs.writeFileSync(path.join(out, 'truth.jsonl'), truth.length ? truth.join('\n') + '\n' : '');
	const seconds = (performance.now() - started) / 1000;
	console.log(
		`${out}: ${docs} documents, ${(bytes / 1e6).toFixed(1)} MB, seed ${seed}, in ${seconds.toFixed(1)} s`
	);
	return 0;
}

process.exitCode = main();
