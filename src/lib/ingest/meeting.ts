/**
 * What the document is and which meetings it reports: kind, symbol, title, distribution date,
 * bodies, dates, venue, format, number of meetings held, chairs.
 */
import { bodiesIn, bodiesNamedIn, isKnownBody } from './bodies';
import { findDateRanges, numberWord, sentences } from './lists';
import type { Block } from './text';
import type { Unit } from './structure';
import type { Body, Chair, DocumentKind, Meeting, MeetingFormat, ParseOptions } from './types';
import { ParseError } from './types';
import { personsWithCountries } from './people';

export interface DocumentHead {
	kind: DocumentKind;
	title: string | null;
	symbol: string | null;
	distributionDate: string | null;
	/** Text before the first chapter: masthead, title, per-body dates of a joint report. */
	headText: string;
}

const TITLE = /^(?:Report|Draft report|Provisional agenda|Annotated provisional agenda|Joint report)\b/i;
/** A title that a lost line break glued to the masthead text before it. */
const TITLE_INSIDE =
	/(?:^|\s)((?:Joint |Draft )?Report (?:on|of) the\b.*|(?:Annotated )?Provisional agenda\b.*)$/im;

export function readHead(blocks: Block[]): DocumentHead {
	const firstChapter = blocks.findIndex(
		(b) =>
			b.kind === 'heading' &&
			(b.level === 1 || /^[IVX]+$/.test(b.label ?? '')) &&
			!TITLE.test(b.text) &&
			b.label !== null
	);
	const head = blocks.slice(0, firstChapter < 0 ? Math.min(blocks.length, 12) : firstChapter);
	const headText = head
		.map((b) => (b.label && b.kind !== 'label' ? `${b.label}. ${b.text}` : b.text))
		.join('\n');
	const titleBlock = blocks.slice(0, Math.max(firstChapter, 12)).find((b) => TITLE.test(b.text));
	const title = titleBlock?.text ?? TITLE_INSIDE.exec(headText)?.[1]?.trim() ?? null;
	let kind: DocumentKind = 'unknown';
	if (title && /provisional agenda/i.test(title)) kind = 'provisional_agenda';
	else if (title && /report/i.test(title)) kind = 'report';
	const symbol = head.find((b) => b.kind === 'symbol')?.text ?? null;
	const distr = /Distr\.?:?\s*(?:General|Limited|Restricted)\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})/.exec(
		headText
	);
	const distributionDate = distr ? (findDateRanges(distr[1] ?? '')[0]?.start ?? null) : null;
	return { kind, title, symbol, distributionDate, headText };
}

/** The bodies a document reports on, in the order its title names them. */
export function findBodies(head: DocumentHead, units: Unit[], warnings: string[]): Body[] {
	// The masthead line names the Conference as the issuing organ, not as the meeting body.
	const text = head.headText.replace(
		/^Conference of the Parties to the United Nations Convention against Transnational Organized Crime\s*/,
		''
	);
	let found = bodiesNamedIn(text).map((f) => f.body);
	if (found.length === 0)
		found = bodiesNamedIn(
			units
				.slice(0, 3)
				.map((u) => u.text)
				.join(' ')
		)
			.slice(0, 1)
			.map((f) => f.body);
	if (found.length === 0 && /Conference of the Parties/i.test(text)) {
		found = [
			{
				code: 'COP',
				name: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime'
			}
		];
	}
	for (const b of found)
		if (!isKnownBody(b))
			warnings.push(
				`body "${b.name}" is not in the table of known bodies; code "${b.code}" made from its name`
			);
	return found;
}

function organizationText(units: Unit[]): string {
	return units
		.filter((u) =>
			/organization of the (?:meeting|session)s?|opening/i.test(`${u.chapter?.text} ${u.section?.text}`)
		)
		.map((u) => u.text)
		.join('\n');
}

export function findMeetings(
	head: DocumentHead,
	bodies: Body[],
	units: Unit[],
	warnings: string[]
): Meeting[] {
	const text = head.headText;
	const allText = units.map((u) => u.text).join('\n');
	const format = findFormat(head.kind, allText);
	const venue =
		/\bheld in ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b/.exec(text)?.[1] ??
		// "Vienna, 6–8 July 2016", "Vienna, 30 July–1 August 2002", "Vienna, 6 July 2016"
		/\b([A-Z][a-z]+(?: [A-Z][a-z]+)?), \d{1,2}(?:\s*(?:–|-|to|and)|\s+[A-Z][a-z]+\s*(?:–|-|to|and|\d{4}))/.exec(
			text
		)?.[1] ??
		null;
	const orgText = organizationText(units);
	return bodies.map((body) => {
		const mention = bodyMention(text, body);
		const ranges = findDateRanges(text).filter(
			(r) => r.index > mention && !/Distr/.test(text.slice(Math.max(0, r.index - 20), r.index))
		);
		const range = ranges[0] ?? null;
		if (!range) warnings.push(`dates of the ${body.code} meeting not found in the title`);
		const meetingsHeld = findMeetingsHeld(orgText, body, bodies);
		if (meetingsHeld === null && head.kind === 'report')
			warnings.push(`number of meetings held by ${body.code} not stated`);
		if (!venue) warnings.push('venue not found in the title');
		return {
			body,
			startDate: range?.start ?? null,
			endDate: range?.end ?? null,
			venue,
			format,
			meetingsHeld
		};
	});
}

function bodyMention(text: string, body: Body): number {
	const found = bodiesNamedIn(text).find((f) => f.body.code === body.code);
	return found ? found.index : 0;
}

function findFormat(kind: DocumentKind, text: string): MeetingFormat | null {
	// The hybrid patterns all need the word, and searching for the word alone is several times faster.
	if (/hybrid/i.test(text) && /\bhybrid (?:format|meeting|session)|in a hybrid\b|\(hybrid\)/i.test(text))
		return 'hybrid';
	if (
		/held (?:entirely |fully )?(?:online|virtually|remotely)|(?:virtual|online|remote) (?:format|meeting)/i.test(
			text
		)
	)
		return 'remote';
	// A report that says nothing of the format records a meeting held in person; an agenda cannot tell.
	return kind === 'report' ? 'in person' : null;
}

function findMeetingsHeld(text: string, body: Body, bodies: Body[]): number | null {
	for (const s of sentences(text)) {
		// In a joint report the sentence is about the body it names first ("The Working Group on X held
		// nine meetings, including five joint meetings with the Working Group on Y").
		const subject = bodiesNamedIn(s)[0]?.body.code;
		if (bodies.length > 1 && subject !== body.code) continue;
		const m =
			/\b(?:held|holding)(?: a total of)? (\w+) meetings\b/i.exec(s) ??
			/\b(\w+) meetings in total\b/i.exec(s);
		if (m) {
			const n = numberWord(m[1] ?? '');
			if (n !== null) return n;
		}
	}
	return null;
}

/** "chaired by Thomas Burrows (United States)", "co-chaired by A (X) and B (Y)", "Both ... were chaired by". */
export function findChairs(units: Unit[], bodies: Body[], options: ParseOptions): Chair[] {
	const chairs: Chair[] = [];
	for (const unit of units) {
		// The pattern below needs "chaired by": a unit without it has no sentence to split.
		if (unit.annex || !/chaired by/i.test(unit.text)) continue;
		for (const s of sentences(unit.text)) {
			const m = /\b(co-)?chaired by (.+?)\.?$/i.exec(s);
			if (!m) continue;
			const named = bodiesIn(s.slice(0, m.index), bodies);
			const targets = named.length ? named : bodies;
			const people = personsWithCountries(m[2] ?? '', options);
			const role = m[1] || people.length > 1 ? 'co-chair' : 'chair';
			for (const body of targets) {
				for (const p of people) {
					if (chairs.some((c) => c.body === body.code && c.name === p.name)) continue;
					chairs.push({
						name: p.name,
						country: p.country,
						countryRef: p.countryRef,
						body: body.code,
						role,
						paragraph: unit.number
					});
				}
			}
		}
	}
	return chairs;
}

/** A text that is no meeting document at all gets a clear reason instead of an empty meeting. */
export function assertMeetingDocument(head: DocumentHead, units: Unit[], bodies: Body[]): void {
	const numbered = units.filter((u) => u.number !== null).length;
	if (head.kind === 'unknown' && numbered < 3) {
		throw new ParseError(
			'not a meeting document of a known layout: no report or agenda title and fewer than 3 numbered paragraphs'
		);
	}
	if (bodies.length === 0) {
		throw new ParseError(
			'no meeting body named (no "Working Group ..." or "Conference of the Parties" in the title)'
		);
	}
}
