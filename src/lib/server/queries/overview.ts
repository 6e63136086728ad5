/**
 * The corpus at a glance: what it holds, how many meetings per year and body, who attended and spoke at each,
 * and the latest recommendations. Meetings are those with a report (see participation.ts for the definitions
 * of attending, speaking and State, which this module shares through the tables of participation-aggregates/).
 */
import { query } from '../db';
import { MEETING_FILTER_SQL, type Filters } from '../filters';
import {
	MEETINGS_CTE,
	meetingParams,
	meetingsCte,
	PARTICIPANT_FILTER_SQL,
	participantParams
} from '../participation-aggregates';

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
		   FROM reported_meeting m`
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
		`WITH ${MEETINGS_CTE}
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
		`WITH ${MEETINGS_CTE}
		SELECT mt.id AS meetingId, p.speaker_kind AS speakerKind, sum(p.statements)::INTEGER AS statements
		  FROM meeting_group_count p JOIN mt ON mt.ord = p.ord
		 WHERE ${PARTICIPANT_FILTER_SQL}
		 GROUP BY ALL HAVING sum(p.statements) > 0 ORDER BY ALL`,
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
		`WITH ${MEETINGS_CTE},
		yr AS (SELECT year, count(*) AS meetings FROM mt WHERE year IS NOT NULL GROUP BY year)
		SELECT mt.year::INTEGER AS year, any_value(yr.meetings)::INTEGER AS meetings, p.speaker_kind AS speakerKind,
		       round(sum(p.statements)::BIGINT / any_value(yr.meetings), 1)::DOUBLE AS mean
		  FROM meeting_group_count p JOIN mt ON mt.ord = p.ord JOIN yr ON yr.year = mt.year
		 WHERE ${PARTICIPANT_FILTER_SQL}
		 GROUP BY ALL HAVING sum(p.statements) > 0 ORDER BY ALL`,
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
		`WITH ${cte},
		counted AS (
			SELECT p.ord, sum(p.attended) FILTER (WHERE p.is_state) AS states_attending,
			       sum(p.attended) AS participants, sum(p.statements) AS statements, sum(p.spoke) AS speakers
			  FROM meeting_group_count p JOIN mt ON mt.ord = p.ord
			 WHERE ${PARTICIPANT_FILTER_SQL}
			 GROUP BY p.ord
		)
		SELECT mt.id AS meetingId, mt.label, mt.body_code AS body, b.name AS bodyName,
		       mt.start_date AS startDate, mt.end_date AS endDate, mt.year, mt.venue, mt.format, mt.source,
		       coalesce(c.states_attending, 0)::INTEGER AS statesAttending,
		       coalesce(c.participants, 0)::INTEGER AS participants,
		       coalesce(c.statements, 0)::INTEGER AS statements,
		       coalesce(c.speakers, 0)::INTEGER AS speakers,
		       mt.recommendations, mt.attendance_paragraph AS attendanceParagraph,
		       mt.statement_paragraph AS statementParagraph, mt.first_recommendation AS firstRecommendation
		  FROM mt
		  JOIN body b ON b.code = mt.body_code
		  LEFT JOIN counted c ON c.ord = mt.ord
		 ORDER BY mt.ord`,
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
	/** The meeting's place in the date order of every per-meeting table. */
	meetingOrder: number;
}

/**
 * The most recent recommendations: those of the latest meetings first, in the order the report prints them.
 * Region and category filters do not apply (a recommendation has no regional group).
 */
export async function latestRecommendations(f: Filters, limit: number): Promise<LatestRecommendation[]> {
	// The first `limit` recommendations come from at most `limit` meetings: the latest ones that adopted any,
	// so only their recommendations are read.
	return query<LatestRecommendation>(
		`WITH mt AS (
			SELECT * FROM reported_meeting m WHERE m.recommendations > 0 AND ${MEETING_FILTER_SQL}
			 ORDER BY m.start_date DESC NULLS LAST, m.id LIMIT $limit::INTEGER
		)
		SELECT r.meeting_id AS meetingId, mt.label AS meetingLabel, mt.start_date AS startDate,
		       r.label, r.printed_label AS printedLabel, r.kind, r.text, r.paragraph, mt.source,
		       mt.ord AS meetingOrder
		  FROM recommendation r JOIN mt ON mt.id = r.meeting_id
		 ORDER BY mt.start_date DESC NULLS LAST, mt.id, r.sort_order
		 LIMIT $limit::INTEGER`,
		{ ...meetingParams(f), limit }
	);
}
