/**
 * Which topics a text is about, with a relevance score a reader can check: every score comes with the key
 * phrases (and Convention articles) that produced it.
 *
 * The score grows with the weighted count of key-phrase occurrences and shrinks with the length of the text,
 * so one passing mention in a long paragraph counts for less than the same phrase in a one-line
 * recommendation:
 *
 *     raw   = Σ phrase weight (1 for a word, 1.5 for a phrase) + 1.5 per cited article of the topic
 *     score = 1 − exp(−raw / (1 + words / 150))
 *
 * A phrase occurrence counts once per topic even where a shorter phrase of the same topic overlaps it
 * (longest match wins). A text's context (the heading of the section a recommendation sits under) adds
 * CONTEXT_WEIGHT of its phrases' weight: it says what the recommendation is about without being its words,
 * so one heading phrase alone stays below MIN_TOPIC_SCORE and only tips a recommendation that also names the
 * topic.
 */
import { contentStems } from '../nlp/tokens';
import type { CompiledPhrase, CompiledTopic } from './taxonomy';

/**
 * Below this a topic is not assigned: one single-word mention stays below it in a paragraph of more than about
 * 200 content words, one multi-word phrase in one of more than about 400.
 */
export const MIN_TOPIC_SCORE = 0.35;

/** Weight of a key phrase found in the context (section heading) rather than the text itself. */
export const CONTEXT_WEIGHT = 0.25;

export interface TopicMatch {
	topicId: string;
	score: number;
	/** Key phrases found (as written in the taxonomy), "article N" for cited articles; context ones end in " (heading)". */
	matched: string[];
}

interface IndexedPhrase {
	topic: number;
	phrase: CompiledPhrase;
}

/** Phrases by their first stem, longest first, so a scan tries the longest match at each position first. */
export interface PhraseIndex {
	topics: CompiledTopic[];
	byFirst: Map<string, IndexedPhrase[]>;
	/** Convention article → topic indexes. */
	byArticle: Map<string, number[]>;
}

export function buildPhraseIndex(topics: CompiledTopic[]): PhraseIndex {
	const byFirst = new Map<string, IndexedPhrase[]>();
	const byArticle = new Map<string, number[]>();
	topics.forEach((t, topic) => {
		for (const phrase of t.phrases) {
			const first = phrase.stems[0]!;
			const list = byFirst.get(first) ?? [];
			list.push({ topic, phrase });
			byFirst.set(first, list);
		}
		for (const a of t.articles) byArticle.set(a, [...(byArticle.get(a) ?? []), topic]);
	});
	for (const list of byFirst.values()) list.sort((a, b) => b.phrase.stems.length - a.phrase.stems.length);
	return { topics, byFirst, byArticle };
}

// "article 21", "articles 24 and 25", "articles 6, 7 and 17", "art. 13", "art. 14".
const ARTICLES = /\b(?:articles?|arts?\.)\s+(\d+(?:\s*(?:,|and|to|or)\s*\d+)*)/gi;

/** Convention article numbers cited in a text ("articles 24 and 25" → 24, 25). */
export function citedArticles(text: string): string[] {
	const out = new Set<string>();
	for (const m of text.matchAll(ARTICLES)) {
		// A paragraph of the procedures and rules, or of a resolution, is not an article of the Convention.
		for (const n of (m[1] ?? '').match(/\d+/g) ?? []) out.add(String(Number(n)));
	}
	return [...out];
}

interface Tally {
	raw: number;
	matched: Set<string>;
}

function scan(
	stems: string[],
	index: PhraseIndex,
	factor: number,
	suffix: string,
	tallies: Map<number, Tally>
) {
	// Per topic, the position up to which text is already counted (longest match wins, no double counting).
	const coveredUntil = new Map<number, number>();
	for (let i = 0; i < stems.length; i++) {
		const candidates = index.byFirst.get(stems[i]!);
		if (!candidates) continue;
		for (const { topic, phrase } of candidates) {
			if ((coveredUntil.get(topic) ?? 0) > i) continue;
			const n = phrase.stems.length;
			let ok = i + n <= stems.length;
			for (let k = 1; ok && k < n; k++) ok = stems[i + k] === phrase.stems[k];
			if (!ok) continue;
			coveredUntil.set(topic, i + n);
			const tally = tallies.get(topic) ?? { raw: 0, matched: new Set<string>() };
			tally.raw += phrase.weight * factor;
			tally.matched.add(phrase.phrase + suffix);
			tallies.set(topic, tally);
		}
	}
}

/** Topics of `text` scoring at least `min`, best first. */
export function matchTopics(
	text: string,
	index: PhraseIndex,
	opts: {
		context?: string | null;
		min?: number;
		/** `contentStems(text)`, when the caller has them already. */
		stems?: string[];
	} = {}
): TopicMatch[] {
	const stems = opts.stems ?? contentStems(text);
	const tallies = new Map<number, Tally>();
	scan(stems, index, 1, '', tallies);
	if (opts.context) scan(contentStems(opts.context), index, CONTEXT_WEIGHT, ' (heading)', tallies);
	for (const article of citedArticles(text)) {
		for (const topic of index.byArticle.get(article) ?? []) {
			const tally = tallies.get(topic) ?? { raw: 0, matched: new Set<string>() };
			tally.raw += 1.5;
			tally.matched.add(`article ${article}`);
			tallies.set(topic, tally);
		}
	}
	const min = opts.min ?? MIN_TOPIC_SCORE;
	const scale = 1 + stems.length / 150;
	const out: TopicMatch[] = [];
	for (const [topic, tally] of tallies) {
		const score = 1 - Math.exp(-tally.raw / scale);
		if (score >= min) out.push({ topicId: index.topics[topic]!.id, score, matched: [...tally.matched] });
	}
	return out.sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
}
