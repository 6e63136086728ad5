/**
 * Recommendations with their follow-up: the linker's links (table followup_link) with the curators' decisions
 * folded in at request time, a status per recommendation, the chain of later recommendations that took one up,
 * and how the recommendations of one meeting fared.
 *
 * The list is paged, filtered and sorted by the database, over `recommendation_followup` (one row per
 * recommendation with its counted links and the status the rules give; see ../recommendation-followup.ts). Curators' decisions touch
 * few recommendations: those are folded here (their links read and the decisions applied, as on their pages)
 * and passed to the list's SQL as one JSON parameter that overrides their summary rows, so a decision shows at
 * the next request and the SQL never holds a value from a request.
 *
 * Kept in memory per version of the data (derived tables + decision log): the meetings (a few thousand), the
 * values the filters accept, and the folded summaries of the curated recommendations. Not kept: the
 * recommendations themselves or their links.
 */
import { error } from '@sveltejs/kit';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { labelSlug, paragraphAnchor, recommendationAnchor } from '$lib/citation';
import {
	applyDecisions,
	statusOverrides,
	STATUS_VALUES,
	type CuratedLink,
	type Decision,
	type Status,
	type StatusOverride
} from '$lib/followup/curation';
import { MAX_YEARS_AHEAD, MIN_LINK_SCORE } from '$lib/followup/linker';
import { recommendationStatus, STATUS_LABELS, type StatusResult } from '$lib/followup/status';
import type { FollowupLink, LinkKind } from '$lib/followup/types';
import { dbPath, query } from '../db';
import { curationDir, readDecisionLog } from '../curation';
import { readFilters, type Filters } from '../filters';
import {
	LINKS_BEFORE_COLUMN,
	RECOMMENDATION_FOLLOWUP_TABLE,
	recommendationFollowupSql
} from '../recommendation-followup';
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

/**
 * A recommendation a curator decided on, as the list's SQL takes it (`folded`: its links were read and the
 * decisions applied, so `counted`, `possible` and `last` replace the summary's; otherwise only the status does).
 */
export interface CuratedSummary {
	id: string;
	status: Status;
	folded: boolean;
	counted: number | null;
	possible: number | null;
	last: string | null;
	/** Every link after the decisions (counted, possible and rejected). */
	all: number | null;
}

export interface FollowupState {
	key: string;
	derived: DerivedState;
	meetings: Map<string, MeetingInfo>;
	topics: { id: string; name: string }[];
	/** The values `readRecFilters` accepts (the data's own), sorted. */
	choices: { addressees: string[]; strengths: string[]; meetingIds: string[] };
	decisions: Decision[];
	invalidDecisions: number;
	overrides: Map<string, StatusOverride>;
	curated: CuratedSummary[];
	/**
	 * The summary rows: the derived table, or the same rows as a subquery (and its parameters) without it;
	 * `linksBefore`: the table numbers the links in document order (see recommendation-followup.ts).
	 */
	summary: { sql: string; params: Record<string, DuckDBValue>; table: boolean; linksBefore: boolean };
}

interface Base {
	key: string;
	derived: DerivedState;
	meetings: Map<string, MeetingInfo>;
	topics: { id: string; name: string }[];
	choices: FollowupState['choices'];
	summary: FollowupState['summary'];
}

let base: { key: string; value: Promise<Base> } | null = null;
let state: { key: string; value: Promise<FollowupState> } | null = null;

/** `load()` once per key; a failure is not kept, so the next request tries again. */
function cachedBy<T>(
	slot: { key: string; value: Promise<T> } | null,
	key: string,
	load: () => Promise<T>,
	keep: (s: { key: string; value: Promise<T> } | null) => void
): Promise<T> {
	if (slot && slot.key === key) return slot.value;
	const value = load();
	const entry = { key, value };
	keep(entry);
	value.catch(() => keep(null));
	return value;
}

/** Meetings, topics and filter values, read once per version of the data. */
function followupBase(derived: DerivedState): Promise<Base> {
	const key = `${dbPath()}|${derived.key}`;
	return cachedBy(
		base,
		key,
		() => loadBase(derived, key),
		(s) => (base = s)
	);
}

/**
 * The follow-up context of a request: cached per version of the data and of the decision log. A caller that has
 * read the derivation's state for this request passes it (two catalog queries fewer).
 */
export async function followupState(derived?: DerivedState): Promise<FollowupState> {
	derived ??= await derivedState();
	const b = await followupBase(derived);
	const log = readDecisionLog(curationDir());
	const key = `${b.key}|${log.version}`;
	return cachedBy(
		state,
		key,
		() => loadState(b, log, key),
		(s) => (state = s)
	);
}

async function loadBase(derived: DerivedState, key: string): Promise<Base> {
	const [meetingRows, addressees, strengths, meetingIds, tables, topics] = await Promise.all([
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
			   FROM meeting m JOIN document d ON d.id = m.document_id
			  ORDER BY m.start_date NULLS LAST, m.body_code, m.id`
		),
		query<{ v: string }>(`SELECT DISTINCT unnest(addressees) AS v FROM recommendation ORDER BY v`),
		query<{ v: string }>(
			`SELECT DISTINCT strength AS v FROM recommendation WHERE strength IS NOT NULL ORDER BY v`
		),
		query<{ v: string }>(
			`SELECT r.meeting_id AS v FROM recommendation r JOIN meeting m ON m.id = r.meeting_id
			  GROUP BY r.meeting_id ORDER BY min(m.start_date) NULLS LAST, min(m.body_code), r.meeting_id`
		),
		query<{ n: number; numbered: number }>(
			`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE column_name = $column)::INTEGER AS numbered
			   FROM duckdb_columns()
			  WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $name`,
			{ name: RECOMMENDATION_FOLLOWUP_TABLE, column: LINKS_BEFORE_COLUMN }
		),
		derived.present
			? query<{ id: string; name: string }>(`SELECT id, name FROM topic ORDER BY sort_order`)
			: Promise.resolve([])
	]);
	const meetings = new Map<string, MeetingInfo>(
		meetingRows.map((m) => [
			m.id,
			{ id: m.id, documentId: m.document_id, body: m.body, date: m.date, year: m.year, source: m.source }
		])
	);
	const hasTable = derived.present && (tables[0]?.n ?? 0) > 0;
	const numbered = hasTable && (tables[0]?.numbered ?? 0) > 0;
	return {
		key,
		derived,
		meetings,
		topics,
		choices: {
			addressees: addressees.map((r) => r.v),
			strengths: strengths.map((r) => r.v),
			meetingIds: meetingIds.map((r) => r.v)
		},
		summary: hasTable
			? { sql: RECOMMENDATION_FOLLOWUP_TABLE, params: {}, table: true, linksBefore: numbered }
			: {
					sql: `(${recommendationFollowupSql(derived.present)})`,
					params: { min: MIN_LINK_SCORE },
					table: false,
					linksBefore: false
				}
	};
}

async function loadState(
	b: Base,
	log: ReturnType<typeof readDecisionLog>,
	key: string
): Promise<FollowupState> {
	const overrides = statusOverrides(log.decisions);
	const named = [...new Set(log.decisions.map((d) => d.recommendation))];
	// Decisions about recommendations no longer in the database are kept in the log but fold over nothing.
	const present = new Set(
		named.length === 0
			? []
			: (
					await query<{ id: string }>(
						`SELECT id FROM recommendation WHERE id IN (SELECT unnest($ids::VARCHAR[]))`,
						{ ids: listValue(named) }
					)
				).map((r) => r.id)
	);
	const decided = [
		...new Set(log.decisions.filter((d) => d.action !== 'status').map((d) => d.recommendation))
	].filter((id) => present.has(id));
	const folded = await readLinks(b.derived, decided, log.decisions, b.meetings, {
		snippet: false,
		reasons: false
	});
	const curated: CuratedSummary[] = [];
	for (const id of named) {
		if (!present.has(id)) continue;
		const override = overrides.get(id) ?? null;
		const own = folded.get(id);
		if (own) {
			const counted = own.filter((l) => l.counted);
			curated.push({
				id,
				status: recommendationStatus(own, override).status,
				folded: true,
				counted: counted.length,
				possible: own.filter((l) => !l.counted && l.decision !== 'reject').length,
				last:
					counted
						.map((l) => b.meetings.get(l.toMeetingId)?.date ?? '')
						.sort()
						.at(-1) || null,
				all: own.length
			});
		} else if (override) {
			curated.push({
				id,
				status: override.status,
				folded: false,
				counted: null,
				possible: null,
				last: null,
				all: null
			});
		}
	}
	return {
		key,
		derived: b.derived,
		meetings: b.meetings,
		topics: b.topics,
		choices: b.choices,
		decisions: log.decisions,
		invalidDecisions: log.invalid,
		overrides,
		curated,
		summary: b.summary
	};
}

// ---------------------------------------------------------------------------------------------
// Links

/** Lists of ids up to this long are looked up with a filter in the scan; longer ones with a join. */
const SHORT_LIST = 64;

const LINK_COLUMNS = `l.id, l.from_id, l.to_key, l.to_kind, l.to_meeting_id, l.to_document_id, l.to_label,
	l.to_paragraph, l.to_paragraph_order, l.to_item, l.kind, l.score`;

/** Which evidence of a link to read besides its target: its snippet, and the reasons the linker gives. */
interface Evidence {
	snippet: boolean;
	reasons: boolean;
}

/**
 * Links of the given recommendations folded with the decisions, best first, with the evidence asked for (an empty
 * snippet and no reasons otherwise). Read by recommendation (an index lookup, not a scan of every link).
 */
async function readLinks(
	derived: DerivedState,
	ids: string[],
	decisions: Decision[],
	meetings: Map<string, MeetingInfo>,
	evidence: Evidence
): Promise<Map<string, CuratedLink[]>> {
	const out = new Map<string, CuratedLink[]>();
	if (ids.length === 0) return out;
	const wanted = new Set(ids);
	const columns = `${LINK_COLUMNS}, ${evidence.snippet ? 'l.snippet' : `'' AS snippet`}, ${evidence.reasons ? 'l.reasons' : '[]::VARCHAR[] AS reasons'}`;
	// One id is an index lookup (recommendation-followup.ts); a short list a filter in the scan, which reads the other columns of matching rows only (about 10 ms for
	// 20 recommendations among 2 million links); a long one (exports) a hash join, which costs one scan whatever
	// its length.
	const rows = !derived.present
		? []
		: await query<Record<string, unknown>>(
				ids.length === 1
					? `SELECT ${columns} FROM followup_link l WHERE l.from_id = $id`
					: ids.length <= SHORT_LIST
						? `SELECT ${columns} FROM followup_link l WHERE list_contains($ids, l.from_id)`
						: `SELECT ${columns} FROM followup_link l WHERE l.from_id IN (SELECT unnest($ids::VARCHAR[]))`,
				ids.length === 1 ? { id: ids[0]! } : { ids: listValue(ids) }
			);
	const curated = applyDecisions(
		rows.map(rowToLink),
		decisions.filter((d) => d.action !== 'status' && wanted.has(d.recommendation)),
		MIN_LINK_SCORE
	).filter((l) => meetings.has(l.toMeetingId));
	for (const id of ids) out.set(id, []);
	for (const l of curated) out.get(l.fromId)?.push(l);
	for (const list of out.values()) list.sort(linkOrder);
	return out;
}

/** Counted links first, then the higher score. */
function linkOrder(a: CuratedLink, b: CuratedLink): number {
	return Number(b.counted) - Number(a.counted) || b.score - a.score || a.id.localeCompare(b.id);
}

/** The curated links (counted, possible and rejected) of some recommendations, best first. */
export async function linksOf(
	state: FollowupState,
	ids: string[],
	opts: { evidence?: boolean } = {}
): Promise<Map<string, CuratedLink[]>> {
	const evidence = opts.evidence ?? false;
	return readLinks(state.derived, ids, state.decisions, state.meetings, {
		snippet: evidence,
		reasons: evidence
	});
}

/**
 * The given links with their evidence (snippet and reasons) read from the table; links a curator added keep the
 * snippet of their decision.
 */
export async function withEvidence<L extends FollowupLink>(links: L[]): Promise<L[]> {
	const missing = links.filter((l) => l.snippet === '');
	if (missing.length === 0) return links;
	// Filtered in the scan by recommendation, then by link id among those few rows.
	const from = [...new Set(missing.map((l) => l.fromId))];
	const rows = await query<{ id: string; snippet: string; reasons: string[] }>(
		from.length <= SHORT_LIST
			? `SELECT id, snippet, reasons FROM followup_link
			    WHERE list_contains($from, from_id) AND list_contains($ids, id)`
			: `SELECT id, snippet, reasons FROM followup_link
			    WHERE from_id IN (SELECT unnest($from::VARCHAR[])) AND id IN (SELECT unnest($ids::VARCHAR[]))`,
		{ from: listValue(from), ids: listValue(missing.map((l) => l.id)) }
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
		snippet: String(r.snippet ?? ''),
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
export function targetLabel(l: Pick<FollowupLink, 'toKind' | 'toLabel' | 'toParagraph' | 'toItem'>): string {
	if (l.toKind === 'recommendation') return l.toLabel ?? '';
	if (l.toKind === 'paragraph')
		return l.toParagraph ? `para. ${l.toParagraph}` : `annotation to item ${l.toItem ?? '?'}`;
	return `agenda item ${l.toItem ?? '?'}`;
}

// ---------------------------------------------------------------------------------------------
// The list

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
	const sort = z.enum(SORTS).safeParse(p.get('sort') ?? 'date');
	if (!sort.success) bad('sort', `use ${SORTS.join(', ')}`);
	const dir = z
		.enum(['asc', 'desc'])
		.safeParse(p.get('dir') ?? (sort.data === 'date' || sort.data === 'label' ? 'asc' : 'desc'));
	if (!dir.success) bad('dir', 'use asc or desc');
	return {
		filters,
		addressee: pick('addressee', state.choices.addressees),
		strength: pick('strength', state.choices.strengths),
		topic: pick(
			'topic',
			state.topics.map((t) => t.id)
		),
		status: pick('status', STATUS_VALUES),
		meeting: pick('meeting', state.choices.meetingIds),
		kind: pick('kind', KINDS),
		sort: sort.data,
		dir: dir.data
	};
}

/** Most rows one page of the list or of the API holds. */
export const MAX_LIMIT = 1000;

export interface Paging {
	limit: number;
	offset: number;
}

/** `?limit=&offset=` (the API) validated; `fallbackLimit` when no limit is given. */
export function readPaging(url: URL, fallbackLimit: number): Paging {
	const p = url.searchParams;
	const limit = z.coerce
		.number()
		.int()
		.min(1)
		.max(MAX_LIMIT)
		.safeParse(p.get('limit') || String(fallbackLimit));
	if (!limit.success) bad('limit', `use a whole number from 1 to ${MAX_LIMIT}`);
	const offset = z.coerce
		.number()
		.int()
		.min(0)
		.max(10_000_000)
		.safeParse(p.get('offset') || '0');
	if (!offset.success) bad('offset', 'use a whole number from 0');
	return { limit: limit.data, offset: offset.data };
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

const CURATED_TYPE = JSON.stringify([
	{
		id: 'VARCHAR',
		status: 'VARCHAR',
		folded: 'BOOLEAN',
		counted: 'INTEGER',
		possible: 'INTEGER',
		last: 'VARCHAR',
		all: 'INTEGER'
	}
]);

/** Document order (meeting date, undated last; body; place in the report), numbered in the table. */
const DOCUMENT_ORDER = 'v.pos ASC';
const DOCUMENT_ORDER_DESC = 'v.pos DESC';
const STATUS_RANK_SQL = `CASE v.status WHEN 'acted-on' THEN 3 WHEN 'reiterated' THEN 2 WHEN 'discussed' THEN 1 ELSE 0 END`;

/** ORDER BY of a sort: its key in the direction asked, ties in document order whatever the direction. */
function orderSql(f: RecFilters): string {
	if (f.sort === 'date') return f.dir === 'asc' ? DOCUMENT_ORDER : DOCUMENT_ORDER_DESC;
	const key = { status: STATUS_RANK_SQL, links: 'v.links', label: 'v.label_rank' }[f.sort];
	return `${key} ${f.dir === 'asc' ? 'ASC' : 'DESC'}, ${DOCUMENT_ORDER}`;
}

/**
 * The filtered recommendations as CTE `v` (one row per recommendation, with its status and counts after the
 * curators' decisions), and its parameters. The SQL text depends only on which filters are set; the values
 * are bound.
 */
function viewSql(state: FollowupState, f: RecFilters): { cte: string; params: Record<string, DuckDBValue> } {
	const where: string[] = [];
	const params: Record<string, DuckDBValue> = {
		curated: JSON.stringify(state.curated),
		...state.summary.params
	};
	const add = (sql: string, name: string, value: DuckDBValue) => {
		where.push(sql);
		params[name] = value;
	};
	if (f.filters.bodies.length)
		add(`list_contains(string_split($bodies, ','), t.body)`, 'bodies', f.filters.bodies.join(','));
	if (f.filters.from !== null) add('t.year >= $from', 'from', f.filters.from);
	if (f.filters.to !== null) add('t.year <= $to', 'to', f.filters.to);
	if (f.addressee) add('list_contains(t.addressees, $addressee)', 'addressee', f.addressee);
	if (f.strength) add('t.strength = $strength', 'strength', f.strength);
	if (f.topic) add('list_contains(t.topic_ids, $topic)', 'topic', f.topic);
	if (f.meeting) add('t.meeting_id = $meeting', 'meeting', f.meeting);
	if (f.kind) add('t.kind = $kind', 'kind', f.kind);
	if (f.status) add('coalesce(c.status, t.status) = $status', 'status', f.status);
	const cte = `WITH c AS (SELECT unnest(from_json($curated, '${CURATED_TYPE}'), recursive := true)),
	v AS (
		SELECT t.pos, t.label_rank, t.id, t.meeting_id, t.document_id, t.body, t.date, t.year, t.label, t.kind,
		       t.text, t.addressees, t.strength, t.topics,
		       coalesce(c.status, t.status) AS status, c.id IS NOT NULL AS curated,
		       CASE WHEN c.folded THEN c.counted ELSE t.counted END AS links,
		       CASE WHEN c.folded THEN c.possible ELSE t.possible END AS possible,
		       CASE WHEN c.folded THEN c.last ELSE t.last_trace END AS last_trace,
		       CASE WHEN c.folded THEN c.all ELSE t.counted + t.possible END AS all_links
		  FROM ${state.summary.sql} t
		  LEFT JOIN c ON c.id = t.id
		 ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
	)`;
	return { cte, params };
}

interface ListRowSql {
	pos: number;
	id: string;
	meeting_id: string;
	body: string;
	date: string | null;
	year: number | null;
	label: string;
	kind: string;
	text: string;
	addressees: string[] | null;
	strength: string | null;
	topics: string;
	status: Status;
	curated: boolean;
	links: number;
	possible: number;
	last_trace: string | null;
	total: number;
}

function toListRow(r: ListRowSql): RecListRow {
	return {
		id: r.id,
		href: recommendationPath(r.meeting_id, r.label),
		meetingId: r.meeting_id,
		body: r.body,
		date: r.date,
		year: r.year,
		label: r.label,
		kind: r.kind,
		text: r.text,
		addressees: (r.addressees ?? []).join(', '),
		strength: r.strength,
		topics: r.topics,
		status: r.status,
		statusLabel: STATUS_LABELS[r.status],
		curated: r.curated,
		links: r.links,
		possible: r.possible,
		lastTrace: r.last_trace
	};
}

export interface RecPage {
	rows: RecListRow[];
	/** Recommendations matching the filters, over all pages. */
	total: number;
}

/**
 * One page of the list, in the order asked, with how many match in all (`total: false`: without, -1, for a
 * caller that counts them otherwise).
 */
export async function listRecommendations(
	state: FollowupState,
	f: RecFilters,
	page: Paging,
	opts: { total: boolean } = { total: true }
): Promise<RecPage> {
	const { cte, params } = viewSql(state, f);
	const columns = `v.pos, v.id, v.meeting_id, v.body, v.date, v.year, v.label, v.kind, v.text, v.addressees,
		v.strength, v.topics, v.status, v.curated, v.links, v.possible, v.last_trace`;
	const count = opts.total ? ', count(*) OVER () AS total' : '';
	const cut = { ...params, limit: page.limit, offset: page.offset };
	let rows: ListRowSql[] | null = null;
	let total = -1;
	if (state.summary.table) {
		// The page's places first (the database sorts integers over narrow columns), then its rows by place: the
		// text is read for the rows shown, not for every matching one.
		const order = await query<{ pos: number; id: string; total: number }>(
			`${cte} SELECT v.pos, v.id${count} FROM v ORDER BY ${orderSql(f)} LIMIT $limit OFFSET $offset`,
			cut
		);
		total = order[0]?.total ?? -1;
		const found = new Map(
			(order.length === 0
				? []
				: await query<ListRowSql>(
						`${cte} SELECT ${columns} FROM v WHERE v.pos IN (SELECT unnest($pos::INTEGER[]))`,
						{ ...params, pos: listValue(order.map((o) => o.pos)) }
					)
			).map((r) => [r.pos, r])
		);
		const inOrder = order.map((o) => found.get(o.pos)).filter((r) => r !== undefined);
		// A database swapped in between the two queries numbers its rows otherwise: then read them in one query.
		if (inOrder.length === order.length && inOrder.every((r, i) => r.id === order[i]!.id)) rows = inOrder;
	}
	if (rows === null) {
		rows = await query<ListRowSql>(
			`${cte} SELECT ${columns}${count} FROM v ORDER BY ${orderSql(f)} LIMIT $limit OFFSET $offset`,
			cut
		);
		total = rows[0]?.total ?? -1;
	}
	if (!opts.total) return { rows: rows.map(toListRow), total: -1 };
	if (rows.length > 0) return { rows: rows.map(toListRow), total };
	return { rows: [], total: page.offset === 0 ? 0 : await countRecommendations(state, f) };
}

/** How many recommendations match the filters. */
export async function countRecommendations(state: FollowupState, f: RecFilters): Promise<number> {
	const { cte, params } = viewSql(state, f);
	const [row] = await query<{ n: number }>(`${cte} SELECT count(*)::INTEGER AS n FROM v`, params);
	return row?.n ?? 0;
}

/** Every matching recommendation, in the order asked, `size` at a time (for exports). */
export async function* allRecommendations(
	state: FollowupState,
	f: RecFilters,
	size = 5000
): AsyncGenerator<RecListRow[]> {
	for (let offset = 0; ; offset += size) {
		const page = await listRecommendations(state, f, { limit: size, offset }, { total: false });
		if (page.rows.length > 0) yield page.rows;
		if (page.rows.length < size) return;
	}
}

/** A link of the list of links, with the recommendation it comes from. */
export interface ListedLink {
	rec: { id: string; meetingId: string; body: string; date: string | null; label: string };
	link: CuratedLink;
}

interface LinkedRecSql {
	id: string;
	meeting_id: string;
	body: string;
	date: string | null;
	label: string;
	start: number;
	total: number;
}

async function listedLinks(state: FollowupState, recs: LinkedRecSql[]): Promise<ListedLink[]> {
	const links = await linksOf(
		state,
		recs.map((r) => r.id),
		{ evidence: true }
	);
	return recs.flatMap((r) =>
		(links.get(r.id) ?? []).map((link) => ({
			rec: { id: r.id, meetingId: r.meeting_id, body: r.body, date: r.date, label: r.label },
			link
		}))
	);
}

/**
 * One page of the links of the matching recommendations (in document order; a recommendation's links counted
 * first, then by score), and how many there are in all. The database counts the links of each recommendation
 * (summary rows) and finds the few recommendations the page falls in; only their links are read.
 */
export async function listLinks(
	state: FollowupState,
	f: RecFilters,
	page: Paging
): Promise<{ rows: ListedLink[]; total: number }> {
	if (state.summary.linksBefore && unfiltered(f) && !state.curated.some((c) => c.folded))
		return linksInRange(state, page);
	const { cte, params } = viewSql(state, f);
	// The running count of links over narrow integer columns finds the recommendations the page falls in; their
	// names are read by place afterwards.
	const spans = await query<{ pos: number; start: number; total: number }>(
		`${cte},
		w AS (SELECT v.pos, v.all_links AS n,
		             sum(v.all_links) OVER (ORDER BY ${DOCUMENT_ORDER} ROWS UNBOUNDED PRECEDING) AS upto,
		             sum(v.all_links) OVER () AS total
		        FROM v WHERE v.all_links > 0)
		SELECT pos, (upto - n)::BIGINT AS start, total::BIGINT AS total FROM w
		 WHERE upto > $offset AND upto - n < $offset + $limit
		 ORDER BY start`,
		{ ...params, limit: page.limit, offset: page.offset }
	);
	const named = new Map(
		(spans.length === 0
			? []
			: await query<LinkedRecSql & { pos: number }>(
					`${cte} SELECT v.pos, v.id, v.meeting_id, v.body, v.date, v.label FROM v
					  WHERE v.pos IN (SELECT unnest($pos::INTEGER[]))`,
					{ ...params, pos: listValue(spans.map((s) => s.pos)) }
				)
		).map((r) => [r.pos, r])
	);
	const recs = spans.flatMap((s) => {
		const r = named.get(s.pos);
		return r ? [{ ...r, start: s.start, total: s.total }] : [];
	});
	if (recs.length === 0) {
		const [row] = await query<{ n: number }>(
			`${cte} SELECT coalesce(sum(all_links), 0)::BIGINT AS n FROM v`,
			params
		);
		return { rows: [], total: row?.n ?? 0 };
	}
	const skip = page.offset - recs[0]!.start;
	return {
		rows: (await listedLinks(state, recs)).slice(skip, skip + page.limit),
		total: recs[0]!.total
	};
}

/** No filter narrows the list (sorting does not matter to the links, always in document order). */
function unfiltered(f: RecFilters): boolean {
	return (
		f.filters.bodies.length === 0 &&
		f.filters.from === null &&
		f.filters.to === null &&
		!f.addressee &&
		!f.strength &&
		!f.topic &&
		!f.status &&
		!f.meeting &&
		!f.kind
	);
}

/**
 * `listLinks` over every recommendation when no curator's decision changed how many links one has: the table
 * numbers the links in document order (links_before, rising with pos), so the recommendations a page falls in are
 * a range of it, read with their names in one query instead of a running sum over every recommendation (20 ms
 * at 1,000x).
 */
async function linksInRange(
	state: FollowupState,
	page: Paging
): Promise<{ rows: ListedLink[]; total: number }> {
	const range = { limit: page.limit, offset: page.offset };
	const table = RECOMMENDATION_FOLLOWUP_TABLE;
	const recs = await query<LinkedRecSql>(
		`SELECT t.id, t.meeting_id, t.body, t.date, t.label, t.${LINKS_BEFORE_COLUMN} AS start,
		        (SELECT sum(counted + possible) FROM ${table})::BIGINT AS total
		   FROM ${table} t
		  WHERE t.counted + t.possible > 0 AND t.${LINKS_BEFORE_COLUMN} < $offset + $limit
		    AND t.${LINKS_BEFORE_COLUMN} + t.counted + t.possible > $offset
		  ORDER BY t.pos`,
		range
	);
	if (recs.length === 0) {
		const [row] = await query<{ n: number }>(
			`SELECT coalesce(sum(counted + possible), 0)::BIGINT AS n FROM ${table}`
		);
		return { rows: [], total: row?.n ?? 0 };
	}
	const skip = page.offset - recs[0]!.start;
	return {
		rows: (await listedLinks(state, recs)).slice(skip, skip + page.limit),
		total: recs[0]!.total
	};
}

/**
 * Every link of the matching recommendations, in the order of `listLinks`, in batches of about `linksPerBatch`
 * links (whole recommendations). Batches are sized by links, not recommendations: a batch of 1,000 recommendations
 * held some 24,000 links with their evidence, about 60 MB of the server's 128 MB heap while it was written out, and
 * three exports at once at 100× ended the server.
 */
export async function* allLinks(
	state: FollowupState,
	f: RecFilters,
	linksPerBatch = 2000
): AsyncGenerator<ListedLink[]> {
	const { cte, params } = viewSql(state, f);
	const recs = await query<LinkedRecSql & { n: number }>(
		`${cte}
		SELECT v.id, v.meeting_id, v.body, v.date, v.label, 0 AS start,
		       0 AS total, v.all_links::INTEGER AS n
		  FROM v WHERE v.all_links > 0 ORDER BY ${DOCUMENT_ORDER}`,
		params
	);
	for (let i = 0; i < recs.length;) {
		let links = 0;
		let end = i;
		while (end < recs.length && (end === i || links + recs[end]!.n <= linksPerBatch)) links += recs[end++]!.n;
		const rows = await listedLinks(state, recs.slice(i, end));
		if (rows.length > 0) yield rows;
		i = end;
	}
}

/** Bars of the status chart: one per meeting, or per year when there are more than this many meetings. */
export const MAX_MEETING_BARS = 24;

/** Most documents a source line names one by one (beyond, it says how many of which bodies and years). */
export const MAX_SOURCES_LISTED = 12;

export type StatusBar = { meeting: string; date: string | null } & Record<Status, number>;

export interface StatusChart {
	byYear: boolean;
	rows: StatusBar[];
	total: number;
	documents: {
		ids: string[] | null;
		count: number;
		bodies: string[];
		from: number | null;
		to: number | null;
	};
}

/** Charts computed, per version of the data and decisions and per filters (an aggregate over every match). */
const charts = new Map<string, Promise<StatusChart>>();
const MAX_CHARTS = 100;

/**
 * Matching recommendations per meeting (or per year, for many meetings) and status, for the stacked bars, with
 * the documents they come from: all of them when few, else how many. Kept per version of the data and of the
 * decision log (state.key): paging and sorting the list does not count every match again.
 */
export function statusByMeeting(state: FollowupState, f: RecFilters): Promise<StatusChart> {
	const key = JSON.stringify([state.key, { ...f, sort: null, dir: null }]);
	let hit = charts.get(key);
	if (hit) {
		charts.delete(key);
		charts.set(key, hit);
		return hit;
	}
	hit = computeStatusChart(state, f);
	charts.set(key, hit);
	hit.catch(() => charts.delete(key));
	while (charts.size > MAX_CHARTS) charts.delete(charts.keys().next().value!);
	return hit;
}

async function computeStatusChart(state: FollowupState, f: RecFilters): Promise<StatusChart> {
	const { cte, params } = viewSql(state, f);
	const [row] = await query<{
		by_year: boolean;
		docs: number;
		doc_ids: string[] | null;
		bodies: string[] | null;
		min_year: number | null;
		max_year: number | null;
		bars: { key: string | null; status: Status; n: number }[] | null;
	}>(
		`${cte},
		g AS (SELECT meeting_id, document_id, body, year, status, count(*)::INTEGER AS n FROM v GROUP BY ALL),
		k AS (SELECT count(DISTINCT meeting_id) > $bars AS by_year, count(DISTINCT document_id)::INTEGER AS docs,
		             CASE WHEN count(DISTINCT document_id) <= $listed THEN list(DISTINCT document_id) END AS doc_ids,
		             list(DISTINCT body) AS bodies, min(year) AS min_year, max(year) AS max_year
		        FROM g),
		b AS (SELECT CASE WHEN k.by_year THEN g.year::VARCHAR ELSE g.meeting_id END AS key, g.status,
		             sum(g.n)::INTEGER AS n
		        FROM g CROSS JOIN k GROUP BY ALL)
		SELECT k.*, (SELECT list({'key': key, 'status': status, 'n': n}) FROM b) AS bars FROM k`,
		{ ...params, bars: MAX_MEETING_BARS, listed: MAX_SOURCES_LISTED }
	);
	const byYear = row?.by_year ?? false;
	const out = new Map<string, StatusBar>();
	let total = 0;
	for (const bar of row?.bars ?? []) {
		const key = bar.key ?? 'undated';
		const m = byYear ? undefined : state.meetings.get(key);
		const c = out.get(key) ?? {
			meeting: byYear ? key : meetingName(m),
			date: byYear ? null : (m?.date ?? null),
			'acted-on': 0,
			reiterated: 0,
			discussed: 0,
			'no-trace': 0
		};
		c[bar.status] += bar.n;
		total += bar.n;
		out.set(key, c);
	}
	// Meetings in document order (the meetings map is), years in order, undated last.
	const order = byYear
		? [...out.keys()].sort((a, b) => a.localeCompare(b))
		: [...state.meetings.keys()].filter((id) => out.has(id));
	return {
		byYear,
		rows: order.map((k) => out.get(k)!),
		total,
		documents: {
			ids: row?.doc_ids ?? null,
			count: row?.docs ?? 0,
			bodies: [...(row?.bodies ?? [])].sort(),
			from: row?.min_year ?? null,
			to: row?.max_year ?? null
		}
	};
}

/** "WG.2 2013-10" (year and month: one meeting per body and month). */
export function meetingName(m: MeetingInfo | undefined): string {
	if (!m) return '?';
	return `${m.body} ${m.date ? m.date.slice(0, 7) : (m.year ?? 'undated')}`;
}

/** The status of some recommendations after the curators' decisions, with their addresses (for other pages). */
export async function recommendationStatuses(
	state: FollowupState,
	ids: string[]
): Promise<Map<string, { id: string; meetingId: string; label: string; href: string; status: Status }>> {
	const out = new Map<
		string,
		{ id: string; meetingId: string; label: string; href: string; status: Status }
	>();
	if (ids.length === 0) return out;
	const params: Record<string, DuckDBValue> = {
		curated: JSON.stringify(state.curated),
		ids: listValue([...new Set(ids)]),
		...state.summary.params
	};
	const rows = await query<{ id: string; meeting_id: string; label: string; status: Status }>(
		`WITH c AS (SELECT unnest(from_json($curated, '${CURATED_TYPE}'), recursive := true))
		SELECT t.id, t.meeting_id, t.label, coalesce(c.status, t.status) AS status
		  FROM ${state.summary.sql} t LEFT JOIN c ON c.id = t.id
		 WHERE t.id IN (SELECT unnest($ids::VARCHAR[]))`,
		params
	);
	for (const r of rows)
		out.set(r.id, {
			id: r.id,
			meetingId: r.meeting_id,
			label: r.label,
			href: recommendationPath(r.meeting_id, r.label),
			status: r.status
		});
	return out;
}

// ---------------------------------------------------------------------------------------------
// One recommendation

const REC_SQL = `SELECT r.id, r.meeting_id, m.document_id, m.body_code AS body,
	        strftime(m.start_date, '%Y-%m-%d') AS date, m.year::INTEGER AS year, r.label, r.kind, r.section, r.text,
	        r.addressees, r.strength, r.subject_to_extrabudgetary AS xb, r.paragraph, r.sort_order::INTEGER AS ord
	   FROM recommendation r JOIN meeting m ON m.id = r.meeting_id`;

interface RecSql {
	id: string;
	meeting_id: string;
	document_id: string;
	body: string;
	date: string | null;
	year: number | null;
	label: string;
	kind: string;
	section: string | null;
	text: string;
	addressees: string[] | null;
	strength: string | null;
	xb: boolean;
	paragraph: string | null;
	ord: number;
}

async function recRows(state: FollowupState, rows: RecSql[]): Promise<RecRow[]> {
	if (rows.length === 0) return [];
	const topics = state.derived.present
		? await query<{ unit_key: string; topic_id: string; score: number }>(
				`SELECT unit_key, topic_id, score FROM topic_assignment
				  WHERE unit_kind = 'recommendation' AND unit_key IN (SELECT unnest($keys::VARCHAR[]))
				  ORDER BY score DESC, topic_id`,
				{ keys: listValue(rows.map((r) => `r:${r.id}`)) }
			)
		: [];
	return rows.map((r) => ({
		id: r.id,
		meetingId: r.meeting_id,
		documentId: r.document_id,
		body: r.body,
		date: r.date,
		year: r.year,
		label: r.label,
		kind: r.kind,
		section: r.section,
		text: r.text,
		addressees: r.addressees ?? [],
		strength: r.strength,
		subjectToExtrabudgetary: r.xb,
		paragraph: r.paragraph,
		sortOrder: r.ord,
		topics: topics.filter((t) => t.unit_key === `r:${r.id}`).map((t) => ({ id: t.topic_id, score: t.score }))
	}));
}

/** The row of a recommendation from its URL parts: the meeting id and the label slug (or the label itself). */
async function recommendationInMeeting(meetingId: string, label: string): Promise<RecSql | null> {
	const inMeeting = await query<RecSql>(`${REC_SQL} WHERE r.meeting_id = $m ORDER BY r.sort_order`, {
		m: meetingId
	});
	return (
		inMeeting.find((r) => labelSlug(r.label) === label) ?? inMeeting.find((r) => r.label === label) ?? null
	);
}

/** A recommendation from its URL parts: the meeting id and the label slug (or the label itself). */
export async function findRecommendation(
	state: FollowupState,
	meetingId: string,
	label: string
): Promise<RecRow | null> {
	const hit = await recommendationInMeeting(meetingId, label);
	return hit ? ((await recRows(state, [hit]))[0] ?? null) : null;
}

/**
 * A recommendation from its URL parts with its own curated links, evidence included (its page). Its topics and
 * its links are read at the same time: both need only its id.
 */
export async function findRecommendationWithLinks(
	state: FollowupState,
	meetingId: string,
	label: string
): Promise<{ rec: RecRow; links: CuratedLink[] } | null> {
	const hit = await recommendationInMeeting(meetingId, label);
	if (!hit) return null;
	const [rows, links] = await Promise.all([
		recRows(state, [hit]),
		linksOf(state, [hit.id], { evidence: true })
	]);
	return rows[0] ? { rec: rows[0], links: links.get(hit.id) ?? [] } : null;
}

/** A recommendation by its id (`wg2-2013-10-28:34`). */
export async function recommendationById(state: FollowupState, id: string): Promise<RecRow | null> {
	const rows = await query<RecSql>(`${REC_SQL} WHERE r.id = $id`, { id });
	return (await recRows(state, rows))[0] ?? null;
}

/** The recommendations of one meeting, in the order of the report. */
export async function meetingRecommendations(state: FollowupState, meetingId: string): Promise<RecRow[]> {
	const rows = await query<RecSql>(`${REC_SQL} WHERE r.meeting_id = $m ORDER BY r.sort_order, r.id`, {
		m: meetingId
	});
	return recRows(state, rows);
}

/** Later meetings of other documents than the recommendation's, in date order. */
export function laterMeetings(state: FollowupState, rec: Pick<RecRow, 'date' | 'documentId'>): MeetingInfo[] {
	if (rec.date === null) return [];
	// ISO dates sort as strings; the meetings are kept in date order already, so the sort only makes it certain.
	return [...state.meetings.values()]
		.filter((m) => m.date !== null && m.date > rec.date! && m.documentId !== rec.documentId)
		.sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
}

/** The status of one recommendation from its curated links, with the rule or the curator that gave it. */
export function statusOf(
	state: FollowupState,
	rec: Pick<RecRow, 'id' | 'date' | 'documentId'>,
	links: readonly CuratedLink[],
	later: readonly MeetingInfo[] = laterMeetings(state, rec)
): StatusResult {
	return recommendationStatus(links, state.overrides.get(rec.id) ?? null, { laterMeetings: later.length });
}

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
 * `evidence`: the links carry their snippets, not their reasons, which a thread does not show (read with the
 * links: the walk is bounded, see MAX_THREAD_RECOMMENDATIONS, and a second pass over the links table would cost
 * more).
 */
export async function thread(
	state: FollowupState,
	id: string,
	maxDepth = 4,
	opts: { evidence?: boolean } = {}
): Promise<TimelineMeeting[]> {
	return (await threadOf(state, id, maxDepth, opts)).meetings;
}

/**
 * Later recommendations a thread walks at most (the strongest links first, level by level). A recommendation
 * of the first years of a corpus of thousands of reports is repeated by hundreds of later ones: the thread then
 * still lists every one of them (they are its evidence) but follows the strongest only.
 */
export const MAX_THREAD_RECOMMENDATIONS = 12;

/** The thread (see `thread`) and how many later recommendations it lists but did not follow. */
export async function threadOf(
	state: FollowupState,
	id: string,
	maxDepth = 4,
	opts: { evidence?: boolean; own?: CuratedLink[] } = {}
): Promise<{ meetings: TimelineMeeting[]; notFollowed: number }> {
	const byTarget = new Map<string, ThreadEntry>();
	const seen = new Set<string>([id]);
	const skipped = new Set<string>();
	let frontier: { id: string; via: ThreadEntry['via'] }[] = [{ id, via: null }];
	for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
		// The recommendation's own links, when the caller has them already, are not read again.
		const links =
			depth === 0 && opts.own
				? new Map([[id, opts.own]])
				: await readLinks(
						state.derived,
						frontier.map((f) => f.id),
						state.decisions,
						state.meetings,
						{ snippet: opts.evidence ?? false, reasons: false }
					);
		const candidates: { target: string; link: CuratedLink; via: ThreadEntry['via'] }[] = [];
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
				if (l.toKind === 'recommendation' && l.kind === 'reiterated')
					candidates.push({ target: l.toKey.slice(2), link: l, via: f.via });
			}
		}
		// Only recommendations still in the database are followed (a curator's link may outlive its target). The
		// linker's own links point at recommendations of the same database, with their label and meeting: only the
		// targets of curators' links are looked up.
		const exists = await existingRecommendations(
			candidates.filter((c) => c.link.curatorOnly || c.link.toLabel === null).map((c) => c.target)
		);
		const next: typeof frontier = [];
		candidates.sort((a, b) => b.link.score - a.link.score);
		for (const c of candidates) {
			const rec =
				c.link.curatorOnly || c.link.toLabel === null
					? exists.get(c.target)
					: { label: c.link.toLabel, meetingId: c.link.toMeetingId };
			if (!rec || seen.has(c.target)) continue;
			if (seen.size > MAX_THREAD_RECOMMENDATIONS) {
				skipped.add(c.target);
				continue;
			}
			seen.add(c.target);
			next.push({
				id: c.target,
				via: c.via ?? {
					id: c.target,
					label: rec.label,
					meetingId: rec.meetingId,
					href: recommendationPath(rec.meetingId, rec.label)
				}
			});
		}
		frontier = next;
	}
	const byMeeting = new Map<string, ThreadEntry[]>();
	for (const e of byTarget.values())
		byMeeting.set(e.link.toMeetingId, [...(byMeeting.get(e.link.toMeetingId) ?? []), e]);
	const kindOrder: LinkKind[] = ['resolution', 'implemented', 'reiterated', 'agenda', 'discussed'];
	const meetings = [...byMeeting]
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
	return { meetings, notFollowed: [...skipped].filter((t) => !seen.has(t)).length };
}

async function existingRecommendations(
	ids: string[]
): Promise<Map<string, { label: string; meetingId: string }>> {
	if (ids.length === 0) return new Map();
	const rows = await query<{ id: string; label: string; meeting_id: string }>(
		`SELECT id, label, meeting_id FROM recommendation WHERE id IN (SELECT unnest($ids::VARCHAR[]))`,
		{ ids: listValue([...new Set(ids)]) }
	);
	return new Map(rows.map((r) => [r.id, { label: r.label, meetingId: r.meeting_id }]));
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
): Promise<{ later: MeetingInfo[]; cells: FateCell[]; recommendations: string[] }> {
	const m = state.meetings.get(meetingId);
	const recs = await query<{ id: string; label: string }>(
		`SELECT id, label FROM recommendation WHERE meeting_id = $m ORDER BY sort_order, id`,
		{ m: meetingId }
	);
	const recommendations = recs.map((r) => r.label);
	if (!m || m.date === null) return { later: [], cells: [], recommendations };
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
	return { later, cells, recommendations };
}

export { STATUS_LABELS };
