/**
 * The meetings: the filtered list (/meetings, /api/meetings) and everything recorded about one meeting
 * (/meetings/<id>, /api/meetings/<id>). One function per section of the meeting page; `meetingRecord`
 * runs them together, in parallel, so a page costs a handful of queries whatever the meeting's size.
 *
 * Dates come back as ISO strings (cast in SQL) so rows serialise from a load function as they are.
 */
import { error } from '@sveltejs/kit';
import { query, queryJson, type JsonRows } from '../db';
import { filterParams, MEETING_FILTER_SQL, type Filters } from '../filters';
import { DOCUMENT_LABEL_SQL } from './corpus';
import { memoByCorpus } from '../memo';

/** Attendance categories that are States, for "States attending". */
const STATE_CATEGORIES_SQL = `('state_party', 'signatory', 'non_member_observer_state')`;

export interface MeetingListRow {
	id: string;
	body: string;
	bodyName: string;
	startDate: string | null;
	endDate: string | null;
	venue: string | null;
	format: string | null;
	meetingsHeld: number | null;
	/** Attendance rows whose category is a State (parties, signatories, non-member observer States). */
	statesAttending: number;
	/** Statement records (one per speaker per paragraph). */
	statements: number;
	/** Recommendations and discussion points. */
	recommendations: number;
	/** Document symbol, or title and distribution date. */
	document: string;
	/** report | provisional_agenda | unknown */
	kind: string;
}

/**
 * The parameters MEETING_FILTER_SQL uses. DuckDB refuses a named parameter the statement does not
 * use, and region and category do not apply to a list of meetings.
 */
function meetingFilterParams(filters: Filters) {
	const { bodies, from, to, online } = filterParams(filters);
	return { bodies, from, to, online };
}

/** Meetings matching the filters (body, years, format), oldest first. */
export function meetingList(filters: Filters): Promise<MeetingListRow[]> {
	return memoByCorpus('meetingList', meetingFilterParams(filters), () => meetingListUncached(filters));
}

/** The list of meetings (MEETING_FILTER_SQL's parameters), oldest first. */
const MEETING_LIST_SQL = `WITH att AS (
		SELECT meeting_id, count(*) FILTER (WHERE category IN ${STATE_CATEGORIES_SQL})::INTEGER AS states
		  FROM attendance GROUP BY meeting_id
	), st AS (
		SELECT meeting_id, count(*)::INTEGER AS n FROM statement GROUP BY meeting_id
	), rec AS (
		SELECT meeting_id, count(*)::INTEGER AS n FROM recommendation GROUP BY meeting_id
	)
	SELECT m.id,
	       m.body_code AS body,
	       b.name AS "bodyName",
	       strftime(m.start_date, '%Y-%m-%d') AS "startDate",
	       strftime(m.end_date, '%Y-%m-%d') AS "endDate",
	       m.venue,
	       m.format,
	       m.meetings_held AS "meetingsHeld",
	       coalesce(att.states, 0) AS "statesAttending",
	       coalesce(st.n, 0) AS statements,
	       coalesce(rec.n, 0) AS recommendations,
	       ${DOCUMENT_LABEL_SQL} AS document,
	       d.kind
	  FROM meeting m
	  JOIN document d ON d.id = m.document_id
	  LEFT JOIN body b ON b.code = m.body_code
	  LEFT JOIN att ON att.meeting_id = m.id
	  LEFT JOIN st ON st.meeting_id = m.id
	  LEFT JOIN rec ON rec.meeting_id = m.id
	 WHERE ${MEETING_FILTER_SQL}
	 ORDER BY m.start_date NULLS LAST, m.body_code, m.id`;

async function meetingListUncached(filters: Filters): Promise<MeetingListRow[]> {
	return query<MeetingListRow>(MEETING_LIST_SQL, meetingFilterParams(filters));
}

/**
 * The same list as JSON written by DuckDB, with the documents of its rows: what /api/meetings answers (5,540
 * meetings at 1,000x: objects and JSON.stringify cost more than the query).
 */
export function meetingListJson(filters: Filters): Promise<JsonRows> {
	return memoByCorpus('meetingListJson', meetingFilterParams(filters), () =>
		queryJson(MEETING_LIST_SQL, meetingFilterParams(filters), 'document')
	);
}

export interface MeetingHeader {
	id: string;
	documentId: string;
	body: string;
	bodyName: string;
	startDate: string | null;
	endDate: string | null;
	year: number | null;
	venue: string | null;
	format: string | null;
	meetingsHeld: number | null;
	kind: string;
	symbol: string | null;
	title: string | null;
	distributionDate: string | null;
	fileName: string;
	/** How the document is cited in source lines (symbol, or title and date). */
	documentLabel: string;
}

export interface ChairRow {
	name: string;
	country: string | null;
	entityId: string | null;
	role: string;
	paragraph: string | null;
}

/** Another meeting reported in the same document (the other body of a joint report). */
export interface SiblingMeeting {
	id: string;
	body: string;
	bodyName: string;
	startDate: string | null;
}

export interface MeetingHeaderSection {
	meeting: MeetingHeader;
	chairs: ChairRow[];
	siblings: SiblingMeeting[];
}

/** The header of a meeting page: the meeting, its document, chairs and joint-report siblings. */
export async function meetingHeader(id: string): Promise<MeetingHeaderSection | null> {
	const [meetings, chairs, siblings] = await Promise.all([
		query<MeetingHeader>(
			`SELECT m.id, m.document_id AS "documentId", m.body_code AS body, coalesce(b.name, m.body_code) AS "bodyName",
			        strftime(m.start_date, '%Y-%m-%d') AS "startDate", strftime(m.end_date, '%Y-%m-%d') AS "endDate",
			        m.year, m.venue, m.format, m.meetings_held AS "meetingsHeld",
			        d.kind, d.symbol, d.title, strftime(d.distribution_date, '%Y-%m-%d') AS "distributionDate",
			        d.file_name AS "fileName", ${DOCUMENT_LABEL_SQL} AS "documentLabel"
			   FROM meeting m
			   JOIN document d ON d.id = m.document_id
			   LEFT JOIN body b ON b.code = m.body_code
			  WHERE m.id = $id`,
			{ id }
		),
		query<ChairRow>(
			`SELECT name, country, entity_id AS "entityId", role, paragraph
			   FROM chair WHERE meeting_id = $id ORDER BY sort_order`,
			{ id }
		),
		query<SiblingMeeting>(
			`SELECT o.id, o.body_code AS body, coalesce(b.name, o.body_code) AS "bodyName",
			        strftime(o.start_date, '%Y-%m-%d') AS "startDate"
			   FROM meeting m
			   JOIN meeting o ON o.document_id = m.document_id AND o.id <> m.id
			   LEFT JOIN body b ON b.code = o.body_code
			  WHERE m.id = $id
			  ORDER BY o.start_date, o.body_code`,
			{ id }
		)
	]);
	const meeting = meetings[0];
	return meeting ? { meeting, chairs, siblings } : null;
}

export interface AgendaRow {
	number: string;
	parent: string | null;
	title: string;
	joint: boolean;
}

/** The agenda of a meeting, items and sub-items in printed order. */
export async function meetingAgenda(id: string): Promise<AgendaRow[]> {
	return query<AgendaRow>(
		`SELECT number, parent, title, "joint" AS joint
		   FROM agenda_item WHERE meeting_id = $id ORDER BY sort_order`,
		{ id }
	);
}

export interface AttendanceRow {
	name: string;
	entityId: string | null;
	/** The reference table's name, when the name resolved. */
	entityName: string | null;
	category: string;
	paragraph: string | null;
}

/** Who attended, in the order of the report's lists. */
export async function meetingAttendance(id: string): Promise<AttendanceRow[]> {
	return query<AttendanceRow>(
		`SELECT a.name_as_written AS name, a.entity_id AS "entityId", e.name AS "entityName", a.category, a.paragraph
		   FROM attendance a LEFT JOIN entity e ON e.id = a.entity_id
		  WHERE a.meeting_id = $id ORDER BY a.sort_order`,
		{ id }
	);
}

export interface StatementRow {
	/** Agenda item number, a span ("2-6"), or null. */
	item: string | null;
	/** Title of the item, when `item` is one item of this meeting's agenda. */
	itemTitle: string | null;
	speaker: string;
	entityId: string | null;
	onBehalfOf: string | null;
	paragraph: string | null;
}

/** Statements in the order the report records them. */
export async function meetingStatements(id: string): Promise<StatementRow[]> {
	return query<StatementRow>(
		`SELECT s.item, ai.title AS "itemTitle", s.speaker_as_written AS speaker, s.entity_id AS "entityId",
		        s.on_behalf_of AS "onBehalfOf", s.paragraph
		   FROM statement s
		   LEFT JOIN agenda_item ai ON ai.meeting_id = s.meeting_id AND ai.number = s.item
		  WHERE s.meeting_id = $id ORDER BY s.sort_order`,
		{ id }
	);
}

export interface PanellistRow {
	name: string;
	country: string | null;
	entityId: string | null;
	function: string | null;
	item: string | null;
	paragraph: string | null;
}

export async function meetingPanellists(id: string): Promise<PanellistRow[]> {
	return query<PanellistRow>(
		`SELECT name, country, entity_id AS "entityId", "function", item, paragraph
		   FROM panellist WHERE meeting_id = $id ORDER BY sort_order`,
		{ id }
	);
}

export interface DocumentBeforeRow {
	symbol: string;
	title: string | null;
	item: string | null;
}

/** The documents the meeting had before it. */
export async function meetingDocumentsBefore(id: string): Promise<DocumentBeforeRow[]> {
	return query<DocumentBeforeRow>(
		`SELECT symbol, title, item FROM document_before WHERE meeting_id = $id ORDER BY sort_order`,
		{ id }
	);
}

export interface RecommendationRow {
	id: string;
	label: string;
	printedLabel: string;
	kind: string;
	section: string | null;
	text: string;
	addressees: string[];
	strength: string | null;
	subjectToExtrabudgetary: boolean;
	paragraph: string | null;
}

export async function meetingRecommendations(id: string): Promise<RecommendationRow[]> {
	return query<RecommendationRow>(
		`SELECT id, label, printed_label AS "printedLabel", kind, section, text, addressees, strength,
		        subject_to_extrabudgetary AS "subjectToExtrabudgetary", paragraph
		   FROM recommendation WHERE meeting_id = $id ORDER BY sort_order`,
		{ id }
	);
}

export interface ParagraphRow {
	number: string | null;
	inferred: boolean;
	chapter: string | null;
	section: string | null;
	/** Body the paragraph is about in a joint report; null when common to all. */
	body: string | null;
	item: string | null;
	text: string;
	sortOrder: number;
}

/** Every paragraph of the meeting's document, in document order (both bodies of a joint report). */
export async function meetingSourceText(id: string): Promise<ParagraphRow[]> {
	return query<ParagraphRow>(
		`SELECT p.number, p.inferred, p.chapter, p.section, p.body_code AS body, p.item, p.text,
		        p.sort_order AS "sortOrder"
		   FROM paragraph p
		  WHERE p.document_id = (SELECT document_id FROM meeting WHERE id = $id)
		  ORDER BY p.sort_order`,
		{ id }
	);
}

export interface MeetingRecord extends MeetingHeaderSection {
	agenda: AgendaRow[];
	attendance: AttendanceRow[];
	statements: StatementRow[];
	panellists: PanellistRow[];
	documentsBefore: DocumentBeforeRow[];
	recommendations: RecommendationRow[];
	paragraphs: ParagraphRow[];
}

/**
 * Everything recorded about one meeting, or null when there is no meeting with that id; read once per corpus
 * version (memo.ts): its ten queries cost about 30 ms at every scale, 3-5 ms each, so the heaviest meeting's
 * page stood at 50-57 ms p95 in the bench. A meeting's records change only with an ingest.
 */
export function meetingRecord(id: string): Promise<MeetingRecord | null> {
	return memoByCorpus('meetingRecord', id, () => readMeetingRecord(id));
}

async function readMeetingRecord(id: string): Promise<MeetingRecord | null> {
	const [header, agenda, attendance, statements, panellists, documentsBefore, recommendations, paragraphs] =
		await Promise.all([
			meetingHeader(id),
			meetingAgenda(id),
			meetingAttendance(id),
			meetingStatements(id),
			meetingPanellists(id),
			meetingDocumentsBefore(id),
			meetingRecommendations(id),
			meetingSourceText(id)
		]);
	if (!header) return null;
	return {
		...header,
		agenda,
		attendance,
		statements,
		panellists,
		documentsBefore,
		recommendations,
		paragraphs
	};
}

/** Meetings per page of the /meetings list. */
export const MEETINGS_PER_PAGE = 50;

/**
 * `?<name>=` as a page number from 1 (default 1); anything else, or a page past the last of `pages`, is a
 * 400 naming the allowed range.
 */
export function readPage(url: URL, pages: number, name = 'page'): number {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return 1;
	const last = Math.max(1, pages);
	if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > last)
		error(400, `Invalid value for "${name}": use a whole number from 1 to ${last}`);
	return Number(raw);
}

export interface Page<T> {
	rows: T[];
	page: number;
	pages: number;
	total: number;
	/** Index (from 0) of the first row shown. */
	start: number;
}

/** One page of `rows` (`size` per page), its number read from the URL. */
export function paginate<T>(rows: readonly T[], url: URL, size: number, name = 'page'): Page<T> {
	const pages = Math.max(1, Math.ceil(rows.length / size));
	const page = readPage(url, pages, name);
	const start = (page - 1) * size;
	return { rows: rows.slice(start, start + size), page, pages, total: rows.length, start };
}
