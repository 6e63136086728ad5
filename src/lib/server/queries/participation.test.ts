/**
 * Participation queries against a real database built from data/corpus. Every expected number was counted by
 * hand from the reports (or from tests/fixtures/expected/*.json, which are hand counts); the working is written
 * next to each expectation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../../../tests/unit/corpus-db';
import type { Filters } from '$lib/filters';
import { closeDb } from '../db';
import { meetingsInView } from '../participation-aggregates';
import {
	attendanceByFormat,
	attendancePerMeeting,
	matrixRows,
	participationMatrix,
	reportedMeetings,
	silentByAgendaItem,
	silentSharePerMeeting,
	silentStates,
	speakersPerMeeting,
	type GroupCount
} from './participation';

const ALL: Filters = { bodies: [], from: null, to: null, region: null, category: null, mode: null };
const WG2_2013 = 'wg2-2013-10-28';
const WG3_2017 = 'wg3-2017-10-09';
const WG2_2017 = 'wg2-2017-10-10';
const WG2_2020 = 'wg2-2020-07-09';
const WG2_2023 = 'wg2-2023-05-29';

let dir: string;

beforeAll(async () => {
	let db: string;
	({ dir, db } = await ingestCorpus('participation'));
	process.env.RAPPORTEUR_DB = db;
	process.env.RAPPORTEUR_DB_RECHECK_MS = '0';
});

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});

function totals(rows: GroupCount[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const r of rows) out[r.meetingId] = (out[r.meetingId] ?? 0) + r.n;
	return out;
}

function count(rows: GroupCount[], meetingId: string, group: string): number {
	return rows.find((r) => r.meetingId === meetingId && r.group === group)?.n ?? 0;
}

describe('reportedMeetings', () => {
	it('lists the five meetings with a report, not the provisional agenda of 2016', async () => {
		const meetings = await reportedMeetings(ALL);
		expect(meetings.map((m) => m.meetingId)).toEqual([WG2_2013, WG3_2017, WG2_2017, WG2_2020, WG2_2023]);
		expect(meetings.map((m) => m.label)).toEqual([
			'WG.2 Oct 2013',
			'WG.3 Oct 2017',
			'WG.2 Oct 2017',
			'WG.2 Jul 2020',
			'WG.2 May 2023'
		]);
	});

	it('applies body, years and format', async () => {
		expect((await reportedMeetings({ ...ALL, bodies: ['WG.3'] })).map((m) => m.meetingId)).toEqual([
			WG3_2017
		]);
		expect((await reportedMeetings({ ...ALL, from: 2017, to: 2020 })).map((m) => m.meetingId)).toEqual([
			WG3_2017,
			WG2_2017,
			WG2_2020
		]);
		// 2020 and 2023 were hybrid (paragraphs on the format of the meeting); 2013 and 2017 in person.
		expect((await reportedMeetings({ ...ALL, mode: 'online' })).map((m) => m.meetingId)).toEqual([
			WG2_2020,
			WG2_2023
		]);
	});
});

describe('attendancePerMeeting', () => {
	it('counts States by regional group: parties + signatories + observer States, never the EU', async () => {
		const rows = await attendancePerMeeting(ALL, 'region');
		expect(totals(rows)).toEqual({
			// 2013 para. 43: 62 States parties; para. 45: Iran and Japan (signatories); para. 46: State of Palestine.
			// The European Union (para. 44) is not a State.
			[WG2_2013]: 62 + 2 + 1,
			// 2017: 84 States parties listed (Holy See and State of Palestine among them) + Iran (signatory);
			// the joint report's single list counts for each body.
			[WG3_2017]: 84 + 1,
			[WG2_2017]: 84 + 1,
			// 2020: 79 parties listed = 78 States + the European Union; + Iran (signatory).
			[WG2_2020]: 78 + 1,
			// 2023: 80 States parties + Iran (signatory).
			[WG2_2023]: 80 + 1
		});
		// Observer States have no regional group.
		expect(count(rows, WG2_2013, 'No group')).toBe(1); // State of Palestine
		expect(count(rows, WG3_2017, 'No group')).toBe(2); // Holy See, State of Palestine
		expect(count(rows, WG2_2020, 'No group')).toBe(1); // State of Palestine
		expect(count(rows, WG2_2023, 'No group')).toBe(0);
	});

	it('keeps only the regional group asked for', async () => {
		// WEOG States in the 2013 list (para. 43): Austria, Belgium, Canada, France, Germany, Italy, Luxembourg,
		// Netherlands, Norway, Portugal, Spain, Switzerland, Turkey, United States; Japan is Asia-Pacific.
		const rows = await attendancePerMeeting({ ...ALL, region: 'Western European and other' }, 'region');
		expect(count(rows, WG2_2013, 'Western European and other')).toBe(14);
		expect(rows.every((r) => r.group === 'Western European and other')).toBe(true);
	});

	it('counts everyone listed by category', async () => {
		const rows = await attendancePerMeeting(ALL, 'category');
		expect(count(rows, WG2_2013, 'state_party')).toBe(62);
		expect(count(rows, WG2_2013, 'reio')).toBe(1);
		expect(count(rows, WG2_2013, 'signatory')).toBe(2);
		expect(count(rows, WG2_2013, 'non_member_observer_state')).toBe(1);
		// 2023: 80 parties, EU, Iran, UNEP, 6 intergovernmental organizations.
		expect(totals(rows)[WG2_2023]).toBe(80 + 1 + 1 + 1 + 6);
		expect(count(rows, WG2_2023, 'igo')).toBe(6);
		// 2020: 78 parties, EU, Iran, 5 intergovernmental organizations.
		expect(totals(rows)[WG2_2020]).toBe(78 + 1 + 1 + 5);
	});

	it('keeps only the category asked for', async () => {
		const rows = await attendancePerMeeting({ ...ALL, category: 'signatory' }, 'category');
		expect(totals(rows)).toEqual({
			[WG2_2013]: 2, // Iran, Japan
			[WG3_2017]: 1, // Iran
			[WG2_2017]: 1,
			[WG2_2020]: 1,
			[WG2_2023]: 1
		});
	});
});

describe('speakersPerMeeting', () => {
	it('counts each State that spoke once per meeting', async () => {
		const rows = await speakersPerMeeting(ALL, 'region');
		expect(totals(rows)).toEqual({
			// 2013: para. 40 lists 30 States parties for items 2-6, para. 41 Japan; para. 39 adds Norway
			// (Pakistan, Austria, Russian Federation are in para. 40 too); para. 82 adds Canada. EU is no State.
			[WG2_2013]: 30 + 1 + 1 + 1,
			// WG.3 2017: 30 States for items 2-4; items 5-7 add Egypt, Spain, Turkey; Iran under item 6.
			[WG3_2017]: 30 + 3 + 1,
			// WG.2 2017: the 23 States for items 2, 4, 5 (Algeria, Romania, United States also for 1, 3); Iran.
			[WG2_2017]: 23 + 1,
			// 2020: Brazil, State of Palestine (item 1); 9 for item 2; Canada, Nigeria, Singapore new for item 3;
			// Guatemala (item 4).
			[WG2_2020]: 2 + 9 + 3 + 1,
			// 2023: 14 States for item 2; Brazil, Equatorial Guinea, Honduras, Mozambique, Nigeria, Paraguay,
			// United Kingdom, Iran new for item 3; item 4's four spoke before.
			[WG2_2023]: 14 + 8
		});
		expect(count(rows, WG2_2020, 'No group')).toBe(1); // State of Palestine, for the Group of 77 and China
	});

	it('by category, counts the EU and organizations too', async () => {
		const rows = await speakersPerMeeting(ALL, 'category');
		expect(count(rows, WG2_2023, 'reio')).toBe(1); // European Union
		expect(count(rows, WG2_2023, 'igo')).toBe(1); // INTERPOL
		// 2013 counts 33 States and the EU; the United Kingdom spoke (para. 40) but is not in the attendance list
		// (paras. 43-46), so it has no attendance category.
		expect(totals(rows)[WG2_2013]).toBe(34);
		expect(count(rows, WG2_2013, 'other')).toBe(1);
	});
});

describe('attended but silent', () => {
	it('per meeting: attending States, those that spoke, the share silent', async () => {
		const rows = await silentSharePerMeeting(ALL);
		const by = Object.fromEntries(rows.map((r) => [r.meetingId, r]));
		// 2013: 65 attending; 33 speaking States minus the United Kingdom, which is not listed as attending.
		expect(by[WG2_2013]).toMatchObject({ attending: 65, spoke: 32, silent: 33, sharePct: 50.8 });
		// 2020: 79 attending, all 15 speaking States among them.
		expect(by[WG2_2020]).toMatchObject({ attending: 79, spoke: 15, silent: 64, sharePct: 81 });
		// 2023: 81 attending, 22 spoke.
		expect(by[WG2_2023]).toMatchObject({ attending: 81, spoke: 22, silent: 59, sharePct: 72.8 });
		// The numbers link to the attendance list (2013 para. 43) and the first statements (para. 39).
		expect(by[WG2_2013]).toMatchObject({ attendanceParagraph: '43', statementParagraph: '39' });
	});

	it('names the attending States that made no statement in 2023', async () => {
		const rows = (await silentStates(ALL)).filter((r) => r.meetingId === WG2_2023);
		// The 2023 attendance list (80 States parties + Iran) without the 22 States that made statements,
		// as the attendance list prints them.
		const expected = [
			'Argentina',
			'Armenia',
			'Australia',
			'Austria',
			'Bahrain',
			'Belarus',
			'Bulgaria',
			'Burkina Faso',
			'Burundi',
			'Chad',
			'Chile',
			'Costa Rica',
			'Cyprus',
			'Dominican Republic',
			'Egypt',
			'El Salvador',
			'Finland',
			'France',
			'Georgia',
			'Germany',
			'Greece',
			'Guatemala',
			'Hungary',
			'India',
			'Iraq',
			'Italy',
			'Japan',
			'Jordan',
			'Kiribati',
			'Kyrgyzstan',
			'Libya',
			'Malaysia',
			'Maldives',
			'Malta',
			'Mexico',
			'Myanmar',
			'Namibia',
			'Nicaragua',
			'Oman',
			'Panama',
			'Peru',
			'Philippines',
			'Poland',
			'Qatar',
			'Republic of Moldova',
			'Romania',
			'Saudi Arabia',
			'Slovakia',
			'Slovenia',
			'South Africa',
			'Spain',
			'Sweden',
			'Thailand',
			'Togo',
			'Tunisia',
			'Türkiye',
			'Ukraine',
			'United Republic of Tanzania',
			'Uruguay'
		];
		expect(expected).toHaveLength(59);
		expect(rows.map((r) => r.name).sort()).toEqual([...expected].sort());
	});

	it('per agenda item, with spans counted for the span only', async () => {
		const rows = await silentByAgendaItem(ALL);
		const at = (meetingId: string, item: string | null) =>
			rows.find((r) => r.meetingId === meetingId && r.item === item);
		// 2023: item 2, 14 States (15 speakers minus the EU); item 3, 15 (17 minus the EU and INTERPOL); item 4, 4.
		expect(at(WG2_2023, '2')).toMatchObject({ attending: 81, spoke: 14 });
		expect(at(WG2_2023, '3')).toMatchObject({ attending: 81, spoke: 15, sharePct: 81.5 });
		expect(at(WG2_2023, '4')).toMatchObject({ attending: 81, spoke: 4 });
		expect(at(WG2_2023, '5')).toMatchObject({ attending: 81, spoke: 0, sharePct: 100 });
		// 2013 para. 40 lists items 2-6 together: 30 States parties + Japan, minus the United Kingdom (not in
		// the attendance list). Item 2 (paras. 52-53): 12 States + Japan. Item 4 (paras. 74-75): 7 + Japan.
		expect(at(WG2_2013, '2-6')).toMatchObject({ title: null, spoke: 30 });
		expect(at(WG2_2013, '2')).toMatchObject({ spoke: 13 });
		expect(at(WG2_2013, '4')).toMatchObject({ spoke: 8 });
		// Item 1 (para. 39): Pakistan, Norway, Austria, Russian Federation (and the EU).
		expect(at(WG2_2013, '1')).toMatchObject({ spoke: 4 });
		// The span sorts after the item it starts with.
		const order = rows.filter((r) => r.meetingId === WG2_2013).map((r) => r.item);
		expect(order).toEqual(['1', '2', '2-6', '3', '4', '5', '6']);
	});
});

describe('attendanceByFormat', () => {
	it('averages attending and speaking States per format', async () => {
		const rows = await attendanceByFormat(ALL);
		expect(rows).toEqual([
			// In person: 2013 (65), WG.3 and WG.2 2017 (85 each); spoke 32, 34, 24.
			{
				format: 'in person',
				meetings: 3,
				attending: 78.3,
				spoke: 30,
				silent: 48.3
			},
			// Hybrid: 2020 (79, 15 spoke) and 2023 (81, 22 spoke).
			{ format: 'hybrid', meetings: 2, attending: 80, spoke: 18.5, silent: 61.5 }
		]);
	});
});

describe('participationMatrix', () => {
	it('gives each State its highest role at each meeting', async () => {
		const entries = await participationMatrix(ALL);
		const at = (id: string, meetingId: string) =>
			entries.find((e) => e.entityId === id && e.meetingId === meetingId)?.value ?? 'absent';
		// 2013: the Chair came from Romania (para. 38); Catherine Newcombe (United States) was a panellist.
		expect(at('ROU', WG2_2013)).toBe('chaired');
		expect(at('USA', WG2_2013)).toBe('panellist');
		// Thomas Burrows (United States) chaired 2017 (both), 2020, and co-chaired 2023 with Peru.
		expect([WG3_2017, WG2_2017, WG2_2020, WG2_2023].map((m) => at('USA', m))).toEqual([
			'chaired',
			'chaired',
			'chaired',
			'chaired'
		]);
		expect(at('PER', WG2_2023)).toBe('chaired');
		// 2023: Chile's panellist (item 2); Algeria spoke; Argentina attended only.
		expect(at('CHL', WG2_2023)).toBe('panellist');
		expect(at('DZA', WG2_2023)).toBe('spoke');
		expect(at('ARG', WG2_2023)).toBe('attended');
		// The United Kingdom spoke in 2013 without being in the attendance list.
		expect(at('GBR', WG2_2013)).toBe('spoke');
		// No non-State rows.
		expect(entries.some((e) => e.entityId === 'EU')).toBe(false);
	});

	it('orders rows by engagement, name or group', async () => {
		const entries = await participationMatrix(ALL);
		// United States: panellist 2013 (3) + chaired four times (4 × 4) = 19, the most of any State.
		const top = matrixRows(entries, 'engagement')[0];
		expect(top).toMatchObject({ entityId: 'USA', meetings: 5, score: 19 });
		const byName = matrixRows(entries, 'name').map((r) => r.name);
		expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'en')));
		const byGroup = matrixRows(entries, 'group').map((r) => r.regionalGroup);
		expect(byGroup[0]).toBe('African');
		expect(byGroup.at(-1)).toBeNull();
	});
});

describe('a database built before the participation tables', () => {
	it('says to run the ingest again, not that a table is missing', async () => {
		const db = process.env.RAPPORTEUR_DB!;
		const old = path.join(dir, 'schema2.duckdb');
		await closeDb();
		fs.copyFileSync(db, old);
		const instance = await DuckDBInstance.create(old);
		const conn = await instance.connect();
		await conn.run('DROP TABLE reported_meeting');
		conn.closeSync();
		instance.closeSync();
		process.env.RAPPORTEUR_DB = old;
		try {
			await expect(meetingsInView(ALL, 5)).rejects.toThrow(/participation tables not found.*npm run ingest/);
		} finally {
			await closeDb();
			process.env.RAPPORTEUR_DB = db;
		}
	});
});
