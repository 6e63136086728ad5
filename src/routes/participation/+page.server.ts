import { readFilters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
import {
	attendanceFigure,
	formatFigure,
	loadContext,
	matrixFigure,
	MATRIX_TOP,
	readView,
	silentByItemFigure,
	silentByMeetingFigure,
	silentStatesFigure,
	speakingFigure,
	viewParams
} from './datasets.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const filters = readFilters(url, await knownBodies());
	const view = readView(url);
	const ctx = await loadContext(filters, view);
	const [attendance, speaking, format, matrix, silentByMeeting, silentByItem, silentStates] =
		await Promise.all([
			attendanceFigure(ctx),
			speakingFigure(ctx),
			formatFigure(ctx),
			matrixFigure(ctx),
			silentByMeetingFigure(ctx),
			silentByItemFigure(ctx),
			silentStatesFigure(ctx)
		]);
	return {
		filters,
		view,
		viewParams: viewParams(view),
		matrixTop: MATRIX_TOP,
		meetings: ctx.meetings,
		attendance,
		speaking,
		format,
		matrix,
		silentByMeeting,
		silentByItem,
		silentStates
	};
};
