/**
 * The data-quality queries against a real database built from data/corpus plus the hand-written WG.4
 * variant report (tests/fixtures/variants), which misspells Belgium ("Belguim") and names two NGOs the
 * reference table does not hold: the corpus itself resolves every name. Expected numbers are counted by
 * hand in those documents or read from tests/fixtures/expected/*.json (hand counts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpus } from '../../../../tests/unit/corpus-db';
import { closeDb } from '../db';
import {
	ingestedDocuments,
	ingestedDocumentsJson,
	meetingsLackingRecords,
	meetingsLackingRecordsJson,
	parseWarnings,
	parseWarningsJson,
	unresolvedNames,
	unresolvedNamesJson
} from './data-quality';

const VARIANT = 'tests/fixtures/variants/wg4-2019-pdf-variant.txt';
const CORPUS = fs
	.readdirSync('data/corpus')
	.sort()
	.map((name) => path.join('data/corpus', name));

let dir: string;

beforeAll(async () => {
	let db: string;
	({ dir, db } = await ingestCorpus('data-quality', [VARIANT]));
	process.env.RAPPORTEUR_DB = db;
});

afterAll(async () => {
	await closeDb();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('ingestedDocuments', () => {
	it('lists every file with its size and sha256 prefix as on disk', async () => {
		const rows = await ingestedDocuments();
		expect(rows.map((r) => r.fileName)).toEqual([...CORPUS, VARIANT].map((p) => path.basename(p)).sort());
		for (const p of [...CORPUS, VARIANT]) {
			const row = rows.find((r) => r.fileName === path.basename(p));
			const bytes = fs.readFileSync(p);
			expect(row?.bytes).toBe(bytes.length);
			expect(row?.sha256).toBe(createHash('sha256').update(bytes).digest('hex').slice(0, 12));
			expect(row?.parsedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		}
	});

	it('counts rows per table as the hand counts do (the joint list twice, once per body)', async () => {
		const rows = new Map((await ingestedDocuments()).map((r) => [r.id, r]));
		// 62 States parties + EU + 2 signatories + State of Palestine; 78 speakers over 11 statement sentences.
		expect(rows.get('2013-10-wg2-technical-assistance-report')).toMatchObject({
			kind: 'report',
			meetings: 'wg2-2013-10-28',
			attendance: 66,
			statements: 78,
			recommendations: 31,
			panellists: 3,
			chairs: 1,
			agendaItems: 8,
			documentsBefore: 6
		});
		// (84 States parties + EU + 1 signatory + 1 IGO) for each of WG.3 and WG.2; 14 + 2 recommendations;
		// agendas of 9 and 7 items; the same Chair for both bodies.
		expect(rows.get('2017-10-wg3-wg2-joint-report')).toMatchObject({
			meetings: 'wg3-2017-10-09, wg2-2017-10-10',
			attendance: 174,
			recommendations: 16,
			agendaItems: 16,
			chairs: 2,
			documentsBefore: 6
		});
		expect(rows.get('2016-10-wg3-international-cooperation-provisional-agenda')).toMatchObject({
			kind: 'provisional_agenda',
			document: 'WG.3 provisional agenda of 31 May 2016',
			meetings: 'wg3-2016-10-19-agenda',
			attendance: 0,
			statements: 0,
			agendaItems: 12
		});
		// The variant prints its symbol on top, so it is cited by symbol.
		expect(rows.get('wg4-2019-pdf-variant')).toMatchObject({
			document: 'CTOC/COP/WG.4/2019/4',
			attendance: 9,
			recommendations: 3,
			panellists: 2,
			chairs: 1
		});
	});
});

describe('parseWarnings', () => {
	it('reports that the 2013 report does not state how many meetings were held', async () => {
		const rows = await parseWarnings();
		const w2013 = rows.filter((r) => r.documentId === '2013-10-wg2-technical-assistance-report');
		expect(w2013.map((r) => r.message)).toEqual([expect.stringMatching(/meetings held/)]);
		expect(rows.filter((r) => r.documentId === 'wg4-2019-pdf-variant').map((r) => r.message)).toEqual(
			expect.arrayContaining([expect.stringContaining('"Belguim"')])
		);
	});
});

describe('unresolvedNames', () => {
	it('finds nothing in the corpus, and the three unknown names of the variant where they are printed', async () => {
		const rows = await unresolvedNames();
		expect(rows.filter((r) => r.meetingId !== 'wg4-2019-06-30')).toEqual([]);
		expect(rows).toEqual([
			// "Belguim": in the statement list of paragraph 5 and the attendance list of paragraph 8.
			{
				name: 'Belguim',
				meetingId: 'wg4-2019-06-30',
				paragraph: '5',
				records: 'statement',
				times: 1,
				total: 2
			},
			{
				name: 'Belguim',
				meetingId: 'wg4-2019-06-30',
				paragraph: '8',
				records: 'attendance',
				times: 1,
				total: 2
			},
			// The two NGOs of paragraph 9.
			{
				name: 'La Strada International',
				meetingId: 'wg4-2019-06-30',
				paragraph: '9',
				records: 'attendance',
				times: 1,
				total: 1
			},
			{
				name: 'Victims First Network',
				meetingId: 'wg4-2019-06-30',
				paragraph: '9',
				records: 'attendance',
				times: 1,
				total: 1
			}
		]);
	});
});

describe('meetingsLackingRecords', () => {
	it('lists only the 2016 provisional agenda, as expected for an agenda', async () => {
		const rows = await meetingsLackingRecords();
		expect(rows).toEqual([
			{
				id: 'wg3-2016-10-19-agenda',
				body: 'WG.3',
				startDate: '2016-10-19',
				kind: 'provisional_agenda',
				document: 'WG.3 provisional agenda of 31 May 2016',
				attendance: 0,
				statements: 0,
				note: expect.stringMatching(/^expected/)
			}
		]);
	});
});

describe('the same tables as JSON (what /api/data answers)', () => {
	it('are the rows of the object queries, byte for byte, with the document of each row', async () => {
		const pairs = [
			[await ingestedDocuments(), await ingestedDocumentsJson()],
			[await parseWarnings(), await parseWarningsJson()],
			[await meetingsLackingRecords(), await meetingsLackingRecordsJson()]
		] as const;
		for (const [rows, { json, plucked }] of pairs) {
			expect(json.toString('utf8')).toBe(JSON.stringify(rows));
			expect(plucked).toEqual(rows.map((r) => r.document));
		}
		// The five reports and the variant, counted in data/corpus and tests/fixtures/variants.
		expect(JSON.parse((await ingestedDocumentsJson()).json.toString())).toHaveLength(6);
		const names = await unresolvedNamesJson();
		expect(names.json.toString('utf8')).toBe(JSON.stringify(await unresolvedNames()));
		expect(names.plucked).toEqual([]);
	});
});
