/**
 * The follow-up linker: for every recommendation, the texts of LATER meetings (other documents, later start
 * date) that bear on it, each with a kind, a score in [0, 1], the evidence sentence and the reasons.
 *
 * Evidence, combined as independent signals (noisy-OR), then weighed by topic agreement:
 *
 *     similarity  TF-IDF cosine over stems and stem pairs (accent-folded, stopwords out), scaled: min(1, 1.8·cos)
 *     named tool  both texts name the same tool or programme of tools.csv (SHERLOC, RevMod, ...): 0.45, two: 0.6
 *     same words  the longest run of shared content words, from 4 words on: min(0.8, 0.12·run)
 *                 (resolutions and later recommendations quote the text they take up)
 *     resolution  both cite the same resolution or decision number: 0.3
 *
 *     score = (1 − Π(1 − signal)) · topic factor
 *
 * The topic factor keeps a shared phrase from linking texts about different things ("threat assessment" of a
 * witness's risk vs. national organized crime threat assessments): 1 when the recommendation's main topic is
 * among the target's topics, 0.85 when they share another topic or the recommendation has none, 0.6 when they
 * share none.
 *
 * The kind follows from the target and its evidence sentence: a later recommendation → reiterated; an agenda
 * item → agenda; a paragraph whose evidence sentence reports the Secretariat's work → implemented; one that
 * reports a resolution or decision of the Conference → resolution; any other paragraph → discussed.
 *
 * Candidates come from an inverted index over the recommendation's informative terms (and shared tools), so
 * the work grows with the matches, not with the square of the corpus; per later meeting at most
 * MAX_PER_MEETING paragraphs, recommendations and agenda items each are kept, the best first.
 */
import { StemTable } from '../nlp/stem-table';
import { contentStems, tokenize } from '../nlp/tokens';
import {
	reportsResolution,
	reportsSecretariatAction,
	resolutionsIn,
	sentences,
	toolsIn,
	type ToolMatcher
} from './references';
import type {
	AgendaItemUnit,
	FollowupLink,
	LinkKind,
	ParagraphUnit,
	RecommendationUnit,
	TargetKind,
	UnitMeeting
} from './types';

/** A link counts (for the status, `npm run links`) from this score on. */
export const MIN_LINK_SCORE = 0.4;

/**
 * Candidates from this score up to MIN_LINK_SCORE are kept as "possible" links: shown to curators to confirm or
 * reject, never counted unless confirmed.
 */
export const MIN_POSSIBLE_SCORE = 0.15;

/** Per later meeting and target kind, the number of links kept for one recommendation. */
export const MAX_PER_MEETING = { paragraph: 5, recommendation: 4, agenda_item: 2 } as const;

/** Candidates scored in full per recommendation (the best by partial similarity). */
const MAX_CANDIDATES = 50;

/** Terms of a recommendation used to find candidates (its highest TF-IDF weights). */
const SEARCH_TERMS = 10;

/** Entries read per posting list and recommendation, from the first later text on. */
const MAX_POSTINGS = 600;

/** Follow-up is looked for in meetings up to this many years after the recommendation's. */
export const MAX_YEARS_AHEAD = 12;

/** Links kept per recommendation at most (the best), and possible links at most. */
export const MAX_LINKS_PER_RECOMMENDATION = 25;
export const MAX_POSSIBLE_PER_RECOMMENDATION = 8;

function addYears(date: string, years: number): string {
	const y = Number(date.slice(0, 4));
	return `${String(y + years).padStart(4, '0')}${date.slice(4)}`;
}

/** Terms in more than this share of all texts are too common to find candidates with (still in the cosine). */
const COMMON_TERM_SHARE = 0.2;

/** Stems in more than this share of all texts do not count in a run of shared words. */
const INFORMATIVE_SHARE = 0.1;

export interface TopicScore {
	topicId: string;
	score: number;
}

export interface LinkerInput {
	recommendations: RecommendationUnit[];
	/** Paragraphs that are not themselves recommendations (see `isRecommendationContainer`). */
	paragraphs: ParagraphUnit[];
	agendaItems: AgendaItemUnit[];
	tools: ToolMatcher;
	/** Topics per unit key (`r:…`, `p:…`, `a:…`), best first; without them the topic factor is neutral. */
	topics?: Map<string, TopicScore[]>;
	/** The table the units' `stems` are ids in (texts tokenized once by the caller); without it, ignored. */
	stemTable?: StemTable;
}

export interface LinkerOptions {
	/** Lowest score kept (default MIN_POSSIBLE_SCORE). */
	minScore?: number;
	/**
	 * Receives each link as it is found, instead of the returned list (which is then empty): at 1,000× the
	 * corpus the links are millions, and the caller writes them out as they come.
	 */
	onLink?: (link: FollowupLink) => void;
}

/**
 * A text as the linker holds it. Words are numbers (ids of stems and stem pairs); its TF-IDF vector lives in the
 * linker's flat arrays (see `linkRecommendations`): at 1,000× the corpus there are some 400,000 texts, and a Map,
 * an array of strings or even a typed array of its own per text costs the heap or the garbage collector dearly.
 */
interface Unit {
	key: string;
	kind: TargetKind;
	documentId: string;
	meetings: UnitMeeting[];
	text: string;
	/** Ids of the content stems (in the StemTable), in order (for runs of shared words). */
	stems: Int32Array;
	/** Where its term ids and weights are in the flat arrays, before the units are sorted by date. */
	from: number;
	to: number;
	tools: ReadonlySet<string>;
	resolutions: readonly string[];
	rec?: RecommendationUnit;
	para?: ParagraphUnit;
	agenda?: AgendaItemUnit;
}

const NO_TOOLS: ReadonlySet<string> = new Set();
const NO_RESOLUTIONS: readonly string[] = [];

/** Sentences of target paragraphs kept for evidence, at most (most recently used). */
const SENTENCE_CACHE = 4096;

export function recommendationKey(id: string): string {
	return `r:${id}`;
}

export function paragraphKey(documentId: string, number: string | null, order: number): string {
	return number ? `p:${documentId}:${number}` : `p:${documentId}:#${order}`;
}

export function agendaKey(meetingId: string, number: string): string {
	return `a:${meetingId}:${number}`;
}

/** Agenda items that are procedure, not substance: never "devoted to" a recommendation. */
const PROCEDURAL_ITEM =
	/^(organizational matters|opening of the (meeting|session)|adoption of the (agenda|report)|other matters|election of officers)/i;

export function isProceduralItem(title: string): boolean {
	return PROCEDURAL_ITEM.test(title.trim());
}

// Most texts are single-spaced already: testing for what would change is cheaper than rebuilding each one.
const NEEDS_SQUASH = /\s\s|[^\S ]|^ | $/;
const squash = (s: string) => (NEEDS_SQUASH.test(s) ? s.replace(/\s+/g, ' ').trim() : s);

/**
 * A paragraph that holds the text of one of its document's recommendations (a numbered recommendation, the
 * chapeau with lettered recommendations, an annex of discussion points): the recommendations stand for it, so it
 * is neither linked to nor counted twice.
 */
export function isRecommendationContainer(
	paragraphText: string,
	recommendationTexts: readonly string[]
): boolean {
	return holdsProbe(paragraphText, recommendationProbes(recommendationTexts));
}

/** What `isRecommendationContainer` looks for, computed once per document rather than once per paragraph. */
export function recommendationProbes(recommendationTexts: readonly string[]): string[] {
	return recommendationTexts.map((r) => squash(r).slice(0, 80)).filter((probe) => probe.length >= 20);
}

export function holdsProbe(paragraphText: string, probes: readonly string[]): boolean {
	if (probes.length === 0) return false;
	const p = squash(paragraphText);
	return probes.some((probe) => p.includes(probe));
}

/**
 * The longest common run of words between two stem sequences, counting only informative stems: a common stem
 * (`informative` false) never matches, so the Convention's full title, which every report repeats, is no
 * evidence. Runs are extended from each matching pair that does not continue an earlier one, so the cost grows
 * with the matches, not with the product of the lengths.
 */
export function longestCommonRun<T>(
	a: ArrayLike<T>,
	b: ArrayLike<T>,
	informative: (stem: T) => boolean = () => true,
	positions: Map<T, number[]> = positionsOf(b, informative)
): { length: number; end: number } {
	let best = 0;
	let end = 0;
	for (let i = 0; i < a.length; i++) {
		const ai = a[i]!;
		const js = positions.get(ai);
		if (!js) continue;
		for (const j of js) {
			// Inside a run that starts earlier: already measured from its start.
			if (i > 0 && j > 0 && a[i - 1] === b[j - 1] && positions.has(a[i - 1]!)) continue;
			let k = 1;
			while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k] && positions.has(a[i + k]!)) k++;
			if (k > best) {
				best = k;
				end = i + k;
			}
		}
	}
	return { length: best, end };
}

/** Where each informative stem of `b` occurs. */
export function positionsOf<T>(b: ArrayLike<T>, informative: (stem: T) => boolean): Map<T, number[]> {
	const out = new Map<T, number[]>();
	for (let j = 0; j < b.length; j++) {
		const stem = b[j]!;
		if (!informative(stem)) continue;
		const list = out.get(stem);
		if (list) list.push(j);
		else out.set(stem, [j]);
	}
	return out;
}

/**
 * `longestCommonRun(a, b)` found from the positions of `a`'s informative stems instead of `b`'s: the linker
 * builds them once per recommendation and reuses them for each of its candidates, rather than keeping the
 * positions of every candidate. Same result: among runs of the greatest length, the one that starts first in `a`.
 */
function longestRunFrom(
	a: Int32Array,
	inA: Map<number, number[]>,
	b: Int32Array
): { length: number; end: number } {
	let best = 0;
	let end = 0;
	for (let j = 0; j < b.length; j++) {
		const is = inA.get(b[j]!);
		if (!is) continue;
		for (const i of is) {
			if (i > 0 && j > 0 && a[i - 1] === b[j - 1] && inA.has(a[i - 1]!)) continue;
			let k = 1;
			while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k] && inA.has(a[i + k]!)) k++;
			if (k > best || (k === best && i + k < end)) {
				best = k;
				end = i + k;
			}
		}
	}
	return { length: best, end };
}

function pickMeeting(meetings: UnitMeeting[], body: string): UnitMeeting {
	if (meetings.length === 1) return meetings[0]!;
	return meetings.find((m) => m.body === body) ?? meetings[0]!;
}

interface SentenceInfo {
	text: string;
	stems: Set<string>;
	tools: Set<string>;
}

/** The sentence that carries most of the recommendation's informative words (and its tools). */
function evidenceSentence(
	list: SentenceInfo[],
	fallback: string,
	sourceTerms: Map<string, number>,
	sourceTools: ReadonlySet<string>
): string {
	let best = '';
	let bestScore = -1;
	for (const s of list) {
		let score = 0;
		for (const st of s.stems) score += sourceTerms.get(st) ?? 0;
		for (const t of s.tools) if (sourceTools.has(t)) score += 3;
		if (score > bestScore) {
			bestScore = score;
			best = s.text;
		}
	}
	return best || fallback;
}

export function clip(text: string, max = 420): string {
	const t = squash(text);
	if (t.length <= max) return t;
	const cut = t.slice(0, max);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40))} …`;
}

/** A growable Int32Array or Float64Array: the linker's vectors of all texts in one flat array each. */
class Flat<T extends Int32Array | Float64Array> {
	length = 0;
	constructor(
		public a: T,
		private readonly make: (n: number) => T
	) {}

	push(v: number): void {
		if (this.length === this.a.length) {
			const bigger = this.make(this.a.length * 2);
			bigger.set(this.a);
			this.a = bigger;
		}
		this.a[this.length++] = v;
	}
}

/**
 * Ids of stem pairs by their two stem ids, in an open-addressing table of typed arrays: a Map keyed by one number
 * per pair held millions of heap numbers at 1,000× the corpus.
 */
class PairIds {
	private first = new Int32Array(1 << 16).fill(-1);
	private second = new Int32Array(1 << 16);
	private ids = new Int32Array(1 << 16);
	private size = 0;

	/** The id of the pair (a, b), or `next()` stored as its id when the pair is new. */
	get(a: number, b: number, next: () => number): number {
		let mask = this.first.length - 1;
		let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
		while (this.first[i] !== -1) {
			if (this.first[i] === a && this.second[i] === b) return this.ids[i]!;
			i = (i + 1) & mask;
		}
		const id = next();
		this.first[i] = a;
		this.second[i] = b;
		this.ids[i] = id;
		if (++this.size * 2 > this.first.length) {
			const [first, second, ids] = [this.first, this.second, this.ids];
			this.first = new Int32Array(first.length * 2).fill(-1);
			this.second = new Int32Array(first.length * 2);
			this.ids = new Int32Array(first.length * 2);
			mask = this.first.length - 1;
			for (let k = 0; k < first.length; k++) {
				const x = first[k]!;
				if (x === -1) continue;
				let j = (Math.imul(x, 0x9e3779b1) ^ Math.imul(second[k]!, 0x85ebca6b)) & mask;
				while (this.first[j] !== -1) j = (j + 1) & mask;
				this.first[j] = x;
				this.second[j] = second[k]!;
				this.ids[j] = ids[k]!;
			}
		}
		return id;
	}
}

/** `toolsIn` over stem ids: the tools' names as ids of `table` (a name with a stem no text has cannot match). */
function toolsInIds(matcher: ToolMatcher, table: StemTable): (ids: Int32Array) => Set<string> {
	const byFirst = new Map<number, [number, Int32Array][]>();
	for (const [first, names] of matcher.byFirst) {
		const id = table.ids.get(first);
		if (id === undefined) continue;
		const list: [number, Int32Array][] = [];
		for (const [tool, name] of names) {
			const ids = name.map((s) => table.ids.get(s) ?? -1);
			if (!ids.includes(-1)) list.push([tool, Int32Array.from(ids)]);
		}
		if (list.length > 0) byFirst.set(id, list);
	}
	return (ids) => {
		const out = new Set<string>();
		for (let i = 0; i < ids.length; i++) {
			for (const [tool, name] of byFirst.get(ids[i]!) ?? []) {
				let ok = i + name.length <= ids.length;
				for (let k = 1; ok && k < name.length; k++) ok = ids[i + k] === name[k];
				if (ok) out.add(matcher.tools[tool]!.id);
			}
		}
		return out;
	};
}

/** Each distinct string's rank in the order of `compare` (strings it finds equal share a rank). */
function rankStrings(
	values: readonly string[],
	compare: (a: string, b: string) => number
): Map<string, number> {
	const distinct = [...new Set(values)].sort(compare);
	const rank = new Map<string, number>();
	distinct.forEach((v, i) => {
		const previous = distinct[i - 1];
		rank.set(v, previous !== undefined && compare(previous, v) === 0 ? rank.get(previous)! : i);
	});
	return rank;
}

/**
 * All follow-up links of all recommendations, ordered by source, then score: returned, or handed to
 * `opts.onLink` one by one.
 */
export function linkRecommendations(input: LinkerInput, opts: LinkerOptions = {}): FollowupLink[] {
	const minScore = opts.minScore ?? MIN_POSSIBLE_SCORE;

	// The texts, with their stems as ids: given by the caller (tokenized once for every use), or tokenized here.
	const table = input.stemTable ?? new StemTable();
	const stemsOf = (text: string, given: Int32Array | undefined) =>
		given !== undefined && input.stemTable ? given : table.store(contentStems(text));
	const units: Unit[] = [];
	const add = (
		key: string,
		kind: TargetKind,
		documentId: string,
		meetings: UnitMeeting[],
		text: string,
		stems: Int32Array,
		source: Pick<Unit, 'rec' | 'para' | 'agenda'>
	) => {
		const resolutions = resolutionsIn(text);
		units.push({
			key,
			kind,
			documentId,
			meetings,
			text,
			stems,
			from: 0,
			to: 0,
			tools: NO_TOOLS,
			resolutions: resolutions.length > 0 ? resolutions : NO_RESOLUTIONS,
			...source
		});
	};
	for (const rec of input.recommendations)
		add(
			recommendationKey(rec.id),
			'recommendation',
			rec.documentId,
			[rec.meeting],
			rec.text,
			stemsOf(rec.text, rec.stems),
			{
				rec
			}
		);
	for (const para of input.paragraphs) {
		if (para.meetings.length === 0) continue;
		const key = paragraphKey(para.documentId, para.number, para.order);
		add(key, 'paragraph', para.documentId, para.meetings, para.text, stemsOf(para.text, para.stems), {
			para
		});
	}
	for (const agenda of input.agendaItems) {
		if (isProceduralItem(agenda.title)) continue;
		add(
			agendaKey(agenda.meeting.id, agenda.number),
			'agenda_item',
			agenda.documentId,
			[agenda.meeting],
			agenda.title,
			stemsOf(agenda.title, agenda.stems),
			{ agenda }
		);
	}

	// Terms: stems (their ids in the table) and stem pairs (ids after them). Per text, its term ids in order of
	// first occurrence and their counts, in two flat arrays; df counts the texts of each term.
	const stemCount = table.text.length;
	const pairs = new PairIds();
	let terms = stemCount;
	const nextPair = () => terms++;
	const termIds = new Flat(new Int32Array(1 << 20), (n) => new Int32Array(n));
	const termWs = new Flat(new Float64Array(1 << 20), (n) => new Float64Array(n));
	let df = new Int32Array(stemCount * 4 + 1024);
	// Counts of one text by term id, cleared after each text through the list of its terms.
	let tf = new Int32Array(df.length);
	const toolsOf = toolsInIds(input.tools, table);
	for (const u of units) {
		const stems = u.stems;
		u.from = termIds.length;
		const count = (id: number) => {
			if (id >= tf.length) {
				const size = Math.max(id + 1, tf.length * 2);
				const grownTf = new Int32Array(size);
				grownTf.set(tf);
				tf = grownTf;
				const grownDf = new Int32Array(size);
				grownDf.set(df);
				df = grownDf;
			}
			if (tf[id] === 0) termIds.push(id);
			tf[id]!++;
		};
		for (let i = 0; i < stems.length; i++) count(stems[i]!);
		for (let i = 0; i + 1 < stems.length; i++) count(pairs.get(stems[i]!, stems[i + 1]!, nextPair));
		u.to = termIds.length;
		for (let k = u.from; k < u.to; k++) {
			const id = termIds.a[k]!;
			termWs.push(tf[id]!);
			tf[id] = 0;
			df[id]!++;
		}
		const tools = toolsOf(stems);
		if (tools.size > 0) u.tools = tools;
	}
	tf = new Int32Array(0);
	const ids = termIds.a;
	const ws = termWs.a;

	// In date order (the earliest meeting of a unit), so every posting list is too and a recommendation's later
	// texts start at a binary-searched position. The order is that of the dates' localeCompare, as it always
	// was; comparisons of dates are those of the strings, done on their ranks (numbers) in the hot loops.
	const dateOf = (u: Unit) => u.meetings.reduce((d, m) => (m.date < d ? m.date : d), u.meetings[0]!.date);
	const unitDateText = units.map(dateOf);
	const localeRank = rankStrings(unitDateText, (a, b) => a.localeCompare(b));
	const order = Array.from(units.keys()).sort(
		(a, b) => localeRank.get(unitDateText[a]!)! - localeRank.get(unitDateText[b]!)!
	);
	const sorted = order.map((i) => units[i]!);
	for (let i = 0; i < sorted.length; i++) units[i] = sorted[i]!;
	const n = units.length;
	// Every date compared: units' dates, the meetings of joint texts, and the end of each recommendation's window.
	const dates: string[] = [];
	for (const u of units) for (const m of u.meetings) dates.push(m.date);
	for (const u of units) if (u.rec) dates.push(addYears(u.rec.meeting.date, MAX_YEARS_AHEAD));
	const dayRank = rankStrings(dates, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const day = (date: string) => dayRank.get(date)!;
	const unitDay = Int32Array.from(order, (i) => day(unitDateText[i]!));
	// Texts of several meetings (joint text of a joint report): their date depends on the recommendation's body.
	const unitMulti = Uint8Array.from(units, (u) => (u.meetings.length > 1 ? 1 : 0));
	const termFrom = Int32Array.from(units, (u) => u.from);
	const termTo = Int32Array.from(units, (u) => u.to);
	/** Index of the first unit dated after `date`. */
	const firstAfter = (list: ArrayLike<number>, from: number, to: number, date: number) => {
		let lo = from;
		let hi = to;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (unitDay[list[mid]!]! <= date) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};

	// TF-IDF weights, L2-normalised, in place of the counts.
	const idf = new Float64Array(terms);
	for (let id = 0; id < terms; id++) idf[id] = Math.log((n + 1) / (df[id]! + 0.5));
	for (let u = 0; u < n; u++) {
		const from = termFrom[u]!;
		const to = termTo[u]!;
		let norm = 0;
		for (let k = from; k < to; k++) {
			const w = (1 + Math.log(ws[k]!)) * idf[ids[k]!]!;
			ws[k] = w;
			norm += w * w;
		}
		norm = Math.sqrt(norm) || 1;
		for (let k = from; k < to; k++) ws[k] = ws[k]! / norm;
	}

	// Posting lists, in date order, of the terms candidates are searched by: neither too common (see topTerms
	// below) nor found in one text only. One flat array for all (offsets per term), not an array per term.
	const common = Math.max(3, COMMON_TERM_SHARE * n);
	const searchable = (id: number) => df[id]! >= 2 && df[id]! <= common;
	const postingStart = new Int32Array(terms + 1);
	for (let id = 0; id < terms; id++)
		postingStart[id + 1] = postingStart[id]! + (searchable(id) ? df[id]! : 0);
	const postingUnit = new Int32Array(postingStart[terms]!);
	const postingWeight = new Float64Array(postingUnit.length);
	const filled = postingStart.slice(0, terms);
	for (let i = 0; i < n; i++) {
		for (let k = termFrom[i]!; k < termTo[i]!; k++) {
			const id = ids[k]!;
			if (!searchable(id)) continue;
			const at = filled[id]!++;
			postingUnit[at] = i;
			postingWeight[at] = ws[k]!;
		}
	}
	// Documents as numbers, for the comparisons in the candidate loop.
	const docIndex = new Map<string, number>();
	const unitDoc = Int32Array.from(units, (u) => {
		let d = docIndex.get(u.documentId);
		if (d === undefined) docIndex.set(u.documentId, (d = docIndex.size));
		return d;
	});
	// The recommendation's vector spread over all term ids (filled and cleared per recommendation).
	const dense = new Float64Array(terms);
	const byTool = new Map<string, number[]>();
	units.forEach((u, i) => {
		for (const t of u.tools) {
			let list = byTool.get(t);
			if (!list) byTool.set(t, (list = []));
			list.push(i);
		}
	});

	// Topics by unit index rather than by key: looked up for every candidate.
	const unitTopics = units.map((u) => input.topics?.get(u.key) ?? []);

	// A stem found in more than INFORMATIVE_SHARE of the texts is no evidence of quotation.
	const rare = Math.max(2, INFORMATIVE_SHARE * n);
	const informative = (id: number) => df[id]! <= rare;
	const sentenceCache = new Map<number, SentenceInfo[]>();
	const sentencesOf = (j: number): SentenceInfo[] => {
		let list = sentenceCache.get(j);
		if (list) {
			sentenceCache.delete(j);
			sentenceCache.set(j, list);
			return list;
		}
		list = sentences(units[j]!.text).map((x) => {
			const stems = contentStems(x.text);
			return { text: x.text, stems: new Set(stems), tools: toolsIn(stems, input.tools) };
		});
		sentenceCache.set(j, list);
		if (sentenceCache.size > SENTENCE_CACHE) sentenceCache.delete(sentenceCache.keys().next().value!);
		return list;
	};

	const links: FollowupLink[] = [];
	const emit = opts.onLink ?? ((link: FollowupLink) => links.push(link));
	// One accumulator for every recommendation's partial dot products, reset through the list of touched entries:
	// no map or array per recommendation, whatever the corpus size.
	const acc = new Float64Array(n);
	const touched: number[] = [];
	const toolName = new Map(input.tools.tools.map((t) => [t.id, t.name]));
	// What String#localeCompare compares with, made once rather than on every call.
	const collator = new Intl.Collator();

	interface Scored {
		j: number;
		score: number;
		dot: number;
		shared: string[];
		run: { length: number; end: number };
		wordsSignal: number;
		sharedResolutions: string[];
		topicFactor: number;
		meeting: UnitMeeting;
	}

	for (let srcIndex = 0; srcIndex < n; srcIndex++) {
		const src = units[srcIndex]!;
		const rec = src.rec;
		if (!rec) continue;
		const srcDay = unitDay[srcIndex]!;
		const until = day(addYears(rec.meeting.date, MAX_YEARS_AHEAD));
		const srcFrom = termFrom[srcIndex]!;
		const srcTo = termTo[srcIndex]!;
		// Partial dot products over the recommendation's most informative terms find the candidates: each posting
		// list is read from the first later text, for at most MAX_POSTINGS entries, so the work per recommendation
		// is bounded however large the corpus grows.
		const topTerms: [number, number][] = [];
		for (let k = srcFrom; k < srcTo; k++) if (df[ids[k]!]! <= common) topTerms.push([ids[k]!, ws[k]!]);
		topTerms.sort((a, b) => b[1] - a[1]);
		topTerms.length = Math.min(topTerms.length, SEARCH_TERMS);
		for (const [id, w] of topTerms) {
			const end = postingStart[id + 1]!;
			const from = firstAfter(postingUnit, postingStart[id]!, end, srcDay);
			const to = Math.min(end, from + MAX_POSTINGS);
			for (let k = from; k < to; k++) {
				const j = postingUnit[k]!;
				if (unitDay[j]! > until) break;
				if (acc[j] === 0) touched.push(j);
				// A tiny floor keeps a touched entry non-zero, so it is listed once.
				acc[j] = acc[j]! + w * postingWeight[k]! + 1e-12;
			}
		}
		for (const t of src.tools) {
			const list = byTool.get(t) ?? [];
			const from = firstAfter(list, 0, list.length, srcDay);
			const to = Math.min(list.length, from + MAX_POSTINGS);
			for (let k = from; k < to; k++) {
				const j = list[k]!;
				if (unitDay[j]! > until) break;
				if (acc[j] === 0) touched.push(j);
				acc[j] = acc[j]! + 0.2 + 1e-12;
			}
		}
		// The best MAX_CANDIDATES later texts of other documents by partial similarity (a bounded min-heap, not a
		// sort of everything touched).
		const heap: number[] = [];
		const better = (a: number, b: number) => acc[a]! > acc[b]!;
		const srcDoc = unitDoc[srcIndex]!;
		for (const j of touched) {
			if (unitDoc[j] === srcDoc) continue;
			const date =
				unitMulti[j] === 0 ? unitDay[j]! : day(pickMeeting(units[j]!.meetings, rec.meeting.body).date);
			if (date <= srcDay || date > until) continue;
			if (heap.length < MAX_CANDIDATES) {
				heap.push(j);
				for (let i = heap.length - 1; i > 0;) {
					const parent = (i - 1) >> 1;
					if (!better(heap[parent]!, heap[i]!)) break;
					[heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
					i = parent;
				}
			} else if (better(j, heap[0]!)) {
				heap[0] = j;
				for (let i = 0; ;) {
					const l = 2 * i + 1;
					const r = l + 1;
					let m = i;
					if (l < heap.length && better(heap[m]!, heap[l]!)) m = l;
					if (r < heap.length && better(heap[m]!, heap[r]!)) m = r;
					if (m === i) break;
					[heap[m], heap[i]] = [heap[i]!, heap[m]!];
					i = m;
				}
			}
		}
		const candidates = heap.sort((a, b) => acc[b]! - acc[a]!);
		for (const j of touched) acc[j] = 0;
		touched.length = 0;

		const srcTopics = unitTopics[srcIndex]!;
		const mainTopic = srcTopics[0]?.topicId;

		// Score every candidate cheaply; build links (evidence sentence, reasons) only for the ones kept.
		for (let k = srcFrom; k < srcTo; k++) dense[ids[k]!] = ws[k]!;
		const scored: Scored[] = [];
		let inSrc: Map<number, number[]> | null = null;
		for (const j of candidates) {
			const u = units[j]!;
			let dot = 0;
			for (let k = termFrom[j]!, to = termTo[j]!; k < to; k++) dot += dense[ids[k]!]! * ws[k]!;
			const shared: string[] = [];
			for (const t of src.tools) if (u.tools.has(t)) shared.push(t);
			if (dot < 0.05 && shared.length === 0) continue;
			const similarity = Math.min(1, 1.8 * dot);
			const toolSignal = shared.length === 0 ? 0 : shared.length === 1 ? 0.45 : 0.6;
			const run = longestRunFrom(src.stems, (inSrc ??= positionsOf(src.stems, informative)), u.stems);
			const wordsSignal = run.length >= 4 ? Math.min(0.8, 0.12 * run.length) : 0;
			const sharedResolutions = src.resolutions.filter((r) => u.resolutions.includes(r));
			const resolutionSignal = sharedResolutions.length > 0 ? 0.3 : 0;

			const targetTopics = unitTopics[j]!;
			let topicFactor = 0.85;
			if (mainTopic && targetTopics.length > 0) {
				if (targetTopics.some((t) => t.topicId === mainTopic)) topicFactor = 1;
				else if (srcTopics.some((s) => targetTopics.some((t) => t.topicId === s.topicId))) topicFactor = 0.85;
				else topicFactor = 0.6;
			} else if (mainTopic) topicFactor = 0.6;

			const combined = 1 - (1 - similarity) * (1 - toolSignal) * (1 - wordsSignal) * (1 - resolutionSignal);
			const score = combined * topicFactor;
			if (score < minScore) continue;
			const meeting = pickMeeting(u.meetings, rec.meeting.body);
			scored.push({ j, score, dot, shared, run, wordsSignal, sharedResolutions, topicFactor, meeting });
		}

		for (let k = srcFrom; k < srcTo; k++) dense[ids[k]!] = 0;

		// Keep the best few per later meeting and target kind, and per recommendation.
		scored.sort((a, b) => b.score - a.score || collator.compare(units[a.j]!.key, units[b.j]!.key));
		const kept = new Map<string, number>();
		let strong = 0;
		let possible = 0;
		let srcContent: ReturnType<typeof tokenize> | null = null;
		let srcTermWeights: Map<string, number> | null = null;
		for (const c of scored) {
			const u = units[c.j]!;
			const k = `${c.meeting.id}\u0000${u.kind}`;
			const count = kept.get(k) ?? 0;
			if (count >= MAX_PER_MEETING[u.kind]) continue;
			const isStrong = Math.round(c.score * 1000) / 1000 >= MIN_LINK_SCORE;
			if (isStrong ? strong >= MAX_LINKS_PER_RECOMMENDATION : possible >= MAX_POSSIBLE_PER_RECOMMENDATION)
				continue;
			if (isStrong) strong++;
			else possible++;
			kept.set(k, count + 1);

			const reasons: string[] = [];
			for (const t of c.shared) reasons.push(`names ${toolName.get(t) ?? t}`);
			if (c.wordsSignal > 0) {
				// The run as printed in the recommendation, not as stems (content tokens match stems one to one).
				srcContent ??= tokenize(src.text).filter((t) => !t.stop);
				const first = srcContent[c.run.end - c.run.length];
				const last = srcContent[c.run.end - 1];
				const words =
					first && last
						? src.text.slice(first.start, last.end)
						: Array.from(
								src.stems.subarray(c.run.end - c.run.length, c.run.end),
								(id) => table.text[id]
							).join(' ');
				reasons.push(`same words: “${words}”`);
			}
			for (const r of c.sharedResolutions) reasons.push(`both cite ${r}`);
			reasons.push(`text similarity ${c.dot.toFixed(2)}`);
			if (c.topicFactor === 1 && mainTopic) reasons.push(`same main topic: ${mainTopic}`);
			else if (c.topicFactor < 0.85) reasons.push('no shared topic');

			let kind: LinkKind;
			let snippet: string;
			if (u.kind === 'recommendation') {
				kind = 'reiterated';
				snippet = u.text;
			} else if (u.kind === 'agenda_item') {
				kind = 'agenda';
				snippet = `Agenda item ${u.agenda!.number}: ${u.text}`;
			} else {
				if (!srcTermWeights) {
					srcTermWeights = new Map<string, number>();
					for (const id of src.stems) srcTermWeights.set(table.text[id]!, idf[id]!);
				}
				const list = sentencesOf(c.j);
				snippet = evidenceSentence(list, u.text, srcTermWeights, src.tools);
				const first = list[0]?.text ?? '';
				if (reportsSecretariatAction(snippet)) {
					kind = 'implemented';
					reasons.push('reports the Secretariat’s work');
				} else if (reportsResolution(snippet) || reportsResolution(first)) {
					kind = 'resolution';
					const cited = resolutionsIn(first).concat(resolutionsIn(snippet));
					reasons.push(cited.length ? `reports ${cited[0]}` : 'reports a decision of the Conference');
				} else kind = 'discussed';
			}
			emit({
				id: `${rec.id} -> ${u.key}`,
				fromId: rec.id,
				toKey: u.key,
				toKind: u.kind,
				toMeetingId: c.meeting.id,
				toDocumentId: u.documentId,
				toLabel: u.rec?.label ?? null,
				toParagraph: u.para?.number ?? null,
				toParagraphOrder: u.para?.order ?? null,
				toItem: u.agenda?.number ?? (u.para && !u.para.number ? u.para.item : null),
				kind,
				score: Math.round(c.score * 1000) / 1000,
				snippet: clip(snippet),
				reasons
			});
		}
	}
	return links;
}
