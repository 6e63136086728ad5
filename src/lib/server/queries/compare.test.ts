/**
 * The /compare queries against a real database built from data/corpus. Expected numbers are hand
 * counts from the five documents (tests/fixtures/expected/*.json hold the lists they were summed from).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../../../tests/unit/corpus-db';
import { groupChoices } from '../../../routes/compare/datasets.server';
import { closeDb } from '../db';
import type { Filters } from '../filters';
import {
	compareMeasures,
	compareTimeline,
	entityChoices,
	readCompareParam,
	resolveCompareIds
} from './compare';

const ALL: Filters = { bodies: [], from: null, to: null, region: null, category: null, mode: null };

let dir: string;

beforeAll(async () => {
	let db: string;
	({ dir, db } = await ingestCorpus('compare'));
	process.env.RAPPORTEUR_DB = db;
});

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('the e parameter', () => {
	it('reads commas and repeated fields', () => {
		expect(readCompareParam(new URL('http://x/compare?e=USA,%20CAN&e=NGA&e='))).toEqual([
			'USA',
			'CAN',
			'NGA'
		]);
		expect(readCompareParam(new URL('http://x/compare'))).toEqual([]);
	});

	it('resolves ids ignoring case, in order, without duplicates', async () => {
		const entities = await resolveCompareIds(['usa', 'CAN', 'USA', 'eu']);
		expect(entities.map((e) => e.id)).toEqual(['USA', 'CAN', 'eu']);
	});

	it('refuses unknown ids, fewer than 2 and more than 6 with a 400', async () => {
		await expect(resolveCompareIds(['USA', 'XXX'])).rejects.toMatchObject({
			status: 400,
			body: { message: expect.stringContaining('"XXX" is not an entity id') }
		});
		// Asked again, the lookup comes from the memo: the verdict must be the same.
		await expect(resolveCompareIds(['USA', 'XXX'])).rejects.toMatchObject({ status: 400 });
		await expect(resolveCompareIds(['USA'])).rejects.toMatchObject({ status: 400 });
		await expect(resolveCompareIds(['USA', 'usa'])).rejects.toMatchObject({ status: 400 });
		await expect(resolveCompareIds(['USA', 'CAN', 'NGA', 'MEX', 'BRA', 'JPN', 'ITA'])).rejects.toMatchObject({
			status: 400,
			body: { message: expect.stringContaining('at most 6') }
		});
	});
});

describe('compareMeasures', () => {
	it('gives USA, Canada and Nigeria their hand-counted measures', async () => {
		const rows = await compareMeasures(await resolveCompareIds(['USA', 'CAN', 'NGA']), ALL);
		expect(rows.map((r) => r.id)).toEqual(['USA', 'CAN', 'NGA']);
		expect(rows[0]?.values).toEqual({
			attended: 5,
			rate: 100,
			statements: 12,
			spoken: 5,
			share: 100,
			panels: 2,
			chairs: 4
		});
		expect(rows[1]?.values).toEqual({
			attended: 5,
			rate: 100,
			statements: 8,
			spoken: 5,
			share: 100,
			panels: 2,
			chairs: 0
		});
		// Nigeria attended all five but spoke at four (not in 2013): 80 %.
		expect(rows[2]?.values).toEqual({
			attended: 5,
			rate: 100,
			statements: 5,
			spoken: 4,
			share: 80,
			panels: 1,
			chairs: 0
		});
	});

	it('averages the Western European and other group over all its 29 States', async () => {
		const [usa] = await compareMeasures(await resolveCompareIds(['USA', 'CAN']), ALL);
		expect(usa?.groupSize).toBe(29);
		// 21 of the 29 attended at least once.
		expect(usa?.groupAttending).toBe(21);
		// Sums over the group's States, by hand: 81 meeting attendances, 51 statements, 30 meetings
		// spoken at, 8 panel seats (USA 2, Canada 2, France 2, Sweden 1, UK 1), 4 chairs (all USA).
		expect(usa?.group).toEqual({
			attended: round(81 / 29, 2),
			rate: round((100 * 81) / 29 / 5, 1),
			statements: round(51 / 29, 2),
			spoken: round(30 / 29, 2),
			share: 31,
			panels: round(8 / 29, 2),
			chairs: round(4 / 29, 2)
		});
	});

	it('counts the UK at 3 of its 4 attended meetings: it also spoke in 2013, where it is not listed', async () => {
		const [gbr] = await compareMeasures(await resolveCompareIds(['GBR', 'USA']), ALL);
		expect(gbr?.values.share).toBe(75);
		expect(gbr?.values.spoken).toBe(4);
	});

	it('gives no group average to entities without a regional group', async () => {
		const rows = await compareMeasures(await resolveCompareIds(['eu', 'interpol']), ALL);
		expect(rows.map((r) => r.group)).toEqual([null, null]);
		expect(rows[0]?.values.attended).toBe(5);
		expect(rows[1]?.values.rate).toBe(40);
	});

	it('follows the year filter', async () => {
		const [usa] = await compareMeasures(await resolveCompareIds(['USA', 'NGA']), { ...ALL, from: 2020 });
		expect(usa?.values).toMatchObject({ attended: 2, rate: 100, statements: 5, chairs: 2 });
	});
});

describe('compareTimeline', () => {
	it('gives every entity × meeting with its highest role', async () => {
		const cells = await compareTimeline(['USA', 'NGA', 'PER'], ALL);
		expect(cells).toHaveLength(15);
		const states = (id: string) => cells.filter((c) => c.entityId === id).map((c) => c.state);
		expect(states('USA')).toEqual(['panellist', 'chaired', 'chaired', 'chaired', 'chaired']);
		expect(states('NGA')).toEqual(['attended', 'spoke', 'spoke', 'spoke', 'panellist']);
		expect(states('PER')).toEqual(['absent', 'absent', 'absent', 'attended', 'chaired']);
		const nga2020 = cells.find((c) => c.entityId === 'NGA' && c.meetingId === 'wg2-2020-07-09');
		expect([nga2020?.statements, nga2020?.paragraph]).toEqual([1, '14']);
	});
});

describe('entityChoices', () => {
	it('offers the 132 entities named in the reports', async () => {
		const choices = await entityChoices();
		expect(choices).toHaveLength(132);
		expect(choices.find((c) => c.id === 'TUR')?.name).toBe('Türkiye');
	});

	it('groups them for the selects: States by regional group, the others by kind, each once', async () => {
		const choices = await entityChoices();
		const groups = groupChoices(choices);
		const labels = groups.map((g) => g.label);
		expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
		expect(new Set(labels).size).toBe(labels.length);
		expect(groups.flatMap((g) => g.items.map((i) => i.id)).sort()).toEqual(choices.map((c) => c.id).sort());
		const where = (id: string) => groups.find((g) => g.items.some((i) => i.id === id));
		expect(where('TUR')?.label).toBe('States: Western European and other');
		expect(where('NGA')?.label).toBe('States: African');
		expect(where('eu')?.label).toBe('Regional economic integration organization');
		expect(where('TUR')?.items.find((i) => i.id === 'TUR')).toEqual({ id: 'TUR', name: 'Türkiye' });
		// Within a group, the order of the choices (by name).
		for (const g of groups) {
			const names = g.items.map((i) => i.name);
			expect(names).toEqual(choices.filter((c) => names.includes(c.name)).map((c) => c.name));
		}
	});
});

function round(v: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(v * f) / f;
}
