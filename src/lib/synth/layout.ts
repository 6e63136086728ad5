/**
 * The outline of a synthetic report (chapters, sections, numbered paragraphs with their lettered
 * items) and its rendering in the layouts of the five real reports:
 * - `markdown`: 2013 and 2020 (`#` headings, `**bold**` sections, blank lines between paragraphs);
 * - `plain`: 2023 (plain text, headings as "I. Introduction" and "A. ..." lines);
 * - `pdf`: 2017 and the 2019 variant (text converted from PDF: `- 12.` bullets, page footers
 *   `V.17-07534 3/14`, paragraphs whose number was lost, a paragraph cut by a page break, `(1)`
 *   printed for `(l)`, the document symbol repeated at the top of every page).
 * Headings and paragraph numbers are given by the renderer, so an outline is numbered the same
 * way in every layout.
 */
import type { Random } from './random';

export type Layout = 'markdown' | 'plain' | 'pdf';

export interface Item {
	/** "(a)", "1", or null for an unlabelled line. */
	label: string | null;
	text: string;
	/** Lettered sub-items of an agenda entry. */
	subs?: Item[];
}

export type Node =
	| { k: 'chapter'; text: string }
	| { k: 'section'; text: string }
	/** Numbered sub-heading ("1. Working Group on International Cooperation"). */
	| { k: 'sub'; text: string }
	/** A numbered paragraph; `items` follow it (lettered list, agenda list). */
	| { k: 'para'; text: string; items?: Item[]; agenda?: boolean; losable?: boolean }
	/** "Recommendation 3" standing alone. */
	| { k: 'label'; text: string }
	/** Unnumbered text (a recommendation's body, annex text). */
	| { k: 'text'; text: string }
	| { k: 'annex'; title: string | null }
	/** Annex sub-heading with a letter ("A. ...") inside an annex. */
	| { k: 'annex-section'; text: string }
	| { k: 'rows'; header: string[]; rows: string[][] };

export interface Head {
	/** Symbol printed on top (PDF layout only); null when the text carries none. */
	symbol: string | null;
	distribution: string;
	/** Lines between the masthead and the title (the per-body dates of a joint report). */
	preamble: string[];
	title: string;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const MASTHEAD =
	'Conference of the Parties to the United Nations Convention against Transnational Organized Crime';

/** Render the outline in a layout. `rng` decides the layout's small irregularities. */
export function render(head: Head, nodes: Node[], layout: Layout, rng: Random, jobNumber: string): string {
	const blocks =
		layout === 'markdown' ? markdown(head, nodes, rng) : plain(head, nodes, layout === 'pdf', rng);
	return layout === 'pdf' ? paginate(blocks, head.symbol, jobNumber, rng) : blocks.join('\n\n') + '\n';
}

interface Counters {
	chapter: number;
	section: number;
	sub: number;
	para: number;
}

function newCounters(): Counters {
	return { chapter: 0, section: 0, sub: 0, para: 0 };
}

function markdown(head: Head, nodes: Node[], rng: Random): string[] {
	const out: string[] = [
		'\n\n',
		`# ${MASTHEAD}`,
		`Distr.: General  \n${head.distribution}`,
		'Original: English'
	];
	out.push(...head.preamble, `## ${head.title}`);
	const c = newCounters();
	const boldChapters = rng.chance(0.5);
	for (const n of nodes) {
		switch (n.k) {
			case 'chapter': {
				const label = `${ROMAN[c.chapter++]}. ${n.text}`;
				out.push(boldChapters && c.chapter > 2 ? `## **${label}**` : `### ${label}`);
				c.section = 0;
				break;
			}
			case 'section': {
				const label = `${String.fromCharCode(65 + c.section++)}. ${n.text}`;
				out.push(rng.chance(0.5) ? `**${label}**` : `#### **${label}**`);
				c.sub = 0;
				break;
			}
			case 'sub':
				out.push(`#### **${++c.sub}. ${n.text}**`);
				break;
			case 'para':
				out.push(paragraphLines(`${++c.para}. ${n.text}`, n, false));
				break;
			case 'label':
			case 'text':
				out.push(n.text);
				break;
			case 'annex':
				out.push('## Annex');
				if (n.title) out.push(`### **${n.title}**`);
				c.section = 0;
				break;
			case 'annex-section':
				out.push(`#### **${String.fromCharCode(65 + c.section++)}. ${n.text}**`);
				break;
			case 'rows':
				out.push(
					[n.header.map((h) => `<i>${h}</i>`).join('\t'), ...n.rows.map((r) => r.join('\t'))].join('\n')
				);
				break;
		}
	}
	return out;
}

/** A paragraph with its items: an agenda list is one block of lines, lettered items are blocks of their own. */
function paragraphLines(first: string, n: Extract<Node, { k: 'para' }>, pdf: boolean): string {
	if (!n.items?.length) return first;
	if (n.agenda) {
		const lines = [first, ''];
		for (const item of n.items) {
			lines.push(`${pdf ? ' - ' : ''}${item.label}. ${item.text}`);
			for (const sub of item.subs ?? []) lines.push(`${pdf ? ' - ' : '  - '}${sub.label} ${sub.text}`);
		}
		return lines.join('\n');
	}
	return [first, ...n.items.map((i) => (i.label ? `${i.label} ${i.text}` : i.text))].join('\n\n');
}

function plain(head: Head, nodes: Node[], pdf: boolean, rng: Random): string[] {
	const out: string[] = [];
	if (pdf && head.symbol) out.push(head.symbol);
	out.push(
		pdf && rng.chance(0.5)
			? MASTHEAD.replace(' to the ', ' to the\n').replace(' against ', ' against\n')
			: MASTHEAD,
		pdf ? `Distr.: General ${head.distribution}` : `Distr.: General\n${head.distribution}`,
		'Original: English',
		...head.preamble,
		head.title
	);
	const c = newCounters();
	let lost = 0;
	for (let i = 0; i < nodes.length; i++) {
		const n = nodes[i]!;
		switch (n.k) {
			case 'chapter':
				out.push(`${ROMAN[c.chapter++]}. ${n.text}`);
				c.section = 0;
				break;
			case 'section':
			case 'annex-section':
				out.push(`${String.fromCharCode(65 + c.section++)}. ${n.text}`);
				c.sub = 0;
				break;
			case 'sub':
				out.push(`${++c.sub}. ${n.text}`);
				break;
			case 'para': {
				c.para++;
				// A PDF conversion loses a paragraph number now and then; the parser infers it from the
				// gap before the next printed number, so only a lone text paragraph followed by another
				// numbered paragraph may lose it.
				const next = nodes[i + 1];
				if (pdf && n.losable && !n.items?.length && next?.k === 'para' && lost < 3 && rng.chance(0.15)) {
					lost++;
					out.push(rng.chance(0.7) ? `- ${n.text}` : n.text);
					break;
				}
				const bullet = pdf && rng.chance(0.85) ? '- ' : '';
				out.push(pdfItems(paragraphLines(`${bullet}${c.para}. ${n.text}`, n, pdf), n, pdf, rng));
				break;
			}
			case 'label':
			case 'text':
				out.push(n.text);
				break;
			case 'annex':
				out.push('Annex');
				if (n.title) out.push(n.title);
				c.section = 0;
				break;
			case 'rows':
				out.push([n.header.join('\t'), ...n.rows.map((r) => r.join('\t'))].join('\n'));
				break;
		}
	}
	return out;
}

/** In text from PDF, lettered items are bullets too, and "(l)" comes out as "(1)". */
function pdfItems(text: string, n: Extract<Node, { k: 'para' }>, pdf: boolean, rng: Random): string {
	if (!pdf || n.agenda || !n.items?.length) return text;
	return text
		.split('\n\n')
		.map((block, i) => {
			if (i === 0) return block;
			const fixed = block.startsWith('(l) ') && rng.chance(0.6) ? `(1) ${block.slice(4)}` : block;
			return rng.chance(0.8) ? `- ${fixed}` : fixed;
		})
		.join('\n\n');
}

/**
 * Cut the blocks into pages of about 3,500 characters with a footer ("V.17-07534 3/14", or
 * "4/14 V.17-07534" on even pages) and the running symbol after it. Now and then the cut falls
 * inside a paragraph, before a word in lower case, as when a sentence runs over a page.
 */
function paginate(blocks: string[], symbol: string | null, job: string, rng: Random): string {
	const PAGE = 3500;
	const pages: string[][] = [[]];
	let size = 0;
	for (const block of blocks) {
		let rest = block;
		if (size + rest.length > PAGE && size > 0) {
			const cut = splitPoint(rest, PAGE - size);
			if (cut > 0 && rng.chance(0.5)) {
				pages[pages.length - 1]!.push(rest.slice(0, cut).trimEnd());
				rest = rest.slice(cut);
			}
			pages.push([]);
			size = 0;
		}
		pages[pages.length - 1]!.push(rest);
		size += rest.length;
	}
	const total = pages.length;
	const out: string[] = [];
	pages.forEach((page, i) => {
		if (i > 0 && symbol) out.push(symbol);
		out.push(...page);
		if (i < total - 1) {
			const n = i + 1;
			out.push(n % 2 === 1 ? `${job} ${n}/${total}` : `${n}/${total} ${job}`);
		}
	});
	return out.join('\n\n') + '\n';
}

/** Where a paragraph can be cut by a page break: before a lower-case word, not too near either end. */
function splitPoint(text: string, room: number): number {
	if (text.includes('\n') || text.length < 400) return -1;
	const from = Math.max(150, Math.min(room, text.length - 150));
	const re = / (?=[a-z]{3,} )/g;
	re.lastIndex = from;
	const m = re.exec(text);
	return m && m.index < text.length - 100 ? m.index + 1 : -1;
}
