import { readFilters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
import { corpusSummary } from '$lib/server/queries/overview';
import {
	latestRecommendationsTable,
	loadOverviewContext,
	readAll,
	meetingsPerYearFigure,
	meetingsTable,
	statementsPerMeetingFigure,
	statesPerMeetingFigure
} from './api/overview/datasets.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const filters = readFilters(url, await knownBodies());
	const ctx = await loadOverviewContext(filters, readAll(url));
	const [summary, perYear, states, statements, meetings, recommendations] = await Promise.all([
		corpusSummary(),
		meetingsPerYearFigure(ctx),
		statesPerMeetingFigure(ctx),
		statementsPerMeetingFigure(ctx),
		meetingsTable(ctx),
		latestRecommendationsTable(ctx)
	]);
	return {
		filters,
		summary,
		perYear,
		states,
		statements,
		meetings,
		recommendations,
		allMeetings: ctx.allMeetings
	};
};
