import { error } from '@sveltejs/kit';
import { addAction, decideAction, statusAction, tokenRequired } from '$lib/server/curation-actions';
import {
	findRecommendationWithLinks,
	followupState,
	laterMeetings,
	MAX_THREAD_RECOMMENDATIONS,
	meetingName,
	recommendationPath,
	statusOf,
	targetLabel,
	targetPath,
	threadOf,
	type FollowupState
} from '$lib/server/queries/followup';
import { memoByCorpus } from '$lib/server/memo';
import { LINK_KIND_LABELS, LINK_KINDS } from '$lib/followup/types';
import { STATUS_LABELS, STATUS_RULES } from '$lib/followup/status';
import { STATUS_VALUES, type CuratedLink } from '$lib/followup/curation';
import { MIN_LINK_SCORE } from '$lib/followup/linker';
import type { Actions, PageServerLoad } from './$types';

/**
 * Rendered on the server only: the page is text, links and forms that post without JavaScript, so hydrating it
 * would only add a second copy of its data to the HTML (a third of the page and of its server time at 1,000x).
 */
export const csr = false;

/** Later meetings the add-link form lists at most (a corpus of thousands of reports has thousands). */
const MAX_LATER_LISTED = 200;

export const load: PageServerLoad = async ({ params }) => {
	const state = await followupState();
	// Computed once per version of the data and of the curators' decisions (state.key), as the other pages' views
	// are: at 1,000x the thread alone reads a few hundred links among 2 million.
	return memoByCorpus(
		'recommendation page',
		{ key: state.key, meeting: params.meeting, label: params.label },
		() => pageData(state, params)
	);
};

async function pageData(state: FollowupState, params: { meeting: string; label: string }) {
	const found = await findRecommendationWithLinks(state, params.meeting, params.label);
	if (!found)
		error(
			404,
			`No recommendation “${params.label.slice(0, 40)}” in meeting “${params.meeting.slice(0, 60)}”`
		);
	// Its own links come with their snippets and reasons: this page shows the evidence of every link it lists.
	const { rec, links: own } = found;
	const meeting = state.meetings.get(rec.meetingId)!;
	// A timeline entry carries what the timeline shows: a page holds up to a few hundred, and SvelteKit serializes
	// the page data even when it does not send it.
	const entry = (l: CuratedLink) => ({
		id: l.id,
		kind: l.kind,
		kindLabel: LINK_KIND_LABELS[l.kind],
		score: l.score,
		snippet: l.snippet,
		decision: l.decision,
		href: targetPath(l),
		target: targetLabel(l),
		targetRecHref:
			l.toKind === 'recommendation' && l.toLabel ? recommendationPath(l.toMeetingId, l.toLabel) : null
	});
	const present = (l: CuratedLink) => ({
		...entry(l),
		reasons: l.reasons,
		counted: l.counted,
		decisionTime: l.decisionTime,
		decisionNote: l.decisionNote,
		curatorOnly: l.curatorOnly,
		meeting: meetingName(state.meetings.get(l.toMeetingId)),
		date: state.meetings.get(l.toMeetingId)?.date ?? null
	});
	const walked = await threadOf(state, rec.id, 4, { evidence: true, own });
	const threadRaw = walked.meetings;
	const allLater = laterMeetings(state, rec);
	const status = statusOf(state, rec, own, allLater);
	const links = own.map(present);
	const timeline = threadRaw.map((t) => ({
		meeting: meetingName(t.meeting),
		meetingId: t.meeting.id,
		date: t.meeting.date,
		source: t.meeting.source,
		entries: t.entries.map((e) => ({
			...entry(e.link),
			via: e.via && { label: e.via.label, href: e.via.href }
		}))
	}));
	const history = state.decisions
		.filter((d) => d.recommendation === rec.id)
		.map((d) => ({
			time: d.time,
			action: d.action,
			note: d.note ?? null,
			what:
				d.action === 'status'
					? d.status === 'auto'
						? 'status back to the rules'
						: `status “${STATUS_LABELS[d.status]}”`
					: `${d.target.toMeetingId} ${d.target.toKind === 'recommendation' ? d.target.toLabel : d.target.toParagraph ? `para. ${d.target.toParagraph}` : `item ${d.target.toItem}`}`
		}))
		.reverse();
	// The add-link form lists the later meetings when they are few; beyond, it suggests the nearest ones.
	const later = allLater.slice(0, MAX_LATER_LISTED).map((m) => ({ id: m.id, name: meetingName(m) }));
	return {
		rec: { ...rec, meeting: meetingName(meeting), source: meeting.source },
		meetingHref: `/meetings/${encodeURIComponent(rec.meetingId)}`,
		status: { ...status, label: STATUS_LABELS[status.status], derivedLabel: STATUS_LABELS[status.derived] },
		links,
		timeline,
		history,
		later,
		laterMeetings: allLater.length,
		laterListed: allLater.length <= MAX_LATER_LISTED,
		notFollowed: walked.notFollowed,
		maxFollowed: MAX_THREAD_RECOMMENDATIONS,
		topics: rec.topics.map((t) => ({
			id: t.id,
			name: state.topics.find((x) => x.id === t.id)?.name ?? t.id,
			score: t.score
		})),
		tokenRequired: tokenRequired(),
		kinds: LINK_KINDS.map((k) => ({ id: k, name: LINK_KIND_LABELS[k] })),
		statuses: STATUS_VALUES.map((s) => ({ id: s, name: STATUS_LABELS[s] })),
		minScore: MIN_LINK_SCORE,
		rules: STATUS_RULES.map((r) => ({ label: STATUS_LABELS[r.status], rule: r.rule })),
		derived: state.derived
	};
}

export const actions: Actions = {
	decide: async ({ params, request }) => decideAction(params, await request.formData()),
	add: async ({ params, request }) => addAction(params, await request.formData()),
	status: async ({ params, request }) => statusAction(params, await request.formData())
};
