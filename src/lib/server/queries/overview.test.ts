/**
 * Overview queries against a real database built from data/corpus; expected numbers are hand counts from the
 * reports and tests/fixtures/expected/*.json, with the working written next to them.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../../../tests/unit/corpus-db';
import type { Filters } from '$lib/filters';
import { closeDb } from '../db';
import {
	corpusSummary,
	latestRecommendations,
	meetingSummaries,
	meetingsPerYear,
	statementsPerMeeting
} from './overview';

const ALL: Filters = { bodies: [], from: null, to: null, region: null, category: null, mode: null };

let dir: string;

beforeAll(async () => {
	let db: string;
	({ dir, db } = await ingestCorpus('overview'));
	process.env.RAPPORTEUR_DB = db;
	process.env.RAPPORTEUR_DB_RECHECK_MS = '0';
});

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('corpusSummary', () => {
	it('says what the corpus holds', async () => {
		// Five files: four reports (2013, the 2017 joint report of WG.3 and WG.2, 2020, 2023) and the 2016 WG.3
		// provisional agenda; the joint report is two meetings, so five meetings with a report.
		expect(await corpusSummary()).toEqual({
			documents: 5,
			reports: 4,
			provisionalAgendas: 1,
			meetings: 5,
			bodies: ['WG.2', 'WG.3'],
			firstYear: 2013,
			lastYear: 2023
		});
	});
});

describe('meetingsPerYear', () => {
	it('counts reported meetings per year and body', async () => {
		expect(await meetingsPerYear(ALL)).toEqual([
			{ year: 2013, body: 'WG.2', meetings: 1 },
			{ year: 2017, body: 'WG.2', meetings: 1 },
			{ year: 2017, body: 'WG.3', meetings: 1 },
			{ year: 2020, body: 'WG.2', meetings: 1 },
			{ year: 2023, body: 'WG.2', meetings: 1 }
		]);
		expect(await meetingsPerYear({ ...ALL, bodies: ['WG.3'] })).toEqual([
			{ year: 2017, body: 'WG.3', meetings: 1 }
		]);
	});
});

describe('statementsPerMeeting', () => {
	it('counts every speaker of every statement list', async () => {
		const rows = await statementsPerMeeting(ALL);
		const total = (id: string) =>
			rows.filter((r) => r.meetingId === id).reduce((sum, r) => sum + r.statements, 0);
		const of = (id: string, kind: string) =>
			rows.find((r) => r.meetingId === id && r.speakerKind === kind)?.statements ?? 0;
		// 2013: item 1, 5 (para. 39); items 2-6, 31 + Japan (paras. 40-41); item 2, 12 + Japan; item 3, 8 + Japan;
		// item 4, 8 (with the EU) + Japan; item 5, 9 + Japan.
		expect(total('wg2-2013-10-28')).toBe(5 + 32 + 13 + 9 + 9 + 10);
		// The EU spoke under item 1, items 2-6 and item 4.
		expect(of('wg2-2013-10-28', 'European Union')).toBe(3);
		// WG.3 2017: 30 (items 2-4) + 23 (items 5-7) + Iran (item 6). WG.2 2017: 3 + 23 + Iran.
		expect(total('wg3-2017-10-09')).toBe(30 + 23 + 1);
		expect(total('wg2-2017-10-10')).toBe(3 + 23 + 1);
		// 2020: 2 + 9 + 7 + 1.
		expect(total('wg2-2020-07-09')).toBe(19);
		// 2023: 15 + 17 + 4, of which the EU twice and INTERPOL once.
		expect(total('wg2-2023-05-29')).toBe(36);
		expect(of('wg2-2023-05-29', 'European Union')).toBe(2);
		expect(of('wg2-2023-05-29', 'Organizations')).toBe(1);
	});
});

describe('meetingSummaries', () => {
	it('gives each meeting its headline numbers and anchors', async () => {
		const rows = await meetingSummaries(ALL);
		const pick = (id: string) => rows.find((r) => r.meetingId === id);
		expect(pick('wg2-2013-10-28')).toMatchObject({
			statesAttending: 65, // 62 parties + Iran, Japan + State of Palestine
			participants: 66, // and the EU
			speakers: 34, // 33 States and the EU
			statements: 78,
			recommendations: 31,
			attendanceParagraph: '43',
			firstRecommendation: '5'
		});
		expect(pick('wg2-2020-07-09')).toMatchObject({
			statesAttending: 79,
			participants: 78 + 1 + 1 + 5,
			recommendations: 15,
			firstRecommendation: 'A (a)'
		});
		expect(pick('wg2-2023-05-29')).toMatchObject({
			statesAttending: 81,
			participants: 89,
			speakers: 24, // 22 States, the EU, INTERPOL
			recommendations: 11
		});
		expect(pick('wg3-2017-10-09')).toMatchObject({ statesAttending: 85, recommendations: 14 });
		expect(pick('wg2-2017-10-10')).toMatchObject({ statesAttending: 85, recommendations: 2 });
	});
});

describe('latestRecommendations', () => {
	it('lists the latest meeting’s recommendations first, in print order', async () => {
		const rows = await latestRecommendations(ALL, 5);
		expect(rows.map((r) => `${r.meetingId} ${r.label}`)).toEqual([
			'wg2-2023-05-29 Recommendation 1',
			'wg2-2023-05-29 Recommendation 2',
			'wg2-2023-05-29 Recommendation 3',
			'wg2-2023-05-29 Recommendation 4',
			'wg2-2023-05-29 Recommendation 5'
		]);
		// Up to 2020, the 2020 meeting comes first: its discussion points are labelled by heading letter.
		const upTo2020 = await latestRecommendations({ ...ALL, to: 2020 }, 2);
		expect(upTo2020.map((r) => r.label)).toEqual(['A (a)', 'A (b)']);
	});
});
