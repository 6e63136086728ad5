/**
 * The Overview's datasets: titles, one-sentence definitions, columns and rows. The Overview page (`/`) draws them
 * and `/api/overview/<name>` serves them.
 */
import { error } from '@sveltejs/kit';
import type { Filters } from '$lib/server/filters';
import { MAX_TABLE_ROWS, perYear } from '$lib/scale';
import { bodiesInDatabase } from '$lib/server/participation-aggregates';
import {
	latestRecommendations,
	meetingSummaries,
	meetingsPerYear,
	SPEAKER_KINDS,
	statementsPerMeeting,
	statementsPerYear
} from '$lib/server/queries/overview';
import {
	attendanceFigure,
	DEFAULT_VIEW,
	latest,
	loadMeetingsContext,
	meta,
	perMeetingStack,
	perYearStack,
	type MeetingsContext,
	type StackGroups,
	type TableData
} from '../../participation/datasets.server';
import type { FigureData, Row, StackCategory, StackedFigure } from '../../participation/figures';

/** How many recommendations the Overview lists. */
export const LATEST_RECOMMENDATIONS = 5;

export interface OverviewContext extends MeetingsContext {
	bodies: string[];
	/** The table of meetings lists every meeting in view (`?all=meetings`), not only the latest. */
	allMeetings: boolean;
}

/** `all=meetings` lists every meeting in the table; any other value is a 400. */
export function readAll(url: URL): boolean {
	const raw = url.searchParams.get('all');
	if (raw === null || raw === '') return false;
	if (raw === 'meetings') return true;
	const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
	error(400, `Invalid value for "all": "${shown.replace(/[^\x20-\x7e]/g, '?')}" is not one of meetings`);
}

export async function loadOverviewContext(filters: Filters, allMeetings = false): Promise<OverviewContext> {
	const [meetings, bodies] = await Promise.all([
		loadMeetingsContext(filters, allMeetings),
		bodiesInDatabase()
	]);
	return { ...meetings, bodies, allMeetings };
}

export async function meetingsPerYearFigure(ctx: OverviewContext): Promise<StackedFigure> {
	const counts = await meetingsPerYear(ctx.filters);
	const years = counts.map((c) => c.year);
	// Every year of the span gets a bar, so the gaps between meetings show as gaps.
	const first = ctx.filters.from ?? (years.length ? Math.min(...years) : null);
	const last = ctx.filters.to ?? (years.length ? Math.max(...years) : null);
	const span: number[] = [];
	if (first !== null && last !== null) for (let y = first; y <= last; y++) span.push(y);
	const present = ctx.bodies.filter((b) => counts.some((c) => c.body === b));
	const categories: StackCategory[] = present.map((b) => ({
		key: b,
		label: b,
		index: ctx.bodies.indexOf(b)
	}));
	const rows: Row[] = span.map((year) => {
		const row: Row = { year: String(year) };
		let total = 0;
		for (const c of categories) {
			const n = counts.find((x) => x.year === year && x.body === c.key)?.meetings ?? 0;
			row[c.key] = n;
			total += n;
		}
		row.total = total;
		return row;
	});
	return {
		data: {
			...meta(
				ctx,
				'meetings-per-year',
				'Meetings per year, by body',
				'Meetings with a report in the corpus, per year of their opening day and stacked by body; a joint report counts once for each body, and a provisional agenda does not count.'
			),
			columns: [
				{ key: 'year', label: 'Year' },
				...categories.map((c) => ({ key: c.key, label: c.label, align: 'right' as const })),
				{ key: 'total', label: 'Total', align: 'right' }
			],
			rows
		},
		stack: { bar: 'year', categories, yLabel: 'Meetings', unit: 'count' }
	};
}

export async function statesPerMeetingFigure(ctx: OverviewContext): Promise<StackedFigure> {
	const fig = await attendanceFigure({ ...ctx, view: { ...DEFAULT_VIEW, by: 'region' } });
	return { ...fig, data: { ...fig.data, id: 'states-per-meeting' } };
}

const SPEAKERS: StackGroups = { order: SPEAKER_KINDS, label: (k) => k };

export async function statementsPerMeetingFigure(ctx: OverviewContext): Promise<StackedFigure> {
	if (perYear(ctx.meetingCount)) {
		const means = await statementsPerYear(ctx.filters);
		return perYearStack(
			ctx,
			means.map((m) => ({ year: m.year, meetings: m.meetings, group: m.speakerKind, mean: m.mean })),
			SPEAKERS,
			{
				id: 'statements-per-meeting',
				title: 'Statements at a meeting, mean per year, by speaker',
				caption:
					'Statements per meeting, averaged over the meetings of each year. A statement is one speaker listed under one agenda item (or span of items) in one paragraph, as the report prints it.',
				yLabel: 'Statements per meeting'
			}
		);
	}
	const counts = await statementsPerMeeting(ctx.filters);
	return perMeetingStack(
		ctx,
		counts.map((c) => ({ meetingId: c.meetingId, group: c.speakerKind, n: c.statements })),
		SPEAKERS,
		{
			id: 'statements-per-meeting',
			title: 'Statements at each meeting, by speaker',
			caption:
				'A statement is one speaker listed under one agenda item (or span of items) in one paragraph, as the report prints it, so a report that lists the speakers of several items together and again item by item counts both lists.',
			yLabel: 'Statements'
		}
	);
}

/** The table of meetings: the latest MAX_TABLE_ROWS meetings in view, or all with `all=meetings`. */
export async function meetingsTable(ctx: OverviewContext): Promise<TableData> {
	const limit = !ctx.allMeetings && ctx.meetingCount > MAX_TABLE_ROWS ? MAX_TABLE_ROWS : undefined;
	const [shown, summaries] = await Promise.all([latest(ctx, limit), meetingSummaries(ctx.filters, limit)]);
	const rows = summaries.map((m) => ({
		meeting: m.label,
		meetingId: m.meetingId,
		body: m.body,
		bodyName: m.bodyName,
		startDate: m.startDate,
		endDate: m.endDate,
		venue: m.venue,
		format: m.format,
		statesAttending: m.statesAttending,
		participants: m.participants,
		speakers: m.speakers,
		statements: m.statements,
		recommendations: m.recommendations,
		attendanceParagraph: m.attendanceParagraph,
		statementParagraph: m.statementParagraph,
		firstRecommendation: m.firstRecommendation,
		source: m.source
	}));
	return {
		...meta(
			ctx,
			'meetings',
			'Meetings in the corpus',
			'Each meeting with a report: States and all participants listed as attending, distinct speakers, statements as listed and recommendations (or discussion points) adopted.',
			shown
		),
		columns: [
			{ key: 'meeting', label: 'Meeting' },
			{ key: 'meetingId', label: 'Meeting id' },
			{ key: 'body', label: 'Body' },
			{ key: 'bodyName', label: 'Body name' },
			{ key: 'startDate', label: 'Start date' },
			{ key: 'endDate', label: 'End date' },
			{ key: 'venue', label: 'Venue' },
			{ key: 'format', label: 'Format' },
			{ key: 'statesAttending', label: 'States attending', align: 'right' },
			{ key: 'participants', label: 'Participants attending', align: 'right' },
			{ key: 'speakers', label: 'Speakers', align: 'right' },
			{ key: 'statements', label: 'Statements', align: 'right' },
			{ key: 'recommendations', label: 'Recommendations', align: 'right' },
			{ key: 'attendanceParagraph', label: 'Attendance paragraph' },
			{ key: 'statementParagraph', label: 'First statements paragraph' },
			{ key: 'firstRecommendation', label: 'First recommendation' },
			{ key: 'source', label: 'Source document' }
		],
		rows,
		shownMeetings: shown.length,
		totalMeetings: ctx.meetingCount
	};
}

export async function latestRecommendationsTable(ctx: OverviewContext): Promise<FigureData> {
	const recs = await latestRecommendations(ctx.filters, LATEST_RECOMMENDATIONS);
	const rows = recs.map((r) => ({
		meeting: r.meetingLabel,
		meetingId: r.meetingId,
		startDate: r.startDate,
		label: r.label,
		printedLabel: r.printedLabel,
		kind: r.kind,
		paragraph: r.paragraph,
		text: r.text
	}));
	// The meetings the recommendations come from, in date order, for the source line.
	const meetings = [...new Map(recs.map((r) => [r.meetingOrder, r])).entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([, r]) => ({
			source: r.source,
			year: r.startDate === null ? null : Number(r.startDate.slice(0, 4))
		}));
	return {
		...meta(
			ctx,
			'latest-recommendations',
			'Latest recommendations',
			`The first ${LATEST_RECOMMENDATIONS} recommendations (or discussion points) of the most recent meetings, in the order the report prints them.`,
			meetings
		),
		columns: [
			{ key: 'meeting', label: 'Meeting' },
			{ key: 'meetingId', label: 'Meeting id' },
			{ key: 'startDate', label: 'Start date' },
			{ key: 'label', label: 'Label' },
			{ key: 'printedLabel', label: 'Printed label' },
			{ key: 'kind', label: 'Kind' },
			{ key: 'paragraph', label: 'Paragraph' },
			{ key: 'text', label: 'Text' }
		],
		rows
	};
}

/** The datasets `/api/overview/<name>` serves. */
export const OVERVIEW_DATASETS: Record<string, (ctx: OverviewContext) => Promise<FigureData>> = {
	'meetings-per-year': async (ctx) => (await meetingsPerYearFigure(ctx)).data,
	'states-per-meeting': async (ctx) => (await statesPerMeetingFigure(ctx)).data,
	'statements-per-meeting': async (ctx) => (await statementsPerMeetingFigure(ctx)).data,
	meetings: meetingsTable,
	'latest-recommendations': latestRecommendationsTable
};
