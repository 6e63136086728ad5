/**
 * From blocks to the outline of a report: paragraph numbers (printed, or inferred where the
 * conversion lost them), chapters, sections and sub-headings, and for each paragraph the list
 * items and text that belong to it.
 */
import type { Block } from './text';

export interface Heading {
	label: string | null;
	text: string;
}

export interface Unit {
	/** Paragraph number as printed or inferred; null for text outside numbered paragraphs. */
	number: string | null;
	inferred: boolean;
	chapter: Heading | null;
	section: Heading | null;
	subsection: Heading | null;
	/** The last heading before the unit, whatever its level. */
	heading: Heading | null;
	/** True inside an annex. */
	annex: boolean;
	/** The paragraph's own text. */
	text: string;
	/** Lettered items, list entries, labels and loose text that follow the paragraph. */
	children: Block[];
	order: number;
}

export interface Outline {
	units: Unit[];
	warnings: string[];
}

function endsSentence(text: string): boolean {
	return /[.:;!?][”"’')\]]*$/.test(text);
}

/**
 * Decide which `numbered` blocks are paragraphs. Paragraph numbers only grow; a number that does
 * not continue the sequence is a list entry or a numbered sub-heading. A paragraph whose number
 * was lost (a `- ` bullet with no number, or loose text) gets the next free number when the gap
 * before the next printed number is exactly as large as the number of such candidates.
 */
export function numberParagraphs(blocks: Block[], warnings: string[]): void {
	let last = 0;
	let candidates: Block[] = [];
	let lastParagraph: Block | null = null;
	const numbered = blocks.filter((b) => b.kind === 'numbered');
	// A text that starts past paragraph 1 (an excerpt, or lost opening numbers) starts its sequence
	// at the first number that the following numbered lines continue.
	const startsSequence = (block: Block): boolean => {
		const i = numbered.indexOf(block);
		const n = Number(block.label);
		return numbered.slice(i + 1, i + 21).some((b) => Number(b.label) === n + 1);
	};
	for (const block of blocks) {
		if (block.kind === 'heading') {
			candidates = candidates.filter((c) => c.bullet);
			continue;
		}
		if (block.kind === 'text' && !block.inferred) {
			candidates.push(block);
			continue;
		}
		if (block.kind !== 'numbered') continue;
		const n = Number(block.label);
		const bulletCandidates = candidates.filter((c) => c.bullet);
		const room = Math.max(candidates.length, bulletCandidates.length);
		const inSequence = n > last && n <= last + 1 + room;
		if (inSequence || (last === 0 && n > 1 && startsSequence(block))) {
			const gap = inSequence ? n - last - 1 : 0;
			if (gap > 0) {
				const lost =
					bulletCandidates.length >= gap ? bulletCandidates.slice(0, gap) : candidates.slice(0, gap);
				if (lost.length === gap) {
					lost.forEach((c, i) => {
						c.kind = 'paragraph';
						c.inferred = true;
						c.label = String(last + 1 + i);
					});
				} else {
					warnings.push(
						`paragraph numbers ${last + 1}–${n - 1} not found; text kept under paragraph ${last}`
					);
				}
			}
			block.kind = 'paragraph';
			last = n;
			lastParagraph = block;
			candidates = [];
		}
	}
	// Loose bullets after the last printed number are lost paragraphs only if nothing else follows.
	void lastParagraph;
}

/**
 * Numbered blocks that are not paragraphs: entries of a list (after a paragraph that ends with
 * ":", numbered in sequence) or sub-headings. Loose unterminated text right after a heading and
 * before a paragraph is a sub-heading whose number was lost.
 */
export function classifyNonParagraphs(blocks: Block[]): void {
	// After a paragraph ending in ":" a numbered list may start at 1 and go on in sequence.
	let listOpen = false;
	let listLast = 0;
	for (let i = 0; i < blocks.length; i++) {
		const b = blocks[i]!;
		if (b.kind === 'paragraph') {
			listOpen = /:[”"’)]*$/.test(b.text);
			listLast = 0;
			continue;
		}
		if (b.kind === 'heading') {
			listOpen = false;
			continue;
		}
		if (b.kind === 'numbered') {
			const n = Number(b.label);
			if (listOpen && n === listLast + 1) {
				listLast = n;
			} else {
				b.kind = 'heading';
				b.level = 3;
				b.text = b.text.replace(/[.:;]$/, '');
				listOpen = false;
			}
			continue;
		}
		if (b.kind === 'text' && !endsSentence(b.text)) {
			const prev = blocks[i - 1];
			const next = blocks[i + 1];
			if (prev?.kind === 'heading' && (next?.kind === 'paragraph' || next?.kind === 'numbered')) {
				b.kind = 'heading';
				b.level = 3;
			}
		}
	}
}

/** Group blocks into paragraphs with their outline position. */
export function outline(blocks: Block[]): Outline {
	const warnings: string[] = [];
	numberParagraphs(blocks, warnings);
	classifyNonParagraphs(blocks);
	const units: Unit[] = [];
	let chapter: Heading | null = null;
	let section: Heading | null = null;
	let subsection: Heading | null = null;
	let annex = false;
	let current: Unit | null = null;
	let heading: Heading | null = null;
	for (const b of blocks) {
		if (b.kind === 'heading') {
			const h = { label: b.label, text: b.text };
			heading = h;
			if (/^annex\b/i.test(b.text) && b.level <= 2 && !b.label) {
				annex = true;
				chapter = h;
				section = null;
				subsection = null;
			} else if (b.level === 1 || (b.label && /^[IVX]+$/.test(b.label))) {
				chapter = h;
				section = null;
				subsection = null;
				if (b.label) annex = false;
			} else if (b.level === 2 && !b.label && annex) {
				// An annex's own title ("Discussion points for ...") says what the annex is: part of its chapter.
				const annexHeading = chapter as Heading | null;
				chapter = { label: annexHeading?.label ?? null, text: `${annexHeading?.text ?? 'Annex'}: ${h.text}` };
				section = null;
				subsection = null;
			} else if (b.level === 2) {
				section = h;
				subsection = null;
			} else {
				subsection = h;
			}
			current = null;
			continue;
		}
		if (b.kind === 'footnote') continue;
		if (b.kind === 'paragraph') {
			current = {
				number: b.label,
				inferred: b.inferred,
				chapter,
				section,
				subsection,
				heading,
				annex,
				text: b.text,
				children: [],
				order: units.length
			};
			units.push(current);
			continue;
		}
		if (!current || current.section !== section || current.subsection !== subsection) {
			current = {
				number: null,
				inferred: false,
				chapter,
				section,
				subsection,
				heading,
				annex,
				text: '',
				children: [],
				order: units.length
			};
			units.push(current);
		}
		current.children.push(b);
	}
	return { units, warnings };
}

/** The paragraph's text followed by its children's, as one string (for searching). */
export function fullText(unit: Unit): string {
	return [
		unit.text,
		...unit.children.map((c) => (c.label && c.kind !== 'label' ? `${c.label} ${c.text}` : c.text))
	]
		.filter(Boolean)
		.join('\n');
}
