/**
 * Who took part in each meeting, counted once per ingest: the tables of AGGREGATE_SCHEMA_SQL (schema.ts), and
 * the SQL both the Overview (`queries/overview.ts`) and Participation (`queries/participation.ts`) read them with.
 *
 * Why at ingest: every figure of those pages starts from the same "involvement" of each participant at each
 * meeting (listed as attending, speaking, on a panel, in the chair). Built per request from attendance ×
 * statements × meetings it cost 200–300 ms at 5,000 documents (about 600,000 attendance rows), whatever the
 * filters. It changes only with an ingest, so `buildParticipationAggregates` (build.ts) computes it once, in the new
 * database file before it is renamed over the old one, and a request filters `meeting_group_count` (a few dozen
 * rows per meeting) or, for the tables naming States, the rows of `meeting_participation` of the few meetings
 * shown.
 *
 * The filters keep their meaning: meeting filters (body, years, format) select rows of `reported_meeting`
 * (aliased `m`, so MEETING_FILTER_SQL applies unchanged); `region` and `category` select participants by the
 * `regional_group` and `category` columns both per-participant tables carry (aliased `p`).
 */
import { MAX_MEETINGS_PER_CHART } from '../../scale';
import type { DuckDBValue } from '@duckdb/node-api';
import { dbPath, query } from '../db';
import { filterParams, MEETING_FILTER_SQL, type Filters } from '../filters';
import { memoByCorpus } from '../memo';
import { corpusVersion, knownBodies } from '../queries/corpus';
import { SCHEMA_VERSION } from '../schema';

// ------------------------------------------------------------------------------------------------------------
// Read per request

/** The four parameters MEETING_FILTER_SQL binds (DuckDB refuses parameters a statement does not use). */
export function meetingParams(f: Filters) {
	const { bodies, from, to, online } = filterParams(f);
	return { bodies, from, to, online };
}

/** Meeting parameters plus the two PARTICIPANT_FILTER_SQL binds. */
export function participantParams(f: Filters) {
	const { region, category } = filterParams(f);
	return { ...meetingParams(f), region, category };
}

/** CTE `mt`: the reported meetings that pass the meeting filters. */
export const MEETINGS_CTE = `mt AS (SELECT * FROM reported_meeting m WHERE ${MEETING_FILTER_SQL})`;

/** CTE `mt` holding only the latest `$limit` of them (the tail of the date order every table shows). */
export const LATEST_MEETINGS_CTE = `mt AS (
	SELECT * FROM reported_meeting m WHERE ${MEETING_FILTER_SQL} ORDER BY ord DESC LIMIT $limit::INTEGER
)`;

/** The participants a view keeps, over `meeting_participation` or `meeting_group_count` aliased `p`. */
export const PARTICIPANT_FILTER_SQL = `($region::VARCHAR IS NULL OR p.regional_group = $region::VARCHAR)
	AND ($category::VARCHAR IS NULL OR p.category = $category::VARCHAR)`;

/** The meetings CTE and parameters with the participant filters: every meeting in view, or the latest `limit`. */
export function meetingsCte(f: Filters, limit?: number) {
	return limit === undefined
		? { cte: MEETINGS_CTE, params: participantParams(f) }
		: { cte: LATEST_MEETINGS_CTE, params: { ...participantParams(f), limit } };
}

/** The same without the participant filters, for queries that count meetings only. */
export function meetingsOnlyCte(f: Filters, limit?: number) {
	return limit === undefined
		? { cte: MEETINGS_CTE, params: meetingParams(f) }
		: { cte: LATEST_MEETINGS_CTE, params: { ...meetingParams(f), limit } };
}

export interface ReportedMeeting {
	meetingId: string;
	label: string;
	body: string;
	startDate: string | null;
	endDate: string | null;
	year: number | null;
	venue: string | null;
	format: string | null;
	documentId: string;
	/** How the source document is cited (symbol, or title and date). */
	source: string;
}

/** `reported_meeting` columns as a ReportedMeeting (over `mt`). */
export const REPORTED_MEETING_SQL = `mt.id AS meetingId, mt.label, mt.body_code AS body, mt.start_date AS startDate,
	mt.end_date AS endDate, mt.year, mt.venue, mt.format, mt.document_id AS documentId, mt.source`;

/** The meetings with a report that pass the meeting filters, in date order. */
export async function reportedMeetings(f: Filters): Promise<ReportedMeeting[]> {
	return query<ReportedMeeting>(
		`WITH ${MEETINGS_CTE} SELECT ${REPORTED_MEETING_SQL} FROM mt ORDER BY mt.ord`,
		meetingParams(f)
	);
}

/**
 * A figure's source line: every report it was counted from, or, beyond MAX_MEETINGS_PER_CHART reports, how many and
 * over which years (the data names the meeting of every row). `sources` holds the first of `count` in date order.
 */
export function sourceLine(
	sources: readonly string[],
	count: number,
	firstYear: number | null,
	lastYear: number | null
): string[] {
	if (count <= MAX_MEETINGS_PER_CHART) return [...sources];
	const span = firstYear !== null && lastYear !== null ? `, ${firstYear}–${lastYear}` : '';
	return [`${count} reports${span} (the data names the meeting of each row)`];
}

/** The source line of a figure drawn from `meetings` (in date order). */
export function sourcesOf(meetings: readonly Pick<ReportedMeeting, 'source' | 'year'>[]): string[] {
	const sources = [...new Set(meetings.map((m) => m.source))];
	const years = meetings.map((m) => m.year).filter((y): y is number => y !== null);
	return sourceLine(
		sources.slice(0, MAX_MEETINGS_PER_CHART),
		sources.length,
		years.length ? Math.min(...years) : null,
		years.length ? Math.max(...years) : null
	);
}

/**
 * The meetings of a view, as much as a request needs of them: how many, the source line over all of them, and
 * the latest `latest` in date order (all of them when `latest` is null or there are no more). One query, whatever
 * the corpus size: at 5,000 documents, reading every meeting as objects cost more than the figure it served.
 */
export interface MeetingsInView {
	count: number;
	sources: string[];
	latest: ReportedMeeting[];
}

/**
 * meetingsInView, kept per corpus version and meeting filters when it holds only the latest meetings (a few
 * kilobytes), since every dataset of a view starts with it; the list of every meeting is read each time.
 */
export function meetingsInView(f: Filters, latest: number | null): Promise<MeetingsInView> {
	if (latest === null) return readMeetingsInView(f, null);
	return memoByCorpus('meetings in view', [meetingParams(f), latest], () => readMeetingsInView(f, latest));
}

async function readMeetingsInView(f: Filters, latest: number | null): Promise<MeetingsInView> {
	const [row] = await aggregateQuery<{
		count: number;
		sourceCount: number;
		sources: string[] | null;
		firstYear: number | null;
		lastYear: number | null;
		latest: ReportedMeeting[] | null;
	}>(
		`WITH ${MEETINGS_CTE},
		firsts AS (SELECT source, min(ord) AS first FROM mt GROUP BY source)
		SELECT (SELECT count(*) FROM mt)::INTEGER AS count,
		       (SELECT count(*) FROM firsts)::INTEGER AS sourceCount,
		       (SELECT list(source ORDER BY first)
		          FROM (SELECT * FROM firsts ORDER BY first LIMIT $named::INTEGER)) AS sources,
		       (SELECT min(year) FROM mt)::INTEGER AS firstYear,
		       (SELECT max(year) FROM mt)::INTEGER AS lastYear,
		       (SELECT list({meetingId: id, label: label, body: body_code, startDate: start_date,
		                     endDate: end_date, year: year, venue: venue, format: format,
		                     documentId: document_id, source: source} ORDER BY ord)
		          FROM (SELECT * FROM mt ORDER BY ord DESC LIMIT $latest::INTEGER)) AS latest`,
		{ ...meetingParams(f), named: MAX_MEETINGS_PER_CHART, latest }
	);
	return {
		count: row?.count ?? 0,
		sources: sourceLine(
			row?.sources ?? [],
			row?.sourceCount ?? 0,
			row?.firstYear ?? null,
			row?.lastYear ?? null
		),
		latest: row?.latest ?? []
	};
}

/**
 * `query`, saying what to do when the database predates the aggregate tables (schema 2 and earlier): an ingest
 * rebuilds it. Every dataset of both pages starts with `meetingsInView`, so that is where it is said.
 */
async function aggregateQuery<T>(sql: string, params: Record<string, DuckDBValue>): Promise<T[]> {
	try {
		return await query<T>(sql, params);
	} catch (err) {
		if (err instanceof Error && /Table with name reported_meeting does not exist/.test(err.message)) {
			throw new Error(
				`database ${dbPath()}: participation tables not found (built before schema ${SCHEMA_VERSION}); run \`npm run ingest\` to rebuild it`,
				{ cause: err }
			);
		}
		throw err;
	}
}

/** Body codes in the database, read once per corpus version (every request validates `?body=` against them). */
export function bodiesInDatabase(): Promise<string[]> {
	return memoByCorpus('known bodies', null, knownBodies);
}

/** The corpus version's label, read once per corpus version. */
export async function corpusLabel(): Promise<string> {
	return (await memoByCorpus('corpus version', null, corpusVersion)).label;
}
