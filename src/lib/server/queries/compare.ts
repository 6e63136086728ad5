/**
 * /compare: two to six entities side by side, each against the average of its UN regional group.
 *
 * The group average is taken over every State of the group in the reference table, not only those
 * that came: a group is its membership, and "how present is our group" must count the absent too
 * (they count as 0). The share of attended meetings where a State spoke has no value for a State
 * that attended nothing, so that one measure averages over the group's States that attended.
 * Entities without a group (the European Union, organizations, observer States) get no average.
 */
import { error } from '@sveltejs/kit';
import { query } from '../db';
import type { Filters } from '../filters';
import {
	ENTITY_PRESENCE_CTE,
	FILTERED_MEETINGS_CTE,
	meetingParams,
	PARTICIPANT_TOTALS_CTE,
	memoByCorpus,
	type Entity
} from './countries';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 6;

/** Every id in `?e=` (comma-separated, and/or repeated `e` fields as the add form sends them). */
export function readCompareParam(url: URL): string[] {
	return url.searchParams
		.getAll('e')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);
}

function clip(value: string): string {
	const printable = value.replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?');
	return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

/**
 * The entities named by `raw`, in order, duplicates dropped; a 400 when one is unknown or when
 * there are fewer than 2 or more than 6. Ids match ignoring case (`usa` is USA).
 */
export async function resolveCompareIds(raw: readonly string[]): Promise<Entity[]> {
	if (raw.length > 50) error(400, `Invalid value for "e": at most ${COMPARE_MAX} entities can be compared`);
	// The lookup, not its verdict, is kept per corpus version: the page and the API ask for the same list on every
	// request of a comparison.
	const rows = await memoByCorpus('compareIds', [raw], () =>
		query<{
			given: string;
			id: string | null;
			name: string | null;
			kind: string | null;
			iso3: string | null;
			regional_group: string | null;
		}>(
			`SELECT g.given, e.id, e.name, e.kind, e.iso3, e.regional_group
			   FROM (SELECT unnest(string_split($ids::VARCHAR, chr(31))) AS given) g
			   LEFT JOIN entity e ON lower(e.id) = lower(g.given)`,
			{ ids: raw.join('\u001f') }
		)
	);
	const byGiven = new Map(rows.map((r) => [r.given, r]));
	const unknown = raw.filter((g) => !byGiven.get(g)?.id);
	if (unknown.length > 0)
		error(
			400,
			`Invalid value for "e": ${unknown.map((u) => `"${clip(u)}"`).join(', ')} ${unknown.length === 1 ? 'is not an entity id' : 'are not entity ids'} (use ISO3 codes such as USA, or ids such as eu, as in the links of /countries)`
		);
	const out: Entity[] = [];
	for (const g of raw) {
		const r = byGiven.get(g);
		if (!r?.id || out.some((e) => e.id === r.id)) continue;
		out.push({
			id: r.id,
			name: r.name ?? r.id,
			kind: r.kind ?? '',
			iso3: r.iso3,
			regionalGroup: r.regional_group
		});
	}
	if (out.length < COMPARE_MIN)
		error(
			400,
			`Invalid value for "e": compare needs at least ${COMPARE_MIN} different entities (got ${out.length}); add one, e.g. ?e=${out[0]?.id ?? 'USA'},CAN`
		);
	if (out.length > COMPARE_MAX)
		error(
			400,
			`Invalid value for "e": at most ${COMPARE_MAX} entities can be compared at once (got ${out.length})`
		);
	return out;
}

/** The measures compared, in display order. */
export const MEASURES = [
	{ key: 'attended', label: 'Meetings attended', unit: 'meetings', percent: false },
	{ key: 'rate', label: 'Attendance rate', unit: '% of reported meetings', percent: true },
	{ key: 'statements', label: 'Statements', unit: 'count', percent: false },
	{ key: 'spoken', label: 'Meetings spoken at', unit: 'meetings', percent: false },
	{ key: 'share', label: 'Spoke at attended meetings', unit: '% of meetings attended', percent: true },
	{ key: 'panels', label: 'Panels', unit: 'panel seats', percent: false },
	{ key: 'chairs', label: 'Chairs', unit: 'meetings chaired', percent: false }
] as const;
export type MeasureKey = (typeof MEASURES)[number]['key'];

export type Measures = Record<MeasureKey, number | null>;

export interface CompareRow {
	id: string;
	name: string;
	kind: string;
	regionalGroup: string | null;
	/** The entity's own values; `rate` and `share` in %, one decimal; `share` null when it attended nothing. */
	values: Measures;
	/** Its group's averages (two decimals), or null for an entity without a regional group. */
	group: Measures | null;
	/** States in the group (the divisor of the averages). */
	groupSize: number | null;
	/** States in the group that attended at least one meeting (the divisor of the `share` average). */
	groupAttending: number | null;
}

/** The measures for each entity, in the order given, with its regional group's averages. */
export function compareMeasures(entities: readonly Entity[], f: Filters): Promise<CompareRow[]> {
	return memoByCorpus('compareMeasures', [entities, f], () => compareMeasuresUncached(entities, f));
}

async function compareMeasuresUncached(entities: readonly Entity[], f: Filters): Promise<CompareRow[]> {
	const rows = await query<
		{
			id: string;
			group_size: number | null;
			group_attending: number | null;
		} & Record<MeasureKey | `g_${MeasureKey}`, number | null>
	>(
		`WITH ${FILTERED_MEETINGS_CTE}, ${PARTICIPANT_TOTALS_CTE},
		total AS (SELECT count(*)::DOUBLE AS n FROM fm),
		states AS (
			SELECT e.id, e.regional_group,
			       coalesce(pk.attended, 0) AS attended, coalesce(pk.statements, 0) AS statements,
			       coalesce(pk.spoken, 0) AS spoken, coalesce(pk.spoke_attended, 0) AS spoke_attended,
			       coalesce(pk.panels, 0) AS panels, coalesce(pk.chairs, 0) AS chairs
			  FROM entity e LEFT JOIN per_key pk ON pk.key = e.id
			 WHERE e.kind = 'state' AND e.regional_group IS NOT NULL
		),
		grp AS (
			SELECT s.regional_group, count(*)::INTEGER AS size,
			       count(*) FILTER (WHERE s.attended > 0)::INTEGER AS attending,
			       round(avg(s.attended), 2) AS attended,
			       CASE WHEN any_value(total.n) > 0 THEN round(100 * avg(s.attended) / any_value(total.n), 1) END AS rate,
			       round(avg(s.statements), 2) AS statements,
			       round(avg(s.spoken), 2) AS spoken,
			       round(avg(100.0 * s.spoke_attended / s.attended) FILTER (WHERE s.attended > 0), 1) AS share,
			       round(avg(s.panels), 2) AS panels,
			       round(avg(s.chairs), 2) AS chairs
			  FROM states s CROSS JOIN total GROUP BY s.regional_group
		)
		SELECT e.id,
		       coalesce(pk.attended, 0) AS attended,
		       CASE WHEN total.n > 0 THEN round(100 * coalesce(pk.attended, 0) / total.n, 1) END AS rate,
		       coalesce(pk.statements, 0) AS statements,
		       coalesce(pk.spoken, 0) AS spoken,
		       CASE WHEN pk.attended > 0 THEN round(100.0 * pk.spoke_attended / pk.attended, 1) END AS share,
		       coalesce(pk.panels, 0) AS panels,
		       coalesce(pk.chairs, 0) AS chairs,
		       grp.size AS group_size, grp.attending AS group_attending,
		       grp.attended AS g_attended, grp.rate AS g_rate, grp.statements AS g_statements,
		       grp.spoken AS g_spoken, grp.share AS g_share, grp.panels AS g_panels, grp.chairs AS g_chairs
		  FROM entity e CROSS JOIN total
		  LEFT JOIN per_key pk ON pk.key = e.id
		  LEFT JOIN grp ON grp.regional_group = e.regional_group AND e.kind = 'state'
		 WHERE list_contains(string_split($ids::VARCHAR, chr(31)), e.id)`,
		{ ...meetingParams(f), category: null, ids: entities.map((e) => e.id).join('\u001f') }
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return entities.map((e) => {
		const r = byId.get(e.id);
		const values = {} as Measures;
		const group = {} as Measures;
		for (const m of MEASURES) {
			values[m.key] = r?.[m.key] ?? (m.key === 'share' || m.key === 'rate' ? null : 0);
			group[m.key] = r?.[`g_${m.key}`] ?? null;
		}
		const hasGroup = r?.group_size != null;
		return {
			id: e.id,
			name: e.name,
			kind: e.kind,
			regionalGroup: e.regionalGroup,
			values,
			group: hasGroup ? group : null,
			groupSize: r?.group_size ?? null,
			groupAttending: r?.group_attending ?? null
		};
	});
}

/** Highest role at a meeting, in the order of the participation matrix's states. */
export type ParticipationState = 'absent' | 'attended' | 'spoke' | 'panellist' | 'chaired';

export interface TimelineCell {
	entityId: string;
	meetingId: string;
	state: ParticipationState;
	attended: boolean;
	statements: number;
	panels: number;
	chairs: number;
	/** The paragraph that shows the highest role (chair, panel, first statement, attendance list). */
	paragraph: string | null;
}

/**
 * Every entity × filtered reported meeting, meetings oldest first: whether it attended, how many
 * statements it made, and its highest role. A State that spoke without being in the attendance
 * list (the reports are not always consistent) counts as having spoken.
 */
export function compareTimeline(ids: readonly string[], f: Filters): Promise<TimelineCell[]> {
	return memoByCorpus('compareTimeline', [ids, f], () => compareTimelineUncached(ids, f));
}

async function compareTimelineUncached(ids: readonly string[], f: Filters): Promise<TimelineCell[]> {
	const rows = await query<{
		entity_id: string;
		meeting_id: string;
		attended: boolean;
		statements: number;
		panels: number;
		chairs: number;
		att_p: string | null;
		st_p: string | null;
		pa_p: string | null;
		ch_p: string | null;
	}>(
		`WITH ${FILTERED_MEETINGS_CTE},
		ids AS (SELECT unnest(string_split($ids::VARCHAR, chr(31))) AS id),
		att AS (SELECT a.entity_id, a.meeting_id, min(a.paragraph) AS p FROM attendance a JOIN ids ON ids.id = a.entity_id GROUP BY ALL),
		st AS (SELECT s.entity_id, s.meeting_id, count(*)::INTEGER AS n, arg_min(s.paragraph, s.sort_order) AS p
		         FROM statement s JOIN ids ON ids.id = s.entity_id GROUP BY ALL),
		pa AS (SELECT p.entity_id, p.meeting_id, count(*)::INTEGER AS n, arg_min(p.paragraph, p.sort_order) AS p
		         FROM panellist p JOIN ids ON ids.id = p.entity_id GROUP BY ALL),
		ch AS (SELECT c.entity_id, c.meeting_id, count(*)::INTEGER AS n, min(c.paragraph) AS p FROM chair c JOIN ids ON ids.id = c.entity_id GROUP BY ALL)
		SELECT ids.id AS entity_id, fm.id AS meeting_id,
		       att.meeting_id IS NOT NULL AS attended,
		       coalesce(st.n, 0) AS statements, coalesce(pa.n, 0) AS panels, coalesce(ch.n, 0) AS chairs,
		       att.p AS att_p, st.p AS st_p, pa.p AS pa_p, ch.p AS ch_p
		  FROM ids CROSS JOIN fm
		  LEFT JOIN att ON att.entity_id = ids.id AND att.meeting_id = fm.id
		  LEFT JOIN st ON st.entity_id = ids.id AND st.meeting_id = fm.id
		  LEFT JOIN pa ON pa.entity_id = ids.id AND pa.meeting_id = fm.id
		  LEFT JOIN ch ON ch.entity_id = ids.id AND ch.meeting_id = fm.id
		 ORDER BY fm.start_date NULLS LAST, fm.body_code DESC, fm.id`,
		{ ...meetingParams(f), ids: ids.join('\u001f') }
	);
	const order = new Map(ids.map((id, i) => [id, i]));
	return rows
		.map((r) => {
			const state: ParticipationState =
				r.chairs > 0
					? 'chaired'
					: r.panels > 0
						? 'panellist'
						: r.statements > 0
							? 'spoke'
							: r.attended
								? 'attended'
								: 'absent';
			const paragraph =
				state === 'chaired' ? r.ch_p : state === 'panellist' ? r.pa_p : state === 'spoke' ? r.st_p : r.att_p;
			return {
				entityId: r.entity_id,
				meetingId: r.meeting_id,
				state,
				attended: r.attended,
				statements: r.statements,
				panels: r.panels,
				chairs: r.chairs,
				paragraph
			};
		})
		.sort((a, b) => (order.get(a.entityId) ?? 0) - (order.get(b.entityId) ?? 0));
}

export interface EntityChoice {
	id: string;
	name: string;
	kind: string;
	regionalGroup: string | null;
}

/** Entities named in any report, by name: what the add/remove form offers. */
export function entityChoices(): Promise<EntityChoice[]> {
	return memoByCorpus('entityChoices', [], () => entityChoicesUncached());
}

async function entityChoicesUncached(): Promise<EntityChoice[]> {
	const rows = await query<{ id: string; name: string; kind: string; regional_group: string | null }>(
		// meeting_participation has a row for every entity listed, speaking, on a panel or in the chair at a reported
		// meeting: the four tables' union, without reading them.
		`SELECT e.id, e.name, e.kind, e.regional_group FROM entity e
		  WHERE e.id IN (SELECT entity_id FROM meeting_participation WHERE entity_id IS NOT NULL)
		  ORDER BY e.name`
	);
	return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, regionalGroup: r.regional_group }));
}

export interface GroupSuggestion {
	group: string;
	/** The group's States that attended most in the filtered meetings (then spoke most, then by name). */
	states: { id: string; name: string }[];
}

/** Starting points for the picker: the most present States of each regional group. */
export function mostPresentByGroup(f: Filters, perGroup = 3): Promise<GroupSuggestion[]> {
	return memoByCorpus('mostPresentByGroup', [f, perGroup], () => mostPresentByGroupUncached(f, perGroup));
}

async function mostPresentByGroupUncached(f: Filters, perGroup: number): Promise<GroupSuggestion[]> {
	const rows = await query<{ group: string; id: string; name: string }>(
		`WITH ${ENTITY_PRESENCE_CTE},
		ranked AS (
			SELECT e.regional_group AS "group", e.id, e.name,
			       row_number() OVER (PARTITION BY e.regional_group
			                          ORDER BY pr.attended DESC, pr.statements DESC, e.name) AS r
			  FROM entity e JOIN presence pr ON pr.entity_id = e.id
			 WHERE e.kind = 'state' AND e.regional_group IS NOT NULL AND pr.attended > 0
		)
		SELECT "group", id, name FROM ranked WHERE r <= $n ORDER BY "group", r`,
		{ ...meetingParams(f), n: perGroup }
	);
	const out: GroupSuggestion[] = [];
	for (const r of rows) {
		let g = out.find((x) => x.group === r.group);
		if (!g) out.push((g = { group: r.group, states: [] }));
		g.states.push({ id: r.id, name: r.name });
	}
	return out;
}

/** One entity × year of the participation timeline when there are too many meetings to draw one by one. */
export interface TimelineYear {
	entityId: string;
	year: number;
	/** Reported meetings in view that year (the denominator of `attended`). */
	meetings: number;
	/** Meetings of the year at which it is in the attendance list. */
	attended: number;
	statements: number;
	/** Meetings of the year at which it spoke. */
	spoken: number;
	panels: number;
	/** Meetings of the year it chaired. */
	chairs: number;
	/** Its highest role at any meeting of the year. */
	state: ParticipationState;
}

const STATE_BY_RANK: ParticipationState[] = ['absent', 'attended', 'spoke', 'panellist', 'chaired'];

/**
 * Every entity × year with a filtered reported meeting (years ascending), aggregated in SQL: meetings that
 * year, meetings attended, statements, panels, chairs and the highest role, by the same rule as
 * compareTimeline. A meeting without a year is left out (it has no place on a year axis).
 */
export function compareTimelineByYear(ids: readonly string[], f: Filters): Promise<TimelineYear[]> {
	return memoByCorpus('compareTimelineByYear', [ids, f], () => compareTimelineByYearUncached(ids, f));
}

async function compareTimelineByYearUncached(ids: readonly string[], f: Filters): Promise<TimelineYear[]> {
	const rows = await query<{
		entity_id: string;
		year: number;
		meetings: number;
		attended: number;
		statements: number;
		spoken: number;
		panels: number;
		chairs: number;
		rank: number;
	}>(
		`WITH ${FILTERED_MEETINGS_CTE},
		ids AS (SELECT unnest(string_split($ids::VARCHAR, chr(31))) AS id),
		att AS (SELECT DISTINCT a.entity_id, a.meeting_id FROM attendance a JOIN ids ON ids.id = a.entity_id),
		st AS (SELECT s.entity_id, s.meeting_id, count(*) AS n FROM statement s JOIN ids ON ids.id = s.entity_id GROUP BY ALL),
		pa AS (SELECT p.entity_id, p.meeting_id, count(*) AS n FROM panellist p JOIN ids ON ids.id = p.entity_id GROUP BY ALL),
		ch AS (SELECT c.entity_id, c.meeting_id, count(*) AS n FROM chair c JOIN ids ON ids.id = c.entity_id GROUP BY ALL),
		cells AS (
			SELECT ids.id AS entity_id, fm.year, att.meeting_id IS NOT NULL AS attended,
			       coalesce(st.n, 0) AS statements, coalesce(pa.n, 0) AS panels, coalesce(ch.n, 0) AS chairs
			  FROM ids CROSS JOIN fm
			  LEFT JOIN att ON att.entity_id = ids.id AND att.meeting_id = fm.id
			  LEFT JOIN st ON st.entity_id = ids.id AND st.meeting_id = fm.id
			  LEFT JOIN pa ON pa.entity_id = ids.id AND pa.meeting_id = fm.id
			  LEFT JOIN ch ON ch.entity_id = ids.id AND ch.meeting_id = fm.id
			 WHERE fm.year IS NOT NULL
		)
		SELECT entity_id, year::INTEGER AS year, count(*)::INTEGER AS meetings,
		       count(*) FILTER (WHERE attended)::INTEGER AS attended,
		       sum(statements)::INTEGER AS statements,
		       count(*) FILTER (WHERE statements > 0)::INTEGER AS spoken,
		       sum(panels)::INTEGER AS panels,
		       count(*) FILTER (WHERE chairs > 0)::INTEGER AS chairs,
		       max(CASE WHEN chairs > 0 THEN 4 WHEN panels > 0 THEN 3 WHEN statements > 0 THEN 2
		                WHEN attended THEN 1 ELSE 0 END)::INTEGER AS rank
		  FROM cells GROUP BY entity_id, year ORDER BY year`,
		{ ...meetingParams(f), ids: ids.join('\u001f') }
	);
	const order = new Map(ids.map((id, i) => [id, i]));
	return rows
		.map((r) => ({
			entityId: r.entity_id,
			year: r.year,
			meetings: r.meetings,
			attended: r.attended,
			statements: r.statements,
			spoken: r.spoken,
			panels: r.panels,
			chairs: r.chairs,
			state: STATE_BY_RANK[r.rank] ?? 'absent'
		}))
		.sort((a, b) => (order.get(a.entityId) ?? 0) - (order.get(b.entityId) ?? 0) || a.year - b.year);
}
