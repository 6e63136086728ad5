/**
 * parseReport: the text of one meeting document in, typed records out. Pure: no file, network or
 * database access; the name lookup comes in through `options`.
 */
import { findAgenda, sectionItems, unitBody } from './agenda';
import { findDocumentsBefore, symbolsIn } from './documents';
import { assertMeetingDocument, findBodies, findChairs, findMeetings, readHead } from './meeting';
import { findAttendance, findPanellists, findStatements } from './participants';
import { findRecommendations } from './recommendations';
import { fullText, outline } from './structure';
import { toBlocks } from './text';
import type { ParsedDocument, ParseOptions, Paragraph } from './types';
import { ParseError } from './types';

/** Reports are a few hundred kB at most; far larger input is not a report and would only cost time. */
export const MAX_TEXT_LENGTH = 5_000_000;

export function parseReport(text: string, givenOptions: ParseOptions): ParsedDocument {
	const options = withNameCache(givenOptions);
	if (text.trim().length === 0) throw new ParseError('empty document');
	if (text.length > MAX_TEXT_LENGTH) {
		throw new ParseError(
			`document too large (${text.length} characters; a report has at most ${MAX_TEXT_LENGTH})`
		);
	}
	const blocks = toBlocks(text);
	const head = readHead(blocks);
	const { units, warnings } = outline(head.kind === 'provisional_agenda' ? blocks : blocks);
	const bodies = findBodies(head, units, warnings);
	assertMeetingDocument(head, units, bodies);

	const meetings = findMeetings(head, bodies, units, warnings);
	const agenda = findAgenda(units, bodies, head.kind);
	const itemsOfUnit = sectionItems(units, agenda, bodies);
	const isReport = head.kind === 'report';

	const attendance = isReport ? findAttendance(units, options) : [];
	const statements = isReport ? findStatements(units, bodies, agenda, itemsOfUnit, options) : [];
	const panellists = isReport ? findPanellists(units, bodies, itemsOfUnit, options) : [];
	const chairs = isReport ? findChairs(units, bodies, options) : [];
	const recommendations = isReport ? findRecommendations(units, bodies, warnings) : [];
	const documentsBefore = findDocumentsBefore(units, bodies);

	const paragraphs: Paragraph[] = units
		// The masthead (before the first heading) is no paragraph of the report.
		.filter((u) => u.number !== null || (u.children.length > 0 && u.heading !== null))
		.map((u, i) => ({
			number: head.kind === 'provisional_agenda' ? null : u.number,
			inferred: u.inferred,
			chapter: u.chapter ? [u.chapter.label, u.chapter.text].filter(Boolean).join('. ') : null,
			section: (u.subsection ?? u.section)?.text ?? null,
			body: unitBody(u, bodies)?.code ?? null,
			item: firstItem(itemsOfUnit.get(u)),
			text: fullText(u),
			order: i
		}));

	const citedDocuments = [...new Set(symbolsIn(text))];

	if (isReport) {
		if (agenda.length === 0) warnings.push('no adopted agenda found ("adopted the following agenda:")');
		if (attendance.length === 0) warnings.push('no attendance found ("... were represented")');
		if (chairs.length === 0) warnings.push('no chair found ("chaired by ...")');
	}
	const unresolved = new Set(
		[...attendance, ...statements].filter((r) => r.entityId === null).map((r) => r.name)
	);
	for (const name of unresolved) warnings.push(`unknown name kept as written: "${name}"`);

	return {
		kind: head.kind,
		symbol: head.symbol,
		title: head.title,
		distributionDate: head.distributionDate,
		bodies,
		meetings,
		chairs,
		agenda,
		attendance,
		statements,
		panellists,
		recommendations,
		documentsBefore,
		citedDocuments,
		paragraphs,
		warnings
	};
}

function firstItem(items: Map<string, string> | undefined): string | null {
	if (!items || items.size === 0) return null;
	const values = [...new Set(items.values())];
	return values.length === 1 ? values[0]! : null;
}

/** The same names recur dozens of times in a report (lists, statements, panels): look each up once. */
function withNameCache(options: ParseOptions): ParseOptions {
	const cache = new Map<string, ReturnType<ParseOptions['resolveName']>>();
	return {
		...options,
		resolveName: (name) => {
			const hit = cache.get(name);
			if (hit !== undefined) return hit;
			const found = options.resolveName(name) ?? null;
			cache.set(name, found);
			return found;
		}
	};
}
