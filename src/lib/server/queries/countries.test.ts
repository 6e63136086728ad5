/**
 * The /countries queries against a real database built from data/corpus. Every expected number was
 * counted by hand from the five documents (and agrees with tests/fixtures/expected/*.json, which are
 * hand counts too); the paragraph numbers say where to look.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFiles, ingestCorpus } from '../../../../tests/unit/corpus-db';
import { closeDb } from '../db';
import type { Filters } from '../filters';
import { ingestFiles } from '../ingest';
import { loadReferenceEntities } from '../reference';
import {
	countryTable,
	entityMeetings,
	entityNames,
	entityPeers,
	entityRoles,
	entityStatements,
	findEntity,
	itemNumbers,
	readCountryTableOptions,
	reportedMeetings,
	type CountryRow
} from './countries';

const ALL: Filters = { bodies: [], from: null, to: null, region: null, category: null, mode: null };
const BY_NAME = { sort: 'name', dir: 'asc', q: '' } as const;

let dir: string;

beforeAll(async () => {
	let db: string;
	({ dir, db } = await ingestCorpus('countries'));
	process.env.RAPPORTEUR_DB = db;
	process.env.RAPPORTEUR_DB_RECHECK_MS = '0';
});

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});

function row(rows: CountryRow[], id: string): CountryRow {
	const r = rows.find((x) => x.id === id);
	if (!r) throw new Error(`no row for ${id}`);
	return r;
}

describe('reportedMeetings', () => {
	it('lists the five reported meetings (the 2016 provisional agenda is not one), oldest first', async () => {
		const meetings = await reportedMeetings(ALL);
		expect(meetings.map((m) => m.label)).toEqual([
			'WG.2 2013',
			'WG.3 2017',
			'WG.2 2017',
			'WG.2 2020',
			'WG.2 2023'
		]);
		// The joint 2017 report is one document behind two meetings.
		expect(new Set(meetings.map((m) => m.source)).size).toBe(4);
	});

	it('follows the body and year filters', async () => {
		expect((await reportedMeetings({ ...ALL, bodies: ['WG.3'] })).map((m) => m.label)).toEqual(['WG.3 2017']);
		expect((await reportedMeetings({ ...ALL, from: 2020 })).map((m) => m.label)).toEqual([
			'WG.2 2020',
			'WG.2 2023'
		]);
	});
});

describe('countryTable', () => {
	it('counts the United States: all 5 meetings, 12 statements, 2 panels, 4 chairs', async () => {
		const usa = row(await countryTable(ALL, BY_NAME), 'USA');
		// Attendance lists: 2013 §43, 2017 §54 (both bodies), 2020 §17, 2023 §41.
		expect(usa.attended).toBe(5);
		expect(usa.rate).toBe(100);
		// 2013 §40, §52, §82; 2017 WG.3 §47, §49; 2017 WG.2 §48, §49; 2020 §13, §14; 2023 §36, §38, §39.
		expect(usa.statements).toBe(12);
		expect(usa.spoken).toBe(5);
		// Catherine Newcombe (2013 §63), Christopher Smith (2023 §35).
		expect(usa.panels).toBe(2);
		// Thomas Burrows: 2017 WG.3 and WG.2 (§46), 2020 (§8), 2023 co-chair (§33).
		expect(usa.chairs).toBe(4);
		expect(usa.kind).toBe('state');
		expect(usa.iso3).toBe('USA');
		expect(usa.regionalGroup).toBe('Western European and other');
		expect(usa.namesAsWritten).toEqual(['United States', 'United States of America']);
	});

	it('counts others by hand: Canada, Nigeria, Romania, Peru, the EU, INTERPOL', async () => {
		const rows = await countryTable(ALL, BY_NAME);
		const pick = (id: string) => {
			const r = row(rows, id);
			return [r.attended, r.statements, r.spoken, r.panels, r.chairs];
		};
		expect(pick('CAN')).toEqual([5, 8, 5, 2, 0]);
		// Nigeria did not speak in 2013.
		expect(pick('NGA')).toEqual([5, 5, 4, 1, 0]);
		// Cristian Istrate chaired 2013; Raluca Simion sat on two panels (2013 §63, §73).
		expect(pick('ROU')).toEqual([5, 9, 4, 2, 1]);
		// Co-chair in 2023 (§33), attended 2020 and 2023, never spoke.
		expect(pick('PER')).toEqual([2, 0, 0, 0, 1]);
		expect(pick('eu')).toEqual([5, 5, 2, 0, 0]);
		expect(pick('interpol')).toEqual([2, 1, 1, 0, 0]);
		expect(row(rows, 'interpol').rate).toBe(40);
	});

	it('has one row per entity named in a report: 132', async () => {
		const rows = await countryTable(ALL, BY_NAME);
		expect(rows).toHaveLength(132);
		expect(rows.filter((r) => r.id === null)).toEqual([]);
	});

	it('keeps the United Kingdom, which spoke in 2013 without being listed as present', async () => {
		const gbr = row(await countryTable(ALL, BY_NAME), 'GBR');
		expect(gbr.attended).toBe(4);
		expect(gbr.spoken).toBe(4);
	});

	it('filters by body and years: the denominator is the filtered meetings', async () => {
		const wg3 = row(await countryTable({ ...ALL, bodies: ['WG.3'] }, BY_NAME), 'USA');
		expect([wg3.attended, wg3.rate, wg3.statements, wg3.chairs]).toEqual([1, 100, 2, 1]);
		const since2020 = await countryTable({ ...ALL, from: 2020 }, BY_NAME);
		const usa = row(since2020, 'USA');
		expect([usa.attended, usa.statements, usa.chairs]).toEqual([2, 5, 2]);
		// The United Kingdom attended 2020 and 2023 of the two.
		expect(row(since2020, 'GBR').rate).toBe(100);
		// INTERPOL: 2 of 2 meetings since 2020.
		expect(row(since2020, 'interpol').rate).toBe(100);
	});

	it('filters by category: Iran attended all five as a signatory, Japan only 2013', async () => {
		const rows = await countryTable({ ...ALL, category: 'signatory' }, BY_NAME);
		// 2013 §45: "Iran (Islamic Republic of) and Japan"; 2017 §56, 2020 §18, 2023 §42: Iran alone.
		expect(rows.map((r) => [r.id, r.attended])).toEqual([
			['IRN', 5],
			['JPN', 1]
		]);
	});

	it('filters by regional group', async () => {
		const rows = await countryTable({ ...ALL, region: 'Western European and other' }, BY_NAME);
		expect(rows.every((r) => r.regionalGroup === 'Western European and other')).toBe(true);
		expect(rows).toHaveLength(21);
	});

	it('searches names as written, ignoring case and accents', async () => {
		const turkey = await countryTable(ALL, { ...BY_NAME, q: 'turkey' });
		expect(turkey.map((r) => r.id)).toEqual(['TUR']);
		expect(turkey[0]?.namesAsWritten).toEqual(['Turkey', 'Türkiye']);
		expect((await countryTable(ALL, { ...BY_NAME, q: 'TURKIYE' })).map((r) => r.id)).toEqual(['TUR']);
		expect((await countryTable(ALL, { ...BY_NAME, q: 'czech republic' })).map((r) => r.id)).toEqual(['CZE']);
		// 'ven' is in Slovenia too.
		expect((await countryTable(ALL, { ...BY_NAME, q: 'ven' })).map((r) => r.id)).toEqual(['SVN', 'VEN']);
		// LIKE wildcards are text here.
		expect(await countryTable(ALL, { ...BY_NAME, q: '%' })).toEqual([]);
	});

	it('sorts by statements, largest first, ties by name', async () => {
		const rows = await countryTable(ALL, { sort: 'statements', dir: 'desc', q: '' });
		expect(rows.slice(0, 2).map((r) => [r.id, r.statements])).toEqual([
			['USA', 12],
			['ROU', 9]
		]);
		// Canada and Japan both made 8 statements.
		expect(rows.slice(2, 4).map((r) => r.id)).toEqual(['CAN', 'JPN']);
	});
});

describe('readCountryTableOptions', () => {
	const read = (qs: string) => readCountryTableOptions(new URL(`http://x/countries${qs}`));

	it('reads sort, direction and search, with defaults', () => {
		expect(read('')).toEqual({ sort: 'name', dir: 'asc', q: '' });
		expect(read('?sort=statements')).toEqual({ sort: 'statements', dir: 'desc', q: '' });
		expect(read('?sort=rate&dir=asc&q=%20ven%20')).toEqual({ sort: 'rate', dir: 'asc', q: 'ven' });
	});

	it('refuses an unknown sort key or direction with a 400', () => {
		expect(() => read('?sort=drop table')).toThrow(expect.objectContaining({ status: 400 }));
		expect(() => read('?sort=name&dir=up')).toThrow(expect.objectContaining({ status: 400 }));
	});
});

describe('profile', () => {
	it('finds an entity ignoring case', async () => {
		expect((await findEntity('usa'))?.id).toBe('USA');
		expect((await findEntity('EU'))?.id).toBe('eu');
		expect((await findEntity('Interpol'))?.name).toBe('International Criminal Police Organization');
		expect(await findEntity('XXX')).toBeNull();
	});

	it('gives the United States per meeting: present everywhere, chair of four', async () => {
		const meetings = await entityMeetings('USA', ALL);
		expect(meetings.map((m) => [m.attended, m.statements, m.chairRole])).toEqual([
			[true, 3, null],
			[true, 2, 'chair'],
			[true, 2, 'chair'],
			[true, 2, 'chair'],
			[true, 3, 'co-chair']
		]);
		expect(meetings[0]?.firstStatementParagraph).toBe('40');
	});

	it('lists statements with their agenda items and paragraphs', async () => {
		const statements = await entityStatements('USA', ALL);
		expect(statements).toHaveLength(12);
		const first = statements[0];
		expect([first?.meetingId, first?.item, first?.paragraph]).toEqual(['wg2-2013-10-28', '2-6', '40']);
		expect(first?.itemTitles).toHaveLength(5);
		const item5 = statements.find((s) => s.paragraph === '82');
		expect(item5?.itemTitles).toEqual(['5. Other matters']);
	});

	it('lists chairs and panels held', async () => {
		const roles = await entityRoles('USA', ALL);
		expect(roles.map((r) => `${r.meetingId} ${r.role} ${r.person}`)).toEqual([
			'wg2-2013-10-28 Panellist Catherine Newcombe',
			'wg3-2017-10-09 Chair Thomas Burrows',
			'wg2-2017-10-10 Chair Thomas Burrows',
			'wg2-2020-07-09 Chair Thomas Burrows',
			'wg2-2023-05-29 Co-chair Thomas Burrows',
			'wg2-2023-05-29 Panellist Christopher Smith'
		]);
	});

	it('lists the names an entity went by: Turkey until 2020, Türkiye in 2023', async () => {
		const tur = await entityNames('TUR');
		expect(tur.map((n) => [n.name, n.meetings.map((m) => m.label)])).toEqual([
			['Turkey', ['WG.2 2013', 'WG.3 2017', 'WG.2 2017', 'WG.2 2020']],
			['Türkiye', ['WG.2 2023']]
		]);
		const cze = await entityNames('CZE');
		expect(cze.map((n) => [n.name, n.meetings.length])).toEqual([
			['Czech Republic', 1],
			['Czechia', 4]
		]);
		const irn = await entityNames('IRN');
		expect(irn.map((n) => n.name)).toEqual(['Iran (Islamic Republic of)', 'Islamic Republic of Iran']);
	});

	it('picks two peers of the regional group that attended most', async () => {
		const usa = await findEntity('USA');
		if (!usa) throw new Error('USA missing');
		const peers = await entityPeers(usa, ALL);
		expect(peers).toHaveLength(2);
		// Every WEOG State that attended all five; the most talkative first: Canada (8), then Italy (5).
		expect(peers.map((p) => p.id)).toEqual(['CAN', 'ITA']);
	});

	it('expands agenda spans', () => {
		expect(itemNumbers('2-4')).toEqual(['2', '3', '4']);
		expect(itemNumbers('2, 4, 5')).toEqual(['2', '4', '5']);
		expect(itemNumbers('1 (a)')).toEqual(['1 (a)']);
		expect(itemNumbers(null)).toEqual([]);
	});
});

describe('unresolved names', () => {
	it('appear as their own rows, kind "unresolved"', async () => {
		const other = path.join(dir, 'variant.duckdb');
		await ingestFiles(other, corpusFiles(['tests/fixtures/variants/wg4-2019-pdf-variant.txt']), {
			entities: loadReferenceEntities()
		});
		process.env.RAPPORTEUR_DB = other;
		try {
			const rows = await countryTable(ALL, BY_NAME);
			const unresolved = rows.filter((r) => r.id === null);
			expect(unresolved.map((r) => r.name)).toContain('Belguim');
			expect(unresolved.every((r) => r.kind === 'unresolved')).toBe(true);
		} finally {
			process.env.RAPPORTEUR_DB = path.join(dir, 'corpus.duckdb');
		}
	});
});
