/**
 * Curators' decisions and how they fold over the linker's links. Pure: src/lib/server/curation.ts reads and
 * appends the decision log (data/curation/decisions.jsonl); pages and `npm run links --curated` fold it here.
 *
 * The log is append-only and read in order; for each link the latest confirm/reject/unset/add wins, for each
 * recommendation the latest status. Decisions name links by stable ids (recommendation id and target key) and
 * carry a snapshot of the target, so they outlive a re-ingest and even a linker that no longer finds the link.
 */
import { z } from 'zod';
import { LINK_KINDS, type FollowupLink } from './types';

export const STATUS_VALUES = ['acted-on', 'reiterated', 'discussed', 'no-trace'] as const;
export type Status = (typeof STATUS_VALUES)[number];

/** A target as a decision remembers it. */
export const targetSchema = z.object({
	toKey: z.string().min(3).max(400),
	toKind: z.enum(['recommendation', 'paragraph', 'agenda_item']),
	toMeetingId: z.string().min(1).max(200),
	toDocumentId: z.string().min(1).max(300),
	toLabel: z.string().max(200).nullable(),
	toParagraph: z.string().max(50).nullable(),
	toParagraphOrder: z.number().int().nullable(),
	toItem: z.string().max(50).nullable(),
	kind: z.enum(LINK_KINDS),
	snippet: z.string().max(2000)
});
export type TargetSnapshot = z.infer<typeof targetSchema>;

const base = {
	time: z.iso.datetime(),
	recommendation: z.string().min(1).max(300),
	note: z.string().max(2000).nullable().optional()
};

export const decisionSchema = z.discriminatedUnion('action', [
	z.object({
		...base,
		action: z.enum(['confirm', 'reject', 'unset']),
		link: z.string().min(1).max(800),
		target: targetSchema
	}),
	z.object({ ...base, action: z.literal('add'), link: z.string().min(1).max(800), target: targetSchema }),
	z.object({ ...base, action: z.literal('status'), status: z.enum([...STATUS_VALUES, 'auto']) })
]);
export type Decision = z.infer<typeof decisionSchema>;

export type LinkDecision = 'confirm' | 'reject' | 'add';

export interface CuratedLink extends FollowupLink {
	/** The curator's standing decision, or null when the linker's judgement stands. */
	decision: LinkDecision | null;
	decisionTime: string | null;
	decisionNote: string | null;
	/** Counts for the status: confirmed, added, or unreviewed with a score of at least the threshold. */
	counted: boolean;
	/** Kept only because a curator confirmed or added it: the linker does not (or no longer) find it. */
	curatorOnly: boolean;
}

export function linkId(recommendationId: string, toKey: string): string {
	return `${recommendationId} -> ${toKey}`;
}

/** Links of `links` with the decisions folded in: rejected links stay, marked, so a page can show and undo them. */
export function applyDecisions(
	links: readonly FollowupLink[],
	decisions: readonly Decision[],
	minScore: number
): CuratedLink[] {
	const byId = new Map<string, CuratedLink>();
	for (const l of links)
		byId.set(l.id, {
			...l,
			decision: null,
			decisionTime: null,
			decisionNote: null,
			counted: l.score >= minScore,
			curatorOnly: false
		});
	for (const d of decisions) {
		if (d.action === 'status') continue;
		let link = byId.get(d.link);
		if (!link) {
			if (d.action === 'unset' || d.action === 'reject') {
				// Nothing to show for a rejected link the linker no longer finds; an undo of it is moot.
				continue;
			}
			link = {
				...d.target,
				id: d.link,
				fromId: d.recommendation,
				score: 1,
				reasons: [],
				decision: null,
				decisionTime: null,
				decisionNote: null,
				counted: false,
				curatorOnly: true
			};
			byId.set(d.link, link);
		}
		if (d.action === 'unset') {
			if (link.curatorOnly) {
				byId.delete(d.link);
				continue;
			}
			link.decision = null;
			link.decisionTime = null;
			link.decisionNote = null;
		} else {
			link.decision = d.action;
			link.decisionTime = d.time;
			link.decisionNote = d.note ?? null;
			if (d.action === 'add') link.kind = d.target.kind;
		}
		link.counted =
			link.decision === 'confirm' ||
			link.decision === 'add' ||
			(link.decision === null && link.score >= minScore);
	}
	return [...byId.values()];
}

export interface StatusOverride {
	status: Status;
	time: string;
	note: string | null;
}

/** The latest status a curator set per recommendation ('auto' clears it). */
export function statusOverrides(decisions: readonly Decision[]): Map<string, StatusOverride> {
	const out = new Map<string, StatusOverride>();
	for (const d of decisions) {
		if (d.action !== 'status') continue;
		if (d.status === 'auto') out.delete(d.recommendation);
		else out.set(d.recommendation, { status: d.status, time: d.time, note: d.note ?? null });
	}
	return out;
}
