/**
 * Everything derived from the corpus in one pure step: topic assignments of recommendations, paragraphs and
 * agenda items; follow-up links; discovered terms. src/lib/server/derive.ts reads the corpus tables into a
 * `Corpus`, calls `computeDerived` and writes the result to its own tables.
 */
import { StemTable } from '../nlp/stem-table';
import { contentStems } from '../nlp/tokens';
import { buildPhraseIndex, matchTopics, type TopicMatch } from '../topics/match';
import { compileTopics, type Topic } from '../topics/taxonomy';
import { discoverTerms, type DiscoveredTerm } from '../topics/terms';
import {
	agendaKey,
	isProceduralItem,
	holdsProbe,
	recommendationProbes,
	linkRecommendations,
	paragraphKey,
	recommendationKey,
	type TopicScore
} from './linker';
import { buildToolMatcher, type NamedTool } from './references';
import type { AgendaItemUnit, FollowupLink, ParagraphUnit, RecommendationUnit, UnitMeeting } from './types';

export interface CorpusMeeting {
	id: string;
	documentId: string;
	body: string;
	/** YYYY-MM-DD, or null when the report gives none (such a meeting takes part in nothing dated). */
	date: string | null;
	year: number | null;
}

export interface CorpusParagraph {
	documentId: string;
	number: string | null;
	order: number;
	/** NULL: common to all bodies of a joint report. */
	body: string | null;
	item: string | null;
	section: string | null;
	text: string;
}

export interface CorpusRecommendation {
	id: string;
	meetingId: string;
	label: string;
	section: string | null;
	paragraph: string | null;
	text: string;
	sortOrder: number;
}

export interface CorpusAgendaItem {
	meetingId: string;
	number: string;
	title: string;
}

export interface Corpus {
	meetings: CorpusMeeting[];
	paragraphs: CorpusParagraph[];
	recommendations: CorpusRecommendation[];
	agendaItems: CorpusAgendaItem[];
}

export type UnitKind = 'recommendation' | 'paragraph' | 'agenda_item';

/** One topic of one text. */
export interface TopicAssignment {
	unitKind: UnitKind;
	/** `r:…`, `p:…`, `a:…` as in the linker. */
	unitKey: string;
	documentId: string;
	/** NULL for joint text of a joint report (it belongs to every meeting of the document). */
	meetingId: string | null;
	body: string | null;
	year: number | null;
	paragraph: string | null;
	paragraphOrder: number | null;
	label: string | null;
	item: string | null;
	topicId: string;
	score: number;
	matched: string[];
}

/**
 * The content stems of every text, tokenized once for the topics, the linker and the search index: ids in
 * `table`, by position in the corpus lists; null for a text that is not one of its own (a paragraph that holds
 * recommendations, a recommendation of a meeting not in the corpus).
 */
export interface TextStems {
	table: StemTable;
	recommendations: (Int32Array | null)[];
	paragraphs: (Int32Array | null)[];
}

export interface Derived {
	assignments: TopicAssignment[];
	links: FollowupLink[];
	terms: DiscoveredTerm[];
	/** Absent when nothing was derived (a failed derivation's empty tables). */
	stems?: TextStems;
}

/** Paragraphs that hold recommendations, by `documentId\0order`. */
export function containerParagraphs(corpus: Corpus): Set<string> {
	const meetingDoc = new Map(corpus.meetings.map((m) => [m.id, m.documentId]));
	const recTexts = new Map<string, string[]>();
	for (const r of corpus.recommendations) {
		const doc = meetingDoc.get(r.meetingId);
		if (!doc) continue;
		const list = recTexts.get(doc);
		if (list) list.push(r.text);
		else recTexts.set(doc, [r.text]);
	}
	const probes = new Map([...recTexts].map(([doc, texts]) => [doc, recommendationProbes(texts)]));
	const out = new Set<string>();
	for (const p of corpus.paragraphs) {
		if (holdsProbe(p.text, probes.get(p.documentId) ?? [])) out.add(`${p.documentId}\u0000${p.order}`);
	}
	return out;
}

/**
 * `onLink`: receives each follow-up link as it is found (then `links` is empty), so that the caller can write
 * millions of them without holding them all.
 */
export function computeDerived(
	corpus: Corpus,
	topics: Topic[],
	tools: NamedTool[],
	onLink?: (link: FollowupLink) => void
): Derived {
	const index = buildPhraseIndex(compileTopics(topics));
	const meetings = new Map(corpus.meetings.map((m) => [m.id, m]));
	const dated = (m: CorpusMeeting): UnitMeeting | null =>
		m.date ? { id: m.id, body: m.body, date: m.date } : null;
	const docMeetings = new Map<string, CorpusMeeting[]>();
	for (const m of corpus.meetings)
		docMeetings.set(m.documentId, [...(docMeetings.get(m.documentId) ?? []), m]);
	for (const list of docMeetings.values())
		list.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id));
	const containers = containerParagraphs(corpus);
	// The agenda item a recommendation was adopted under: its paragraph's item (numbered recommendations).
	const paragraphItem = new Map<string, string | null>();
	for (const p of corpus.paragraphs)
		if (p.number) paragraphItem.set(`${p.documentId}\u0000${p.number}`, p.item);

	const assignments: TopicAssignment[] = [];
	const topicsByKey = new Map<string, TopicScore[]>();
	const assign = (base: Omit<TopicAssignment, 'topicId' | 'score' | 'matched'>, matches: TopicMatch[]) => {
		topicsByKey.set(
			base.unitKey,
			matches.map((m) => ({ topicId: m.topicId, score: m.score }))
		);
		for (const m of matches)
			assignments.push({ ...base, topicId: m.topicId, score: m.score, matched: m.matched });
	};
	const termTexts: { year: number; text: string }[] = [];

	const table = new StemTable();
	const stems: TextStems = { table, recommendations: [], paragraphs: [] };
	const recUnits: RecommendationUnit[] = [];
	for (const r of corpus.recommendations) {
		const m = meetings.get(r.meetingId);
		stems.recommendations.push(null);
		if (!m) continue;
		const words = contentStems(r.text);
		const ids = table.store(words);
		stems.recommendations[stems.recommendations.length - 1] = ids;
		const key = recommendationKey(r.id);
		const item = r.paragraph ? (paragraphItem.get(`${m.documentId}\u0000${r.paragraph}`) ?? null) : null;
		assign(
			{
				unitKind: 'recommendation',
				unitKey: key,
				documentId: m.documentId,
				meetingId: m.id,
				body: m.body,
				year: m.year,
				paragraph: r.paragraph,
				paragraphOrder: null,
				label: r.label,
				item
			},
			matchTopics(r.text, index, { context: r.section, stems: words })
		);
		if (m.year !== null) termTexts.push({ year: m.year, text: r.text });
		const um = dated(m);
		if (um)
			recUnits.push({
				id: r.id,
				documentId: m.documentId,
				meeting: um,
				label: r.label,
				text: r.text,
				section: r.section,
				paragraph: r.paragraph,
				sortOrder: r.sortOrder,
				stems: ids
			});
	}

	const paraUnits: ParagraphUnit[] = [];
	for (const p of corpus.paragraphs) {
		stems.paragraphs.push(null);
		if (containers.has(`${p.documentId}\u0000${p.order}`)) continue;
		const words = contentStems(p.text);
		const ids = table.store(words);
		stems.paragraphs[stems.paragraphs.length - 1] = ids;
		const all = docMeetings.get(p.documentId) ?? [];
		const own = p.body === null ? all : all.filter((m) => m.body === p.body);
		const list = own.length > 0 ? own : all;
		const first = list[0];
		const year = first?.year ?? null;
		assign(
			{
				unitKind: 'paragraph',
				unitKey: paragraphKey(p.documentId, p.number, p.order),
				documentId: p.documentId,
				meetingId: list.length === 1 ? (first?.id ?? null) : null,
				body: list.length === 1 ? (first?.body ?? null) : null,
				year,
				paragraph: p.number,
				paragraphOrder: p.order,
				label: null,
				item: p.item
			},
			matchTopics(p.text, index, { stems: words })
		);
		if (year !== null) termTexts.push({ year, text: p.text });
		const um = list.map(dated).filter((x): x is UnitMeeting => x !== null);
		if (um.length > 0)
			paraUnits.push({
				documentId: p.documentId,
				number: p.number,
				order: p.order,
				meetings: um,
				item: p.item,
				text: p.text,
				stems: ids
			});
	}

	const agendaUnits: AgendaItemUnit[] = [];
	for (const a of corpus.agendaItems) {
		const m = meetings.get(a.meetingId);
		if (!m || isProceduralItem(a.title)) continue;
		const words = contentStems(a.title);
		assign(
			{
				unitKind: 'agenda_item',
				unitKey: agendaKey(m.id, a.number),
				documentId: m.documentId,
				meetingId: m.id,
				body: m.body,
				year: m.year,
				paragraph: null,
				paragraphOrder: null,
				label: null,
				item: a.number
			},
			matchTopics(a.title, index, { stems: words })
		);
		const um = dated(m);
		if (um)
			agendaUnits.push({
				documentId: m.documentId,
				meeting: um,
				number: a.number,
				title: a.title,
				stems: table.store(words)
			});
	}

	const links = linkRecommendations(
		{
			recommendations: recUnits,
			paragraphs: paraUnits,
			agendaItems: agendaUnits,
			tools: buildToolMatcher(tools),
			topics: topicsByKey,
			stemTable: table
		},
		{ onLink }
	);
	const terms = discoverTerms(termTexts, compileTopics(topics));
	return { assignments, links, terms, stems };
}
