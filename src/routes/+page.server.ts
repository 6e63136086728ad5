import { readFilters } from '$lib/server/filters';
import { bodiesInDatabase } from '$lib/server/participation-aggregates';
import { memoByCorpus } from '$lib/server/memo';
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
import type { Filters } from '$lib/filters';

export const load: PageServerLoad = async ({ url }) => {
	const filters = readFilters(url, await bodiesInDatabase());
	const all = readAll(url);
	// Validated on every request; computed once per corpus version and view (see memo.ts).
	return memoByCorpus('overview page', { filters, all }, () => overviewPage(filters, all));
};

async function overviewPage(filters: Filters, all: boolean) {
	const ctx = await loadOverviewContext(filters, all);
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
}
