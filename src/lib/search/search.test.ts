import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	readTexts,
	searchHits,
	writeSearchTables,
	type RunSql,
	type SearchFilter,
	type SearchTextInput
} from '$lib/server/search-index';
import { contentStems } from '$lib/nlp/tokens';
import { containsPhrase } from './engine';
import { highlight, markedRuns } from './highlight';
import { describeQuery, parseQuery, positiveParts } from './query';

const docs = [
	{ id: 'a', text: 'Türkiye made a statement on the protection of women and children.' },
	{ id: 'b', text: 'Turkey and a woman witness: the transfer of criminal proceedings was discussed.' },
	{ id: 'c', text: 'Capacity-building and training for prosecutors; resolution 11/2 on SHERLOC.' },
	{ id: 'd', text: 'The proceedings of the transfer were not criminal.' }
];

// The search index in a database of its own (in memory), written and queried as the app does.
let conn: DuckDBConnection;
const run: RunSql = async (sql, params) => (await conn.runAndReadAll(sql, params)).getRowObjectsJS();
const noFilter: SearchFilter = { kind: null, bodies: [], from: null, to: null, topic: null };

/** An indexed text: paragraph `i` of one document, of 2020 and WG.2 unless `over` says otherwise. */
const indexed = (i: number, text: string, over: Partial<SearchTextInput> = {}): SearchTextInput => ({
	id: `t${i}`,
	kind: 'paragraph',
	topicKey: `p:${i}`,
	documentId: 'doc',
	meetings: [{ id: 'm', body: 'WG.2' }],
	year: 2020,
	date: null,
	paragraph: String(i + 1),
	paragraphOrder: i,
	label: null,
	item: null,
	section: null,
	recommendationId: null,
	text,
	...over
});

beforeAll(async () => {
	conn = await (await DuckDBInstance.create(':memory:')).connect();
	await conn.run(`CREATE TABLE document (id VARCHAR, symbol VARCHAR, title VARCHAR, distribution_date DATE);
		CREATE TABLE topic_assignment (unit_kind VARCHAR, unit_key VARCHAR, topic_id VARCHAR);
		INSERT INTO topic_assignment VALUES ('paragraph', 'p:c', 'sherloc')`);
	const texts = docs.map((d, i) =>
		indexed(i, d.text, {
			id: d.id,
			kind: i % 2 ? 'recommendation' : 'paragraph',
			topicKey: `p:${d.id}`,
			meetings: [{ id: `m${i}`, body: i < 2 ? 'WG.2' : 'WG.3' }],
			year: 2020 + i
		})
	);
	await writeSearchTables(conn, texts);
});

afterAll(() => conn?.closeSync());

const hitsOf = async (q: string, filter = noFilter, limit = 50, offset = 0) => {
	const node = parseQuery(q);
	return node ? searchHits(run, node, filter, limit, offset) : { total: 0, hits: [] };
};
const ids = async (q: string, filter = noFilter) =>
	(await hitsOf(q, filter)).hits.map((h) => docs[h.unit]!.id);

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
	it('stems (women finds woman) and folds accents (turkiye finds Türkiye)', async () => {
		expect((await ids('women')).sort()).toEqual(['a', 'b']);
		expect((await ids('woman')).sort()).toEqual(['a', 'b']);
		expect(await ids('turkiye')).toEqual(['a']);
		expect(await ids('TÜRKIYE')).toEqual(['a']);
	});

	it('matches a phrase only in order', async () => {
		expect(await ids('"transfer of criminal proceedings"')).toEqual(['b']);
		expect((await ids('transfer criminal proceedings')).sort()).toEqual(['b', 'd']);
		expect(await ids('"resolution 11/2"')).toEqual(['c']);
		expect(await ids('11/2')).toEqual(['c']);
		expect(await ids('"criminal transfer"')).toEqual([]);
		expect(await ids('"criminal transfer" OR sherloc')).toEqual(['c']);
		expect((await ids('NOT "criminal transfer"')).sort()).toEqual(['a', 'b', 'c', 'd']);
	});

	it('combines with AND, OR and NOT', async () => {
		expect((await ids('woman OR sherloc')).sort()).toEqual(['a', 'b', 'c']);
		expect(await ids('woman NOT turkey')).toEqual(['a']);
		expect((await ids('NOT woman')).sort()).toEqual(['c', 'd']);
		expect((await ids('(women OR training) -sherloc')).sort()).toEqual(['a', 'b']);
		expect(await ids('capacity-building')).toEqual(['c']);
		expect(await ids('prosecut*')).toEqual(['c']);
	});

	it('ranks shorter texts first for the same word, and a phrase in order above the words scattered', async () => {
		expect(await ids('proceedings')).toEqual(['d', 'b']);
		expect(await ids('"transfer of criminal proceedings" OR proceedings')).toEqual(['b', 'd']);
	});

	it('filters in SQL and pages with the total kept', async () => {
		expect(await ids('proceedings', { ...noFilter, kind: 'paragraph' })).toEqual([]);
		expect(await ids('woman OR sherloc', { ...noFilter, bodies: ['WG.3'] })).toEqual(['c']);
		expect(await ids('woman OR sherloc', { ...noFilter, from: 2021, to: 2021 })).toEqual(['b']);
		expect(await ids('NOT woman', { ...noFilter, topic: 'sherloc' })).toEqual(['c']);
		expect(await hitsOf('NOT zzz', noFilter, 2, 1)).toMatchObject({
			total: 4,
			hits: [{ unit: 1 }, { unit: 2 }]
		});
		expect(await hitsOf('NOT zzz', noFilter, 2, 10)).toEqual({ total: 4, hits: [] });
	});

	it('reads the texts of the units asked for, in that order', async () => {
		expect((await readTexts(run, [3, 0, 2])).map((t) => [t.unit, t.id, t.text])).toEqual(
			[3, 0, 2].map((u) => [u, docs[u]!.id, docs[u]!.text])
		);
		expect(await readTexts(run, [])).toEqual([]);
	});

	it('reads a page of texts through the index on unit, fetching rows instead of scanning vectors', async () => {
		const asked: { sql: string; params: Record<string, unknown> }[] = [];
		const recording: RunSql = (sql, params) => {
			asked.push({ sql, params });
			return run(sql, params);
		};
		await readTexts(recording, [3, 0]);
		expect(asked).toHaveLength(1);
		const plan = (await conn.runAndReadAll(`EXPLAIN ANALYZE ${asked[0]!.sql}`, asked[0]!.params as never))
			.getRows()
			.map((r) => String(r[1]))
			.join('\n');
		expect(plan).toContain('Index Scan');
	});

	it('reads the same texts and phrases from a table not written in unit order (row id is not the unit)', async () => {
		const expected = await readTexts(run, [3, 0, 2]);
		const phrase = await ids('"transfer of criminal proceedings" OR proceedings');
		await conn.run(`CREATE TABLE search_text_kept AS SELECT * FROM search_text ORDER BY unit;
			CREATE OR REPLACE TABLE search_text AS SELECT * FROM search_text_kept ORDER BY unit DESC`);
		try {
			expect(await readTexts(run, [3, 0, 2])).toEqual(expected);
			expect(await ids('"transfer of criminal proceedings" OR proceedings')).toEqual(phrase);
		} finally {
			await conn.run(`CREATE OR REPLACE TABLE search_text AS SELECT * FROM search_text_kept ORDER BY unit;
				CREATE INDEX search_text_unit ON search_text (unit);
				DROP TABLE search_text_kept`);
		}
	});

	it('checks a phrase on the text itself', () => {
		expect(containsPhrase(docs[3]!.text, ['crimin', 'proceed'])).toBe(false);
		expect(containsPhrase(docs[3]!.text, ['the', 'transfer'])).toBe(true);
	});
});

describe('phrases by word positions', () => {
	// Each text's words, as the tokenizer counts them, are in the comment; a phrase matches where its words
	// stand next to each other in that sequence (punctuation and case do not count, stopwords do).
	const texts = [
		'Mutual legal assistance was requested.', //                0 mutual legal assist
		'Legal assistance, mutual and timely.', //                   1 legal assist mutual and timely
		'Requests for mutual legal assistance', //                   2 ... mutual legal assist (at the end)
		'mutual-legal assistance; MUTUAL LEGAL ASSISTANCE again', // 3 twice, with punctuation
		'The transfer of proceedings was agreed.', //                4 the transfer of proceed
		'A transfer in proceedings, then transfer proceedings.', //  5 another stopword; none
		'Legal, legal and legal aid.', //                            6 legal legal and legal aid
		'Legal aid and legal mutual assistance.', //                 7 legal aid and legal mutual assist
		"Cote d’Ivoire and CÔTE D'IVOIRE talks", //                  8 cote d ivoir and cote d ivoir
		'Ivoire, Côte and d.', //                                    9 ivoir cote and d
		'Us of force, and the use of resources.', //                10 us(stopword) of forc ... us(use) of
		'The use of force.', //                                     11 the us of forc
		'One another; one, another.', //                            12 on anoth on anoth
		'Only one. Another thing.' //                               13 onli on anoth thing
	];
	let db: DuckDBConnection;
	const runHere: RunSql = async (sql, params) => (await db.runAndReadAll(sql, params)).getRowObjectsJS();

	beforeAll(async () => {
		db = await (await DuckDBInstance.create(':memory:')).connect();
		await db.run(`CREATE TABLE document (id VARCHAR, symbol VARCHAR, title VARCHAR, distribution_date DATE);
			CREATE TABLE topic_assignment (unit_kind VARCHAR, unit_key VARCHAR, topic_id VARCHAR)`);
		await writeSearchTables(
			db,
			texts.map((text, i) => indexed(i, text))
		);
	});

	afterAll(() => db?.closeSync());

	// What a phrase matched before positions were stored: texts holding all its content words, in order.
	const reference = (q: string) => {
		const node = parseQuery(q);
		if (node?.type !== 'phrase') throw new Error(`${q} is not a phrase`);
		const content = contentStems(node.words.join(' '));
		return texts.flatMap((t, i) => {
			const own = new Set(contentStems(t));
			return content.every((s) => own.has(s)) && containsPhrase(t, node.stems) ? [i] : [];
		});
	};
	const hits = (q: string, positions: boolean) =>
		searchHits(runHere, parseQuery(q)!, noFilter, 100, 0, { positions });

	it.each([
		['"mutual legal assistance"', [0, 2, 3]],
		['"assistance mutual"', [1, 3]],
		['"legal mutual assistance"', [7]],
		['"transfer of proceedings"', [4]],
		['"the transfer"', [4]],
		['"legal legal"', [6]],
		['"legal and legal"', [6]],
		['"Côte d\'Ivoire"', [8]],
		// "use" stems to "us", a stopword's stem: text 10's "Us of force" matches (it holds "use" too).
		['"use of force"', [10, 11]],
		['"one another"', [12, 13]],
		['"another one"', [12]]
	])(
		'%s matches texts %j, as containsPhrase does, with the same scores as without positions',
		async (q, expected) => {
			expect(reference(q)).toEqual(expected);
			const withPositions = await hits(q, true);
			expect(withPositions.hits.map((h) => h.unit).sort((a, b) => a - b)).toEqual(expected);
			expect(withPositions).toEqual(await hits(q, false));
		}
	);

	it('matches phrases inside OR and NOT the same with and without positions', async () => {
		for (const q of [
			'"mutual legal assistance" OR "legal mutual assistance"',
			'NOT "mutual legal assistance"',
			'"mutual legal assistance" -"assistance mutual"',
			'"use of force" OR "one another" OR transfer'
		])
			expect(await hits(q, true)).toEqual(await hits(q, false));
		expect((await hits('"mutual legal assistance" OR "legal mutual assistance"', true)).total).toBe(4);
		expect((await hits('NOT "mutual legal assistance"', true)).total).toBe(texts.length - 3);
	});

	it('refuses stems that are not the text’s content words (stems and positions are zipped)', async () => {
		const t = { ...(await readTexts(runHere, [0]))[0]!, topicKey: 'x', stems: 'mutual legal' };
		await expect(writeSearchTables(db, [t])).rejects.toThrow(/t0 has stems/);
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

	it('turns segments into runs that keep the text and its marks in order', () => {
		const text = 'SHERLOC, the portal, and SHERLOC again: protection of witnesses';
		const segs = highlight(text, {
			terms: [{ stem: 'sherloc', prefix: false }],
			phrases: [],
			contentPhrases: [['protect', 'wit']]
		});
		const runs = markedRuns(segs);
		// The text starts with a hit and ends with one: an empty lead, nothing after the last.
		expect(runs).toEqual({
			lead: '',
			marks: [
				['SHERLOC', ', the portal, and '],
				['SHERLOC', ' again: '],
				['protection of witnesses', '']
			]
		});
		expect(runs.lead + runs.marks.flat().join('')).toBe(text);
		expect(markedRuns(highlight('Nothing to see.', { terms: [], phrases: [] }))).toEqual({
			lead: 'Nothing to see.',
			marks: []
		});
		// Hits that follow each other stay apart, plain segments that follow each other are joined.
		expect(
			markedRuns([
				{ text: 'a ', hit: false },
				{ text: 'b', hit: false },
				{ text: 'c', hit: true },
				{ text: 'd', hit: true },
				{ text: ' e', hit: false }
			])
		).toEqual({
			lead: 'a b',
			marks: [
				['c', ''],
				['d', ' e']
			]
		});
	});
});
