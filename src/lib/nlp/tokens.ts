/**
 * Words of a report as the search index, the topic matcher and the follow-up linker see them: folded to ASCII
 * lower case (Türkiye → turkiye, Côte → cote), split on anything that is not a letter or digit (so
 * "capacity-building" and "capacity building" give the same tokens), stemmed (stem.ts). Every token keeps its
 * character offsets in the original text, which is what highlighting needs.
 */
import { stem } from './stem';
import { perWord } from './word-cache';

/** Letters that Unicode decomposition does not split into base letter + mark. */
const SPECIAL: Record<string, string> = {
	ß: 'ss',
	æ: 'ae',
	Æ: 'ae',
	œ: 'oe',
	Œ: 'oe',
	ø: 'o',
	Ø: 'o',
	ł: 'l',
	Ł: 'l',
	đ: 'd',
	Đ: 'd',
	ı: 'i',
	þ: 'th'
};

/** Lower case without diacritics: "Türkiye" → "turkiye". Length may change (ß → ss); use `tokenize` for offsets. */
export function fold(text: string): string {
	// Plain ASCII (nearly every word of these reports) needs no Unicode normalisation.
	if (/^[\p{ASCII}]*$/u.test(text)) return text.toLowerCase();
	return text
		.replace(/[ßæÆœŒøØłŁđĐıþ]/g, (c) => SPECIAL[c] ?? c)
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase();
}

/** Function words that carry no topic: left out of similarity, key-phrase matching and term discovery. */
export const STOPWORDS: ReadonlySet<string> = new Set(
	(
		'a about above after again against all also although am an and any are as at be because been before being ' +
		'below between both but by can could did do does doing down during each either few for from further had has ' +
		'have having he her here hers herself him himself his how however i if in into is it its itself just may me ' +
		'might more most must my myself no nor not now of off on once only or other our ours ourselves out over own ' +
		'per same shall she should so some such than that the their theirs them themselves then there these they this ' +
		'those through thus to too under until up upon us very via was we were what when where whether which while ' +
		'who whom whose why will with within without would yet you your yours inter alia thereto therein thereof ' +
		'among amongst well'
	).split(' ')
);

export interface Token {
	/** Folded word as written ("women"). */
	word: string;
	/** Its stem ("woman"). */
	stem: string;
	/** Character offsets in the original text: text.slice(start, end) is the word as printed. */
	start: number;
	end: number;
	stop: boolean;
}

// Letters (any script) and digits; everything else separates words. Apostrophes too: "prosecutors'" → prosecutors.
const WORD = /[\p{L}\p{N}]+/gu;

/** Every word of `text` with its stem and offsets. */
export function tokenize(text: string): Token[] {
	const out: Token[] = [];
	for (const m of text.matchAll(WORD)) {
		const raw = m[0];
		const word = fold(raw);
		if (word === '') continue;
		const start = m.index ?? 0;
		out.push({ word, stem: stem(word), start, end: start + raw.length, stop: STOPWORDS.has(word) });
	}
	return out;
}

/** The stem of a word as printed, '' for a stopword or a word that folds to nothing. */
const contentStemOf = new Map<string, string>();
const CONTENT_CACHE_LIMIT = 200_000;
function contentStemOfWord(raw: string): string {
	const word = fold(raw);
	return word === '' || STOPWORDS.has(word) ? '' : stem(word);
}

/**
 * Stems of the content words (no stopwords), in order: what phrase matching and similarity compare. The same
 * stems as `tokenize` without the offsets; the topic matcher and the linker call it for every text of the
 * corpus, so it builds no token objects.
 */
export function contentStems(text: string): string[] {
	const out: string[] = [];
	for (const m of text.matchAll(WORD)) {
		const s = perWord(contentStemOf, CONTENT_CACHE_LIMIT, m[0], contentStemOfWord);
		if (s !== '') out.push(s);
	}
	return out;
}

/** The stem of a word as printed, null when it folds to nothing (tokenize skips it). */
const wordStemOf = new Map<string, string | null>();
const WORD_CACHE_LIMIT = 50_000;
function wordStemOfWord(raw: string): string | null {
	const word = fold(raw);
	return word === '' ? null : stem(word);
}

/**
 * Stems of every word, stopwords included, in order: `tokenize(text).map((t) => t.stem)` without the token
 * objects (a quoted phrase is checked on hundreds of texts per search).
 */
export function wordStems(text: string): string[] {
	const out: string[] = [];
	for (const m of text.matchAll(WORD)) {
		const s = perWord(wordStemOf, WORD_CACHE_LIMIT, m[0], wordStemOfWord);
		if (s !== null) out.push(s);
	}
	return out;
}

/** What a word as printed is to `contentPositions`: 0 no word (folds to nothing), 1 a stopword, 2 a content word. */
const wordKindOf = new Map<string, 0 | 1 | 2>();
function wordKind(raw: string): 0 | 1 | 2 {
	const word = fold(raw);
	return word === '' ? 0 : STOPWORDS.has(word) ? 1 : 2;
}

/**
 * Where the content words stand among all the words (stopwords counted, as `tokenize` counts them), parallel
 * to `contentStems(text)`: "the transfer of proceedings" → [1, 3]. The search index keeps them so that a quoted
 * phrase's words can be found next to each other without reading the text.
 */
export function contentPositions(text: string): number[] {
	const out: number[] = [];
	let position = 0;
	for (const m of text.matchAll(WORD)) {
		const kind = perWord(wordKindOf, CONTENT_CACHE_LIMIT, m[0], wordKind);
		if (kind === 2) out.push(position);
		if (kind !== 0) position++;
	}
	return out;
}

/** One search term (folded and stemmed), or '' for a stopword: how the search index and a query see a word. */
export function normalizeTerm(term: string): string {
	const word = fold(term);
	if (word === '' || STOPWORDS.has(word)) return '';
	return stem(word);
}
