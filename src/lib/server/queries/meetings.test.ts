/**
 * The meeting queries against a real database built from data/corpus. Expected numbers are hand counts:
 * the literals were counted in the documents, the rest are read from tests/fixtures/expected/*.json (also
 * hand counts), never from the queries' output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../../../tests/unit/corpus-db';
import { labelSlug } from '$lib/citation';
import type { Filters } from '$lib/filters';
import { closeDb, timingDb } from '../db';
import { meetingList, meetingListJson, meetingRecord } from './meetings';

interface Expected {
	meetings: { body: string }[];
	attendance: Record<string, string[]>;
	statements: { body: string; speakers: string[] }[];
	recommendations: Record<string, [string, string, string[]][]>;
}

function expected(file: string): Expected {
	return JSON.parse(
		fs.readFileSync(path.join('tests/fixtures/expected', `${file}.json`), 'utf8')
	) as Expected;
}

const NO_FILTERS: Filters = { bodies: [], from: null, to: null, region: null, category: null, mode: null };

let dir: string;

beforeAll(async () => {
	let db: string;
	({ dir, db } = await ingestCorpus('meetings'));
	process.env.RAPPORTEUR_DB = db;
});

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});

/** States attending, statements and recommendations of one body's meeting, from a hand-count file. */
function handCounts(file: string, body: string) {
	const e = expected(file);
	const a = e.attendance;
	return {
		statesAttending:
			(a.state_party?.length ?? 0) + (a.signatory?.length ?? 0) + (a.non_member_observer_state?.length ?? 0),
		statements: e.statements.filter((s) => s.body === body).reduce((n, s) => n + s.speakers.length, 0),
		recommendations: e.recommendations[body]?.length ?? 0
	};
}

describe('meetingList', () => {
	it('lists the 6 meetings: 5 reports give 5 + 1 (the joint report counts twice), plus the 2016 provisional agenda', async () => {
		const rows = await meetingList(NO_FILTERS);
		expect(rows.map((r) => r.id)).toEqual([
			'wg2-2013-10-28',
			'wg3-2016-10-19-agenda',
			'wg3-2017-10-09',
			'wg2-2017-10-10',
			'wg2-2020-07-09',
			'wg2-2023-05-29'
		]);
		const agenda = rows[1];
		expect(agenda).toMatchObject({
			kind: 'provisional_agenda',
			body: 'WG.3',
			statesAttending: 0,
			statements: 0
		});
	});

	it('counts States attending, statements and recommendations as the hand counts do', async () => {
		const rows = new Map((await meetingList(NO_FILTERS)).map((r) => [r.id, r]));
		const cases: [string, string, string][] = [
			['wg2-2013-10-28', '2013-10-wg2-technical-assistance-report.md', 'WG.2'],
			['wg3-2017-10-09', '2017-10-wg3-wg2-joint-report.txt', 'WG.3'],
			['wg2-2017-10-10', '2017-10-wg3-wg2-joint-report.txt', 'WG.2'],
			['wg2-2020-07-09', '2020-07-wg2-technical-assistance-report.md', 'WG.2'],
			['wg2-2023-05-29', '2023-05-wg2-technical-assistance-report.txt', 'WG.2']
		];
		for (const [id, file, body] of cases) {
			expect({ id, ...rows.get(id) }).toMatchObject({ id, ...handCounts(file, body) });
		}
		// The literals, counted in the 2013 report: 62 States parties + 2 signatories + the State of Palestine;
		// recommendations in paragraphs 5 and 7-36.
		expect(rows.get('wg2-2013-10-28')).toMatchObject({ statesAttending: 65, recommendations: 31 });
		expect(rows.get('wg2-2013-10-28')?.meetingsHeld).toBeNull();
		expect(rows.get('wg3-2017-10-09')).toMatchObject({ meetingsHeld: 9, recommendations: 14 });
		expect(rows.get('wg2-2017-10-10')).toMatchObject({ meetingsHeld: 7, recommendations: 2 });
	});

	it('cites each document by its bodies, kind and distribution date (none of the five carries a symbol)', async () => {
		const rows = await meetingList(NO_FILTERS);
		expect(rows[0]?.document).toBe('WG.2 report of 19 November 2013');
		expect(rows[1]?.document).toBe('WG.3 provisional agenda of 31 May 2016');
	});

	it('filters by body, years and format', async () => {
		const ids = async (f: Partial<Filters>) => (await meetingList({ ...NO_FILTERS, ...f })).map((r) => r.id);
		expect(await ids({ bodies: ['WG.3'] })).toEqual(['wg3-2016-10-19-agenda', 'wg3-2017-10-09']);
		expect(await ids({ from: 2017, to: 2020 })).toEqual([
			'wg3-2017-10-09',
			'wg2-2017-10-10',
			'wg2-2020-07-09'
		]);
		// 2020 and 2023 were hybrid; a provisional agenda states no format and matches neither.
		expect(await ids({ mode: 'online' })).toEqual(['wg2-2020-07-09', 'wg2-2023-05-29']);
		expect(await ids({ mode: 'in-person' })).toEqual(['wg2-2013-10-28', 'wg3-2017-10-09', 'wg2-2017-10-10']);
		expect(await ids({ bodies: ['WG.3'], mode: 'online' })).toEqual([]);
	});
});

describe('meetingListJson', () => {
	it('is the list of meetingList as JSON, byte for byte, with its documents in row order', async () => {
		for (const f of [
			NO_FILTERS,
			{ ...NO_FILTERS, bodies: ['WG.3'] },
			{ ...NO_FILTERS, mode: 'online' as const }
		]) {
			const rows = await meetingList(f);
			const { json, plucked } = await meetingListJson(f);
			expect(json.toString('utf8')).toBe(JSON.stringify(rows));
			expect(plucked).toEqual(rows.map((r) => r.document));
		}
		// Two WG.3 meetings (the 2016 agenda and the 2017 joint report), none online and WG.3.
		expect(
			JSON.parse((await meetingListJson({ ...NO_FILTERS, bodies: ['WG.3'] })).json.toString())
		).toHaveLength(2);
		expect((await meetingListJson({ ...NO_FILTERS, bodies: ['WG.3'], mode: 'online' })).json.toString()).toBe(
			'[]'
		);
	});
});

describe('meetingRecord', () => {
	it('returns null for a meeting that does not exist', async () => {
		expect(await meetingRecord('wg9-1999-01-01')).toBeNull();
	});

	it('is read from the database once per corpus version: no query the second time', async () => {
		const first = await meetingRecord('wg2-2020-07-09');
		const timing = { ms: 0, queries: 0 };
		expect(await timingDb(timing, () => meetingRecord('wg2-2020-07-09'))).toEqual(first);
		expect(timing.queries).toBe(0);
		// Another meeting is its own entry.
		await timingDb(timing, () => meetingRecord('wg2-2013-10-28'));
		expect(timing.queries).toBeGreaterThan(0);
	});

	it('2013: header, chair, attendance by category from paragraphs 43-46', async () => {
		const r = await meetingRecord('wg2-2013-10-28');
		expect(r?.meeting).toMatchObject({
			body: 'WG.2',
			bodyName: 'Working Group of Government Experts on Technical Assistance',
			startDate: '2013-10-28',
			endDate: '2013-10-30',
			venue: 'Vienna',
			format: 'in person',
			meetingsHeld: null,
			kind: 'report',
			symbol: null,
			distributionDate: '2013-11-19'
		});
		expect(r?.siblings).toEqual([]);
		expect(r?.chairs).toEqual([
			{ name: 'Cristian Istrate', country: 'Romania', entityId: 'ROU', role: 'chair', paragraph: '38' }
		]);
		const byCategory = (c: string) => r?.attendance.filter((a) => a.category === c) ?? [];
		expect(byCategory('state_party')).toHaveLength(62);
		expect(byCategory('reio').map((a) => a.name)).toEqual(['European Union']);
		expect(byCategory('signatory').map((a) => a.name)).toEqual(['Iran (Islamic Republic of)', 'Japan']);
		expect(byCategory('non_member_observer_state').map((a) => a.name)).toEqual(['State of Palestine']);
		expect(r?.attendance).toHaveLength(66);
		expect(new Set(byCategory('state_party').map((a) => a.paragraph))).toEqual(new Set(['43']));
		expect(byCategory('state_party').map((a) => a.name)).toEqual(
			expected('2013-10-wg2-technical-assistance-report.md').attendance.state_party
		);
		expect(r?.attendance.every((a) => a.entityId !== null)).toBe(true);
	});

	it('2013: agenda, panellists, documents, recommendations 5 and 7-36, and paragraph 43 in the source text', async () => {
		const r = await meetingRecord('wg2-2013-10-28');
		expect(r?.agenda.map((a) => a.number)).toEqual(['1', '1 (a)', '1 (b)', '2', '3', '4', '5', '6']);
		expect(r?.agenda.some((a) => a.joint)).toBe(false);
		expect(r?.panellists.map((p) => [p.name, p.country, p.item])).toEqual([
			['Catherine Newcombe', 'United States', '3'],
			['Raluca Simion', 'Romania', '3'],
			['Raluca Simion', 'Romania', '4']
		]);
		expect(r?.documentsBefore.map((d) => d.symbol)).toEqual([
			'CTOC/COP/WG.2/2013/1',
			'CTOC/COP/WG.2/2013/2',
			'CTOC/COP/WG.2/2013/3',
			'CTOC/COP/WG.2/2013/4',
			'CTOC/COP/WG.2/2013/CRP.1',
			'CTOC/COP/WG.2/2013/CRP.2'
		]);
		const labels = ['5', ...Array.from({ length: 30 }, (_, i) => String(i + 7))];
		expect(r?.recommendations.map((x) => x.label)).toEqual(labels);
		expect(r?.recommendations.map((x) => x.paragraph)).toEqual(labels);
		// Paragraph 26: "UNODC should, subject to the availability of extrabudgetary resources, ..."
		expect(r?.recommendations.find((x) => x.label === '26')).toMatchObject({
			subjectToExtrabudgetary: true,
			addressees: ['UNODC'],
			strength: 'should'
		});
		const p43 = r?.paragraphs.find((p) => p.number === '43');
		expect(p43?.text).toMatch(/^The following States parties to the Convention were represented/);
		expect(p43?.text).toContain('Zimbabwe');
		// Numbered 1-90, plus the masthead and the annex (the list of documents), which carry no number.
		expect(r?.paragraphs.filter((p) => p.number !== null).map((p) => p.number)).toEqual(
			Array.from({ length: 90 }, (_, i) => String(i + 1))
		);
		expect(r?.paragraphs.at(-1)).toMatchObject({ number: null, chapter: expect.stringMatching(/^Annex/) });
	});

	it('2013: statements grouped by item, with the item title where the item is one agenda item', async () => {
		const r = await meetingRecord('wg2-2013-10-28');
		const para52 = r?.statements.filter((s) => s.paragraph === '52') ?? [];
		expect(para52.map((s) => s.speaker).slice(0, 3)).toEqual(['Oman', 'France', 'United States']);
		expect(para52).toHaveLength(12);
		expect(para52[0]).toMatchObject({
			item: '2',
			itemTitle: expect.stringMatching(/^Assistance, good practices/)
		});
		// "Under agenda items 2-6" (paragraph 40) is a span with no single title.
		expect(r?.statements.find((s) => s.paragraph === '40')).toMatchObject({ item: '2-6', itemTitle: null });
	});

	it('2017: the joint report gives two meetings of one document, each pointing to the other', async () => {
		const wg3 = await meetingRecord('wg3-2017-10-09');
		const wg2 = await meetingRecord('wg2-2017-10-10');
		expect(wg3?.meeting.documentId).toBe(wg2?.meeting.documentId);
		expect(wg3?.siblings.map((s) => [s.id, s.body])).toEqual([['wg2-2017-10-10', 'WG.2']]);
		expect(wg2?.siblings.map((s) => [s.id, s.body])).toEqual([['wg3-2017-10-09', 'WG.3']]);
		// One attendance list, stored for each body: 84 States parties in both.
		for (const r of [wg3, wg2]) {
			expect(r?.attendance.filter((a) => a.category === 'state_party')).toHaveLength(84);
		}
		expect(wg3?.recommendations.map((x) => x.label)).toEqual(
			['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n'].map((l) => `(${l})`)
		);
		expect(wg2?.recommendations.map((x) => x.label)).toEqual(['(a)', '(b)']);
		// Joint items: WG.3 items 5-7 are WG.2 items 2, 4 and 5.
		expect(wg3?.agenda.filter((a) => a.joint).map((a) => a.number)).toEqual(['5', '6', '7']);
		expect(wg2?.agenda.filter((a) => a.joint).map((a) => a.number)).toEqual(['2', '4', '5']);
		expect(wg3?.chairs.map((c) => [c.name, c.country])).toEqual([['Thomas Burrows', 'United States']]);
	});

	it('2020: 15 discussion points A (a)-B (h) from the annex, without paragraph number, with distinct anchors', async () => {
		const r = await meetingRecord('wg2-2020-07-09');
		const labels = [
			...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => `A (${l})`),
			...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => `B (${l})`)
		];
		expect(r?.recommendations.map((x) => x.label)).toEqual(labels);
		expect(r?.recommendations.every((x) => x.paragraph === null && x.kind === 'discussion_point')).toBe(true);
		expect(new Set(r?.recommendations.map((x) => labelSlug(x.label))).size).toBe(15);
		expect(r?.meeting).toMatchObject({ format: 'hybrid', meetingsHeld: 4 });
		expect(r?.chairs.map((c) => c.country)).toEqual(['United States of America']);
	});

	it('2016: a provisional agenda has an agenda and documents but no attendance', async () => {
		const r = await meetingRecord('wg3-2016-10-19-agenda');
		expect(r?.meeting.kind).toBe('provisional_agenda');
		expect(r?.attendance).toEqual([]);
		expect(r?.statements).toEqual([]);
		expect(r?.documentsBefore.map((d) => d.symbol)).toEqual(
			expect.arrayContaining(['CTOC/COP/WG.3/2016/2', 'CTOC/COP/WG.3/2016/CRP.1', 'CTOC/COP/WG.3/2016/3'])
		);
	});
});
