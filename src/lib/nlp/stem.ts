/**
 * An English stemmer: M. F. Porter's 1980 suffix-stripping algorithm ("An algorithm for suffix stripping",
 * Program 14(3)), written from the published rules, plus a small table of irregular forms that suffix rules
 * cannot reach (women → woman, children → child). Search, topic matching and the follow-up linker all compare
 * stems, so "protect", "protection" and "protecting" meet, and so do "woman" and "women".
 *
 * Input is one lower-case word already folded to ASCII (see tokens.ts); anything else is returned unchanged.
 */

import { perWord } from './word-cache';

/** Plurals and variants that Porter's rules leave apart; mapped to the form the rules then stem. */
const IRREGULAR: Record<string, string> = {
	women: 'woman',
	men: 'man',
	children: 'child',
	people: 'person',
	persons: 'person',
	analyses: 'analysis',
	criteria: 'criterion',
	data: 'data',
	media: 'media',
	indices: 'index',
	matrices: 'matrix',
	mice: 'mouse',
	feet: 'foot',
	teeth: 'tooth'
};

function isConsonant(w: string, i: number): boolean {
	const c = w[i];
	if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
	if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
	return true;
}

/** Porter's m: the number of VC sequences in the stem [C](VC)^m[V]. */
function measure(stem: string): number {
	let m = 0;
	let i = 0;
	const n = stem.length;
	while (i < n && isConsonant(stem, i)) i++;
	while (i < n) {
		while (i < n && !isConsonant(stem, i)) i++;
		if (i >= n) break;
		while (i < n && isConsonant(stem, i)) i++;
		m++;
	}
	return m;
}

function hasVowel(stem: string): boolean {
	for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
	return false;
}

function endsDoubleConsonant(w: string): boolean {
	const n = w.length;
	return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** *o: the stem ends cvc, where the second c is not w, x or y. */
function endsCvc(w: string): boolean {
	const n = w.length;
	if (n < 3) return false;
	if (!isConsonant(w, n - 1) || isConsonant(w, n - 2) || !isConsonant(w, n - 3)) return false;
	const c = w[n - 1];
	return c !== 'w' && c !== 'x' && c !== 'y';
}

/** Replace `suffix` by `replacement` when the remaining stem has m > `minMeasure`. */
function replaceIf(w: string, suffix: string, replacement: string, minMeasure: number): string | null {
	if (!w.endsWith(suffix)) return null;
	const stem = w.slice(0, w.length - suffix.length);
	return measure(stem) > minMeasure ? stem + replacement : w;
}

function step1a(w: string): string {
	if (w.endsWith('sses')) return w.slice(0, -2);
	if (w.endsWith('ies')) return w.slice(0, -2);
	if (w.endsWith('ss')) return w;
	if (w.endsWith('s')) return w.slice(0, -1);
	return w;
}

function step1b(w: string): string {
	if (w.endsWith('eed')) {
		const stem = w.slice(0, -3);
		return measure(stem) > 0 ? w.slice(0, -1) : w;
	}
	let stem: string | null = null;
	if (w.endsWith('ed')) stem = w.slice(0, -2);
	else if (w.endsWith('ing')) stem = w.slice(0, -3);
	if (stem === null || !hasVowel(stem)) return w;
	if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
	if (endsDoubleConsonant(stem)) {
		const last = stem[stem.length - 1];
		if (last !== 'l' && last !== 's' && last !== 'z') return stem.slice(0, -1);
		return stem;
	}
	if (measure(stem) === 1 && endsCvc(stem)) return stem + 'e';
	return stem;
}

function step1c(w: string): string {
	if (w.endsWith('y') && hasVowel(w.slice(0, -1))) return w.slice(0, -1) + 'i';
	return w;
}

const STEP2: [string, string][] = [
	['ational', 'ate'],
	['tional', 'tion'],
	['enci', 'ence'],
	['anci', 'ance'],
	['izer', 'ize'],
	['bli', 'ble'],
	['alli', 'al'],
	['entli', 'ent'],
	['eli', 'e'],
	['ousli', 'ous'],
	['ization', 'ize'],
	['ation', 'ate'],
	['ator', 'ate'],
	['alism', 'al'],
	['iveness', 'ive'],
	['fulness', 'ful'],
	['ousness', 'ous'],
	['aliti', 'al'],
	['iviti', 'ive'],
	['biliti', 'ble'],
	['logi', 'log']
];

const STEP3: [string, string][] = [
	['icate', 'ic'],
	['ative', ''],
	['alize', 'al'],
	['iciti', 'ic'],
	['ical', 'ic'],
	['ful', ''],
	['ness', '']
];

const STEP4 = [
	'al',
	'ance',
	'ence',
	'er',
	'ic',
	'able',
	'ible',
	'ant',
	'ement',
	'ment',
	'ent',
	'ion',
	'ou',
	'ism',
	'ate',
	'iti',
	'ous',
	'ive',
	'ize'
];

function stepWithTable(w: string, table: [string, string][]): string {
	// The longest matching suffix decides, whether or not its condition then holds.
	let best: [string, string] | null = null;
	for (const entry of table) {
		if (w.endsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
	}
	if (!best) return w;
	return replaceIf(w, best[0], best[1], 0) ?? w;
}

function step4(w: string): string {
	let best: string | null = null;
	for (const s of STEP4) if (w.endsWith(s) && (!best || s.length > best.length)) best = s;
	if (!best) return w;
	const stem = w.slice(0, w.length - best.length);
	if (best === 'ion') {
		const last = stem[stem.length - 1];
		return measure(stem) > 1 && (last === 's' || last === 't') ? stem : w;
	}
	return measure(stem) > 1 ? stem : w;
}

function step5(w: string): string {
	let out = w;
	if (out.endsWith('e')) {
		const stem = out.slice(0, -1);
		const m = measure(stem);
		if (m > 1 || (m === 1 && !endsCvc(stem))) out = stem;
	}
	if (measure(out) > 1 && endsDoubleConsonant(out) && out.endsWith('l')) out = out.slice(0, -1);
	return out;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** The Porter stem of a lower-case ASCII word (irregular forms first). Words of 1–2 letters are left alone. */
export function stem(word: string): string {
	return perWord(cache, CACHE_LIMIT, word, porter);
}

function porter(word: string): string {
	const w0 = IRREGULAR[word] ?? word;
	if (w0.length <= 2 || !/^[a-z]+$/.test(w0)) return w0;
	let w = step1a(w0);
	w = step1b(w);
	w = step1c(w);
	w = stepWithTable(w, STEP2);
	w = stepWithTable(w, STEP3);
	w = step4(w);
	w = step5(w);
	return w;
}
