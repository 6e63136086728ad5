/**
 * The parser on damaged input: thousands of mutations of the five real reports, and a few
 * hand-made worst cases. It may reject a text (ParseError, with a reason) but must never throw
 * anything else and never hang (a hang fails the test by its timeout; no timing is asserted).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNameIndex } from '$lib/server/reference';
import { resolveName } from './names';
import { parseReport } from './parse';
import { ParseError } from './types';

const index = loadNameIndex('data/reference');
const options = { resolveName: (n: string) => resolveName(index, n) };
const reports = readdirSync('data/corpus').map((f) => readFileSync(`data/corpus/${f}`, 'utf8'));

/** Parse, and turn "rejected with a reason" into a value; anything else escapes and fails the test. */
function parseOrReason(text: string): 'parsed' | 'rejected' {
	try {
		const parsed = parseReport(text, options);
		expect(Array.isArray(parsed.attendance)).toBe(true);
		return 'parsed';
	} catch (e) {
		if (e instanceof ParseError) {
			expect(e.message.length).toBeGreaterThan(5);
			return 'rejected';
		}
		throw e;
	}
}

/** One edit of a text's lines: delete, duplicate, swap, truncate, insert junk, damage characters. */
const mutation = fc.oneof(
	fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
	fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
	fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
	fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
	fc.record({
		op: fc.constant('insert' as const),
		at: fc.nat(),
		junk: fc.string({ unit: 'binary', maxLength: 200 })
	}),
	fc.record({
		op: fc.constant('chars' as const),
		at: fc.nat(),
		junk: fc.constantFrom(
			'(',
			')',
			':',
			'\t',
			'- ',
			'1. ',
			'(1) ',
			'**',
			'#',
			'\u0000',
			'\uFFFD',
			' and ',
			', '
		)
	})
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, muts: Mutation[]): string {
	let lines = text.split('\n');
	for (const m of muts) {
		const at = lines.length ? m.at % lines.length : 0;
		switch (m.op) {
			case 'delete':
				lines.splice(at, m.len);
				break;
			case 'duplicate':
				lines.splice(at, 0, ...lines.slice(at, at + m.len));
				break;
			case 'swap': {
				const to = lines.length ? m.to % lines.length : 0;
				[lines[at], lines[to]] = [lines[to] ?? '', lines[at] ?? ''];
				break;
			}
			case 'truncate': {
				const joined = lines.join('\n');
				lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
				break;
			}
			case 'insert':
				lines.splice(at, 0, m.junk);
				break;
			case 'chars': {
				const line = lines[at] ?? '';
				const pos = line.length ? m.at % line.length : 0;
				lines[at] = line.slice(0, pos) + m.junk + line.slice(pos);
				break;
			}
		}
	}
	return lines.join('\n');
}

describe('parser robustness', () => {
	it('never throws anything but a ParseError on mutated reports', { timeout: 120_000 }, () => {
		fc.assert(
			fc.property(
				fc.nat({ max: reports.length - 1 }),
				fc.array(mutation, { minLength: 1, maxLength: 8 }),
				(i, muts) => {
					parseOrReason(apply(reports[i]!, muts));
				}
			),
			{ numRuns: 2000, seed: 20261123 }
		);
	});

	it('rejects what is not a report with a reason', () => {
		expect(() => parseReport('', options)).toThrow(/empty/);
		expect(() => parseReport('\u0000\u0001garbage'.repeat(50), options)).toThrow(ParseError);
		expect(() => parseReport('Dear colleague,\n\nthank you for your letter.', options)).toThrow(
			/not a meeting document/
		);
		expect(() => parseReport('1. One.\n'.repeat(3_000_000), options)).toThrow(/too large/);
	});

	it('survives worst cases: very long lists, one endless line, deep parentheses', { timeout: 60_000 }, () => {
		const [first] = reports;
		const longList = `43. The following States parties to the Convention were represented: ${'Algeria, Trinidad and Tobago, '.repeat(20_000)}and Chile.`;
		expect(parseOrReason(first!.replace(/^43\..*$/m, longList))).toBe('parsed');
		expect(
			parseOrReason(
				`Report on the meeting of the Working Group on International Cooperation held in Vienna from 1 to 2 May 2019\n\n${'word '.repeat(200_000)}`
			)
		).toBe('parsed');
		expect(parseOrReason(`${first}\n\n50. ${'('.repeat(50_000)}${')'.repeat(50_000)}`)).toBe('parsed');
		const repeated = first!.split('\n').slice(30, 60).join('\n');
		expect(parseOrReason(`${first}\n${repeated.repeat(200)}`)).toBe('parsed');
	});
});
