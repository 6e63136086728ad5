/**
 * The curators' form actions on a recommendation's page: confirm, reject or undo a link, add a link to a text of a
 * later meeting, set or clear the status. Every input is validated (zod) and every change appended to the decision
 * log with its time and optional note. SvelteKit's origin check guards against cross-site posts; when
 * RAPPORTEUR_WRITE_TOKEN is set, the form must also carry that token.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { linkId, STATUS_VALUES, type TargetSnapshot } from '$lib/followup/curation';
import { agendaKey, clip, paragraphKey, recommendationKey } from '$lib/followup/linker';
import { LINK_KINDS } from '$lib/followup/types';
import { labelSlug } from '$lib/citation';
import { appendDecision } from './curation';
import { query } from './db';
import { followupState, findRecommendation, linksOf, withEvidence, type RecRow } from './queries/followup';

export interface ActionResult {
	action: 'decide' | 'add' | 'status';
	message: string;
	ok: boolean;
}

type Failure = ActionFailure<ActionResult>;

const note = z
	.string()
	.max(2000, 'The note may be at most 2000 characters')
	.transform((s) => s.trim() || null);

function tokenOk(form: FormData): boolean {
	const expected = process.env.RAPPORTEUR_WRITE_TOKEN;
	if (!expected) return true;
	const given = Buffer.from(String(form.get('token') ?? ''));
	const want = Buffer.from(expected);
	return given.length === want.length && timingSafeEqual(given, want);
}

export function tokenRequired(): boolean {
	return !!process.env.RAPPORTEUR_WRITE_TOKEN;
}

async function recommendationFrom(params: { meeting: string; label: string }): Promise<RecRow | null> {
	return await findRecommendation(await followupState(), params.meeting, params.label);
}

function failWith(status: number, action: ActionResult['action'], message: string): Failure {
	return fail(status, { action, message, ok: false });
}

const decideSchema = z.object({
	link: z.string().min(1).max(800),
	decision: z.enum(['confirm', 'reject', 'unset']),
	note
});

export async function decideAction(
	params: { meeting: string; label: string },
	form: FormData
): Promise<ActionResult | Failure> {
	if (!tokenOk(form)) return failWith(403, 'decide', 'The write token is missing or wrong.');
	const rec = await recommendationFrom(params);
	if (!rec) return failWith(404, 'decide', 'No such recommendation.');
	const parsed = decideSchema.safeParse(
		Object.fromEntries(['link', 'decision', 'note'].map((k) => [k, String(form.get(k) ?? '')]))
	);
	if (!parsed.success) return failWith(400, 'decide', parsed.error.issues[0]?.message ?? 'Invalid decision.');
	const state = await followupState();
	const light = ((await linksOf(state, [rec.id])).get(rec.id) ?? []).find((l) => l.id === parsed.data.link);
	if (!light) return failWith(400, 'decide', 'That link is not one of this recommendation’s links.');
	const [link] = await withEvidence([light]);
	if (!link) return failWith(400, 'decide', 'That link is not one of this recommendation’s links.');
	const target: TargetSnapshot = {
		toKey: link.toKey,
		toKind: link.toKind,
		toMeetingId: link.toMeetingId,
		toDocumentId: link.toDocumentId,
		toLabel: link.toLabel,
		toParagraph: link.toParagraph,
		toParagraphOrder: link.toParagraphOrder,
		toItem: link.toItem,
		kind: link.kind,
		snippet: link.snippet.slice(0, 2000)
	};
	appendDecision({
		time: new Date().toISOString(),
		action: parsed.data.decision,
		recommendation: rec.id,
		link: link.id,
		target,
		note: parsed.data.note
	});
	const verb = { confirm: 'Confirmed', reject: 'Rejected', unset: 'Returned to the linker’s judgement:' }[
		parsed.data.decision
	];
	return { action: 'decide', ok: true, message: `${verb} the link to ${describe(target)}.` };
}

function describe(t: TargetSnapshot): string {
	const where =
		t.toKind === 'recommendation'
			? t.toLabel
			: t.toKind === 'paragraph'
				? t.toParagraph
					? `para. ${t.toParagraph}`
					: `annotation to item ${t.toItem}`
				: `agenda item ${t.toItem}`;
	return `${t.toMeetingId} ${where}`;
}

const addSchema = z.object({
	meeting: z.string().min(1, 'Choose a later meeting').max(200),
	target: z.enum(['paragraph', 'recommendation', 'agenda_item']),
	ref: z.string().trim().min(1, 'Give the paragraph number, recommendation label or agenda item').max(100),
	kind: z.enum(LINK_KINDS),
	note
});

export async function addAction(
	params: { meeting: string; label: string },
	form: FormData
): Promise<ActionResult | Failure> {
	if (!tokenOk(form)) return failWith(403, 'add', 'The write token is missing or wrong.');
	const rec = await recommendationFrom(params);
	if (!rec) return failWith(404, 'add', 'No such recommendation.');
	const parsed = addSchema.safeParse(
		Object.fromEntries(
			['meeting', 'target', 'ref', 'kind', 'note'].map((k) => [k, String(form.get(k) ?? '')])
		)
	);
	if (!parsed.success) return failWith(400, 'add', parsed.error.issues[0]?.message ?? 'Invalid link.');
	const d = parsed.data;
	const state = await followupState();
	const m = state.meetings.get(d.meeting);
	if (!m) return failWith(400, 'add', 'No such meeting.');
	if (!rec.date || !m.date || m.date <= rec.date || m.documentId === rec.documentId)
		return failWith(400, 'add', 'Follow-up comes from a later meeting (another report, a later date).');
	let target: TargetSnapshot | null = null;
	if (d.target === 'recommendation') {
		const r =
			(await findRecommendation(state, m.id, d.ref)) ??
			(await findRecommendation(state, m.id, labelSlug(d.ref)));
		if (r)
			target = {
				toKey: recommendationKey(r.id),
				toKind: 'recommendation',
				toMeetingId: m.id,
				toDocumentId: m.documentId,
				toLabel: r.label,
				toParagraph: null,
				toParagraphOrder: null,
				toItem: null,
				kind: d.kind,
				snippet: clip(r.text)
			};
	} else if (d.target === 'paragraph') {
		const [p] = await query<{ number: string; ord: number; text: string }>(
			`SELECT number, sort_order::INTEGER AS ord, text FROM paragraph WHERE document_id = $doc AND number = $n
			 ORDER BY sort_order LIMIT 1`,
			{ doc: m.documentId, n: d.ref.replace(/^(para\.?|¶)\s*/i, '') }
		);
		if (p)
			target = {
				toKey: paragraphKey(m.documentId, p.number, p.ord),
				toKind: 'paragraph',
				toMeetingId: m.id,
				toDocumentId: m.documentId,
				toLabel: null,
				toParagraph: p.number,
				toParagraphOrder: p.ord,
				toItem: null,
				kind: d.kind,
				snippet: clip(p.text)
			};
	} else {
		const [a] = await query<{ number: string; title: string }>(
			`SELECT number, title FROM agenda_item WHERE meeting_id = $m AND number = $n LIMIT 1`,
			{ m: m.id, n: d.ref.replace(/^item\s*/i, '') }
		);
		if (a)
			target = {
				toKey: agendaKey(m.id, a.number),
				toKind: 'agenda_item',
				toMeetingId: m.id,
				toDocumentId: m.documentId,
				toLabel: null,
				toParagraph: null,
				toParagraphOrder: null,
				toItem: a.number,
				kind: d.kind,
				snippet: `Agenda item ${a.number}: ${a.title}`
			};
	}
	if (!target)
		return failWith(400, 'add', `No ${d.target.replace('_', ' ')} “${d.ref.slice(0, 40)}” in ${m.id}.`);
	appendDecision({
		time: new Date().toISOString(),
		action: 'add',
		recommendation: rec.id,
		link: linkId(rec.id, target.toKey),
		target,
		note: d.note
	});
	return { action: 'add', ok: true, message: `Added a link to ${describe(target)}.` };
}

const statusSchema = z.object({ status: z.enum([...STATUS_VALUES, 'auto']), note });

export async function statusAction(
	params: { meeting: string; label: string },
	form: FormData
): Promise<ActionResult | Failure> {
	if (!tokenOk(form)) return failWith(403, 'status', 'The write token is missing or wrong.');
	const rec = await recommendationFrom(params);
	if (!rec) return failWith(404, 'status', 'No such recommendation.');
	const parsed = statusSchema.safeParse({
		status: String(form.get('status') ?? ''),
		note: String(form.get('note') ?? '')
	});
	if (!parsed.success) return failWith(400, 'status', 'Choose a status.');
	appendDecision({
		time: new Date().toISOString(),
		action: 'status',
		recommendation: rec.id,
		status: parsed.data.status,
		note: parsed.data.note
	});
	return {
		action: 'status',
		ok: true,
		message: parsed.data.status === 'auto' ? 'The status follows the rules again.' : 'Status set.'
	};
}
