import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReferenceEntity } from '../ingest/names';
import { ParseError, type ParsedDocument } from '../ingest/types';
import { documentRows, ingestFiles, type IngestOptions } from './ingest';

// ------------------------------------------------------------------------------------------
// Hand-made fixtures: two parsed documents, one of them a joint report of two bodies.

const ENTITIES: ReferenceEntity[] = [
	{
		id: 'AUT',
		name: 'Austria',
		kind: 'state',
		iso3: 'AUT',
		regionalGroup: 'Western European and other',
		aliases: []
	},
	{
		id: 'USA',
		name: 'United States of America',
		kind: 'state',
		iso3: 'USA',
		regionalGroup: 'Western European and other',
		aliases: ['United States', 'United States of America']
	},
	{ id: 'EU', name: 'European Union', kind: 'reio', iso3: null, regionalGroup: null, aliases: [] }
];

const WG2 = { code: 'WG.2', name: 'Working Group of Government Experts on Technical Assistance' };
const WG3 = { code: 'WG.3', name: 'Working Group on International Cooperation' };

const ref = (name: string, id: string | null) => ({ name, entity: name, entityId: id, iso3: id });

function report(over: Partial<ParsedDocument> = {}): ParsedDocument {
	return {
		kind: 'report',
		symbol: 'CTOC/COP/WG.2/2013/4',
		title: 'Report on the meeting of the Working Group',
		distributionDate: '2013-11-19',
		bodies: [WG2],
		meetings: [
			{
				body: WG2,
				startDate: '2013-10-28',
				endDate: '2013-10-30',
				venue: 'Vienna',
				format: 'in person',
				meetingsHeld: 4
			}
		],
		chairs: [
			{
				name: 'Cristian Istrate',
				country: 'Romania',
				countryRef: null,
				body: 'WG.2',
				role: 'chair',
				paragraph: '30'
			}
		],
		agenda: [
			{ body: 'WG.2', number: '1', title: 'Organizational matters', parent: null, joint: false },
			{ body: 'WG.2', number: '1 (a)', title: 'Opening of the meeting', parent: '1', joint: false },
			{ body: 'WG.2', number: '2', title: 'Technical assistance', parent: null, joint: false }
		],
		attendance: [
			{ ...ref('Austria', 'AUT'), category: 'state_party', paragraph: '33' },
			{ ...ref('United States', 'USA'), category: 'state_party', paragraph: '33' },
			{ ...ref('Atlantis', null), category: 'other', paragraph: '34' }
		],
		statements: [
			{
				...ref('Austria', 'AUT'),
				body: 'WG.2',
				item: '1',
				speaker: 'Austria',
				onBehalfOf: null,
				paragraph: '10'
			},
			{
				...ref('European Union', 'EU'),
				body: 'WG.2',
				item: '2',
				speaker: 'European Union',
				onBehalfOf: 'its member States',
				paragraph: '12'
			}
		],
		panellists: [
			{
				name: 'Jane Doe',
				country: 'Austria',
				countryRef: ref('Austria', 'AUT'),
				function: 'Prosecutor',
				body: 'WG.2',
				item: '2',
				paragraph: '11'
			}
		],
		recommendations: [
			{
				body: 'WG.2',
				label: '1',
				printedLabel: '1.',
				kind: 'recommendation',
				section: 'A. Recommendations',
				text: 'States should assist.',
				addressees: ['States'],
				strength: 'should',
				subjectToExtrabudgetary: false,
				paragraph: '1',
				order: 0
			},
			{
				body: 'WG.2',
				label: '2',
				printedLabel: '2.',
				kind: 'recommendation',
				section: 'A. Recommendations',
				text: 'UNODC is invited to continue, subject to extrabudgetary resources.',
				addressees: ['UNODC'],
				strength: 'invited',
				subjectToExtrabudgetary: true,
				paragraph: '2',
				order: 1
			}
		],
		documentsBefore: [
			{ body: 'WG.2', symbol: 'CTOC/COP/WG.2/2013/1', title: 'Provisional agenda', item: '1 (b)' }
		],
		citedDocuments: ['CTOC/COP/WG.2/2013/1', 'CTOC/COP/2012/15'],
		paragraphs: [
			{
				number: '1',
				inferred: false,
				chapter: 'I',
				section: null,
				body: null,
				item: null,
				text: 'States should assist.',
				order: 0
			},
			{
				number: '2',
				inferred: true,
				chapter: 'I',
				section: null,
				body: null,
				item: null,
				text: 'UNODC is invited.',
				order: 1
			}
		],
		warnings: ['paragraph 2: number inferred'],
		...over
	};
}

function jointReport(): ParsedDocument {
	return report({
		symbol: 'CTOC/COP/WG.3/2017/4',
		distributionDate: '2017-10-23',
		bodies: [WG3, WG2],
		meetings: [
			{
				body: WG3,
				startDate: '2017-10-09',
				endDate: '2017-10-13',
				venue: 'Vienna',
				format: 'in person',
				meetingsHeld: null
			},
			{
				body: WG2,
				startDate: '2017-10-10',
				endDate: '2017-10-13',
				venue: 'Vienna',
				format: 'in person',
				meetingsHeld: null
			}
		],
		chairs: [
			{
				name: 'A. Chair',
				country: 'Austria',
				countryRef: ref('Austria', 'AUT'),
				body: 'WG.3',
				role: 'chair',
				paragraph: '5'
			},
			{ name: 'B. Chair', country: null, countryRef: null, body: 'WG.2', role: 'co-chair', paragraph: '5' }
		],
		agenda: [
			{ body: 'WG.3', number: '1', title: 'Organizational matters', parent: null, joint: true },
			{ body: 'WG.2', number: '1', title: 'Organizational matters', parent: null, joint: true }
		],
		attendance: [
			{ ...ref('Austria', 'AUT'), category: 'state_party', paragraph: '40' },
			{ ...ref('European Union', 'EU'), category: 'reio', paragraph: '40' }
		],
		statements: [
			{
				...ref('Austria', 'AUT'),
				body: 'WG.3',
				item: '2',
				speaker: 'Austria',
				onBehalfOf: null,
				paragraph: '7'
			},
			{
				...ref('Austria', 'AUT'),
				body: 'WG.2',
				item: '3',
				speaker: 'Austria',
				onBehalfOf: null,
				paragraph: '20'
			},
			// No meeting of WG.9 in this document: not stored, reported as a warning.
			{
				...ref('Austria', 'AUT'),
				body: 'WG.9',
				item: '3',
				speaker: 'Austria',
				onBehalfOf: null,
				paragraph: '21'
			}
		],
		panellists: [],
		recommendations: [
			{ ...report().recommendations[0]!, body: 'WG.3', label: '(a)', printedLabel: '(a)', order: 0 },
			{ ...report().recommendations[0]!, body: 'WG.2', label: '(a)', printedLabel: '(a)', order: 1 }
		],
		documentsBefore: [],
		citedDocuments: [],
		paragraphs: [
			{
				number: '1',
				inferred: false,
				chapter: 'I',
				section: null,
				body: null,
				item: null,
				text: 'Intro',
				order: 0
			}
		],
		warnings: []
	});
}

// The fake parser: a file holds the JSON of its parsed document, or "BAD ..." for a ParseError.
const fakeParse = (text: string): ParsedDocument => {
	if (text.startsWith('BAD')) throw new ParseError('not a meeting report: no symbol, no body, no date');
	return JSON.parse(text) as ParsedDocument;
};

const file = (name: string, doc: ParsedDocument | string) => ({
	path: `corpus/${name}`,
	bytes: new TextEncoder().encode(typeof doc === 'string' ? doc : JSON.stringify(doc))
});

const opts = (over: Partial<IngestOptions> = {}): IngestOptions => ({
	entities: ENTITIES,
	parse: fakeParse,
	...over
});

// ------------------------------------------------------------------------------------------
// A real DuckDB file in a temporary directory, and one helper to query it.

let dir: string;
let dbPath: string;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapporteur-ingest-'));
	dbPath = path.join(dir, 'test.duckdb');
});

afterEach(() => {
	fs.rmSync(dir, { recursive: true, force: true });
});

/** Run one query read-only against the test database (opened and closed per call). */
async function q(sql: string): Promise<Record<string, unknown>[]> {
	const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY', threads: '1' });
	const conn = await instance.connect();
	try {
		return (await conn.runAndReadAll(sql)).getRowObjectsJS();
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

describe('ingestFiles', () => {
	it('stores two hand-made documents in every table, traceable to document and paragraph', async () => {
		const files = [file('2013-wg2.md', report()), file('2017-joint.txt', jointReport())];
		const summary = await ingestFiles(dbPath, files, opts());
		console.log(`ingest of 2 hand-made documents: ${summary.ms.toFixed(0)} ms`);

		expect(summary.added).toEqual(['corpus/2013-wg2.md', 'corpus/2017-joint.txt']);
		expect(summary.failed).toEqual([]);
		expect(summary.rewritten).toBe(true);
		expect(summary.meetings).toBe(3);
		expect(summary.rowCounts).toMatchObject({
			document: 2,
			body: 2,
			meeting: 3,
			chair: 3,
			agenda_item: 5,
			entity: 3,
			entity_alias: 2,
			// 3 in the single report + 2 in the joint report, stored once per each of its 2 meetings.
			attendance: 7,
			statement: 4,
			panellist: 1,
			recommendation: 4,
			document_before: 1,
			cited_document: 2,
			paragraph: 3,
			parse_warning: 2
		});
		expect(summary.warnings).toBe(2);
		expect(fs.readdirSync(dir).sort()).toEqual(['test.duckdb']);

		expect(
			await q('SELECT id, document_id, body_code, year, meetings_held FROM meeting ORDER BY id')
		).toEqual([
			{ id: 'wg2-2013-10-28', document_id: '2013-wg2', body_code: 'WG.2', year: 2013, meetings_held: 4 },
			{ id: 'wg2-2017-10-10', document_id: '2017-joint', body_code: 'WG.2', year: 2017, meetings_held: null },
			{ id: 'wg3-2017-10-09', document_id: '2017-joint', body_code: 'WG.3', year: 2017, meetings_held: null }
		]);
		expect(
			await q(`SELECT m.id AS meeting, a.name_as_written, a.entity_id FROM attendance a JOIN meeting m ON m.id = a.meeting_id
				WHERE m.document_id = '2013-wg2' ORDER BY a.sort_order`)
		).toEqual([
			{ meeting: 'wg2-2013-10-28', name_as_written: 'Austria', entity_id: 'AUT' },
			{ meeting: 'wg2-2013-10-28', name_as_written: 'United States', entity_id: 'USA' },
			{ meeting: 'wg2-2013-10-28', name_as_written: 'Atlantis', entity_id: null }
		]);
		expect(
			await q('SELECT id, addressees, subject_to_extrabudgetary FROM recommendation ORDER BY id')
		).toEqual([
			{ id: 'wg2-2013-10-28:1', addressees: ['States'], subject_to_extrabudgetary: false },
			{ id: 'wg2-2013-10-28:2', addressees: ['UNODC'], subject_to_extrabudgetary: true },
			{ id: 'wg2-2017-10-10:(a)', addressees: ['States'], subject_to_extrabudgetary: false },
			{ id: 'wg3-2017-10-09:(a)', addressees: ['States'], subject_to_extrabudgetary: false }
		]);
		// A recommendation leads to the text of its paragraph.
		expect(
			await q(`SELECT p.text FROM recommendation r JOIN meeting m ON m.id = r.meeting_id
				JOIN paragraph p ON p.document_id = m.document_id AND p.number = r.paragraph
				WHERE r.id = 'wg2-2013-10-28:2'`)
		).toEqual([{ text: 'UNODC is invited.' }]);
		expect(await q(`SELECT message FROM parse_warning WHERE document_id = '2017-joint'`)).toEqual([
			{ message: '1 statement for body WG.9 not stored: no meeting of that body in the document' }
		]);
		expect(
			await q(
				`SELECT kind, symbol, strftime(distribution_date, '%Y-%m-%d') AS d, bytes FROM document WHERE id = '2013-wg2'`
			)
		).toEqual([
			{ kind: 'report', symbol: 'CTOC/COP/WG.2/2013/4', d: '2013-11-19', bytes: files[0]!.bytes.length }
		]);
	});

	it('changes nothing and does not rewrite the file when run again on the same files', async () => {
		const files = [file('2013-wg2.md', report()), file('2017-joint.txt', jointReport())];
		await ingestFiles(dbPath, files, opts());
		const before = fs.statSync(dbPath);
		const hash = sha(dbPath);
		let parsed = 0;
		const again = await ingestFiles(dbPath, files, opts({ parse: (t) => (parsed++, fakeParse(t)) }));
		expect(again.rewritten).toBe(false);
		expect(again.unchanged).toEqual(['corpus/2013-wg2.md', 'corpus/2017-joint.txt']);
		expect(again.added).toEqual([]);
		expect(again.replaced).toEqual([]);
		expect(again.rowCounts.attendance).toBe(7);
		expect(parsed).toBe(0);
		const after = fs.statSync(dbPath);
		expect(after.mtimeMs).toBe(before.mtimeMs);
		expect(after.ino).toBe(before.ino);
		expect(sha(dbPath)).toBe(hash);
	});

	it('replaces all rows of a changed file and leaves the others alone', async () => {
		await ingestFiles(dbPath, [file('2013-wg2.md', report()), file('2017-joint.txt', jointReport())], opts());
		const changed = report({
			statements: [],
			attendance: [{ ...ref('Austria', 'AUT'), category: 'state_party', paragraph: '33' }],
			recommendations: [report().recommendations[1]!]
		});
		const summary = await ingestFiles(
			dbPath,
			[file('2013-wg2.md', changed), file('2017-joint.txt', jointReport())],
			opts()
		);
		expect(summary.replaced).toEqual(['corpus/2013-wg2.md']);
		expect(summary.unchanged).toEqual(['corpus/2017-joint.txt']);
		expect(summary.rowCounts).toMatchObject({
			document: 2,
			meeting: 3,
			attendance: 5,
			statement: 2,
			recommendation: 3
		});
		expect(await q(`SELECT id FROM recommendation WHERE meeting_id = 'wg2-2013-10-28'`)).toEqual([
			{ id: 'wg2-2013-10-28:2' }
		]);
		expect(await q(`SELECT count(*)::INTEGER AS n FROM document WHERE id = '2013-wg2'`)).toEqual([{ n: 1 }]);
	});

	it('reports a file that fails to decode or parse, stores none of its rows, and ingests the others', async () => {
		const binary = { path: 'corpus/scan.txt', bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]) };
		const summary = await ingestFiles(
			dbPath,
			[
				file('2013-wg2.md', report()),
				file('junk.md', 'BAD text'),
				binary,
				file('2017-joint.txt', jointReport())
			],
			opts()
		);
		expect(summary.added).toEqual(['corpus/2013-wg2.md', 'corpus/2017-joint.txt']);
		expect(summary.failed).toEqual([
			{ file: 'corpus/junk.md', reason: 'not a meeting report: no symbol, no body, no date' },
			{ file: 'corpus/scan.txt', reason: 'not a text file: NUL byte at offset 4' }
		]);
		expect(await q(`SELECT count(*)::INTEGER AS n FROM document WHERE id IN ('junk', 'scan')`)).toEqual([
			{ n: 0 }
		]);
		expect(summary.rowCounts.document).toBe(2);
	});

	it('rolls back a document whose rows the database refuses', async () => {
		// A count no INTEGER column can hold: the appender refuses it at flush time.
		const bad = report({ meetings: [{ ...report().meetings[0]!, meetingsHeld: 1e12 }] });
		const summary = await ingestFiles(
			dbPath,
			[file('bad.md', bad), file('2017-joint.txt', jointReport())],
			opts()
		);
		expect(summary.failed.map((f) => f.file)).toEqual(['corpus/bad.md']);
		expect(summary.failed[0]!.reason).toMatch(/^database refused the rows: /);
		expect(await q(`SELECT count(*)::INTEGER AS n FROM meeting WHERE document_id = 'bad'`)).toEqual([
			{ n: 0 }
		]);
		expect(await q(`SELECT count(*)::INTEGER AS n FROM parse_warning WHERE document_id = 'bad'`)).toEqual([
			{ n: 0 }
		]);
		expect(summary.rowCounts.meeting).toBe(2);
	});

	it('writes the same rows one transaction per document (batchSize 1) as in batches', async () => {
		const files = [
			file('2013-wg2.md', report()),
			file('bad.md', report({ meetings: [{ ...report().meetings[0]!, meetingsHeld: 1e12 }] })),
			file('2017-joint.txt', jointReport())
		];
		const batched = await ingestFiles(dbPath, files, opts());
		fs.rmSync(dbPath);
		const single = await ingestFiles(dbPath, files, opts({ batchSize: 1 }));
		expect(single.rowCounts).toEqual(batched.rowCounts);
		expect(single.added).toEqual(batched.added);
		expect(single.failed).toEqual(batched.failed);
		expect(single.failed.map((f) => f.file)).toEqual(['corpus/bad.md']);
	});

	it('removes the rows of a changed file that no longer parses, and retries it next time', async () => {
		await ingestFiles(dbPath, [file('2013-wg2.md', report()), file('2017-joint.txt', jointReport())], opts());
		const summary = await ingestFiles(
			dbPath,
			[file('2013-wg2.md', 'BAD now'), file('2017-joint.txt', jointReport())],
			opts()
		);
		expect(summary.failed).toEqual([
			{
				file: 'corpus/2013-wg2.md',
				reason:
					'not a meeting report: no symbol, no body, no date (its rows from the previous version were removed)'
			}
		]);
		expect(summary.rowCounts).toMatchObject({ document: 1, meeting: 2, attendance: 4, paragraph: 1 });
		expect(await q(`SELECT count(*)::INTEGER AS n FROM meeting WHERE document_id = '2013-wg2'`)).toEqual([
			{ n: 0 }
		]);
		const fixed = await ingestFiles(dbPath, [file('2013-wg2.md', report())], opts());
		expect(fixed.added).toEqual(['corpus/2013-wg2.md']);
	});

	it('keeps the previous database intact when a run throws midway', async () => {
		await ingestFiles(dbPath, [file('2013-wg2.md', report())], opts());
		const hash = sha(dbPath);
		const ino = fs.statSync(dbPath).ino;
		await expect(
			ingestFiles(
				dbPath,
				[file('2013-wg2.md', report({ statements: [] })), file('2017-joint.txt', jointReport())],
				{
					...opts(),
					onProgress: (p) => {
						if (p.done === 1) throw new Error('killed');
					}
				}
			)
		).rejects.toThrow('killed');
		expect(sha(dbPath)).toBe(hash);
		expect(fs.statSync(dbPath).ino).toBe(ino);
		expect(fs.readdirSync(dir).sort()).toEqual(['test.duckdb']);
		expect(await q('SELECT count(*)::INTEGER AS n FROM statement')).toEqual([{ n: 2 }]);
	});

	it('removes copies left by a killed run and refuses to run next to a live one', async () => {
		fs.writeFileSync(`${dbPath}.tmp-999999999`, 'half-written');
		fs.writeFileSync(`${dbPath}.tmp-999999999.wal`, 'half-written');
		await ingestFiles(dbPath, [file('2013-wg2.md', report())], opts());
		expect(fs.readdirSync(dir).sort()).toEqual(['test.duckdb']);

		fs.writeFileSync(`${dbPath}.tmp.lock`, String(process.ppid));
		await expect(ingestFiles(dbPath, [file('2017-joint.txt', jointReport())], opts())).rejects.toThrow(
			/another ingest/
		);
		fs.rmSync(`${dbPath}.tmp.lock`);
	});

	it('refuses to overwrite a DuckDB file that is not a Rapporteur database', async () => {
		const instance = await DuckDBInstance.create(dbPath);
		const conn = await instance.connect();
		await conn.run('CREATE TABLE precious (x INTEGER)');
		conn.closeSync();
		instance.closeSync();
		const hash = sha(dbPath);
		await expect(ingestFiles(dbPath, [file('2013-wg2.md', report())], opts())).rejects.toThrow(
			/not a Rapporteur database/
		);
		expect(sha(dbPath)).toBe(hash);
	});

	it('parses every file again when the reference table changed', async () => {
		const files = [file('2013-wg2.md', report())];
		await ingestFiles(dbPath, files, opts());
		const renamed = ENTITIES.map((e) => (e.id === 'AUT' ? { ...e, aliases: ['Republic of Austria'] } : e));
		const summary = await ingestFiles(dbPath, files, opts({ entities: renamed }));
		expect(summary.replaced).toEqual(['corpus/2013-wg2.md']);
		expect(await q(`SELECT alias FROM entity_alias WHERE entity_id = 'AUT'`)).toEqual([
			{ alias: 'Republic of Austria' }
		]);
	});
});

describe('documentRows', () => {
	const item = (id: string) => ({
		id,
		fileName: `${id}.md`,
		sha256: 'x',
		file: { bytes: new Uint8Array(1) }
	});

	it('gives a provisional agenda its own meeting id and suffixes an id another document holds', () => {
		const agenda = documentRows(item('agenda'), 't', report({ kind: 'provisional_agenda' }));
		expect(agenda.tables.meeting?.[0]?.[0]).toBe('wg2-2013-10-28-agenda');
		const second = documentRows(item('copy'), 't', report(), new Map([['wg2-2013-10-28', 'first']]));
		expect(second.tables.meeting?.[0]?.[0]).toBe('wg2-2013-10-28~copy');
		expect(second.tables.recommendation?.[0]?.[0]).toBe('wg2-2013-10-28~copy:1');
		expect(second.tables.parse_warning?.map((r) => r[1])).toContain(
			'meeting id wg2-2013-10-28 is already used by document first; stored as wg2-2013-10-28~copy'
		);
	});

	it('stores an unreadable date as NULL with a warning', () => {
		const rows = documentRows(item('d'), 't', report({ distributionDate: '19 November 2013' }));
		expect(rows.tables.document?.[0]?.[8]).toBeNull();
		expect(rows.tables.parse_warning?.map((r) => r[1])).toContain(
			'distribution date: "19 November 2013" is not a date (YYYY-MM-DD); stored as NULL'
		);
	});
});
