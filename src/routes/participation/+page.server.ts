import { readFilters } from '$lib/server/filters';
import { bodiesInDatabase } from '$lib/server/participation-aggregates';
import { memoByCorpus } from '$lib/server/memo';
import {
	attendanceFigure,
	formatFigure,
	loadContext,
	matrixFigure,
	MATRIX_TOP,
	meetingsInViewTable,
	readView,
	silentByItemFigure,
	silentByMeetingFigure,
	silentStatesFigure,
	speakingFigure,
	viewParams
} from './datasets.server';
import { perYear } from '$lib/scale';
import { COMPACT_MATRIX_COLUMNS, widenMatrix, type Row } from './figures';
import type { PageServerLoad } from './$types';
import type { Filters } from '$lib/filters';
import type { ParticipationView } from './datasets.server';

/** The silent States' names per meeting id, in the order the dataset lists them. */
function namesByMeeting(rows: readonly Row[]): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const r of rows) (out[String(r.meetingId)] ??= []).push(String(r.state));
	return out;
}

export const load: PageServerLoad = async ({ url }) => {
	const filters = readFilters(url, await bodiesInDatabase());
	const view = readView(url);
	// Validated on every request; computed once per corpus version and view (see memo.ts).
	return memoByCorpus('participation page', { filters, view }, () => participationPage(filters, view));
};

async function participationPage(filters: Filters, view: ParticipationView) {
	const ctx = await loadContext(filters, view);
	const [attendance, speaking, format, matrix, silentByMeeting, silentByItem, silentStates, inView] =
		await Promise.all([
			attendanceFigure(ctx),
			speakingFigure(ctx),
			formatFigure(ctx),
			matrixFigure(ctx),
			silentByMeetingFigure(ctx),
			silentByItemFigure(ctx),
			silentStatesFigure(ctx),
			meetingsInViewTable(ctx)
		]);
	return {
		filters,
		view,
		viewParams: viewParams(view),
		matrixTop: MATRIX_TOP,
		meetingCount: ctx.meetingCount,
		perYear: perYear(ctx.meetingCount),
		inView,
		attendance,
		speaking,
		format,
		// Many meetings: the matrix travels as its wide table (one row per State), a fraction of the long one.
		matrix:
			matrix.colLabels.length > COMPACT_MATRIX_COLUMNS
				? { ...matrix, data: widenMatrix(matrix.data, matrix.rowLabels, matrix.colLabels) }
				: matrix,
		silentByMeeting,
		silentByItem,
		// The page lists names per meeting; the rows (one per State and meeting) stay in the dataset's JSON and CSV.
		silentStates: { ...silentStates, rows: [] },
		silentNames: namesByMeeting(silentStates.rows)
	};
}
