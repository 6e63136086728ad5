/**
 * Highlighting as data, not HTML: a text cut into segments marked hit or not, which a page renders with
 * <mark> (so no text from a report is ever inserted as markup). A word is a hit when its stem equals a query
 * term's (or starts with a prefix term), or when it is part of a quoted phrase found in order.
 */
import { tokenize } from '../nlp/tokens';

export interface Segment {
	text: string;
	hit: boolean;
}

export interface HighlightTerms {
	terms: { stem: string; prefix: boolean }[];
	/** Word sequences (stems, stopwords included) found in order. */
	phrases: string[][];
	/** Sequences of content-word stems, matched with stopwords between them skipped (key phrases of topics). */
	contentPhrases?: string[][];
}

/** Character ranges of hits in `text`. */
export function hitRanges(text: string, q: HighlightTerms): [number, number][] {
	const tokens = tokenize(text);
	const hit = new Array<boolean>(tokens.length).fill(false);
	tokens.forEach((t, i) => {
		if (t.stop) return;
		for (const term of q.terms) {
			if (term.prefix ? t.stem.startsWith(term.stem) || t.word.startsWith(term.stem) : t.stem === term.stem) {
				hit[i] = true;
				return;
			}
		}
	});
	for (const phrase of q.phrases) {
		outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
			for (let k = 0; k < phrase.length; k++) if (tokens[i + k]!.stem !== phrase[k]) continue outer;
			for (let k = 0; k < phrase.length; k++) hit[i + k] = true;
		}
	}
	if (q.contentPhrases?.length) {
		const content = tokens.map((t, i) => ({ t, i })).filter((x) => !x.t.stop);
		for (const phrase of q.contentPhrases) {
			outer: for (let i = 0; i + phrase.length <= content.length; i++) {
				for (let k = 0; k < phrase.length; k++) if (content[i + k]!.t.stem !== phrase[k]) continue outer;
				// The stopwords inside the phrase ("protection of witnesses") are marked with it.
				for (let j = content[i]!.i; j <= content[i + phrase.length - 1]!.i; j++) hit[j] = true;
			}
		}
	}
	const ranges: [number, number][] = [];
	tokens.forEach((t, i) => {
		if (!hit[i]) return;
		const last = ranges.at(-1);
		// Neighbouring hit words separated only by spaces, hyphens or apostrophes make one mark.
		if (last && /^[\s\-‐‑'’]*$/.test(text.slice(last[1], t.start))) last[1] = t.end;
		else ranges.push([t.start, t.end]);
	});
	return ranges;
}

/** The text (or a window of it around the hits) as segments; `…` marks cut ends. */
export function highlight(text: string, q: HighlightTerms, maxLength = Infinity): Segment[] {
	const ranges = hitRanges(text, q);
	let from = 0;
	let to = text.length;
	if (text.length > maxLength) {
		// The window of maxLength characters that holds the most hits, starting at a word boundary.
		let best = 0;
		let bestCount = -1;
		for (const [start] of ranges.length ? ranges : [[0, 0] as [number, number]]) {
			const s = Math.max(0, start - Math.floor(maxLength / 4));
			const count = ranges.filter(([a, b]) => a >= s && b <= s + maxLength).length;
			if (count > bestCount) {
				bestCount = count;
				best = s;
			}
		}
		from = best === 0 ? 0 : text.indexOf(' ', best) + 1 || best;
		to = Math.min(text.length, from + maxLength);
		if (to < text.length) {
			const space = text.lastIndexOf(' ', to);
			if (space > from) to = space;
		}
	}
	const out: Segment[] = [];
	if (from > 0) out.push({ text: '… ', hit: false });
	let pos = from;
	for (const [a, b] of ranges) {
		if (b <= from || a >= to) continue;
		const s = Math.max(a, from);
		const e = Math.min(b, to);
		if (s > pos) out.push({ text: text.slice(pos, s), hit: false });
		out.push({ text: text.slice(s, e), hit: true });
		pos = e;
	}
	if (pos < to) out.push({ text: text.slice(pos, to), hit: false });
	if (to < text.length) out.push({ text: ' …', hit: false });
	return out;
}

/**
 * A text as its plain start and, for each hit, the hit and the plain text after it: the form of pages that list
 * many texts at once. Sent to the browser, a page of 40 texts is one small array per hit rather than an object
 * per segment, and `MarkedText.svelte` renders it with no hydration markers around each segment (the topic page's
 * texts were two thirds of its HTML).
 */
export interface MarkedRuns {
	lead: string;
	marks: [hit: string, after: string][];
}

export function markedRuns(segments: readonly Segment[]): MarkedRuns {
	const out: MarkedRuns = { lead: '', marks: [] };
	for (const s of segments) {
		const last = out.marks.at(-1);
		if (s.hit) out.marks.push([s.text, '']);
		else if (last) last[1] += s.text;
		else out.lead += s.text;
	}
	return out;
}
