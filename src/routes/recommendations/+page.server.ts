import { describeFilters } from '$lib/server/filters';
import { knownBodies } from '$lib/server/queries/corpus';
import {
	followupState,
	listRecommendations,
	meetingFate,
	meetingName,
	readRecFilters,
	recFiltersToParams,
	statusByMeeting
} from '$lib/server/queries/followup';
import { STATUS_LABELS } from '$lib/followup/status';
import { STATUS_VALUES } from '$lib/followup/curation';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';

/** Rows per page of the list (the export has them all). */
const PAGE_SIZE = 100;

export const load: PageServerLoad = async ({ url }) => {
	const state = await followupState();
	const f = readRecFilters(url, state, await knownBodies());
	const rows = listRecommendations(state, f);
	const byMeeting = statusByMeeting(rows, state);
	const page = z.coerce
		.number()
		.int()
		.min(1)
		.max(100_000)
		.safeParse(url.searchParams.get('page') ?? '1');
	if (!page.success) error(400, 'Invalid value for "page": use a whole number from 1');
	const fate = f.meeting ? await meetingFate(state, f.meeting) : null;
	const meetingIds = [...new Set(state.recs.map((r) => r.meetingId))];
	const all = describeFilters(f.filters);
	const describe: Record<string, string> = { Bodies: all['Bodies'] ?? 'all', Years: all['Years'] ?? 'all' };
	if (f.meeting) describe['Meeting'] = meetingName(state.meetings.get(f.meeting));
	if (f.addressee) describe['Addressee'] = f.addressee;
	if (f.strength) describe['Strength'] = f.strength;
	if (f.topic) describe['Topic'] = state.topics.find((t) => t.id === f.topic)?.name ?? f.topic;
	if (f.status) describe['Status'] = STATUS_LABELS[f.status];
	if (f.kind) describe['Kind'] = f.kind === 'discussion_point' ? 'discussion points' : 'recommendations';
	const sources = [...new Set(rows.map((r) => state.meetings.get(r.meetingId)?.source ?? ''))].filter(
		Boolean
	);
	return {
		f,
		params: recFiltersToParams(f),
		derived: state.derived,
		rows: rows.slice((page.data - 1) * PAGE_SIZE, page.data * PAGE_SIZE),
		total: rows.length,
		page: page.data,
		pageSize: PAGE_SIZE,
		byMeeting: byMeeting.rows,
		byYear: byMeeting.byYear,
		fate: fate
			? {
					meeting: meetingName(state.meetings.get(f.meeting!)),
					later: fate.later.map((m) => meetingName(m)),
					cells: fate.cells,
					recommendations: state.recs.filter((r) => r.meetingId === f.meeting).map((r) => r.label)
				}
			: null,
		choices: {
			meetings: meetingIds.map((id) => ({ id, name: meetingName(state.meetings.get(id)) })),
			addressees: [...new Set(state.recs.flatMap((r) => r.addressees))].sort(),
			strengths: [
				...new Set(state.recs.map((r) => r.strength).filter((s): s is string => s !== null))
			].sort(),
			topics: state.topics,
			statuses: STATUS_VALUES.map((s) => ({ id: s, name: STATUS_LABELS[s] }))
		},
		describe,
		sources,
		invalidDecisions: state.invalidDecisions
	};
};
