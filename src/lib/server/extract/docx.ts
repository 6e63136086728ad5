/**
 * The text of a Word document (.docx), read with mammoth, written the way the parser reads a report
 * typed by hand: one line per paragraph, blank lines between them, headings as markdown (`#` by
 * heading level), whole-bold paragraphs as `**...**`, bullets as `- `, table rows tab-separated,
 * superscripts as `<sup>`, footnotes after the text.
 *
 * Word's automatic numbering ("12.", "(a)") is not text in the file, and mammoth reports only
 * whether a paragraph is in an ordered list, not its number. So before mammoth reads the file, the
 * numbers are computed from word/numbering.xml (format, level text, start and restarts) and written
 * into each numbered paragraph as text: the paragraph numbers the report cites then survive.
 */

import JSZip from 'jszip';
import mammoth from 'mammoth';
import { ParseError } from '../../ingest/types';

/** A list label before a tab: the tab is the label's separator, not a table column. */
const LEADING_LABEL =
	/^((?:[-•–]|\d{1,3}\.|\((?:[a-z]{1,4}|\d{1,2})\)|[IVXL]{1,6}\.|[A-Z]\.)(?:\s*(?:\d{1,3}\.|\((?:[a-z]{1,4}|\d{1,2})\)))?)\t+/;

export async function extractDocxText(bytes: Uint8Array): Promise<string> {
	let zip: JSZip;
	try {
		zip = await JSZip.loadAsync(bytes);
	} catch (err) {
		throw new ParseError(`not a readable Word document: ${(err as Error).message}`);
	}
	if (!zip.file('word/document.xml')) throw new ParseError('not a Word document (no word/document.xml)');
	await materialiseNumbering(zip);
	const buffer = await zip.generateAsync({ type: 'nodebuffer' });
	let text = '';
	try {
		await mammoth.convertToHtml(
			{ buffer },
			{
				// The document tree is all we need; the HTML mammoth goes on to write is discarded.
				transformDocument: (doc: MammothElement) => {
					text = writeDocument(doc);
					return doc;
				}
			}
		);
	} catch (err) {
		throw new ParseError(`not a readable Word document: ${(err as Error).message}`);
	}
	if (text.trim() === '') throw new ParseError('the Word document has no text');
	return text;
}

// ---------------------------------------------------------------------------------------------
// Numbering

interface Level {
	start: number;
	format: string;
	text: string;
}

/** Paragraph number formats Word offers that reports use. */
function formatNumber(n: number, format: string): string {
	switch (format) {
		case 'decimal':
		case 'decimalZero':
			return format === 'decimalZero' && n < 10 ? `0${n}` : String(n);
		case 'lowerLetter':
		case 'upperLetter': {
			// Word repeats the letter past z: aa, bb, ...
			const letter = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
			return format === 'upperLetter' ? letter.toUpperCase() : letter;
		}
		case 'lowerRoman':
			return roman(n).toLowerCase();
		case 'upperRoman':
			return roman(n);
		case 'bullet':
			return '-';
		case 'none':
			return '';
		default:
			return String(n);
	}
}

function roman(n: number): string {
	const table: [number, string][] = [
		[1000, 'M'],
		[900, 'CM'],
		[500, 'D'],
		[400, 'CD'],
		[100, 'C'],
		[90, 'XC'],
		[50, 'L'],
		[40, 'XL'],
		[10, 'X'],
		[9, 'IX'],
		[5, 'V'],
		[4, 'IV'],
		[1, 'I']
	];
	let out = '';
	for (const [v, s] of table) {
		while (n >= v) {
			out += s;
			n -= v;
		}
	}
	return out;
}

const attr = (xml: string, tag: string, name = 'w:val'): string | null => {
	const m = new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml);
	return m ? m[1]! : null;
};

function xmlEscape(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Write each automatically numbered paragraph's number into it as text and drop its numbering, so
 * that what Word shows ("12. The Working Group ...") is what mammoth reads. Counters follow Word:
 * one per list (abstract numbering) and level, a deeper level restarting when a shallower one
 * advances, a list instance with a start override restarting at it.
 */
async function materialiseNumbering(zip: JSZip): Promise<void> {
	const numberingXml = await zip.file('word/numbering.xml')?.async('string');
	if (!numberingXml) return;
	const stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
	const abstracts = new Map<string, Map<number, Level>>();
	for (const m of numberingXml.matchAll(
		/<w:abstractNum\b[^>]*w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g
	)) {
		const levels = new Map<number, Level>();
		for (const l of m[2]!.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
			levels.set(Number(l[1]), {
				start: Number(attr(l[2]!, 'w:start') ?? '1'),
				format: attr(l[2]!, 'w:numFmt') ?? 'decimal',
				text: attr(l[2]!, 'w:lvlText') ?? `%${Number(l[1]) + 1}.`
			});
		}
		abstracts.set(m[1]!, levels);
	}
	const nums = new Map<string, { abstract: string; overrides: Map<number, number> }>();
	for (const m of numberingXml.matchAll(/<w:num\b[^>]*w:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
		const overrides = new Map<number, number>();
		for (const o of m[2]!.matchAll(/<w:lvlOverride\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
			const start = attr(o[2]!, 'w:startOverride');
			if (start !== null) overrides.set(Number(o[1]), Number(start));
		}
		nums.set(m[1]!, { abstract: attr(m[2]!, 'w:abstractNumId') ?? '', overrides });
	}
	// Numbering a paragraph style carries (a "numbered paragraph" style).
	const styleNumbering = new Map<string, { numId: string; ilvl: number }>();
	for (const m of stylesXml.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
		const numId = attr(m[2]!, 'w:numId');
		if (numId) styleNumbering.set(m[1]!, { numId, ilvl: Number(attr(m[2]!, 'w:ilvl') ?? '0') });
	}

	const counters = new Map<string, number[]>();
	const docFile = zip.file('word/document.xml')!;
	const xml = await docFile.async('string');
	// Each paragraph start tag (not <w:pPr>, <w:pStyle>), with its properties if it has any.
	const out = xml.replace(
		/(<w:p(?:\s[^>]*)?>)(\s*<w:pPr>([\s\S]*?)<\/w:pPr>)?/g,
		(whole, open: string, _block: string | undefined, pPr: string | undefined) => {
			const props = pPr ?? '';
			const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(props)?.[1];
			const style = attr(props, 'w:pStyle');
			let numId = numPr ? attr(numPr, 'w:numId') : null;
			let ilvl = numPr ? Number(attr(numPr, 'w:ilvl') ?? '0') : 0;
			if (!numPr && style && styleNumbering.has(style)) {
				({ numId, ilvl } = styleNumbering.get(style)!);
			}
			if (!numId || numId === '0') return whole;
			const num = nums.get(numId);
			const levels = num ? abstracts.get(num.abstract) : undefined;
			const level = levels?.get(ilvl);
			if (!num || !levels || !level) return whole;
			const key = num.overrides.size > 0 ? `num:${numId}` : `abs:${num.abstract}`;
			let counter = counters.get(key);
			if (!counter) {
				counter = [];
				counters.set(key, counter);
			}
			for (let l = 0; l <= ilvl; l++) {
				const start = num.overrides.get(l) ?? levels.get(l)?.start ?? 1;
				if (counter[l] === undefined) counter[l] = l === ilvl ? start - 1 : start;
			}
			counter[ilvl]!++;
			counter.length = ilvl + 1;
			const label = level.text.replace(/%(\d)/g, (_, d: string) => {
				const l = Number(d) - 1;
				return formatNumber(counter![l] ?? 1, levels.get(l)?.format ?? 'decimal');
			});
			if (level.format === 'none' && label === '') return whole;
			const text = level.format === 'bullet' ? '- ' : `${label} `;
			// Numbering removed (an explicit numId 0 overrides a style's numbering too), number written.
			const newPPr = `<w:pPr>${props.replace(/<w:numPr>[\s\S]*?<\/w:numPr>/, '')}<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr>`;
			return `${open}${newPPr}<w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
		}
	);
	zip.file('word/document.xml', out);
}

// ---------------------------------------------------------------------------------------------
// Mammoth's document tree to text

interface MammothElement {
	type: string;
	children?: MammothElement[];
	value?: string;
	styleName?: string | null;
	styleId?: string | null;
	numbering?: { isOrdered: boolean; level: string } | null;
	isBold?: boolean;
	verticalAlignment?: string;
	breakType?: string;
	noteType?: string;
	noteId?: string;
	notes?: { _notes?: Record<string, { noteId: string; body: MammothElement[] }> };
	body?: MammothElement[];
}

interface Inline {
	text: string;
	bold: boolean;
}

function inlineOf(el: MammothElement, bold: boolean, out: Inline[], notes: string[]): void {
	switch (el.type) {
		case 'text':
			out.push({ text: el.value ?? '', bold });
			return;
		case 'tab':
			out.push({ text: '\t', bold });
			return;
		case 'break':
			// A line break inside a paragraph is a space for the parser; a page break is nothing.
			out.push({ text: el.breakType === 'line' || !el.breakType ? ' ' : '', bold });
			return;
		case 'noteReference': {
			notes.push(`${el.noteType ?? 'footnote'}:${el.noteId ?? ''}`);
			out.push({ text: `<sup>${notes.length}</sup>`, bold: true });
			return;
		}
		case 'run': {
			const sup = el.verticalAlignment === 'superscript';
			const inner: Inline[] = [];
			for (const c of el.children ?? []) inlineOf(c, bold || !!el.isBold, inner, notes);
			if (sup) {
				const text = inner.map((i) => i.text).join('');
				if (text.trim() !== '') out.push({ text: `<sup>${text.trim()}</sup>`, bold: true });
			} else out.push(...inner);
			return;
		}
		default:
			for (const c of el.children ?? []) inlineOf(c, bold, out, notes);
	}
}

function paragraphText(p: MammothElement, notes: string[]): { text: string; bold: boolean } {
	const inline: Inline[] = [];
	for (const c of p.children ?? []) inlineOf(c, false, inline, notes);
	let text = inline
		.map((i) => i.text)
		.join('')
		.replace(/[ \u00a0]+/g, ' ')
		.trim();
	// "12.<tab>The Working Group": the tab separates the label, it is not a table column.
	text = text.replace(LEADING_LABEL, '$1 ');
	const letters = inline.filter((i) => /\p{L}/u.test(i.text));
	return { text, bold: letters.length > 0 && letters.every((i) => i.bold) };
}

function headingDepth(p: MammothElement): number {
	const name = p.styleName ?? p.styleId ?? '';
	const m = /^heading\s*(\d)$/i.exec(name);
	if (m) return Math.min(6, Number(m[1]));
	return /^title$/i.test(name) ? 1 : 0;
}

function writeDocument(doc: MammothElement): string {
	const blocks: string[] = [];
	const notes: string[] = [];
	const writeBlock = (el: MammothElement) => {
		if (el.type === 'paragraph') {
			const { text, bold } = paragraphText(el, notes);
			if (text === '') return;
			const depth = headingDepth(el);
			const bullet = el.numbering && !el.numbering.isOrdered ? '- ' : '';
			if (depth > 0) blocks.push(`${'#'.repeat(depth)} ${text.replace(/\t+/g, ' ')}`);
			else if (bold && !text.includes('\t')) blocks.push(`${bullet}**${text}**`);
			else blocks.push(bullet + text);
		} else if (el.type === 'table') {
			const rows = (el.children ?? [])
				.filter((r) => r.type === 'tableRow')
				.map((row) =>
					(row.children ?? [])
						.map((cell) =>
							(cell.children ?? [])
								.filter((c) => c.type === 'paragraph')
								.map((c) => paragraphText(c, notes).text.replace(/\t+/g, ' '))
								.filter((t) => t !== '')
								.join(' ')
						)
						.join('\t')
				);
			if (rows.length > 0) blocks.push(rows.join('\n'));
		} else {
			for (const c of el.children ?? []) writeBlock(c);
		}
	};
	for (const c of doc.children ?? []) writeBlock(c);
	// Footnotes and endnotes after the text, numbered as their references were.
	const byKey = doc.notes?._notes ?? {};
	notes.forEach((key, i) => {
		const note = byKey[key];
		if (!note) return;
		const text = note.body
			.filter((b) => b.type === 'paragraph')
			.map((b) => paragraphText(b, []).text)
			.join(' ');
		if (text !== '') blocks.push(`<sup>${i + 1}</sup> ${text}`);
	});
	return blocks.join('\n\n') + '\n';
}
