/**
 * The corpus at a glance: what it holds, how many meetings per year and body, who attended and spoke at each,
 * and the latest recommendations. Meetings are those with a report (see participation.ts for the definitions
 * of attending, speaking and State, which this module shares through its CTEs).
 */
import { query } from '../db';
import type { Filters } from '../filters';
import {
	INVOLVEMENT_CTE,
	meetingParams,
	meetingsCte,
	participantParams,
	REPORTED_MEETINGS_CTE
} from './participation';

export interface CorpusSummary {
	documents: number;
	reports: number;
	provisionalAgendas: number;
	/** Meetings with a report (a joint report counts once per body). */
	meetings: number;
	/** Body codes with a reported meeting. */
	bodies: string[];
	firstYear: number | null;
	lastYear: number | null;
}

/** What the whole database holds, whatever the filters: for the sentence that opens the Overview. */
export async function corpusSummary(): Promise<CorpusSummary> {
	const [row] = await query<CorpusSummary>(
		`SELECT (SELECT count(*) FROM document)::INTEGER AS documents,
		        (SELECT count(*) FROM document WHERE kind = 'report')::INTEGER AS reports,
		        (SELECT count(*) FROM document WHERE kind = 'provisional_agenda')::INTEGER AS provisionalAgendas,
		        count(m.id)::INTEGER AS meetings,
		        coalesce(list(DISTINCT m.body_code ORDER BY m.body_code), []) AS bodies,
		        min(m.year)::INTEGER AS firstYear,
		        max(m.year)::INTEGER AS lastYear
		   FROM meeting m JOIN document d ON d.id = m.document_id AND d.kind = 'report'`
	);
	return (
		row ?? {
			documents: 0,
			reports: 0,
			provisionalAgendas: 0,
			meetings: 0,
			bodies: [],
			firstYear: null,
			lastYear: null
		}
	);
}

export interface YearBodyCount {
	year: number;
	body: string;
	meetings: number;
}

/** Reported meetings per year and body (years without a meeting are absent; the page fills the gaps). */
export async function meetingsPerYear(f: Filters): Promise<YearBodyCount[]> {
	return query<YearBodyCount>(
		`WITH ${REPORTED_MEETINGS_CTE}
		SELECT year, body_code AS body, count(*)::INTEGER AS meetings
		  FROM mt WHERE year IS NOT NULL
		 GROUP BY ALL ORDER BY ALL`,
		meetingParams(f)
	);
}

/** Who made a statement, in the categories the statements chart stacks. */
export const SPEAKER_KINDS = ['States', 'European Union', 'Organizations', 'Other'] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export interface SpeakerKindCount {
	meetingId: string;
	speakerKind: SpeakerKind;
	statements: number;
}

/**
 * Statements per meeting by kind of speaker. A statement is one speaker listed under one agenda item (or span of
 * items) in one paragraph, as the report prints it: a report that lists the speakers of several items together
 * and then item by item gives each speaker a statement in both lists.
 */
export async function statementsPerMeeting(f: Filters): Promise<SpeakerKindCount[]> {
	return query<SpeakerKindCount>(
		`WITH ${REPORTED_MEETINGS_CTE}, ${INVOLVEMENT_CTE}
		SELECT s.meeting_id AS meetingId,
		       CASE WHEN i.is_state THEN 'States' WHEN i.kind = 'reio' THEN 'European Union'
		            WHEN i.kind IN ('igo', 'un_entity') THEN 'Organizations' ELSE 'Other' END AS speakerKind,
		       count(*)::INTEGER AS statements
		  FROM statement s
		  JOIN involvement i ON i.meeting_id = s.meeting_id
		   AND i.who = coalesce(s.entity_id, '?' || s.speaker_as_written)
		 GROUP BY ALL ORDER BY ALL`,
		participantParams(f)
	);
}

export interface SpeakerKindYearMean {
	year: number;
	/** Meetings held that year (in view). */
	meetings: number;
	speakerKind: SpeakerKind;
	/** Statements per meeting of that year, one decimal. */
	mean: number;
}

/** Statements by kind of speaker, averaged over each year's meetings: the per-year form of the statements chart. */
export async function statementsPerYear(f: Filters): Promise<SpeakerKindYearMean[]> {
	return query<SpeakerKindYearMean>(
		`WITH ${REPORTED_MEETINGS_CTE}, ${INVOLVEMENT_CTE},
		yr AS (SELECT year, count(*) AS meetings FROM mt WHERE year IS NOT NULL GROUP BY year)
		SELECT mt.year::INTEGER AS year, any_value(yr.meetings)::INTEGER AS meetings,
		       CASE WHEN i.is_state THEN 'States' WHEN i.kind = 'reio' THEN 'European Union'
		            WHEN i.kind IN ('igo', 'un_entity') THEN 'Organizations' ELSE 'Other' END AS speakerKind,
		       round(count(*) / any_value(yr.meetings), 1)::DOUBLE AS mean
		  FROM statement s
		  JOIN involvement i ON i.meeting_id = s.meeting_id
		   AND i.who = coalesce(s.entity_id, '?' || s.speaker_as_written)
		  JOIN mt ON mt.id = s.meeting_id JOIN yr ON yr.year = mt.year
		 GROUP BY ALL ORDER BY ALL`,
		participantParams(f)
	);
}

export interface MeetingSummary {
	meetingId: string;
	label: string;
	body: string;
	bodyName: string;
	startDate: string | null;
	endDate: string | null;
	year: number | null;
	venue: string | null;
	format: string | null;
	source: string;
	/** States listed as attending. */
	statesAttending: number;
	/** Everyone listed as attending (States, EU, organizations). */
	participants: number;
	/** Statements as listed (speaker × item × paragraph). */
	statements: number;
	/** Distinct speakers. */
	speakers: number;
	recommendations: number;
	/** Anchors for links: first paragraph of attendance and of statements, label of the first recommendation. */
	attendanceParagraph: string | null;
	statementParagraph: string | null;
	firstRecommendation: string | null;
}

/**
 * One line per reported meeting with its headline numbers, for the Overview's table of meetings: every meeting in
 * view, or the latest `limit` (still in date order).
 */
export async function meetingSummaries(f: Filters, limit?: number): Promise<MeetingSummary[]> {
	const { cte, params } = meetingsCte(f, limit);
	return query<MeetingSummary>(
		`WITH ${cte}, ${INVOLVEMENT_CTE}
		SELECT mt.id AS meetingId, mt.label, mt.body_code AS body, b.name AS bodyName,
		       mt.start_date AS startDate, mt.end_date AS endDate, mt.year, mt.venue, mt.format, mt.source,
		       count(i.who) FILTER (WHERE i.attended AND i.is_state)::INTEGER AS statesAttending,
		       count(i.who) FILTER (WHERE i.attended)::INTEGER AS participants,
		       (SELECT count(*) FROM statement s JOIN involvement j ON j.meeting_id = s.meeting_id
		           AND j.who = coalesce(s.entity_id, '?' || s.speaker_as_written)
		         WHERE s.meeting_id = mt.id)::INTEGER AS statements,
		       count(i.who) FILTER (WHERE i.spoke)::INTEGER AS speakers,
		       (SELECT count(*) FROM recommendation r WHERE r.meeting_id = mt.id)::INTEGER AS recommendations,
		       (SELECT a.paragraph FROM attendance a WHERE a.meeting_id = mt.id
		         ORDER BY a.sort_order LIMIT 1) AS attendanceParagraph,
		       (SELECT s.paragraph FROM statement s WHERE s.meeting_id = mt.id
		         ORDER BY s.sort_order LIMIT 1) AS statementParagraph,
		       (SELECT r.label FROM recommendation r WHERE r.meeting_id = mt.id
		         ORDER BY r.sort_order LIMIT 1) AS firstRecommendation
		  FROM mt
		  JOIN body b ON b.code = mt.body_code
		  LEFT JOIN involvement i ON i.meeting_id = mt.id
		 GROUP BY ALL
		 ORDER BY mt.start_date NULLS LAST, mt.body_code DESC, mt.id`,
		params
	);
}

export interface LatestRecommendation {
	meetingId: string;
	meetingLabel: string;
	startDate: string | null;
	label: string;
	printedLabel: string;
	kind: string;
	text: string;
	paragraph: string | null;
	source: string;
}

/**
 * The most recent recommendations: those of the latest meetings first, in the order the report prints them.
 * Region and category filters do not apply (a recommendation has no regional group).
 */
export async function latestRecommendations(f: Filters, limit: number): Promise<LatestRecommendation[]> {
	return query<LatestRecommendation>(
		`WITH ${REPORTED_MEETINGS_CTE}
		SELECT r.meeting_id AS meetingId, mt.label AS meetingLabel, mt.start_date AS startDate,
		       r.label, r.printed_label AS printedLabel, r.kind, r.text, r.paragraph, mt.source
		  FROM recommendation r JOIN mt ON mt.id = r.meeting_id
		 ORDER BY mt.start_date DESC NULLS LAST, mt.id, r.sort_order
		 LIMIT $limit::INTEGER`,
		{ ...meetingParams(f), limit }
	);
}

/** How a document is cited, for the source line of figures built from whole-corpus numbers. */
export async function reportSources(f: Filters): Promise<string[]> {
	const rows = await query<{ source: string }>(
		`WITH ${REPORTED_MEETINGS_CTE}
		SELECT DISTINCT source, min(start_date) AS first FROM mt GROUP BY source ORDER BY first`,
		meetingParams(f)
	);
	return rows.map((r) => r.source);
}
