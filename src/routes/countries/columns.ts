/**
 * Columns of the Countries tables, shared by the pages (tables, figures) and the API (JSON, CSV), so
 * a download always has the headers the page shows.
 */
import type { Column } from '$lib/export/csv';
import { STATE_STYLES } from '$lib/charts/palette';

export const KIND_LABELS: Record<string, string> = {
	state: 'State',
	observer_state: 'Observer State',
	reio: 'Regional economic integration organization',
	igo: 'Intergovernmental organization',
	un_entity: 'UN entity',
	group: 'Group of States',
	unresolved: 'Unresolved name'
};

export const kindLabel = (kind: string): string => KIND_LABELS[kind] ?? kind;

/** One row of the /countries table, flat for CSV. */
export type CountryTableRow = {
	id: string | null;
	name: string;
	kind: string;
	iso3: string | null;
	regionalGroup: string | null;
	attended: number;
	rate: number | null;
	statements: number;
	spoken: number;
	panels: number;
	chairs: number;
	namesAsWritten: string;
};

const percent = (v: unknown) => (typeof v === 'number' ? `${v.toLocaleString('en')} %` : '–');

export const COUNTRY_TABLE_COLUMNS: Column<CountryTableRow>[] = [
	{ key: 'name', label: 'Name' },
	{ key: 'id', label: 'Id' },
	{ key: 'kind', label: 'Kind', format: (v) => kindLabel(String(v)) },
	{ key: 'iso3', label: 'ISO3' },
	{ key: 'regionalGroup', label: 'Regional group' },
	{ key: 'attended', label: 'Meetings attended', align: 'right' },
	{ key: 'rate', label: 'Attendance rate (%)', align: 'right', format: percent },
	{ key: 'statements', label: 'Statements', align: 'right' },
	{ key: 'spoken', label: 'Meetings spoken at', align: 'right' },
	{ key: 'panels', label: 'Panels', align: 'right' },
	{ key: 'chairs', label: 'Chairs', align: 'right' },
	{ key: 'namesAsWritten', label: 'Names as written' }
];

/** One meeting of a profile. */
export type ProfileMeetingRow = {
	meetingId: string;
	meeting: string;
	/** absent | attended | spoke | panellist | chaired */
	participation: string;
	attended: boolean;
	category: string | null;
	statements: number;
	panels: number;
	chair: string | null;
	paragraph: string | null;
};

export const participationLabel = (state: unknown) =>
	STATE_STYLES[state as keyof typeof STATE_STYLES]?.label ?? String(state);

export const PROFILE_MEETING_COLUMNS: Column<ProfileMeetingRow>[] = [
	{ key: 'meeting', label: 'Meeting' },
	{ key: 'meetingId', label: 'Meeting id' },
	{ key: 'participation', label: 'Highest role', format: participationLabel },
	{ key: 'attended', label: 'In attendance list', format: (v) => (v ? 'yes' : 'no') },
	{ key: 'category', label: 'Attended as' },
	{ key: 'statements', label: 'Statements', align: 'right' },
	{ key: 'panels', label: 'Panels', align: 'right' },
	{ key: 'chair', label: 'Chair' },
	{ key: 'paragraph', label: 'Paragraph' }
];

export type ProfileStatementRow = {
	meetingId: string;
	meeting: string;
	item: string | null;
	itemTitles: string;
	paragraph: string | null;
	speakerAsWritten: string;
	onBehalfOf: string | null;
};

export const PROFILE_STATEMENT_COLUMNS: Column<ProfileStatementRow>[] = [
	{ key: 'meeting', label: 'Meeting' },
	{ key: 'meetingId', label: 'Meeting id' },
	{ key: 'item', label: 'Agenda item' },
	{ key: 'itemTitles', label: 'Item title' },
	{ key: 'paragraph', label: 'Paragraph' },
	{ key: 'speakerAsWritten', label: 'Name as written' },
	{ key: 'onBehalfOf', label: 'On behalf of' }
];

export type ProfileRoleRow = {
	meetingId: string;
	meeting: string;
	role: string;
	person: string;
	countryAsWritten: string | null;
	item: string | null;
	function: string | null;
	paragraph: string | null;
};

export const PROFILE_ROLE_COLUMNS: Column<ProfileRoleRow>[] = [
	{ key: 'meeting', label: 'Meeting' },
	{ key: 'meetingId', label: 'Meeting id' },
	{ key: 'role', label: 'Role' },
	{ key: 'person', label: 'Person' },
	{ key: 'countryAsWritten', label: 'Country as written' },
	{ key: 'item', label: 'Agenda item' },
	{ key: 'function', label: 'Function' },
	{ key: 'paragraph', label: 'Paragraph' }
];

export type ProfileNameRow = {
	name: string;
	meetings: string;
	meetingIds: string;
};

export const PROFILE_NAME_COLUMNS: Column<ProfileNameRow>[] = [
	{ key: 'name', label: 'Name as written' },
	{ key: 'meetings', label: 'Meetings' },
	{ key: 'meetingIds', label: 'Meeting ids' }
];
