/**
 * Records the follow-up linker reads and writes. Pure data: the database edge (src/lib/server/derive.ts) fills
 * and stores them.
 */

/** What a later text does to a recommendation, from strongest to weakest evidence of action. */
export const LINK_KINDS = ['resolution', 'implemented', 'reiterated', 'agenda', 'discussed'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_KIND_LABELS: Record<LinkKind, string> = {
	resolution: 'taken up by a resolution',
	implemented: 'reported done or under way',
	reiterated: 'repeated or built on by a later recommendation',
	agenda: 'agenda item devoted to it',
	discussed: 'discussed'
};

/** A meeting as the linker needs it. */
export interface UnitMeeting {
	id: string;
	body: string;
	/** Start date, YYYY-MM-DD. */
	date: string;
}

/** A recommendation (or discussion point): a source of links, and a target for earlier ones. */
export interface RecommendationUnit {
	id: string;
	documentId: string;
	meeting: UnitMeeting;
	label: string;
	text: string;
	/** Heading it sits under, e.g. "A. Assistance, good practices and ..." */
	section: string | null;
	/** Paragraph number it is printed in, when numbered. */
	paragraph: string | null;
	sortOrder: number;
	/** Its content stems as ids in the linker input's `stemTable`, when the caller has tokenized it already. */
	stems?: Int32Array;
}

/** A numbered (or annotation) paragraph of the text that is not itself a recommendation. */
export interface ParagraphUnit {
	documentId: string;
	number: string | null;
	/** paragraph.sort_order: identifies unnumbered paragraphs. */
	order: number;
	/** Meetings the paragraph belongs to: one, or every body of a joint report for joint text. */
	meetings: UnitMeeting[];
	item: string | null;
	text: string;
	/** As for a recommendation. */
	stems?: Int32Array;
}

export interface AgendaItemUnit {
	documentId: string;
	meeting: UnitMeeting;
	number: string;
	title: string;
	/** As for a recommendation (the title's stems). */
	stems?: Int32Array;
}

export type TargetKind = 'recommendation' | 'paragraph' | 'agenda_item';

/** One follow-up link: a later text bearing on a recommendation. */
export interface FollowupLink {
	/** `<from id> -> <target key>`: stable across re-ingests of the same documents. */
	id: string;
	fromId: string;
	/** `r:<recommendation id>`, `p:<document id>:<number>` (`p:<document id>:#<order>` unnumbered), `a:<meeting id>:<item>`. */
	toKey: string;
	toKind: TargetKind;
	toMeetingId: string;
	toDocumentId: string;
	toLabel: string | null;
	toParagraph: string | null;
	toParagraphOrder: number | null;
	toItem: string | null;
	kind: LinkKind;
	/** 0–1. */
	score: number;
	/** The sentence(s) of the later text that bear on the recommendation. */
	snippet: string;
	/** Why: "names SHERLOC", "same words: “…”", "cites resolution 11/2", "text similarity 0.31". */
	reasons: string[];
}
