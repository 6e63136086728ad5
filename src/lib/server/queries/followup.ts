/**
 * Recommendations with their follow-up: the linker's links (table followup_link) with the curators' decisions
 * folded in at request time, a status per recommendation, the chain of later recommendations that took one up,
 * and how the recommendations of one meeting fared.
 *
 * Everything is computed once per version of the data (derived tables + decision log) and kept in memory: a
 * page filters and sorts the cached rows. The cache key is read from the data (queries/derived.ts) and from the
 * decision log's stat, so a re-ingest or a curator's decision shows at the next request.
 */
import { error } from '@sveltejs/kit';
import { listValue } from '@duckdb/node-api';
import { z } from 'zod';
import { labelSlug, paragraphAnchor, recommendationAnchor } from '$lib/citation';
import {
	applyDecisions,
	statusOverrides,
	STATUS_VALUES,
	type CuratedLink,
	type Decision,
	type Status
} from '$lib/followup/curation';
import { MAX_YEARS_AHEAD, MIN_LINK_SCORE } from '$lib/followup/linker';
import {
	recommendationStatus,
	statusFromCounts,
	STATUS_LABELS,
	type StatusResult
} from '$lib/followup/status';
import type { FollowupLink, LinkKind } from '$lib/followup/types';
import { query } from '../db';
import { curationDir, readDecisionLog } from '../curation';
import { readFilters, type Filters } from '../filters';
import { DOCUMENT_LABEL_SQL } from './corpus';
import { derivedState, type DerivedState } from './derived';

export interface MeetingInfo {
	id: string;
	documentId: string;
	body: string;
	date: string | null;
	year: number | null;
	/** How the document is cited: symbol, or title and date. */
	source: string;
}

export interface RecRow {
	id: string;
	meetingId: string;
	documentId: string;
	body: string;
	date: string | null;
	year: number | null;
	label: string;
	kind: string;
	section: string | null;
	text: string;
	addressees: string[];
	strength: string | null;
	subjectToExtrabudgetary: boolean;
	paragraph: string | null;
	sortOrder: number;
	topics: { id: string; score: number }[];
}

export interface RecSummary {
	/** Links that count (confirmed, added, or unreviewed at the threshold or above). */
	counted: number;
	/** Unreviewed links below the threshold. */
	possible: number;
	/** Date of the latest meeting with a counted link. */
	lastTrace: string | null;
	/** A curator decided on one of its links or its status. */
	curated: boolean;
}

export interface FollowupState {
	key: string;
	derived: DerivedState;
	meetings: Map<string, MeetingInfo>;
	recs: RecRow[];
	recById: Map<string, RecRow>;
	/** Per recommendation: its counted and possible links (curated), without the links themselves. */
	summary: Map<string, RecSummary>;
	status: Map<string, StatusResult>;
	/** Later meetings (other documents, later dates) per recommendation. */
	laterMeetings: Map<string, number>;
	topics: { id: string; name: string }[];
	decisions: Decision[];
	invalidDecisions: number;
}

let cached: Promise<FollowupState> | null = null;
let cachedKey = '';

function curationVersion(): string {
	return readDecisionLog(curationDir()).version;
}

/** The follow-up of every recommendation, folded with the decisions (cached per data version). */
export async function followupState(): Promise<FollowupState> {
	const derived = await derivedState();
	const key = `${derived.key}|${curationVersion()}`;
	if (cached && cachedKey === key) return cached;
	cachedKey = key;
	const loading = load(derived, key);
	cached = loading;
	// A failed load is not kept: the next request tries again.
	loading.catch(() => {
		if (cached === loading) {
			cached = null;
			cachedKey = '';
		}
	});
	return loading;
}

async function load(derived: DerivedState, key: string): Promise<FollowupState> {
	const [meetingRows, recRows] = await Promise.all([
		query<{
			id: string;
			document_id: string;
			body: string;
			date: string | null;
			year: number | null;
			source: string;
		}>(
			`SELECT m.id, m.document_id, m.body_code AS body, strftime(m.start_date, '%Y-%m-%d') AS date,
			        m.year::INTEGER AS year, ${DOCUMENT_LABEL_SQL} AS source
			   FROM meeting m JOIN document d ON d.id = m.document_id`
		),
		query<{
			id: string;
			meeting_id: string;
			label: string;
			kind: string;
			section: string | null;
			text: string;
			addressees: string[];
			strength: string | null;
			xb: boolean;
			paragraph: string | null;
			ord: number;
		}>(
			`SELECT r.id, r.meeting_id, r.label, r.kind, r.section, r.text, r.addressees, r.strength,
			        r.subject_to_extrabudgetary AS xb, r.paragraph, r.sort_order::INTEGER AS ord
			   FROM recommendation r JOIN meeting m ON m.id = r.meeting_id
			  ORDER BY m.start_date NULLS LAST, m.body_code, r.sort_order`
		)
	]);
	const meetings = new Map<string, MeetingInfo>(
		meetingRows.map((m) => [
			m.id,
			{ id: m.id, documentId: m.document_id, body: m.body, date: m.date, year: m.year, source: m.source }
		])
	);
	let topics: { id: string; name: string }[] = [];
	const recTopics = new Map<string, { id: string; score: number }[]>();
	/** Counted links per kind, possible links and the latest counted meeting, from the table (no curation yet). */
	const counts = new Map<
		string,
		{ kinds: Partial<Record<LinkKind, number>>; possible: number; last: string | null }
	>();
	if (derived.present) {
		const [c, t, a] = await Promise.all([
			// Summed in SQL: a corpus of thousands of reports has hundreds of thousands of links, and a list needs
			// only how many of each kind; a page reads a recommendation's own links when it shows them (linksOf).
			query<{ from_id: string; kind: LinkKind; strong: number; weak: number; last: string | null }>(
				`SELECT l.from_id, l.kind, count(*) FILTER (WHERE l.score >= $min)::INTEGER AS strong,
				        count(*) FILTER (WHERE l.score < $min)::INTEGER AS weak,
				        max(strftime(m.start_date, '%Y-%m-%d')) FILTER (WHERE l.score >= $min) AS last
				   FROM followup_link l JOIN meeting m ON m.id = l.to_meeting_id
				  GROUP BY l.from_id, l.kind`,
				{ min: MIN_LINK_SCORE }
			),
			query<{ id: string; name: string }>(`SELECT id, name FROM topic ORDER BY sort_order`),
			query<{ unit_key: string; topic_id: string; score: number }>(
				`SELECT unit_key, topic_id, score FROM topic_assignment WHERE unit_kind = 'recommendation' ORDER BY score DESC`
			)
		]);
		for (const r of c) {
			const e = counts.get(r.from_id) ?? { kinds: {}, possible: 0, last: null };
			if (r.strong > 0) e.kinds[r.kind] = (e.kinds[r.kind] ?? 0) + r.strong;
			e.possible += r.weak;
			if (r.last && (!e.last || r.last > e.last)) e.last = r.last;
			counts.set(r.from_id, e);
		}
		topics = t;
		for (const r of a) {
			const id = r.unit_key.slice(2);
			recTopics.set(id, [...(recTopics.get(id) ?? []), { id: r.topic_id, score: r.score }]);
		}
	}
	const recs: RecRow[] = [];
	for (const r of recRows) {
		const m = meetings.get(r.meeting_id);
		if (!m) continue;
		recs.push({
			id: r.id,
			meetingId: r.meeting_id,
			documentId: m.documentId,
			body: m.body,
			date: m.date,
			year: m.year,
			label: r.label,
			kind: r.kind,
			section: r.section,
			text: r.text,
			addressees: r.addressees ?? [],
			strength: r.strength,
			subjectToExtrabudgetary: r.xb,
			paragraph: r.paragraph,
			sortOrder: r.ord,
			topics: recTopics.get(r.id) ?? []
		});
	}
	const recById = new Map(recs.map((r) => [r.id, r]));
	const log = readDecisionLog(curationDir());
	const overrides = statusOverrides(log.decisions);
	// Recommendations with a decision on one of their links: their links are read and folded with the decisions.
	const decided = [
		...new Set(log.decisions.filter((d) => d.action !== 'status').map((d) => d.recommendation))
	].filter((id) => recById.has(id));
	const curatedLinks: Map<string, CuratedLink[]> = await readLinks(decided, log.decisions, meetings);
	// Later meetings of other documents: dates sorted once, counted by binary search (not a scan per recommendation).
	const dates = [...meetings.values()]
		.map((m) => m.date)
		.filter((d): d is string => d !== null)
		.sort();
	const laterThan = (date: string) => {
		let lo = 0;
		let hi = dates.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (dates[mid]! <= date) lo = mid + 1;
			else hi = mid;
		}
		return dates.length - lo;
	};
	const ownLater = new Map<string, number>();
	for (const m of meetings.values()) {
		if (!m.date) continue;
		const siblings = [...meetings.values()].filter(
			(x) => x.documentId === m.documentId && x.date && x.date > m.date!
		);
		ownLater.set(m.id, siblings.length);
	}
	const summary = new Map<string, RecSummary>();
	const laterMeetings = new Map<string, number>();
	const status = new Map<string, StatusResult>();
	for (const r of recs) {
		const later = r.date === null ? 0 : laterThan(r.date) - (ownLater.get(r.meetingId) ?? 0);
		laterMeetings.set(r.id, later);
		const override = overrides.get(r.id) ?? null;
		const own = curatedLinks.get(r.id);
		if (own) {
			const counted = own.filter((l) => l.counted);
			const last =
				counted
					.map((l) => meetings.get(l.toMeetingId)?.date ?? '')
					.sort()
					.at(-1) || null;
			summary.set(r.id, {
				counted: counted.length,
				possible: own.filter((l) => !l.counted && l.decision !== 'reject').length,
				lastTrace: last,
				curated: true
			});
			status.set(r.id, recommendationStatus(own, override, { laterMeetings: later }));
		} else {
			const c = counts.get(r.id) ?? { kinds: {}, possible: 0, last: null };
			summary.set(r.id, {
				counted: Object.values(c.kinds).reduce((a, b) => a + (b ?? 0), 0),
				possible: c.possible,
				lastTrace: c.last,
				curated: override !== null
			});
			status.set(r.id, statusFromCounts(c.kinds, override, { laterMeetings: later }));
		}
	}
	return {
		key,
		derived,
		meetings,
		recs,
		recById,
		summary,
		status,
		laterMeetings,
		topics,
		decisions: log.decisions,
		invalidDecisions: log.invalid
	};
}

/** Links of the given recommendations, light (no snippet or reasons), folded with the decisions, best first. */
async function readLinks(
	ids: string[],
	decisions: Decision[],
	meetings: Map<string, MeetingInfo>
): Promise<Map<string, CuratedLink[]>> {
	const out = new Map<string, CuratedLink[]>();
	if (ids.length === 0) return out;
	const wanted = new Set(ids);
	const rows = (await derivedState()).present
		? await query<Record<string, unknown>>(
				`SELECT id, from_id, to_key, to_kind, to_meeting_id, to_document_id, to_label, to_paragraph,
				        to_paragraph_order, to_item, kind, score, '' AS snippet, [] AS reasons
				   FROM followup_link WHERE list_contains($ids, from_id)`,
				{ ids: listValue(ids) }
			)
		: [];
	const curated = applyDecisions(
		rows.map(rowToLink),
		decisions.filter((d) => d.action !== 'status' && wanted.has(d.recommendation)),
		MIN_LINK_SCORE
	).filter((l) => meetings.has(l.toMeetingId));
	for (const id of ids) out.set(id, []);
	for (const l of curated) out.get(l.fromId)?.push(l);
	for (const list of out.values())
		list.sort((a, b) => Number(b.counted) - Number(a.counted) || b.score - a.score);
	return out;
}

/** The curated links (counted, possible and rejected) of some recommendations, best first. */
export async function linksOf(state: FollowupState, ids: string[]): Promise<Map<string, CuratedLink[]>> {
	return readLinks(ids, state.decisions, state.meetings);
}

/**
 * The given links with their evidence (snippet and reasons) read from the table; links a curator added keep the
 * snippet of their decision.
 */
export async function withEvidence<L extends FollowupLink>(links: L[]): Promise<L[]> {
	const ids = links.filter((l) => l.snippet === '').map((l) => l.id);
	if (ids.length === 0) return links;
	const rows = await query<{ id: string; snippet: string; reasons: string[] }>(
		`SELECT id, snippet, reasons FROM followup_link WHERE list_contains($ids, id)`,
		{ ids: listValue(ids) }
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return links.map((l) => {
		const r = byId.get(l.id);
		return r && l.snippet === '' ? { ...l, snippet: r.snippet, reasons: r.reasons ?? [] } : l;
	});
}

function rowToLink(r: Record<string, unknown>): FollowupLink {
	return {
		id: String(r.id),
		fromId: String(r.from_id),
		toKey: String(r.to_key),
		toKind: r.to_kind as FollowupLink['toKind'],
		toMeetingId: String(r.to_meeting_id),
		toDocumentId: String(r.to_document_id),
		toLabel: (r.to_label as string | null) ?? null,
		toParagraph: (r.to_paragraph as string | null) ?? null,
		toParagraphOrder:
			r.to_paragraph_order === null || r.to_paragraph_order === undefined
				? null
				: Number(r.to_paragraph_order),
		toItem: (r.to_item as string | null) ?? null,
		kind: r.kind as LinkKind,
		score: Number(r.score),
		snippet: String(r.snippet),
		reasons: (r.reasons as string[] | null) ?? []
	};
}

// ---------------------------------------------------------------------------------------------
// Addresses

/** The page of a recommendation: `/recommendations/<meeting id>/<label slug>`. */
export function recommendationPath(meetingId: string, label: string): string {
	return `/recommendations/${encodeURIComponent(meetingId)}/${labelSlug(label)}`;
}

/** Where a link's target is on its meeting page. */
export function targetPath(
	l: Pick<FollowupLink, 'toKind' | 'toMeetingId' | 'toLabel' | 'toParagraph' | 'toParagraphOrder'>
): string {
	const base = `/meetings/${encodeURIComponent(l.toMeetingId)}`;
	if (l.toKind === 'recommendation' && l.toLabel) return `${base}#${recommendationAnchor(l.toLabel)}`;
	if (l.toKind === 'paragraph') return `${base}#${paragraphAnchor(l.toParagraph, l.toParagraphOrder ?? 0)}`;
	return `${base}#agenda`;
}

/** "WG.2, 29 May 2023 · para. 30", "WG.3, 9 Oct 2017 · (b)", "WG.3, 19 Oct 2016 · agenda item 6". */
export function targetLabel(l: FollowupLink): string {
	if (l.toKind === 'recommendation') return l.toLabel ?? '';
	if (l.toKind === 'paragraph')
		return l.toParagraph ? `para. ${l.toParagraph}` : `annotation to item ${l.toItem ?? '?'}`;
	return `agenda item ${l.toItem ?? '?'}`;
}

// ---------------------------------------------------------------------------------------------
// The list page

export const SORTS = ['date', 'status', 'links', 'label'] as const;
export type Sort = (typeof SORTS)[number];
export const KINDS = ['recommendation', 'discussion_point'] as const;

export interface RecFilters {
	filters: Filters;
	addressee: string | null;
	strength: string | null;
	topic: string | null;
	status: Status | null;
	meeting: string | null;
	kind: (typeof KINDS)[number] | null;
	sort: Sort;
	dir: 'asc' | 'desc';
}

function bad(param: string, message: string): never {
	error(400, `Invalid value for "${param}": ${message}`);
}

const clip = (v: string) =>
	(v.length > 40 ? `${v.slice(0, 40)}…` : v).replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?');

/** The list's filters from the URL; a value the data does not know is a 400 that lists the known ones. */
export function readRecFilters(url: URL, state: FollowupState, bodies: readonly string[]): RecFilters {
	const filters = readFilters(url, bodies);
	const p = url.searchParams;
	const pick = <T extends string>(name: string, allowed: readonly T[]): T | null => {
		const v = p.get(name);
		if (v === null || v === '') return null;
		if (!(allowed as readonly string[]).includes(v))
			bad(
				name,
				`"${clip(v)}" is not one of ${allowed.slice(0, 30).join(', ')}${allowed.length > 30 ? ', …' : ''}`
			);
		return v as T;
	};
	const addressees = [...new Set(state.recs.flatMap((r) => r.addressees))].sort();
	const strengths = [
		...new Set(state.recs.map((r) => r.strength).filter((s): s is string => s !== null))
	].sort();
	const meetings = [...new Set(state.recs.map((r) => r.meetingId))];
	const sort = z.enum(SORTS).safeParse(p.get('sort') ?? 'date');
	if (!sort.success) bad('sort', `use ${SORTS.join(', ')}`);
	const dir = z
		.enum(['asc', 'desc'])
		.safeParse(p.get('dir') ?? (sort.data === 'date' || sort.data === 'label' ? 'asc' : 'desc'));
	if (!dir.success) bad('dir', 'use asc or desc');
	return {
		filters,
		addressee: pick('addressee', addressees),
		strength: pick('strength', strengths),
		topic: pick(
			'topic',
			state.topics.map((t) => t.id)
		),
		status: pick('status', STATUS_VALUES),
		meeting: pick('meeting', meetings),
		kind: pick('kind', KINDS),
		sort: sort.data,
		dir: dir.data
	};
}

export function recFiltersToParams(f: RecFilters): Record<string, string> {
	const out: Record<string, string> = {};
	if (f.filters.bodies.length) out.body = f.filters.bodies.join(',');
	if (f.filters.from !== null) out.from = String(f.filters.from);
	if (f.filters.to !== null) out.to = String(f.filters.to);
	if (f.addressee) out.addressee = f.addressee;
	if (f.strength) out.strength = f.strength;
	if (f.topic) out.topic = f.topic;
	if (f.status) out.status = f.status;
	if (f.meeting) out.meeting = f.meeting;
	if (f.kind) out.kind = f.kind;
	if (f.sort !== 'date') out.sort = f.sort;
	if (
		!(f.dir === 'asc' && (f.sort === 'date' || f.sort === 'label')) &&
		!(f.dir === 'desc' && (f.sort === 'status' || f.sort === 'links'))
	)
		out.dir = f.dir;
	return out;
}

export interface RecListRow {
	id: string;
	href: string;
	meetingId: string;
	body: string;
	date: string | null;
	year: number | null;
	label: string;
	kind: string;
	text: string;
	addressees: string;
	strength: string | null;
	topics: string;
	status: Status;
	statusLabel: string;
	curated: boolean;
	links: number;
	possible: number;
	/** Latest meeting with counted evidence. */
	lastTrace: string | null;
}

const STATUS_RANK: Record<Status, number> = { 'acted-on': 3, reiterated: 2, discussed: 1, 'no-trace': 0 };

export function listRecommendations(state: FollowupState, f: RecFilters): RecListRow[] {
	const topicName = new Map(state.topics.map((t) => [t.id, t.name]));
	const rows: RecListRow[] = [];
	for (const r of state.recs) {
		if (f.filters.bodies.length && !f.filters.bodies.includes(r.body)) continue;
		if (f.filters.from !== null && (r.year === null || r.year < f.filters.from)) continue;
		if (f.filters.to !== null && (r.year === null || r.year > f.filters.to)) continue;
		if (f.addressee && !r.addressees.includes(f.addressee)) continue;
		if (f.strength && r.strength !== f.strength) continue;
		if (f.topic && !r.topics.some((t) => t.id === f.topic)) continue;
		if (f.meeting && r.meetingId !== f.meeting) continue;
		if (f.kind && r.kind !== f.kind) continue;
		const st = state.status.get(r.id)!;
		if (f.status && st.status !== f.status) continue;
		const sum = state.summary.get(r.id)!;
		rows.push({
			id: r.id,
			href: recommendationPath(r.meetingId, r.label),
			meetingId: r.meetingId,
			body: r.body,
			date: r.date,
			year: r.year,
			label: r.label,
			kind: r.kind,
			text: r.text,
			addressees: r.addressees.join(', '),
			strength: r.strength,
			topics: r.topics.map((t) => topicName.get(t.id) ?? t.id).join('; '),
			status: st.status,
			statusLabel: STATUS_LABELS[st.status],
			curated: sum.curated,
			links: sum.counted,
			possible: sum.possible,
			lastTrace: sum.lastTrace
		});
	}
	const order = state.recs.map((r) => r.id);
	const pos = new Map(order.map((id, i) => [id, i]));
	const cmp: Record<Sort, (a: RecListRow, b: RecListRow) => number> = {
		date: (a, b) => pos.get(a.id)! - pos.get(b.id)!,
		status: (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status],
		links: (a, b) => a.links - b.links,
		label: (a, b) => a.label.localeCompare(b.label, 'en', { numeric: true })
	};
	const sign = f.dir === 'asc' ? 1 : -1;
	// Ties keep the document order, whatever the direction.
	rows.sort((a, b) => sign * cmp[f.sort](a, b) || pos.get(a.id)! - pos.get(b.id)!);
	return rows;
}

/** Bars of the status chart: one per meeting, or per year when there are more than this many meetings. */
export const MAX_MEETING_BARS = 24;

/** Recommendations per meeting (or per year, for many meetings) and status, for the stacked bars. */
export function statusByMeeting(rows: RecListRow[], state: FollowupState) {
	const byYear = new Set(rows.map((r) => r.meetingId)).size > MAX_MEETING_BARS;
	const out = new Map<string, { meeting: string; date: string | null } & Record<Status, number>>();
	for (const r of rows) {
		const m = state.meetings.get(r.meetingId);
		const key = byYear ? String(r.year ?? 'undated') : r.meetingId;
		const c = out.get(key) ?? {
			meeting: byYear ? key : meetingName(m),
			date: byYear ? null : (m?.date ?? null),
			'acted-on': 0,
			reiterated: 0,
			discussed: 0,
			'no-trace': 0
		};
		c[r.status]++;
		out.set(key, c);
	}
	return {
		byYear,
		rows: [...out.values()].sort((a, b) => (byYear ? a.meeting.localeCompare(b.meeting) : 0))
	};
}

/** "WG.2 2013" (with month when a body met twice in a year is not needed: one meeting per body and year). */
export function meetingName(m: MeetingInfo | undefined): string {
	if (!m) return '?';
	return `${m.body} ${m.date ? m.date.slice(0, 7) : (m.year ?? 'undated')}`;
}

// ---------------------------------------------------------------------------------------------
// One recommendation

export interface ThreadEntry {
	link: CuratedLink;
	/** The later recommendation this evidence was found through, when not directly linked. */
	via: { id: string; label: string; meetingId: string; href: string } | null;
}

export interface TimelineMeeting {
	meeting: MeetingInfo;
	entries: ThreadEntry[];
}

/**
 * The recommendation's follow-up across meetings: its own counted links, plus (through each later
 * recommendation that repeats it) that recommendation's counted links, so a chain such as SHERLOC 2013 → 2017 →
 * 2020 → 2023 reads as one thread. Each target appears once, under its meeting, with the strongest evidence.
 */
export async function thread(state: FollowupState, id: string, maxDepth = 4): Promise<TimelineMeeting[]> {
	const byTarget = new Map<string, ThreadEntry>();
	const seen = new Set<string>([id]);
	let frontier: { id: string; via: ThreadEntry['via'] }[] = [{ id, via: null }];
	for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
		const next: typeof frontier = [];
		const links = await linksOf(
			state,
			frontier.map((f) => f.id)
		);
		for (const f of frontier) {
			for (const l of links.get(f.id) ?? []) {
				if (!l.counted) continue;
				const prev = byTarget.get(l.toKey);
				// Direct evidence beats evidence found through a later recommendation; then the better score.
				if (
					!prev ||
					(prev.via !== null && f.via === null) ||
					(!!prev.via === !!f.via && l.score > prev.link.score)
				)
					byTarget.set(l.toKey, { link: l, via: f.via });
				if (l.toKind === 'recommendation' && l.kind === 'reiterated') {
					const target = l.toKey.slice(2);
					const rec = state.recById.get(target);
					if (rec && !seen.has(target)) {
						seen.add(target);
						next.push({
							id: target,
							via: f.via ?? {
								id: rec.id,
								label: rec.label,
								meetingId: rec.meetingId,
								href: recommendationPath(rec.meetingId, rec.label)
							}
						});
					}
				}
			}
		}
		frontier = next;
	}
	const byMeeting = new Map<string, ThreadEntry[]>();
	for (const e of byTarget.values())
		byMeeting.set(e.link.toMeetingId, [...(byMeeting.get(e.link.toMeetingId) ?? []), e]);
	const kindOrder: LinkKind[] = ['resolution', 'implemented', 'reiterated', 'agenda', 'discussed'];
	return [...byMeeting]
		.map(([mid, entries]) => ({
			meeting: state.meetings.get(mid)!,
			entries: entries.sort(
				(a, b) =>
					Number(a.via !== null) - Number(b.via !== null) ||
					kindOrder.indexOf(a.link.kind) - kindOrder.indexOf(b.link.kind) ||
					b.link.score - a.link.score
			)
		}))
		.filter((t) => t.meeting)
		.sort(
			(a, b) =>
				(a.meeting.date ?? '').localeCompare(b.meeting.date ?? '') ||
				a.meeting.body.localeCompare(b.meeting.body)
		);
}

/** A recommendation from its URL parts: the meeting id and the label slug (or the label itself). */
export function findRecommendation(state: FollowupState, meetingId: string, label: string): RecRow | null {
	const inMeeting = state.recs.filter((r) => r.meetingId === meetingId);
	return (
		inMeeting.find((r) => labelSlug(r.label) === label) ?? inMeeting.find((r) => r.label === label) ?? null
	);
}

// ---------------------------------------------------------------------------------------------
// How the recommendations of one meeting fared

/** Later meetings shown in the fate matrix at most (the earliest). */
export const MAX_FATE_MEETINGS = 16;

/** Levels of the fate matrix, from no trace to acted on (they reuse the matrix's lightness steps). */
export const FATE_LEVELS = ['none', 'discussed', 'reiterated', 'acted'] as const;
export type FateLevel = (typeof FATE_LEVELS)[number];

export const FATE_LABELS: Record<FateLevel, string> = {
	none: 'No trace',
	discussed: 'Discussed',
	reiterated: 'Reiterated',
	acted: 'Acted on'
};

function fateOf(kind: LinkKind): FateLevel {
	if (kind === 'implemented' || kind === 'resolution') return 'acted';
	if (kind === 'reiterated') return 'reiterated';
	return 'discussed';
}

export interface FateCell {
	recommendation: string;
	recommendationId: string;
	meeting: string;
	meetingId: string;
	level: FateLevel;
	links: number;
}

/** For each recommendation of `meetingId` and each later meeting, the strongest counted evidence. */
export async function meetingFate(
	state: FollowupState,
	meetingId: string
): Promise<{ later: MeetingInfo[]; cells: FateCell[] }> {
	const m = state.meetings.get(meetingId);
	const recs = state.recs.filter((r) => r.meetingId === meetingId);
	if (!m || m.date === null) return { later: [], cells: [] };
	// The linker looks MAX_YEARS_AHEAD years ahead; the matrix shows at most MAX_FATE_MEETINGS of those meetings.
	const until = `${Number(m.date.slice(0, 4)) + MAX_YEARS_AHEAD}${m.date.slice(4)}`;
	const later = [...state.meetings.values()]
		.filter((x) => x.date !== null && x.date > m.date! && x.date <= until && x.documentId !== m.documentId)
		.sort((a, b) => a.date!.localeCompare(b.date!) || a.body.localeCompare(b.body))
		.slice(0, MAX_FATE_MEETINGS);
	const rank = (l: FateLevel) => FATE_LEVELS.indexOf(l);
	const cells: FateCell[] = [];
	const all = await linksOf(
		state,
		recs.map((r) => r.id)
	);
	for (const r of recs) {
		const links = (all.get(r.id) ?? []).filter((l) => l.counted);
		for (const lm of later) {
			const here = links.filter((l) => l.toMeetingId === lm.id);
			let level: FateLevel = 'none';
			for (const l of here) if (rank(fateOf(l.kind)) > rank(level)) level = fateOf(l.kind);
			cells.push({
				recommendation: r.label,
				recommendationId: r.id,
				meeting: meetingName(lm),
				meetingId: lm.id,
				level,
				links: here.length
			});
		}
	}
	return { later, cells };
}

export { STATUS_LABELS };
