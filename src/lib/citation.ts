/**
 * How a passage of a meeting report is pointed at: the anchor of a recommendation on its meeting page
 * (`labelSlug`), and the citation a reader pastes into their own text (`citation`). Pure functions,
 * shared by the meeting page and every page that links into it, so a link made elsewhere always lands
 * on the anchor the meeting page renders.
 */

/**
 * The anchor slug of a recommendation label: lower case, every run of characters other than a–z and
 * 0–9 turned into one `-`, trimmed. `(a)` → `a`, `A (b)` → `a-b`, `Recommendation 3` → `recommendation-3`.
 * Accents are dropped first (so `é` counts as `e`, not as a separator). A label with no letter or
 * digit at all gives `x`, so an anchor is never empty.
 */
export function labelSlug(label: string): string {
	const slug = label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return slug === '' ? 'x' : slug;
}

/** The element id of a recommendation on its meeting page. */
export function recommendationAnchor(label: string): string {
	return `rec-${labelSlug(label)}`;
}

/**
 * The element id of a paragraph of the source text: `p-<number>` for a numbered paragraph,
 * `u-<sort_order>` for unnumbered text (annexes, annotations, mastheads).
 */
export function paragraphAnchor(number: string | null, sortOrder: number): string {
	return number === null ? `u-${sortOrder}` : `p-${number}`;
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/**
 * `2013-11-19` → `19 November 2013`, the way UN documents print dates (no leading zero). Anything that
 * is not an ISO date is returned unchanged rather than guessed at.
 */
export function formatDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
	if (!m || !month) return iso;
	return `${Number(m[3])} ${month} ${m[1]}`;
}

/** A document as it is cited: by symbol where it has one, else by title. */
export interface CitedDocument {
	symbol: string | null;
	title: string | null;
	/** Distribution date, ISO `YYYY-MM-DD`. */
	distributionDate: string | null;
	/** Last resort when a document has neither symbol nor title (the file name without extension). */
	id: string;
}

/** The place in a document being cited. Give `paragraph`, or a recommendation `label`, or both. */
export interface CitedPlace {
	/** The paragraph number as printed (or inferred); null for unnumbered text. */
	paragraph?: string | null;
	/** A recommendation's label, as stored: `7`, `(a)`, `A (b)`, `Recommendation 3`. */
	label?: string | null;
	kind?: 'recommendation' | 'discussion_point' | string | null;
	/** True when the passage sits in an annex (where paragraphs are usually unnumbered). */
	annex?: boolean;
	/** Section heading of unnumbered text, for a place to point at when there is no number. */
	section?: string | null;
	/** The last numbered paragraph before unnumbered text in the body of the document. */
	after?: string | null;
}

/** `Title (19 November 2013)`, or `SYMBOL (19 November 2013)`. */
export function documentCitation(doc: CitedDocument): string {
	const name = doc.symbol ?? doc.title ?? doc.id;
	return doc.distributionDate ? `${name} (${formatDate(doc.distributionDate)})` : name;
}

function lowerFirst(s: string): string {
	return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Where in the document: `para. 7`, `para. 6 (a)`, `annex, discussion point A (b)`, ... */
export function placeCitation(place: CitedPlace): string {
	const paragraph = place.paragraph ?? null;
	const label = place.label ?? null;
	if (label !== null && label !== '') {
		if (paragraph !== null) {
			if (label === paragraph) return `para. ${paragraph}`;
			// "(a)" is a sub-paragraph of the paragraph that introduces the list.
			if (label.startsWith('(')) return `para. ${paragraph} ${label}`;
			return `para. ${paragraph}, ${lowerFirst(label)}`;
		}
		const where = place.annex ? 'annex, ' : '';
		if (/^(recommendation|discussion point)\b/i.test(label)) return `${where}${lowerFirst(label)}`;
		const noun = place.kind === 'discussion_point' ? 'discussion point' : 'recommendation';
		return `${where}${noun} ${label}`;
	}
	if (paragraph !== null) return `para. ${paragraph}`;
	if (place.annex) return place.section ? `annex, “${place.section}”` : 'annex';
	if (place.after) return `text following para. ${place.after}`;
	if (place.section) return `“${place.section}”`;
	return 'heading';
}

/**
 * The citation of a passage, ready to paste: document (symbol or title), distribution date, place.
 * "Report on the meeting of ... held in Vienna from 28 to 30 October 2013 (19 November 2013), para. 7"
 */
export function citation(doc: CitedDocument, place: CitedPlace): string {
	return `${documentCitation(doc)}, ${placeCitation(place)}`;
}
