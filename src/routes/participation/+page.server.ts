import { readFilters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
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
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const filters = readFilters(url, await knownBodies());
	const view = readView(url);
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
		meetingCount: ctx.meetings.length,
		perYear: perYear(ctx.meetings.length),
		inView,
		attendance,
		speaking,
		format,
		matrix,
		silentByMeeting,
		silentByItem,
		silentStates
	};
};
