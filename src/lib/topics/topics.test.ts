import { describe, expect, it } from 'vitest';
import { buildPhraseIndex, citedArticles, matchTopics, MIN_TOPIC_SCORE } from './match';
import { compileTopics, parseTopicsCsv } from './taxonomy';
import { discoverTerms } from './terms';

const CSV = `id,name,description,key_phrases,articles
witness,Witness protection,Protecting witnesses.,witness protection|protection of witnesses|witnesses|video link,24|25
training,Training,Training and capacity-building.,training|capacity-building,29
`;

const topics = compileTopics(parseTopicsCsv(CSV));
const index = buildPhraseIndex(topics);

describe('parseTopicsCsv', () => {
	it('reads ids, phrases and articles', () => {
		const t = parseTopicsCsv(CSV);
		expect(t.map((x) => x.id)).toEqual(['witness', 'training']);
		expect(t[0]!.keyPhrases).toEqual([
			'witness protection',
			'protection of witnesses',
			'witnesses',
			'video link'
		]);
		expect(t[0]!.articles).toEqual(['24', '25']);
	});

	it('reports a malformed row with its line', () => {
		expect(() => parseTopicsCsv('id,name,description,key_phrases,articles\nBad Id,X,,a,\n')).toThrow(
			/line 2/
		);
		expect(() => parseTopicsCsv('id,name,description,key_phrases,articles\na,X,,,\n')).toThrow(
			/no key phrases/
		);
		expect(() => parseTopicsCsv('id,name,description,key_phrases,articles\na,X,,b,art\n')).toThrow(
			/not a number/
		);
		expect(() => parseTopicsCsv('id,name,description,key_phrases\na,X,,b\n')).toThrow(
			/missing column "articles"/
		);
	});

	it('reads the reviewed taxonomy of the repository', async () => {
		const fs = await import('node:fs');
		const t = parseTopicsCsv(fs.readFileSync('data/reference/topics.csv', 'utf8'));
		expect(t.length).toBeGreaterThanOrEqual(14);
		expect(t.map((x) => x.id)).toContain('sherloc');
	});
});

describe('matchTopics', () => {
	it('scores a text by its key phrases, longest match first, with the phrases that produced it', () => {
		// 2013 recommendation 13 (abridged): "protection schemes" is not a phrase here, "witnesses" and "video link" are.
		const m = matchTopics(
			'States should consider establishing standardized procedures for phased protection schemes taking into account the risks faced by witnesses and victims, including video link testimony.',
			index
		);
		expect(m.map((x) => x.topicId)).toEqual(['witness']);
		expect(m[0]!.matched.sort()).toEqual(['video link', 'witnesses']);
		// raw 1 ("witnesses") + 1.5 ("video link") over 18 content words: 1 − exp(−2.5 / (1 + 18/150)).
		expect(m[0]!.score).toBeCloseTo(1 - Math.exp(-2.5 / (1 + 18 / 150)), 5);
	});

	it('counts "protection of witnesses" once, not also as "witnesses"', () => {
		const [m] = matchTopics('The protection of witnesses.', index);
		expect(m!.matched).toEqual(['protection of witnesses']);
	});

	it('gives a cited article of the topic the weight of a phrase', () => {
		expect(citedArticles('articles 24 and 25 of the Convention, article 26, art. 13')).toEqual([
			'24',
			'25',
			'26',
			'13'
		]);
		const [m] = matchTopics('Implementing article 24 of the Convention.', index);
		expect(m!.topicId).toBe('witness');
		expect(m!.matched).toEqual(['article 24']);
	});

	it('lets a heading support a topic but not assign it alone', () => {
		const text = 'States should endeavour to handle such cases expeditiously.';
		expect(matchTopics(text, index, { context: 'A. Witness protection' })).toEqual([]);
		const withText = matchTopics('States should provide training.', index, {
			context: 'B. Capacity-building'
		});
		expect(withText[0]!.matched).toEqual(['training', 'capacity-building (heading)']);
	});

	it('discounts one passing mention in a long paragraph', () => {
		// 400 content words: 1 − exp(−1 / (1 + 402/150)) = 0.24.
		const long = `${'The meeting discussed many other matters at length. '.repeat(80)}Training was mentioned.`;
		expect(matchTopics(long, index)).toEqual([]);
		expect(matchTopics(long, index, { min: 0 })[0]!.score).toBeLessThan(MIN_TOPIC_SCORE);
	});
});

describe('discoverTerms', () => {
	const texts = [
		...['were used', 'helped', 'are costly', 'were praised'].map((rest) => ({
			year: 2013,
			text: `Mock trials ${rest}.`
		})),
		...['took part', 'spoke', 'was heard', 'sent views'].map((rest, i) => ({
			year: 2023,
			text: `Civil society ${rest}. Lessons learned ${['were shared', 'count', 'matter', 'help'][i]}.`
		})),
		{ year: 2023, text: 'Witness protection again.' },
		{ year: 2013, text: 'Witness protection first.' }
	];

	it('finds phrases that rise and fall, and leaves out those a topic covers', () => {
		const terms = discoverTerms(texts, topics);
		const rising = terms.filter((t) => t.direction === 'rising').map((t) => t.term);
		const falling = terms.filter((t) => t.direction === 'falling').map((t) => t.term);
		expect(rising).toEqual(expect.arrayContaining(['Civil society', 'Lessons learned']));
		expect(falling).toEqual(expect.arrayContaining(['Mock trials']));
		expect([...rising, ...falling].some((t) => /witness/i.test(t))).toBe(false);
		const civil = terms.find((t) => t.term === 'Civil society')!;
		expect(civil.count).toBe(4);
		expect(civil.years).toEqual([
			{ year: 2013, texts: 0, total: 5 },
			{ year: 2023, texts: 4, total: 5 }
		]);
		// 80 percentage points over 10 years.
		expect(civil.slope).toBeCloseTo(8, 5);
	});

	it('needs at least two years', () => {
		expect(discoverTerms([{ year: 2013, text: 'civil society' }], topics)).toEqual([]);
	});
});
