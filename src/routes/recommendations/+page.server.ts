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
const PAGE_SIZE = 50;

/**
 * Most meetings the Meeting filter lists: beyond, it asks for a body or years first (a corpus of thousands of
 * reports would otherwise send every meeting's name with every page).
 */
const MAX_MEETING_OPTIONS = 200;

export const load: PageServerLoad = async ({ url }) => {
	const state = await followupState();
	const f = readRecFilters(url, state, await knownBodies());
	const page = z.coerce
		.number()
		.int()
		.min(1)
		.max(100_000)
		.safeParse(url.searchParams.get('page') || '1');
	if (!page.success) error(400, 'Invalid value for "page": use a whole number from 1');
	const [list, byMeeting, fate] = await Promise.all([
		// The chart's counts give the total: the list's query need not count.
		listRecommendations(
			state,
			f,
			{ limit: PAGE_SIZE, offset: (page.data - 1) * PAGE_SIZE },
			{ total: false }
		),
		statusByMeeting(state, f),
		f.meeting ? meetingFate(state, f.meeting) : null
	]);
	const all = describeFilters(f.filters);
	const describe: Record<string, string> = { Bodies: all['Bodies'] ?? 'all', Years: all['Years'] ?? 'all' };
	if (f.meeting) describe['Meeting'] = meetingName(state.meetings.get(f.meeting));
	if (f.addressee) describe['Addressee'] = f.addressee;
	if (f.strength) describe['Strength'] = f.strength;
	if (f.topic) describe['Topic'] = state.topics.find((t) => t.id === f.topic)?.name ?? f.topic;
	if (f.status) describe['Status'] = STATUS_LABELS[f.status];
	if (f.kind) describe['Kind'] = f.kind === 'discussion_point' ? 'discussion points' : 'recommendations';
	// Every document when few; beyond, how many of which bodies and years (the CSV names each one).
	const docs = byMeeting.documents;
	const span =
		docs.from === null ? '' : docs.from === docs.to ? ` (${docs.from})` : ` (${docs.from}–${docs.to})`;
	const named = new Set(docs.ids ?? []);
	const sources = docs.ids
		? [...new Set([...state.meetings.values()].filter((m) => named.has(m.documentId)).map((m) => m.source))]
		: [`${docs.count} reports of ${docs.bodies.join(', ')}${span}, each named in the CSV download`];
	const inView = state.choices.meetingIds.filter((id) => {
		const m = state.meetings.get(id);
		if (!m) return false;
		if (f.filters.bodies.length && !f.filters.bodies.includes(m.body)) return false;
		if (f.filters.from !== null && (m.year === null || m.year < f.filters.from)) return false;
		if (f.filters.to !== null && (m.year === null || m.year > f.filters.to)) return false;
		return true;
	});
	const listed = inView.length <= MAX_MEETING_OPTIONS ? inView : inView.filter((id) => id === f.meeting);
	return {
		f,
		params: recFiltersToParams(f),
		derived: state.derived,
		rows: list.rows,
		total: byMeeting.total,
		page: page.data,
		pageSize: PAGE_SIZE,
		pages: Math.max(1, Math.ceil(byMeeting.total / PAGE_SIZE)),
		byMeeting: byMeeting.rows,
		byYear: byMeeting.byYear,
		fate:
			fate && f.meeting
				? {
						meeting: meetingName(state.meetings.get(f.meeting)),
						later: fate.later.map((m) => meetingName(m)),
						cells: fate.cells,
						recommendations: fate.recommendations
					}
				: null,
		choices: {
			meetings: listed.map((id) => ({ id, name: meetingName(state.meetings.get(id)) })),
			/** Meetings in view the filter does not list (choose a body or years to list them). */
			meetingsUnlisted: inView.length - listed.length,
			addressees: state.choices.addressees,
			strengths: state.choices.strengths,
			topics: state.topics,
			statuses: STATUS_VALUES.map((s) => ({ id: s, name: STATUS_LABELS[s] }))
		},
		describe,
		sources,
		invalidDecisions: state.invalidDecisions
	};
};
