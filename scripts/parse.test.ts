/**
 * The parse command as an outside checker runs it: stdout holds one JSON line per file and nothing
 * else, matching the hand-counted expectations of tests/fixtures/expected field for field.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const files = readdirSync('data/corpus')
	.sort()
	.map((f) => `data/corpus/${f}`);
const run = spawnSync(
	process.execPath,
	['--import', 'tsx', 'scripts/parse.ts', ...files, 'no/such/file.txt'],
	{
		encoding: 'utf8'
	}
);
const stdout = run.stdout;
const lines = stdout.trimEnd().split('\n');

describe('npm run -s parse', () => {
	it('prints one JSON object per file and nothing else, errors included', () => {
		// A file that could not be read makes the exit code 1, after every other file was printed.
		expect(run.status).toBe(1);
		expect(lines).toHaveLength(files.length + 1);
		const last = JSON.parse(lines.at(-1)!);
		expect(last).toEqual({ file: 'no/such/file.txt', error: expect.stringMatching(/no such file/) });
	});

	files.forEach((file, i) => {
		it(`matches the hand counts for ${file}`, () => {
			const got = JSON.parse(lines[i]!);
			const want = JSON.parse(readFileSync(`tests/fixtures/expected/${file.split('/').pop()}.json`, 'utf8'));
			expect(got.file).toBe(file);
			expect(got.kind).toBe(want.kind);
			expect(got.bodies).toEqual(want.bodies);
			expect([got.startDate, got.endDate]).toEqual([want.startDate, want.endDate]);
			expect(got.venue).toBe(want.meetings[0].venue);
			expect(got.format).toBe(want.meetings[0].format);
			const chairs = [
				...new Set(want.chairs.map((c: { name: string; country: string }) => `${c.name} (${c.country})`))
			];
			expect(got.chairs.map((c: { name: string; country: string }) => `${c.name} (${c.country})`)).toEqual(
				chairs
			);
			const attendance = Object.entries(want.attendance as Record<string, string[]>).flatMap(
				([category, names]) => names.map((name) => `${category}:${name}`)
			);
			expect(
				got.attendance.map((a: { category: string; name: string }) => `${a.category}:${a.name}`).sort()
			).toEqual(attendance.sort());
			const statements = (
				want.statements as { body: string; item: string | null; speakers: string[] }[]
			).flatMap((s) => s.speakers.map((sp) => `${s.body}|${s.item}|${sp}`));
			expect(
				got.statements
					.map(
						(s: { body: string; item: string | null; speaker: string }) => `${s.body}|${s.item}|${s.speaker}`
					)
					.sort()
			).toEqual(statements.sort());
			const recommendations = Object.entries(want.recommendations as Record<string, [string][]>).flatMap(
				([body, recs]) => recs.map(([label]) => `${body}|${label}`)
			);
			expect(got.recommendations.map((r: { body: string; label: string }) => `${r.body}|${r.label}`)).toEqual(
				recommendations
			);
			const documents = [...new Set(Object.values(want.documentsBefore as Record<string, string[]>).flat())];
			expect([...got.documents].sort()).toEqual(documents.sort());
		});
	});
});
