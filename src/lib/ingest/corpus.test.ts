/**
 * The parse of each corpus document against expectations counted by hand from the document
 * (tests/fixtures/expected/*.json, written by a reader, not from the parser's output).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNameIndex } from '$lib/server/reference';
import { resolveName } from './names';
import { parseReport } from './parse';
import type { AttendanceCategory, ParsedDocument } from './types';

const CORPUS = 'data/corpus';
const EXPECTED = 'tests/fixtures/expected';

interface Expected {
	kind: string;
	symbol: string | null;
	distributionDate: string;
	bodies: string[];
	startDate: string;
	endDate: string;
	meetings: {
		body: string;
		startDate: string;
		endDate: string;
		venue: string;
		format: string | null;
		meetingsHeld: number | null;
	}[];
	chairs: { body: string; name: string; country: string; role: string }[];
	agenda: Record<string, [string, string][]>;
	attendance: Partial<Record<AttendanceCategory, string[]>>;
	statements: { body: string; item: string | null; speakers: string[]; onBehalfOf: Record<string, string> }[];
	panellists: { body: string; item: string | null; name: string; country: string | null }[];
	recommendations: Record<string, [string, string, string[]][]>;
	documentsBefore: Record<string, string[]>;
	unresolvedNames: string[];
}

const index = loadNameIndex('data/reference');
const parse = (text: string): ParsedDocument =>
	parseReport(text, { resolveName: (n) => resolveName(index, n) });
const sorted = <T>(xs: T[]) => [...xs].sort();

for (const file of readdirSync(CORPUS).sort()) {
	const expected = JSON.parse(readFileSync(join(EXPECTED, `${file}.json`), 'utf8')) as Expected;
	const parsed = parse(readFileSync(join(CORPUS, file), 'utf8'));

	describe(file, () => {
		it('tells what the document is, its bodies and dates', () => {
			expect(parsed.kind).toBe(expected.kind);
			expect(parsed.symbol).toBe(expected.symbol);
			expect(parsed.distributionDate).toBe(expected.distributionDate);
			expect(parsed.bodies.map((b) => b.code)).toEqual(expected.bodies);
			expect(
				parsed.meetings.map((m) => ({
					body: m.body.code,
					startDate: m.startDate,
					endDate: m.endDate,
					venue: m.venue,
					format: m.format,
					meetingsHeld: m.meetingsHeld
				}))
			).toEqual(expected.meetings);
		});

		it('finds the chairs', () => {
			expect(
				parsed.chairs.map((c) => ({ body: c.body, name: c.name, country: c.country, role: c.role }))
			).toEqual(expected.chairs);
		});

		it('reads the agenda of each body', () => {
			const byBody: Record<string, [string, string][]> = {};
			for (const item of parsed.agenda) (byBody[item.body] ??= []).push([item.number, item.title]);
			expect(byBody).toEqual(expected.agenda);
		});

		it('lists every attendee under its category', () => {
			const byCategory: Partial<Record<AttendanceCategory, string[]>> = {};
			for (const a of parsed.attendance) (byCategory[a.category] ??= []).push(a.name);
			const nonEmpty = Object.fromEntries(Object.entries(expected.attendance).filter(([, v]) => v.length));
			expect(byCategory).toEqual(nonEmpty);
		});

		it('knows who spoke under which item, on whose behalf', () => {
			const got = sorted(
				parsed.statements.map((s) => `${s.body}|${s.item}|${s.speaker}|${s.onBehalfOf ?? ''}`)
			);
			const want = sorted(
				expected.statements.flatMap((s) =>
					s.speakers.map((sp) => `${s.body}|${s.item}|${sp}|${s.onBehalfOf[sp] ?? ''}`)
				)
			);
			expect(got).toEqual(want);
		});

		it('finds the panellists', () => {
			const got = sorted(parsed.panellists.map((p) => `${p.body}|${p.item}|${p.name}|${p.country}`));
			const want = sorted(expected.panellists.map((p) => `${p.body}|${p.item}|${p.name}|${p.country}`));
			expect(got).toEqual(want);
		});

		it('reads each recommendation: label, strength, addressees', () => {
			const byBody: Record<string, [string, string | null, string[]][]> = {};
			for (const r of parsed.recommendations)
				(byBody[r.body] ??= []).push([r.label, r.strength, r.addressees]);
			const nonEmpty = Object.fromEntries(
				Object.entries(expected.recommendations).filter(([, v]) => v.length)
			);
			expect(byBody).toEqual(nonEmpty);
		});

		it('lists the documents before the meeting', () => {
			const byBody: Record<string, string[]> = {};
			for (const d of parsed.documentsBefore) (byBody[d.body] ??= []).push(d.symbol);
			expect(byBody).toEqual(expected.documentsBefore);
		});

		it('resolves every name it lists, or flags it', () => {
			const unresolved = [
				...new Set([...parsed.attendance, ...parsed.statements].filter((r) => !r.entityId).map((r) => r.name))
			];
			expect(sorted(unresolved)).toEqual(sorted(expected.unresolvedNames));
		});
	});
}
