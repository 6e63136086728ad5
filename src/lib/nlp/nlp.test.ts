import { describe, expect, it } from 'vitest';
import { stem } from './stem';
import { contentPositions, contentStems, fold, normalizeTerm, tokenize, wordStems } from './tokens';

describe('stem (Porter 1980)', () => {
	// Examples from Porter's paper, step by step.
	it.each([
		['caresses', 'caress'],
		['ponies', 'poni'],
		['cats', 'cat'],
		['agreed', 'agre'],
		['plastered', 'plaster'],
		['motoring', 'motor'],
		['hopping', 'hop'],
		['filing', 'file'],
		['happy', 'happi'],
		['relational', 'relat'],
		['conditional', 'condit'],
		['digitizer', 'digit'],
		['vietnamization', 'vietnam'],
		['operator', 'oper'],
		['decisiveness', 'decis'],
		['triplicate', 'triplic'],
		['electrical', 'electr'],
		['allowance', 'allow'],
		['adjustment', 'adjust'],
		['adoption', 'adopt'],
		['effective', 'effect'],
		['probate', 'probat'],
		['controll', 'control'],
		['generalizations', 'gener']
	])('%s → %s', (word, expected) => {
		expect(stem(word)).toBe(expected);
	});

	it('meets irregular plurals the rules cannot reach', () => {
		expect(stem('women')).toBe(stem('woman'));
		expect(stem('children')).toBe(stem('child'));
	});

	it('brings the forms of a word together', () => {
		expect(new Set(['protection', 'protecting', 'protected', 'protect'].map(stem)).size).toBe(1);
		expect(stem('witnesses')).toBe(stem('witness'));
		expect(stem('trained')).toBe(stem('training'));
	});
});

describe('tokens', () => {
	it('folds accents and special letters', () => {
		expect(fold('Türkiye')).toBe('turkiye');
		expect(fold("Côte d'Ivoire")).toBe("cote d'ivoire");
		expect(fold('Straße Œuvre')).toBe('strasse oeuvre');
	});

	it('keeps offsets into the original text', () => {
		const text = 'Türkiye and capacity-building';
		const tokens = tokenize(text);
		expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Türkiye', 'and', 'capacity', 'building']);
		expect(tokens[1]!.stop).toBe(true);
	});

	it('gives the same content stems for spaced and hyphenated spellings', () => {
		expect(contentStems('capacity-building')).toEqual(contentStems('capacity building'));
		expect(contentStems('protection of the witnesses')).toEqual(['protect', 'wit']);
	});

	it('places the content words among all words, stopwords counted, as tokenize counts them', () => {
		// the(0) transfer(1) of(2) proceedings(3)
		expect(contentPositions('The transfer of proceedings.')).toEqual([1, 3]);
		// Türkiye(0) the(1) Côte(2) d(3) Ivoire(4) and(5) Türkiye(6)
		const text = "Türkiye, the—Côte d'Ivoire and Türkiye";
		expect(contentPositions(text)).toEqual([0, 2, 3, 4, 6]);
		expect(contentPositions(text)).toEqual(tokenize(text).flatMap((t, i) => (t.stop ? [] : [i])));
		expect(contentPositions(text).length).toBe(contentStems(text).length);
		expect(contentPositions('of the')).toEqual([]);
	});

	it('gives every word’s stem, stopwords included, as tokenize does', () => {
		const text = 'The protection of WOMEN, and Côte d’Ivoire; the women.';
		expect(wordStems(text)).toEqual([
			'the',
			'protect',
			'of',
			'woman',
			'and',
			'cote',
			'd',
			'ivoir',
			'the',
			'woman'
		]);
		expect(wordStems(text)).toEqual(tokenize(text).map((t) => t.stem));
	});

	it('normalizes a search term, dropping stopwords', () => {
		expect(normalizeTerm('Women')).toBe('woman');
		expect(normalizeTerm('the')).toBe('');
	});
});
