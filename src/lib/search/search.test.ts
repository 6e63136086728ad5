import { describe, expect, it } from 'vitest';
import { buildIndex, search } from './engine';
import { highlight } from './highlight';
import { describeQuery, parseQuery, positiveParts } from './query';

const docs = [
	{ id: 'a', text: 'Türkiye made a statement on the protection of women and children.' },
	{ id: 'b', text: 'Turkey and a woman witness: the transfer of criminal proceedings was discussed.' },
	{ id: 'c', text: 'Capacity-building and training for prosecutors; resolution 11/2 on SHERLOC.' },
	{ id: 'd', text: 'The proceedings of the transfer were not criminal.' }
];
const index = buildIndex(docs);
const ids = (q: string) => {
	const node = parseQuery(q);
	return node ? search(index, node).map((h) => h.doc.id) : [];
};

describe('parseQuery', () => {
	it.each([
		['witness protection', 'witness AND protection'],
		['sherloc OR revmod', 'sherloc OR revmod'],
		['training NOT gender', 'training AND NOT gender'],
		['training -gender', 'training AND NOT gender'],
		['"transfer of proceedings"', '"transfer of proceedings"'],
		['(a1 OR b1) c1', '(a1 OR b1) AND c1'],
		['capacity-building', '"capacity-building"'],
		['extradit*', 'extradit*'],
		['unclosed "quote here', 'unclosed AND "quote here"'],
		['((nested', 'nested']
	])('%s → %s', (q, expected) => {
		expect(describeQuery(parseQuery(q))).toBe(expected);
	});

	it('drops stopwords and lowercase operators, and gives null when nothing is left', () => {
		expect(parseQuery('of the')).toBeNull();
		expect(parseQuery('')).toBeNull();
		expect(describeQuery(parseQuery('women or men'))).toBe('women AND men');
	});

	it('collects what to highlight, not what is negated', () => {
		const parts = positiveParts(parseQuery('women "criminal proceedings" -turkey'));
		expect(parts.terms.map((t) => t.stem)).toEqual(['woman']);
		expect(parts.phrases).toEqual([['crimin', 'proceed']]);
	});
});

describe('search', () => {
	it('stems (women finds woman) and folds accents (turkiye finds Türkiye)', () => {
		expect(ids('women').sort()).toEqual(['a', 'b']);
		expect(ids('woman').sort()).toEqual(['a', 'b']);
		expect(ids('turkiye')).toEqual(['a']);
		expect(ids('TÜRKIYE')).toEqual(['a']);
	});

	it('matches a phrase only in order, and ranks it above scattered words', () => {
		expect(ids('"transfer of criminal proceedings"')).toEqual(['b']);
		expect(ids('transfer criminal proceedings').sort()).toEqual(['b', 'd']);
		expect(ids('"resolution 11/2"')).toEqual(['c']);
		expect(ids('11/2')).toEqual(['c']);
	});

	it('combines with AND, OR and NOT', () => {
		expect(ids('woman OR sherloc').sort()).toEqual(['a', 'b', 'c']);
		expect(ids('woman NOT turkey')).toEqual(['a']);
		expect(ids('NOT woman').sort()).toEqual(['c', 'd']);
		expect(ids('(women OR training) -sherloc').sort()).toEqual(['a', 'b']);
		expect(ids('capacity-building')).toEqual(['c']);
		expect(ids('prosecut*')).toEqual(['c']);
	});
});

describe('highlight', () => {
	it('marks hits as segments, phrases whole', () => {
		const segs = highlight(docs[1]!.text, positiveParts(parseQuery('women "criminal proceedings"')));
		expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['woman', 'criminal proceedings']);
		expect(segs.map((s) => s.text).join('')).toBe(docs[1]!.text);
	});

	it('marks key phrases with the stopwords inside them', () => {
		const segs = highlight('On the protection of witnesses today.', {
			terms: [],
			phrases: [],
			contentPhrases: [['protect', 'wit']]
		});
		expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['protection of witnesses']);
	});

	it('cuts a long text to a window around the hits', () => {
		const text = `${'filler words here. '.repeat(40)}The SHERLOC portal. ${'more filler text. '.repeat(40)}`;
		const segs = highlight(text, positiveParts(parseQuery('sherloc')), 120);
		const joined = segs.map((s) => s.text).join('');
		expect(joined.length).toBeLessThanOrEqual(130);
		expect(joined.startsWith('… ')).toBe(true);
		expect(segs.some((s) => s.hit && s.text === 'SHERLOC')).toBe(true);
	});
});
