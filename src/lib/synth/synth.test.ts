/**
 * The synthetic corpus is only worth benchmarking if it is what the parser meets in real reports:
 * these tests read generated reports back with the real parser and name index and compare with
 * what the generator says it wrote, for several seeds and every layout.
 */
import { describe, expect, it } from 'vitest';
import { loadNameIndex, loadReferenceEntities } from '$lib/server/reference';
import { resolveName } from '$lib/ingest/names';
import { parseReport } from '$lib/ingest/parse';
import { generateReport, mulberry32, Random, SYNTH_LAYOUTS } from '.';
import { printedForms } from './printed-names';
import { titleRange } from './dates';

const entities = loadReferenceEntities('data/reference');
const index = loadNameIndex('data/reference');
const options = { resolveName: (name: string) => resolveName(index, name) };
const byId = (id: string) => entities.find((e) => e.id === id)!;

describe('random', () => {
	it('is deterministic per seed and stays in [0, 1)', () => {
		const a = mulberry32(7);
		const b = mulberry32(7);
		const xs = Array.from({ length: 1000 }, () => a());
		expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
		expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
		expect(mulberry32(8)()).not.toBe(xs[0]);
	});

	it('samples distinct items and integers within bounds', () => {
		const r = new Random(3);
		const s = r.sample([1, 2, 3, 4, 5, 6], 4);
		expect(new Set(s).size).toBe(4);
		for (let i = 0; i < 200; i++) {
			const n = r.int(40, 190);
			expect(n).toBeGreaterThanOrEqual(40);
			expect(n).toBeLessThanOrEqual(190);
		}
	});
});

describe('printed names', () => {
	it('follow the UN renamings by year', () => {
		expect(printedForms(byId('TUR'), 2021)).toEqual(['Turkey']);
		expect(printedForms(byId('TUR'), 2022)).toEqual(['Türkiye']);
		expect(printedForms(byId('SWZ'), 2017)).toEqual(['Swaziland']);
		expect(printedForms(byId('CZE'), 2016)).toEqual(['Czechia']);
	});

	it('keep both forms of a State printed two ways, and a form without parentheses for running text', () => {
		expect(printedForms(byId('VEN'), 2013)).toContain('Venezuela (Bolivarian Republic of)');
		expect(printedForms(byId('VEN'), 2013, true)).toEqual(['Bolivarian Republic of Venezuela']);
	});
});

describe('dates', () => {
	it('are written as reports write them', () => {
		const d = (s: string) => new Date(`${s}T00:00:00Z`);
		expect(titleRange(d('2013-10-28'), d('2013-10-30'))).toBe('from 28 to 30 October 2013');
		expect(titleRange(d('2020-07-09'), d('2020-07-10'))).toBe('on 9 and 10 July 2020');
		expect(titleRange(d('2019-06-30'), d('2019-07-02'))).toBe('from 30 June to 2 July 2019');
	});
});

describe('generateReport', () => {
	it('gives the same document for the same seed and index, whatever else was generated', () => {
		const a = generateReport(11, 5, entities);
		generateReport(11, 4, entities);
		expect(generateReport(11, 5, entities)).toEqual(a);
		expect(generateReport(12, 5, entities).text).not.toBe(a.text);
	});

	it('draws every layout, body, and the stated ranges over a corpus', () => {
		const docs = Array.from({ length: 400 }, (_, i) => generateReport(5, i, entities));
		const layouts = new Set(docs.map((d) => d.truth.layout));
		expect([...layouts].sort()).toEqual([...SYNTH_LAYOUTS].sort());
		const bodies = new Set(docs.flatMap((d) => d.truth.bodies));
		expect([...bodies].sort()).toEqual(['COP', 'WG.2', 'WG.3', 'WG.4', 'WG.6', 'WG.7']);
		const reports = docs.filter((d) => d.truth.kind === 'report');
		for (const d of reports) {
			expect(d.truth.attendees.length).toBeGreaterThanOrEqual(40);
			expect(d.truth.attendees.length).toBeLessThanOrEqual(190);
			expect(d.truth.recommendations).toBeLessThanOrEqual(60);
			expect(d.truth.year).toBeGreaterThanOrEqual(1995);
			expect(d.truth.year).toBeLessThanOrEqual(2035);
		}
		expect(Math.max(...reports.map((d) => d.truth.recommendations))).toBeGreaterThan(40);
		expect(reports.some((d) => d.truth.recommendations === 0)).toBe(true);
		// File names are unique, and so are meetings (body and start date), as in a real archive.
		expect(new Set(docs.map((d) => d.fileName)).size).toBe(docs.length);
		const meetings = docs.flatMap((d) => d.truth.meetings.map((m) => `${m.body} ${m.startDate}`));
		expect(new Set(meetings).size).toBe(meetings.length);
	});
});

describe('venue of a provisional agenda', () => {
	// Seed 1, documents 8 and 128 of the agenda layout are dated across two months
	// ("Vienna, 30 July–1 August 2002", "Vienna, 30 March-1 April 2021").
	it('is read when the dates run across two months', () => {
		for (const i of [8, 128]) {
			const { text } = generateReport(1, i, entities, { layout: 'agenda' });
			expect(text).toMatch(/^Vienna, \d{1,2} [A-Z][a-z]+\s*[–-]\s*\d{1,2} [A-Z][a-z]+ \d{4}$/m);
			expect(parseReport(text, options).meetings.map((m) => m.venue)).toEqual(['Vienna']);
		}
	});
});

describe('the parser reads generated reports back', () => {
	for (const seed of [1, 2, 3, 17, 2024]) {
		for (const layout of SYNTH_LAYOUTS) {
			it(`seed ${seed}, ${layout} layout`, () => {
				for (let i = 0; i < 6; i++) {
					const { fileName, text, truth } = generateReport(seed, i, entities, { layout });
					const parsed = parseReport(text, options);
					const got = {
						file: fileName,
						kind: parsed.kind,
						bodies: parsed.bodies.map((b) => b.code),
						meetings: parsed.meetings.map((m) => ({
							body: m.body.code,
							startDate: m.startDate,
							endDate: m.endDate
						})),
						format: parsed.meetings[0]?.format ?? null,
						// Every generated meeting is held in Vienna, whatever the layout or the shape of its dates.
						venues: parsed.meetings.map((m) => m.venue),
						attendance: parsed.attendance.length,
						attendees: parsed.attendance.map((a) => a.entityId ?? a.name).sort(),
						recommendations: parsed.recommendations.length,
						recommendationKinds: [...new Set(parsed.recommendations.map((r) => r.kind))],
						statements: parsed.statements.length,
						chairs: parsed.chairs.map((c) => `${c.body} ${c.name}`).sort(),
						agendaItems: parsed.agenda.length
					};
					expect(got).toEqual({
						file: fileName,
						kind: truth.kind,
						bodies: truth.bodies,
						meetings: truth.meetings,
						format: truth.format,
						venues: truth.meetings.map(() => 'Vienna'),
						attendance: truth.attendees.length,
						attendees: truth.attendees.map((a) => a.entityId ?? a.name).sort(),
						recommendations: truth.recommendations,
						recommendationKinds: truth.recommendationKind ? [truth.recommendationKind] : [],
						statements: truth.statements,
						chairs: truth.chairs.map((c) => `${c.body} ${c.name}`).sort(),
						agendaItems: truth.agendaItems
					});
				}
			});
		}
	}
});
