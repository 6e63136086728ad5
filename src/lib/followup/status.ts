/**
 * A status per recommendation, derived from its follow-up links by rules a reader can check, with the rule and
 * the evidence that produced it:
 *
 *   acted on      a counted link says the Secretariat reported it done or under way, or a resolution took it up
 *   reiterated    else, a counted link to a later recommendation that repeats or builds on it
 *   discussed     else, a counted link to later deliberations or an agenda item
 *   no trace yet  else
 *
 * "Counted" = confirmed or added by a curator, or unreviewed with a score of at least the linker's threshold;
 * rejected links never count. A status a curator set wins over the rules, and the page says so.
 */
import type { CuratedLink, Status, StatusOverride } from './curation';
import type { LinkKind } from './types';

export const STATUS_LABELS: Record<Status, string> = {
	'acted-on': 'acted on',
	reiterated: 'reiterated',
	discussed: 'discussed',
	'no-trace': 'no trace yet'
};

/** The kinds of link each rule looks for, strongest rule first. */
export const STATUS_RULES: { status: Status; kinds: LinkKind[]; rule: string }[] = [
	{
		status: 'acted-on',
		kinds: ['implemented', 'resolution'],
		rule: 'a later text reports the Secretariat’s work on it, or a resolution or decision that took it up'
	},
	{
		status: 'reiterated',
		kinds: ['reiterated'],
		rule: 'a later recommendation repeats it or builds on it'
	},
	{
		status: 'discussed',
		kinds: ['discussed', 'agenda'],
		rule: 'later deliberations or an agenda item take up its subject'
	}
];

export interface StatusResult {
	status: Status;
	/** The status the rules give, also when a curator overrode it. */
	derived: Status;
	/** One sentence: which rule (or curator) produced the status. */
	explanation: string;
	/** Ids of the links the rule rests on (best first). */
	evidence: string[];
	override: StatusOverride | null;
}

/** Status of one recommendation from its (curated) links. */
export function recommendationStatus(
	links: readonly CuratedLink[],
	override: StatusOverride | null = null,
	opts: { laterMeetings?: number } = {}
): StatusResult {
	const counted = links.filter((l) => l.counted && l.decision !== 'reject').sort((a, b) => b.score - a.score);
	const kinds: Partial<Record<LinkKind, number>> = {};
	for (const l of counted) kinds[l.kind] = (kinds[l.kind] ?? 0) + 1;
	const result = statusFromCounts(kinds, override, opts);
	const rule = STATUS_RULES.find((r) => r.status === result.derived);
	result.evidence = rule ? counted.filter((l) => rule.kinds.includes(l.kind)).map((l) => l.id) : [];
	return result;
}

/**
 * The same rules from the number of counted links of each kind (what a list needs; `evidence` stays empty).
 */
export function statusFromCounts(
	kinds: Partial<Record<LinkKind, number>>,
	override: StatusOverride | null = null,
	opts: { laterMeetings?: number } = {}
): StatusResult {
	let derived: Status = 'no-trace';
	let explanation =
		opts.laterMeetings === 0
			? 'No trace yet: no later meeting is in the database.'
			: 'No trace yet: no later text linked to it counts (none of the rules for acted on, reiterated or discussed applies).';
	const evidence: string[] = [];
	for (const rule of STATUS_RULES) {
		const n = rule.kinds.reduce((a, k) => a + (kinds[k] ?? 0), 0);
		if (n === 0) continue;
		derived = rule.status;
		explanation = `${capital(STATUS_LABELS[rule.status])}: ${rule.rule} (${n} ${n === 1 ? 'link' : 'links'}).`;
		break;
	}
	if (override) {
		return {
			status: override.status,
			derived,
			explanation: `Set by a curator on ${override.time.slice(0, 10)}${override.note ? `: “${override.note}”` : ''}. The rules give “${STATUS_LABELS[derived]}”.`,
			evidence,
			override
		};
	}
	return { status: derived, derived, explanation, evidence, override: null };
}

function capital(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
