/**
 * The one-line JSON that `npm run -s parse` prints per file: a flat summary of a ParsedDocument
 * that is easy to diff and to grep (`jq`), with per-body detail under `meetings`. Pure, so the
 * format is tested without files.
 */

import type {
	AttendanceCategory,
	DocumentKind,
	MeetingFormat,
	ParsedDocument,
	RecommendationKind
} from './types';

export interface ParseJson {
	file: string;
	kind: DocumentKind;
	symbol: string | null;
	title: string | null;
	distributionDate: string | null;
	bodies: string[];
	/** Earliest start of the document's meetings. */
	startDate: string | null;
	/** Latest end of the document's meetings. */
	endDate: string | null;
	/** Of the first meeting. */
	venue: string | null;
	format: MeetingFormat | null;
	meetings: {
		body: string;
		name: string;
		startDate: string | null;
		endDate: string | null;
		venue: string | null;
		format: MeetingFormat | null;
		meetingsHeld: number | null;
		chairs: { name: string; country: string | null; role: 'chair' | 'co-chair' }[];
	}[];
	chairs: { name: string; country: string | null }[];
	agenda: { body: string; number: string; title: string }[];
	attendance: { name: string; entity: string; iso3: string | null; category: AttendanceCategory }[];
	statements: {
		body: string;
		item: string | null;
		speaker: string;
		entity: string;
		onBehalfOf: string | null;
	}[];
	panellists: { name: string; country: string | null; body: string; item: string | null }[];
	recommendations: {
		body: string;
		label: string;
		kind: RecommendationKind;
		text: string;
		addressees: string[];
		strength: string | null;
	}[];
	/** Symbols of the documents before the meeting(s), each once. */
	documents: string[];
	citedDocuments: string[];
	warnings: string[];
}

/** The line for a file that could not be read or parsed. */
export interface ParseJsonError {
	file: string;
	error: string;
}

export function toParseJson(file: string, parsed: ParsedDocument): ParseJson {
	const starts = parsed.meetings.map((m) => m.startDate).filter((d): d is string => d !== null);
	const ends = parsed.meetings.map((m) => m.endDate).filter((d): d is string => d !== null);
	const first = parsed.meetings[0];
	return {
		file,
		kind: parsed.kind,
		symbol: parsed.symbol,
		title: parsed.title,
		distributionDate: parsed.distributionDate,
		bodies: parsed.bodies.map((b) => b.code),
		// ISO dates compare as strings.
		startDate: starts.length > 0 ? starts.reduce((a, b) => (b < a ? b : a)) : null,
		endDate: ends.length > 0 ? ends.reduce((a, b) => (b > a ? b : a)) : null,
		venue: first?.venue ?? null,
		format: first?.format ?? null,
		meetings: parsed.meetings.map((m) => ({
			body: m.body.code,
			name: m.body.name,
			startDate: m.startDate,
			endDate: m.endDate,
			venue: m.venue,
			format: m.format,
			meetingsHeld: m.meetingsHeld,
			chairs: parsed.chairs
				.filter((c) => c.body === m.body.code)
				.map((c) => ({ name: c.name, country: c.country, role: c.role }))
		})),
		// A person who chaired both bodies of a joint report is one chair of the document (per body under `meetings`).
		chairs: [
			...new Map(
				parsed.chairs.map((c) => [`${c.name}|${c.country}`, { name: c.name, country: c.country }])
			).values()
		],
		agenda: parsed.agenda.map((a) => ({ body: a.body, number: a.number, title: a.title })),
		attendance: parsed.attendance.map((a) => ({
			name: a.name,
			entity: a.entity,
			iso3: a.iso3,
			category: a.category
		})),
		statements: parsed.statements.map((s) => ({
			body: s.body,
			item: s.item,
			speaker: s.speaker,
			entity: s.entity,
			onBehalfOf: s.onBehalfOf
		})),
		panellists: parsed.panellists.map((p) => ({
			name: p.name,
			country: p.country,
			body: p.body,
			item: p.item
		})),
		recommendations: parsed.recommendations.map((r) => ({
			body: r.body,
			label: r.label,
			kind: r.kind,
			text: r.text,
			addressees: [...r.addressees],
			strength: r.strength
		})),
		documents: [...new Set(parsed.documentsBefore.map((d) => d.symbol))],
		citedDocuments: [...parsed.citedDocuments],
		warnings: [...parsed.warnings]
	};
}
