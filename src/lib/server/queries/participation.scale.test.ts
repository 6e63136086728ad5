/**
 * The Overview and Participation queries and datasets on a database with many meetings (the corpus plus synthetic reports, tests/unit/scale-fixture.ts):
 * beyond MAX_MEETINGS_PER_CHART meetings the charts are per year and aggregated in SQL, the matrix and the tables
 * are capped. Structure and limits only; the numbers are whatever the synthetic file holds.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Filters } from '$lib/filters';
import {
	MAX_MATRIX_MEETINGS,
	MAX_MATRIX_STATES,
	MAX_MEETINGS_PER_CHART,
	MAX_TABLE_ROWS,
	perYear
} from '$lib/scale';
import { sourcesOf } from '../participation-aggregates';
import { closeDb, query } from '../db';
import { buildScaleDb } from '../../../../tests/unit/scale-fixture';
import { meetingSummaries, statementsPerMeeting, statementsPerYear } from './overview';
import {
	attendancePerMeeting,
	meetingCountsPerYear,
	participantsPerYear,
	participationMatrix,
	reportedMeetings,
	silentSharePerMeeting,
	silentSharePerYear,
	speakersPerMeeting
} from './participation';
import {
	attendanceFigure,
	DEFAULT_VIEW,
	loadContext,
	matrixFigure,
	meetingsInViewTable,
	silentByItemFigure,
	silentByMeetingFigure,
	silentStatesFigure,
	SILENT_LIST_MEETINGS
} from '../../../routes/participation/datasets.server';
import {
	loadOverviewContext,
	meetingsTable,
	statementsPerMeetingFigure
} from '../../../routes/api/overview/datasets.server';

const ALL: Filters = { bodies: [], from: null, to: null, region: null, category: null, mode: null };
let previous: string | undefined;
let dir = '';

beforeAll(async () => {
	const built = await buildScaleDb();
	dir = built.dir;
	await closeDb();
	previous = process.env.RAPPORTEUR_DB;
	process.env.RAPPORTEUR_DB = built.db;
}, 180_000);

afterAll(async () => {
	await closeDb();
	if (previous === undefined) delete process.env.RAPPORTEUR_DB;
	else process.env.RAPPORTEUR_DB = previous;
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('many meetings (corpus plus synthetic reports)', () => {
	it('has more meetings than a chart draws one by one', async () => {
		const meetings = await reportedMeetings(ALL);
		expect(perYear(meetings.length)).toBe(true);
	});

	it('averages attendance per meeting per year in SQL, one row per year and group', async () => {
		const [means, years, meetings] = await Promise.all([
			participantsPerYear(ALL, 'attended', 'region'),
			meetingCountsPerYear(ALL),
			reportedMeetings(ALL)
		]);
		const yearSet = new Set(means.map((m) => m.year));
		expect(yearSet.size).toBeLessThanOrEqual(years.length);
		expect(years.reduce((n, y) => n + y.meetings, 0)).toBe(meetings.filter((m) => m.year !== null).length);
		const keys = new Set(means.map((m) => `${m.year}/${m.group}`));
		expect(keys.size).toBe(means.length);
		for (const m of means) {
			expect(m.meetings).toBe(years.find((y) => y.year === m.year)?.meetings);
			expect(m.mean).toBeGreaterThan(0);
			// A regional group has at most 193 member States, so a mean per meeting cannot exceed it.
			expect(m.mean).toBeLessThanOrEqual(200);
		}
		// Attendance per year sums, over its meetings, to the per-meeting counts.
		const perMeeting = await silentSharePerMeeting(ALL);
		const year = means[0]!.year;
		const inYear = new Set(meetings.filter((m) => m.year === year).map((m) => m.meetingId));
		const attending = perMeeting.filter((s) => inYear.has(s.meetingId)).reduce((n, s) => n + s.attending, 0);
		const summed = means.filter((m) => m.year === year).reduce((n, m) => n + m.mean * m.meetings, 0);
		expect(Math.abs(summed - attending)).toBeLessThan(means.length);
		const silent = (await silentSharePerYear(ALL)).find((y) => y.year === year)!;
		expect(silent.attending).toBe(attending);
	});

	it('counts from the ingest-time aggregates what the corpus tables hold, under every participant filter', async () => {
		// Independent of participation-aggregates/: distinct attendees and speakers and statement rows per meeting,
		// straight from attendance and statement, with the region filter applied through the reference table.
		const direct = (table: 'attendance' | 'statement', region: string | null, what: 'who' | 'rows') =>
			query<{ meetingId: string; n: number }>(
				`SELECT t.meeting_id AS meetingId,
				        ${what === 'rows' ? 'count(*)' : `count(DISTINCT coalesce(t.entity_id, '?' || t.${table === 'attendance' ? 'name_as_written' : 'speaker_as_written'}))`}::INTEGER AS n
				   FROM ${table} t JOIN meeting m ON m.id = t.meeting_id JOIN document d ON d.id = m.document_id
				   LEFT JOIN entity e ON e.id = t.entity_id
				  WHERE d.kind = 'report' AND ($region::VARCHAR IS NULL OR e.regional_group = $region::VARCHAR)
				  GROUP BY ALL ORDER BY ALL`,
				{ region }
			);
		const perMeeting = (rows: { meetingId: string; n: number }[]) =>
			Object.fromEntries(
				Object.entries(
					rows.reduce<Record<string, number>>(
						(o, r) => ({ ...o, [r.meetingId]: (o[r.meetingId] ?? 0) + r.n }),
						{}
					)
				).sort()
			);
		for (const region of [null, 'African', 'Western European and other'] as const) {
			const f = { ...ALL, region };
			expect(perMeeting(await attendancePerMeeting(f, 'category'))).toEqual(
				perMeeting(await direct('attendance', region, 'who'))
			);
			expect(perMeeting(await speakersPerMeeting(f, 'category'))).toEqual(
				perMeeting(await direct('statement', region, 'who'))
			);
			const statements = (await statementsPerMeeting(f)).map((s) => ({
				meetingId: s.meetingId,
				n: s.statements
			}));
			expect(perMeeting(statements)).toEqual(perMeeting(await direct('statement', region, 'rows')));
		}
	});

	it('averages statements per meeting per year by kind of speaker', async () => {
		const rows = await statementsPerYear(ALL);
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows.map((r) => `${r.year}/${r.speakerKind}`)).size).toBe(rows.length);
		for (const r of rows)
			expect(['States', 'European Union', 'Organizations', 'Other']).toContain(r.speakerKind);
	});

	it('reads only the latest meetings for capped tables and the matrix', async () => {
		const meetings = await reportedMeetings(ALL);
		const latest = meetings.slice(-MAX_TABLE_ROWS).map((m) => m.meetingId);
		expect((await meetingSummaries(ALL, MAX_TABLE_ROWS)).map((m) => m.meetingId)).toEqual(latest);
		expect((await silentSharePerMeeting(ALL, MAX_TABLE_ROWS)).map((m) => m.meetingId)).toEqual(latest);
		const cols = new Set((await participationMatrix(ALL, MAX_MATRIX_MEETINGS)).map((e) => e.meetingId));
		expect(
			[...cols].every((id) => meetings.slice(-MAX_MATRIX_MEETINGS).some((m) => m.meetingId === id))
		).toBe(true);
	});

	it('builds per-year figures and capped tables for the pages', async () => {
		const ctx = await loadContext(ALL, DEFAULT_VIEW);
		// The context holds how many meetings are in view and only the latest of them.
		const meetings = await reportedMeetings(ALL);
		expect(ctx.meetingCount).toBe(meetings.length);
		expect(ctx.latestMeetings).toEqual(meetings.slice(-MAX_MEETINGS_PER_CHART));
		expect(ctx.sources).toEqual(sourcesOf(meetings));
		const [attendance, silent, matrix, inView, items, states] = await Promise.all([
			attendanceFigure(ctx),
			silentByMeetingFigure(ctx),
			matrixFigure(ctx),
			meetingsInViewTable(ctx),
			silentByItemFigure(ctx),
			silentStatesFigure(ctx)
		]);
		expect(attendance.stack.bar).toBe('year');
		expect(attendance.stack.unit).toBe('mean');
		expect(attendance.data.caption).toContain('per year');
		expect(attendance.data.rows.length).toBeLessThanOrEqual(41);
		expect(attendance.data.sources).toHaveLength(1);
		expect(silent.stack.bar).toBe('year');
		expect(matrix.colLabels).toHaveLength(MAX_MATRIX_MEETINGS);
		expect(matrix.rowLabels).toHaveLength(MAX_MATRIX_STATES);
		expect(matrix.data.rows).toHaveLength(MAX_MATRIX_MEETINGS * MAX_MATRIX_STATES);
		expect(matrix.totalMeetings).toBe(ctx.meetingCount);
		expect(inView.rows).toHaveLength(MAX_TABLE_ROWS);
		expect(inView.totalMeetings).toBe(ctx.meetingCount);
		expect(new Set(items.rows.map((r) => r.meetingId)).size).toBeLessThanOrEqual(items.shownMeetings);
		expect(states.shownMeetings).toBe(SILENT_LIST_MEETINGS);

		const all = await meetingsInViewTable({ ...ctx, view: { ...ctx.view, all: 'meetings' } });
		expect(all.rows).toHaveLength(ctx.meetingCount);
		const complete = await matrixFigure(ctx, true);
		expect(complete.colLabels).toHaveLength(ctx.meetingCount);
		expect(complete.rowLabels.length).toBeGreaterThan(MAX_MATRIX_STATES);
	});

	it('builds the Overview per year and lists the latest meetings', async () => {
		const ctx = await loadOverviewContext(ALL);
		const [statements, table] = await Promise.all([statementsPerMeetingFigure(ctx), meetingsTable(ctx)]);
		expect(statements.stack.bar).toBe('year');
		expect(statements.data.columns.map((c) => c.key)).toContain('meetings');
		expect(table.rows).toHaveLength(MAX_TABLE_ROWS);
		expect(table.rows.at(-1)?.meetingId).toBe(ctx.latestMeetings.at(-1)?.meetingId);
		const full = await meetingsTable({ ...ctx, allMeetings: true });
		expect(full.rows).toHaveLength(ctx.meetingCount);
	});
});
