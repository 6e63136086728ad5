/**
 * Columns of the Compare page's figures and downloads, shared by the page and /api/compare so a CSV
 * has exactly the headers and rows the page shows.
 */
import type { Column } from '$lib/export/csv';
import { participationLabel } from '../countries/columns';

/** One entity × meeting of the participation timeline. */
export type TimelineRow = {
	entityId: string;
	entity: string;
	meetingId: string;
	meeting: string;
	/** absent | attended | spoke | panellist | chaired */
	participation: string;
	attended: boolean;
	statements: number;
	panels: number;
	chairs: number;
	paragraph: string | null;
};

export const TIMELINE_COLUMNS: Column<TimelineRow>[] = [
	{ key: 'entity', label: 'Entity' },
	{ key: 'entityId', label: 'Id' },
	{ key: 'meeting', label: 'Meeting' },
	{ key: 'meetingId', label: 'Meeting id' },
	{ key: 'participation', label: 'Highest role', format: participationLabel },
	{ key: 'attended', label: 'In attendance list', format: (v) => (v ? 'yes' : 'no') },
	{ key: 'statements', label: 'Statements', align: 'right' },
	{ key: 'panels', label: 'Panels', align: 'right' },
	{ key: 'chairs', label: 'Chairs', align: 'right' },
	{ key: 'paragraph', label: 'Paragraph' }
];

/** One entity × year of the timeline when there are too many meetings to show one by one. */
export type TimelineYearRow = {
	entityId: string;
	entity: string;
	year: string;
	/** absent | attended | spoke | panellist | chaired: the highest at any meeting of the year */
	participation: string;
	meetings: number;
	attended: number;
	statements: number;
	spoken: number;
	panels: number;
	chairs: number;
};

export const TIMELINE_YEAR_COLUMNS: Column<TimelineYearRow>[] = [
	{ key: 'entity', label: 'Entity' },
	{ key: 'entityId', label: 'Id' },
	{ key: 'year', label: 'Year' },
	{ key: 'participation', label: 'Highest role in the year', format: participationLabel },
	{ key: 'meetings', label: 'Reported meetings', align: 'right' },
	{ key: 'attended', label: 'Meetings attended', align: 'right' },
	{ key: 'statements', label: 'Statements', align: 'right' },
	{ key: 'spoken', label: 'Meetings spoken at', align: 'right' },
	{ key: 'panels', label: 'Panels', align: 'right' },
	{ key: 'chairs', label: 'Meetings chaired', align: 'right' }
];

/** One entity of the side-by-side table: its measures and its regional group's averages. */
export type CompareRowFlat = {
	id: string;
	name: string;
	regionalGroup: string | null;
	groupSize: number | null;
	attended: number | null;
	groupAttended: number | null;
	rate: number | null;
	groupRate: number | null;
	statements: number | null;
	groupStatements: number | null;
	spoken: number | null;
	groupSpoken: number | null;
	share: number | null;
	groupShare: number | null;
	panels: number | null;
	groupPanels: number | null;
	chairs: number | null;
	groupChairs: number | null;
};

export const COMPARE_COLUMNS: Column<CompareRowFlat>[] = [
	{ key: 'name', label: 'Entity' },
	{ key: 'id', label: 'Id' },
	{ key: 'regionalGroup', label: 'Regional group' },
	{ key: 'groupSize', label: 'States in group', align: 'right' },
	{ key: 'attended', label: 'Meetings attended', align: 'right' },
	{ key: 'groupAttended', label: 'Group average: meetings attended', align: 'right' },
	{ key: 'rate', label: 'Attendance rate (%)', align: 'right' },
	{ key: 'groupRate', label: 'Group average: attendance rate (%)', align: 'right' },
	{ key: 'statements', label: 'Statements', align: 'right' },
	{ key: 'groupStatements', label: 'Group average: statements', align: 'right' },
	{ key: 'spoken', label: 'Meetings spoken at', align: 'right' },
	{ key: 'groupSpoken', label: 'Group average: meetings spoken at', align: 'right' },
	{ key: 'share', label: 'Spoke at attended meetings (%)', align: 'right' },
	{ key: 'groupShare', label: 'Group average: spoke at attended meetings (%)', align: 'right' },
	{ key: 'panels', label: 'Panels', align: 'right' },
	{ key: 'groupPanels', label: 'Group average: panels', align: 'right' },
	{ key: 'chairs', label: 'Chairs', align: 'right' },
	{ key: 'groupChairs', label: 'Group average: chairs', align: 'right' }
];

/** One dot of a measure's dot plot. */
export type DotRow = {
	id: string;
	entity: string;
	regionalGroup: string | null;
	value: number | null;
	groupAverage: number | null;
	groupSize: number | null;
};

export function dotColumns(measure: string, unit: string): Column<DotRow>[] {
	return [
		{ key: 'entity', label: 'Entity' },
		{ key: 'id', label: 'Id' },
		{ key: 'regionalGroup', label: 'Regional group' },
		{ key: 'value', label: `${measure} (${unit})`, align: 'right' },
		{ key: 'groupAverage', label: `Group average (${unit})`, align: 'right' },
		{ key: 'groupSize', label: 'States in group', align: 'right' }
	];
}
