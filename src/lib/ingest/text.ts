/**
 * From the text of a report (markdown, plain text or text converted from PDF) to a flat list of
 * blocks: one per printed paragraph, heading, list item or footnote, with the layout artefacts
 * (markdown markup, page footers, `- 12.` bullets, paragraphs split by a page break) removed.
 * Nothing here knows what a recommendation or an attendance list is.
 */

export type BlockKind =
	/** A numbered paragraph as printed ("12. ..."), or one whose number was lost (`inferred`). */
	| 'paragraph'
	/** Text with no number of its own: a continuation, annex text, a recommendation's body. */
	| 'text'
	/** "I. Introduction", "A. Attendance", "**B. ...**", "## ...", "Annex". */
	| 'heading'
	/** A numbered line that cannot be a paragraph (agenda list entry, numbered sub-heading). */
	| 'numbered'
	/** "(a) ..." */
	| 'lettered'
	/** "Recommendation 3" standing alone. */
	| 'label'
	/** Footnote text ("<sup>1</sup> ...", "* Reissued ..."). */
	| 'footnote'
	/** A tab-separated table row. */
	| 'row'
	/** A document symbol standing alone on its line ("CTOC/COP/WG.4/2019/4"), as in the masthead. */
	| 'symbol';

export interface Block {
	kind: BlockKind;
	text: string;
	/** Number or letter as printed: "12", "(a)", "A", "II", "1". */
	label: string | null;
	/** For headings: 1 = chapter (roman or markdown #/##), 2 = lettered section, 3 = numbered sub-heading. */
	level: number;
	/** Printed as a `- ` bullet (text converted from PDF marks paragraphs so). */
	bullet: boolean;
	/** Paragraph number was lost in conversion and inferred from its neighbours. */
	inferred: boolean;
	/** Index of the source line, for ordering and error messages. */
	line: number;
}

const PAGE_FOOTER = [
	/^V\.\d{2}-\d{4,6}\s+\d+\/\d+$/, // "V.17-07534 3/14"
	/^\d+\/\d+\s+V\.\d{2}-\d{4,6}$/, // "4/14 V.17-07534"
	/^V\.\d{2}-\d{4,6}$/,
	/^\d{1,3}$/ // a lone page number
];

const ROMAN = /^(?:[IVX]{1,5})$/;
export const SYMBOL_LINE = /^[A-Z]{2,6}(?:\/[A-Za-z0-9.-]+)+$/;

/**
 * Undo markdown and HTML markup, keeping the words. Most lines hold no markup at all, and each
 * replacement below needs one particular character to match: a line without it skips the regex.
 */
export function stripMarkup(line: string): string {
	let s = line;
	if (s.includes('<')) {
		s = s.replace(/<sup>[^<]*<\/sup>/g, '').replace(/<\/?(?:i|b|em|strong|u|span)>/gi, '');
	}
	if (s.includes('[')) s = s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
	if (s.includes('*')) {
		s = s.replace(/\*\*([^*]*)\*\*/g, '$1').replace(/(^|[\s(])\*([^*\s][^*]*?)\*(?=[\s).,;:]|$)/g, '$1$2');
	}
	if (s.includes('\\')) s = s.replace(/\\([*_#])/g, '$1');
	if (s.includes('*')) s = s.replace(/\*\*/g, '');
	// Tabs separate table cells, and an empty cell is two tabs in a row: keep every tab.
	if (s.includes('\t')) s = s.replace(/[ \u00a0]*\t[ \u00a0]*/g, '\t');
	if (s.includes('  ') || s.includes('\u00a0')) s = s.replace(/[ \u00a0]+/g, ' ');
	return s.trim();
}

/** Normalise characters that differ between conversions of the same text. */
export function normalizeChars(text: string): string {
	// Few texts hold a carriage return, and looking for one is cheaper than the pattern.
	let s = text.replace(/^\uFEFF/, '');
	if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
	// One pass for the spaces that differ and the invisible characters that go.
	return s.replace(/[\u00a0\u2007\u202f\u00ad\u200b\u200c\u200d]/g, (ch) =>
		ch === '\u00a0' || ch === '\u2007' || ch === '\u202f' ? ' ' : ''
	);
}

function isPageArtefact(line: string): boolean {
	return PAGE_FOOTER.some((re) => re.test(line));
}

interface RawLine {
	text: string;
	heading: boolean;
	headingDepth: number;
	bold: boolean;
	bullet: boolean;
	footnote: boolean;
	line: number;
	/** Preceded by a blank line (or a removed page artefact). */
	afterBreak: boolean;
}

function readLines(text: string): RawLine[] {
	const out: RawLine[] = [];
	let afterBreak = true;
	let inFootnote = false;
	const lines = normalizeChars(text).split('\n');
	// A symbol line printed again at the top of every page is a running header, kept once.
	const seenSymbols = new Set<string>();
	for (let i = 0; i < lines.length; i++) {
		// trimEnd strips exactly what \s matches.
		let raw = (lines[i] ?? '').trimEnd();
		if (raw.trim() === '' || /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/.test(raw)) {
			afterBreak = true;
			if (/^\s*-{3,}/.test(raw)) inFootnote = !inFootnote && /^\s*-{3,}/.test(raw) ? false : inFootnote;
			continue;
		}
		const md = /^\s*(#{1,6})\s+(.*)$/.exec(raw);
		const headingDepth = md ? (md[1] ?? '').length : 0;
		if (md) raw = md[2] ?? '';
		const footnote = /^\s*(?:<sup>\s*\d+\s*<\/sup>|\\?\*\s)/.test(raw);
		let bullet = false;
		const b = /^\s*[-•–]\s+(.*)$/.exec(raw);
		if (b && !md) {
			bullet = true;
			raw = b[1] ?? '';
		}
		const trimmed = raw.trim();
		const bold = /^\*\*.*\*\*$/.test(trimmed) && !/\*\*.*\*\*.+\*\*.*\*\*/.test(trimmed);
		const cleaned = footnote
			? stripMarkup(trimmed.replace(/^<sup>\s*(\d+)\s*<\/sup>/, '$1 '))
			: stripMarkup(trimmed);
		const isSymbol = SYMBOL_LINE.test(cleaned);
		if (isSymbol && seenSymbols.has(cleaned)) {
			afterBreak = true;
			continue;
		}
		if (isSymbol) seenSymbols.add(cleaned);
		if (cleaned === '' || isPageArtefact(cleaned)) {
			afterBreak = true;
			continue;
		}
		inFootnote = false;
		out.push({ text: cleaned, heading: !!md, headingDepth, bold, bullet, footnote, line: i + 1, afterBreak });
		afterBreak = false;
	}
	return out;
}

const NUMBERED = /^(\d{1,3})\.\s+(\S.*)$/;
const LETTERED = /^\(([a-z]{1,4}|\d{1,2})\)\s*(\S.*)$/;
const LETTER_HEADING = /^([A-Z])\.\s+(\S.*)$/;
const ROMAN_HEADING = /^([IVX]{1,5})\.\s+(\S.*)$/;
const LABEL = /^(Recommendation|Discussion point|Conclusion|Decision)\s+(\d{1,3}[a-z]?)\s*\.?$/i;

/** Terminal punctuation, allowing closing quotes and brackets after it. */
function endsSentence(text: string): boolean {
	return /[.:;!?][”"’')\]]*$/.test(text);
}

/** A block of `l` (the fields in one order, so that every block has the same shape). */
function block(l: RawLine, kind: BlockKind, text: string, level = 0, label: string | null = null): Block {
	return { bullet: l.bullet, inferred: false, line: l.line, level, label, kind, text };
}

function classify(l: RawLine): Block {
	const t = l.text;
	if (l.footnote) return block(l, 'footnote', t);
	if (SYMBOL_LINE.test(t) && /\d/.test(t)) return block(l, 'symbol', t);
	if (t.includes('\t')) return block(l, 'row', t);
	let m = ROMAN_HEADING.exec(t);
	if (m && ROMAN.test(m[1] ?? '') && !endsSentence(t.replace(/\.$/, ''))) {
		return block(l, 'heading', m[2] ?? '', 1, m[1] ?? null);
	}
	m = LETTER_HEADING.exec(t);
	if (m && (l.heading || l.bold || !endsSentence(t) || t.length < 160)) {
		return block(l, 'heading', (m[2] ?? '').replace(/[.:]$/, ''), 2, m[1] ?? null);
	}
	m = NUMBERED.exec(t);
	if (m) {
		// A numbered markdown heading or bold line is a sub-heading, whatever its number.
		if (l.heading || l.bold) return block(l, 'heading', m[2] ?? '', 3, m[1] ?? null);
		return block(l, 'numbered', m[2] ?? '', 0, m[1] ?? null);
	}
	m = LETTERED.exec(t);
	if (m) {
		if (l.heading || l.bold) return block(l, 'heading', m[2] ?? '', 4, `(${m[1]})`);
		return block(l, 'lettered', m[2] ?? '', 0, `(${m[1]})`);
	}
	m = LABEL.exec(t);
	if (m) return block(l, 'label', t.replace(/\.$/, ''), 0, `${m[1]} ${m[2]}`);
	if (l.heading || l.bold || /^annex(?:\s+[IVX]+)?$/i.test(t)) {
		return block(l, 'heading', t, l.headingDepth >= 3 ? 2 : 1);
	}
	return block(l, 'text', t);
}

/**
 * A block continues the previous one when a page break or a stray blank line split a sentence:
 * it starts in lower case, or the previous block stopped mid-sentence and this one is plain text.
 */
function continues(prev: Block, next: Block, nextRaw: RawLine): boolean {
	if (prev.kind === 'heading' || prev.kind === 'label' || prev.kind === 'row' || prev.kind === 'symbol')
		return false;
	if (next.kind === 'footnote' || prev.kind === 'footnote') return false;
	if (next.kind !== 'text') return false;
	if (nextRaw.heading || nextRaw.bold) return false;
	if (/^[a-z]/.test(next.text)) return true;
	return !endsSentence(prev.text) && !nextRaw.bullet;
}

/** The blocks of a document, with continuations joined and artefacts removed. */
export function toBlocks(text: string): Block[] {
	const raws = readLines(text);
	const blocks: Block[] = [];
	let prevRaw: RawLine | null = null;
	for (const raw of raws) {
		const block = classify(raw);
		const prev = blocks[blocks.length - 1];
		// Consecutive markdown lines without a blank between them are one paragraph.
		const sameParagraph =
			prev &&
			prevRaw &&
			!raw.afterBreak &&
			!raw.bullet &&
			block.kind === 'text' &&
			prev.kind !== 'heading' &&
			prev.kind !== 'symbol';
		if (prev && (sameParagraph || continues(prev, block, raw))) {
			prev.text = joinText(prev.text, block.text);
		} else {
			blocks.push(block);
		}
		prevRaw = raw;
	}
	return blocks;
}

function joinText(a: string, b: string): string {
	// A word hyphenated across the break ("docu-" + "ment") is joined without the hyphen only
	// when the second part starts in lower case; "Money-" + "Laundering" keeps it.
	if (/[a-z]-$/.test(a) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
	return `${a} ${b}`;
}
