/**
 * Reports as users have them: each corpus text made into a PDF (one and two columns) and a Word
 * file by tests/fixtures/make-fixtures.ts, read back by `extractText`, parsed, and compared with the
 * parse of the text itself, field for field. Paragraph texts may differ in whitespace only.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageOnlyPdf, renderDocx, renderPdf } from '../../../../tests/fixtures/make-fixtures';
import { resolveName } from '../../ingest/names';
import { parseReport } from '../../ingest/parse';
import { ParseError, type ParsedDocument } from '../../ingest/types';
import { loadNameIndex } from '../reference';
import { detectKind, extractText } from './index';
import { NO_TEXT_LAYER } from './pdf';

const CORPUS = 'data/corpus';
/** Generated files are kept for a look (git-ignored), never committed. */
const OUT = 'test-results/extract-fixtures';
const index = loadNameIndex('data/reference');
const parse = (text: string): ParsedDocument =>
	parseReport(text, { resolveName: (n) => resolveName(index, n) });

/** Every field of the parse; paragraph texts with whitespace normalised. */
function comparable(p: ParsedDocument) {
	return { ...p, paragraphs: p.paragraphs.map((x) => ({ ...x, text: x.text.replace(/\s+/g, ' ').trim() })) };
}

const files = readdirSync(CORPUS).sort();
/** The ones also laid out in two columns (the 2013 annex table does not fit a column). */
const TWO_COLUMNS = files.filter((f) => /^(2017|2020|2023)-/.test(f));

interface Made {
	source: string;
	pdf: Uint8Array;
	pdf2: Uint8Array | null;
	docx: Uint8Array;
}
const made = new Map<string, Made>();
const timings: string[] = [];

beforeAll(async () => {
	mkdirSync(OUT, { recursive: true });
	for (const [i, file] of files.entries()) {
		const source = readFileSync(join(CORPUS, file), 'utf8');
		const markdown = file.endsWith('.md');
		const opts = { markdown, symbol: `CTOC/COP/WG.2/2099/${i + 1}`, jobNumber: `V.99-1234${i}` };
		const pdf = await renderPdf(source, opts);
		const pdf2 = TWO_COLUMNS.includes(file) ? await renderPdf(source, { ...opts, columns: 2 }) : null;
		const docx = await renderDocx(source, { markdown });
		writeFileSync(join(OUT, `${file}.pdf`), pdf);
		if (pdf2) writeFileSync(join(OUT, `${file}.2col.pdf`), pdf2);
		writeFileSync(join(OUT, `${file}.docx`), docx);
		made.set(file, { source, pdf, pdf2, docx });
	}
}, 120_000);

async function extractTimed(name: string, bytes: Uint8Array): Promise<string> {
	const started = performance.now();
	const text = await extractText(name, bytes);
	timings.push(`${name}: ${(performance.now() - started).toFixed(0)} ms`);
	writeFileSync(join(OUT, `${name}.txt`), text);
	return text;
}

describe.each(files)('%s', (file) => {
	it('parses the same from its PDF as from its text', async () => {
		const m = made.get(file)!;
		const text = await extractTimed(`${file}.pdf`, m.pdf);
		expect(comparable(parse(text))).toEqual(comparable(parse(m.source)));
	});

	it('parses the same from its Word file as from its text', async () => {
		const m = made.get(file)!;
		const text = await extractTimed(`${file}.docx`, m.docx);
		expect(comparable(parse(text))).toEqual(comparable(parse(m.source)));
	});

	// Only the reports laid out in two columns get this test (not a skip: it is not defined for the others).
	if (TWO_COLUMNS.includes(file)) {
		it('parses the same from a two-column PDF', async () => {
			const m = made.get(file)!;
			const text = await extractTimed(`${file}.2col.pdf`, m.pdf2!);
			expect(comparable(parse(text))).toEqual(comparable(parse(m.source)));
		});
	}

	it('drops running headers, footers and page numbers', async () => {
		const text = await extractText('x.pdf', made.get(file)!.pdf);
		expect(text).not.toMatch(/V\.99-\d+|CTOC\/COP\/WG\.2\/2099|^\d+\/\d+$/m);
	});
});

describe('two columns', () => {
	it('reads the left column before the right one', async () => {
		const file = files.find((f) => f.startsWith('2023'))!;
		const text = await extractText('x.pdf', made.get(file)!.pdf2!);
		// Paragraph numbers come out in printed order: a page read across would interleave them.
		const numbers = [...text.matchAll(/^(\d{1,3})\. /gm)].map((m) => Number(m[1]));
		expect(numbers.length).toBeGreaterThan(30);
		const paragraphs = numbers.filter((n, i) => i === 0 || n > numbers[i - 1]! || n === 1);
		expect(paragraphs).toEqual(numbers);
	});
});

describe('files that are not reports', () => {
	it('refuses a scanned PDF (an image, no text layer) with a clear message', async () => {
		const pdf = await imageOnlyPdf();
		await expect(extractText('scan.pdf', pdf)).rejects.toThrow(new ParseError(NO_TEXT_LAYER));
	});

	it('tells the kind by the bytes, not the name', async () => {
		const file = files[0]!;
		expect(detectKind(made.get(file)!.pdf)).toBe('pdf');
		expect(detectKind(made.get(file)!.docx)).toBe('docx');
		expect(detectKind(new TextEncoder().encode('Report on the meeting'))).toBe('text');
		// A PDF named .txt is still read as a PDF.
		const text = await extractText('report.txt', made.get(file)!.pdf);
		expect(text).toContain('Report on the meeting');
	});

	it('refuses a text file named .pdf, an unreadable PDF and an old .doc', async () => {
		await expect(extractText('a.pdf', new TextEncoder().encode('hello'))).rejects.toThrow(/not a PDF/);
		await expect(extractText('a.pdf', new TextEncoder().encode('%PDF-1.7\n garbage'))).rejects.toThrow(
			/not a readable PDF/
		);
		const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		await expect(extractText('a.doc', ole)).rejects.toThrow(/\.doc/);
	});

	it('still decodes plain text', async () => {
		expect(await extractText('a.md', new TextEncoder().encode('# Title\n\nText.'))).toBe('# Title\n\nText.');
	});
});

describe('timings', () => {
	it('prints how long each extraction took', () => {
		// Kept in the test log for the record; no bound is asserted (CI machines differ).
		console.log(`extraction times:\n  ${timings.join('\n  ')}`);
		expect(timings.length).toBeGreaterThan(0);
	});
});
