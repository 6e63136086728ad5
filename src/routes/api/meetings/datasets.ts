/**
 * The meeting tables as Datasets: what /api/meetings and /api/meetings/<id>?part=... serve as JSON or
 * CSV, and what the pages render, so a table and its download never disagree.
 */
import { CATEGORY_LABELS, describeFilters, type Category, type Filters } from '$lib/filters';
import type { Column } from '$lib/export/csv';
import type { Dataset } from '$lib/server/dataset';
import type { MeetingListRow, MeetingRecord } from '$lib/server/queries/meetings';
import { citation, paragraphAnchor, recommendationAnchor } from '$lib/citation';

/**
 * An id from the URL, quoted for an error message only when it looks like an id: anything else (markup,
 * control characters, a long string) is not echoed, so a message never carries what an attacker sent.
 */
export function quoteId(id: string): string {
	return /^[\w.~-]{1,80}$/.test(id) ? `"${id}"` : 'with that id';
}

/** The filters a list of meetings honours (region and category describe participants, not meetings). */
export function meetingFilters(f: Filters): Filters {
	return { ...f, region: null, category: null };
}

export const MEETING_LIST_COLUMNS: Column<MeetingListRow>[] = [
	{ key: 'id', label: 'Meeting' },
	{ key: 'body', label: 'Body' },
	{ key: 'startDate', label: 'Start' },
	{ key: 'endDate', label: 'End' },
	{ key: 'venue', label: 'Venue' },
	{ key: 'format', label: 'Format' },
	{ key: 'meetingsHeld', label: 'Meetings held', align: 'right' },
	{ key: 'statesAttending', label: 'States attending', align: 'right' },
	{ key: 'statements', label: 'Statements', align: 'right' },
	{ key: 'recommendations', label: 'Recommendations', align: 'right' },
	{ key: 'kind', label: 'Document kind' },
	{ key: 'document', label: 'Document' }
];

export function meetingListDataset(
	rows: MeetingListRow[],
	filters: Filters,
	corpusVersion: string
): Dataset<MeetingListRow> {
	return {
		...meetingListMeta(
			rows.map((r) => r.document),
			filters,
			corpusVersion
		),
		rows
	};
}

/** The list's dataset but its rows, from the documents of its rows in their order (for JSON written by DuckDB). */
export function meetingListMeta(
	documents: readonly string[],
	filters: Filters,
	corpusVersion: string
): Omit<Dataset<MeetingListRow>, 'rows'> {
	return {
		id: 'meetings',
		title: 'Meetings',
		caption:
			'Meetings reported in the corpus. States attending: States parties, signatories and non-member observer States; statements: one per speaker per paragraph.',
		columns: MEETING_LIST_COLUMNS,
		sources: [...new Set(documents)],
		filters: describeFilters(meetingFilters(filters)),
		corpusVersion
	};
}

/** The parts of a meeting served one by one (`?part=`); `attendance` is the CSV default. */
export const MEETING_PARTS = [
	'attendance',
	'agenda',
	'statements',
	'panellists',
	'documents',
	'recommendations',
	'paragraphs'
] as const;
export type MeetingPart = (typeof MEETING_PARTS)[number];

type Row = Record<string, string | number | boolean | null>;

function partRows(r: MeetingRecord, part: MeetingPart): { columns: Column<Row>[]; rows: Row[] } {
	const doc = {
		symbol: r.meeting.symbol,
		title: r.meeting.title,
		distributionDate: r.meeting.distributionDate,
		id: r.meeting.documentId
	};
	switch (part) {
		case 'attendance':
			return {
				columns: [
					{ key: 'category', label: 'Category' },
					{ key: 'name', label: 'Name as written' },
					{ key: 'entityId', label: 'Entity id' },
					{ key: 'entityName', label: 'Entity name' },
					{ key: 'paragraph', label: 'Paragraph' }
				],
				rows: r.attendance.map((a) => ({
					category: CATEGORY_LABELS[a.category as Category] ?? a.category,
					name: a.name,
					entityId: a.entityId,
					entityName: a.entityName,
					paragraph: a.paragraph
				}))
			};
		case 'agenda':
			return {
				columns: [
					{ key: 'number', label: 'Item' },
					{ key: 'title', label: 'Title' },
					{ key: 'joint', label: 'Joint' }
				],
				rows: r.agenda.map((a) => ({ number: a.number, title: a.title, joint: a.joint }))
			};
		case 'statements':
			return {
				columns: [
					{ key: 'item', label: 'Item' },
					{ key: 'itemTitle', label: 'Item title' },
					{ key: 'speaker', label: 'Speaker as written' },
					{ key: 'entityId', label: 'Entity id' },
					{ key: 'onBehalfOf', label: 'On behalf of' },
					{ key: 'paragraph', label: 'Paragraph' }
				],
				rows: r.statements.map((s) => ({ ...s }))
			};
		case 'panellists':
			return {
				columns: [
					{ key: 'item', label: 'Item' },
					{ key: 'name', label: 'Name' },
					{ key: 'country', label: 'Country as written' },
					{ key: 'entityId', label: 'Entity id' },
					{ key: 'function', label: 'Function' },
					{ key: 'paragraph', label: 'Paragraph' }
				],
				rows: r.panellists.map((p) => ({ ...p }))
			};
		case 'documents':
			return {
				columns: [
					{ key: 'symbol', label: 'Symbol' },
					{ key: 'title', label: 'Title' },
					{ key: 'item', label: 'Agenda item' }
				],
				rows: r.documentsBefore.map((d) => ({ ...d }))
			};
		case 'recommendations':
			return {
				columns: [
					{ key: 'label', label: 'Label' },
					{ key: 'kind', label: 'Kind' },
					{ key: 'section', label: 'Section' },
					{ key: 'text', label: 'Text' },
					{ key: 'strength', label: 'Strength' },
					{ key: 'addressees', label: 'Addressees' },
					{ key: 'subjectToExtrabudgetary', label: 'Subject to extrabudgetary resources' },
					{ key: 'paragraph', label: 'Paragraph' },
					{ key: 'anchor', label: 'Anchor' },
					{ key: 'citation', label: 'Citation' }
				],
				rows: r.recommendations.map((x) => ({
					label: x.label,
					kind: x.kind,
					section: x.section,
					text: x.text,
					strength: x.strength,
					addressees: x.addressees.join('; '),
					subjectToExtrabudgetary: x.subjectToExtrabudgetary,
					paragraph: x.paragraph,
					anchor: recommendationAnchor(x.label),
					citation: citation(doc, {
						paragraph: x.paragraph,
						label: x.label,
						kind: x.kind,
						annex: x.paragraph === null
					})
				}))
			};
		case 'paragraphs':
			return {
				columns: [
					{ key: 'number', label: 'Paragraph' },
					{ key: 'inferred', label: 'Number inferred' },
					{ key: 'chapter', label: 'Chapter' },
					{ key: 'section', label: 'Section' },
					{ key: 'body', label: 'Body' },
					{ key: 'item', label: 'Agenda item' },
					{ key: 'text', label: 'Text' },
					{ key: 'anchor', label: 'Anchor' }
				],
				rows: r.paragraphs.map((p) => ({
					number: p.number,
					inferred: p.inferred,
					chapter: p.chapter,
					section: p.section,
					body: p.body,
					item: p.item,
					text: p.text,
					anchor: paragraphAnchor(p.number, p.sortOrder)
				}))
			};
	}
}

const PART_TITLES: Record<MeetingPart, string> = {
	attendance: 'Attendance',
	agenda: 'Agenda',
	statements: 'Statements',
	panellists: 'Panellists',
	documents: 'Documents before the meeting',
	recommendations: 'Recommendations',
	paragraphs: 'Source text'
};

export function meetingPartDataset(r: MeetingRecord, part: MeetingPart, corpusVersion: string): Dataset<Row> {
	const { columns, rows } = partRows(r, part);
	return {
		id: `${r.meeting.id}-${part}`,
		title: `${PART_TITLES[part]}: ${r.meeting.body} meeting of ${r.meeting.startDate ?? r.meeting.id}`,
		columns,
		rows,
		sources: [r.meeting.documentLabel],
		filters: {},
		corpusVersion
	};
}
