/**
 * What the parser extracts from one meeting document. Every record keeps the number of the
 * paragraph it came from (`paragraph`, as printed, or inferred and then marked so), so every
 * number on a chart can be traced back to the text.
 */

export type DocumentKind = 'report' | 'provisional_agenda' | 'unknown';
export type MeetingFormat = 'in person' | 'hybrid' | 'remote';

/** How an attendee is listed in the report. */
export type AttendanceCategory =
	'state_party' | 'reio' | 'signatory' | 'non_member_observer_state' | 'un_entity' | 'igo' | 'ngo' | 'other';

export type RecommendationKind = 'recommendation' | 'discussion_point';
export type Addressee =
	'States' | 'UNODC' | 'Conference' | 'Working Group' | 'Intergovernmental organizations';
export type Strength =
	| 'strongly encouraged'
	| 'should'
	| 'encouraged'
	| 'invited'
	| 'may wish to'
	| 'could'
	| 'may'
	| 'recommended';

/** An entity name as printed, resolved (or not) against the reference table. */
export interface NameRef {
	/** As written in the document. */
	name: string;
	/** Canonical name when resolved, else the name as written. */
	entity: string;
	/** Stable entity id from data/reference (null when unresolved). */
	entityId: string | null;
	iso3: string | null;
}

export interface Body {
	/** Short code, e.g. WG.2; derived from the symbol prefix of the body. */
	code: string;
	name: string;
}

export interface Chair {
	name: string;
	/** Country as written, e.g. "United States". */
	country: string | null;
	countryRef: NameRef | null;
	/** Body code the person chaired. */
	body: string;
	role: 'chair' | 'co-chair';
	paragraph: string | null;
}

export interface Meeting {
	body: Body;
	startDate: string | null;
	endDate: string | null;
	venue: string | null;
	format: MeetingFormat | null;
	/** Number of meetings (sessions) held, when stated. */
	meetingsHeld: number | null;
}

export interface AgendaItem {
	body: string;
	/** "2", or "1 (a)" for a sub-item. */
	number: string;
	title: string;
	/** Parent item number for sub-items. */
	parent: string | null;
	/** True when the item is shared by the bodies of a joint report. */
	joint: boolean;
}

export interface Attendance extends NameRef {
	category: AttendanceCategory;
	paragraph: string | null;
}

export interface Statement extends NameRef {
	body: string;
	/** "2"; a span "2-4" or "1, 3" when the report groups items; null for a general statement. */
	item: string | null;
	speaker: string;
	onBehalfOf: string | null;
	paragraph: string | null;
}

export interface Panellist {
	name: string;
	country: string | null;
	countryRef: NameRef | null;
	function: string | null;
	body: string;
	item: string | null;
	paragraph: string | null;
}

export interface Recommendation {
	body: string;
	/** Unique within meeting and body: "7", "(a)", "Recommendation 3", "A (b)". */
	label: string;
	/** The label exactly as printed. */
	printedLabel: string;
	kind: RecommendationKind;
	/** Heading the recommendation stands under, e.g. "A. General recommendations". */
	section: string | null;
	text: string;
	addressees: Addressee[];
	strength: Strength | null;
	subjectToExtrabudgetary: boolean;
	paragraph: string | null;
	/** Position in the document, to keep printed order. */
	order: number;
}

export interface DocumentBefore {
	body: string;
	symbol: string;
	title: string | null;
	item: string | null;
}

export interface Paragraph {
	/** Number as printed or inferred (see `inferred`); null for unnumbered text (annexes, annotations). */
	number: string | null;
	inferred: boolean;
	chapter: string | null;
	section: string | null;
	/** Body the paragraph belongs to in a joint report; null when common to all bodies. */
	body: string | null;
	item: string | null;
	text: string;
	order: number;
}

export interface ParsedDocument {
	kind: DocumentKind;
	symbol: string | null;
	title: string | null;
	distributionDate: string | null;
	bodies: Body[];
	meetings: Meeting[];
	chairs: Chair[];
	agenda: AgendaItem[];
	attendance: Attendance[];
	statements: Statement[];
	panellists: Panellist[];
	recommendations: Recommendation[];
	documentsBefore: DocumentBefore[];
	/** Every document symbol cited anywhere, in order of first appearance. */
	citedDocuments: string[];
	paragraphs: Paragraph[];
	warnings: string[];
}

/** Raised for a file the parser cannot make sense of; the message says why. */
export class ParseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ParseError';
	}
}

/** What the parser needs to know of an entity the name resolver found (see names.ts). */
export interface ResolvedEntity {
	id: string;
	name: string;
	kind: string;
	iso3: string | null;
}

export interface ParseOptions {
	/** Whole-name lookup against the reference table; null for a name it does not know. */
	resolveName: (nameAsWritten: string) => ResolvedEntity | null;
}
