/**
 * Full-text search over paragraphs and recommendations: MiniSearch (BM25-style ranking, an inverted index in
 * memory) with this project's tokenizer and stemmer, so "women" finds "woman" and "turkiye" finds "Türkiye";
 * the boolean structure, phrases and prefixes of query.ts are evaluated here over MiniSearch's per-term results.
 * Phrases are checked against each candidate's own word sequence, after the index has narrowed the candidates
 * to texts holding all of the phrase's words.
 */
import MiniSearch from 'minisearch';
import { normalizeTerm, tokenize } from '../nlp/tokens';
import type { QueryNode } from './query';

export interface SearchDoc {
	/** Unique: `r:<recommendation id>` or `p:<document id>:<sort order>`. */
	id: string;
	text: string;
}

export interface SearchIndex<D extends SearchDoc> {
	docs: Map<string, D>;
	mini: MiniSearch<D>;
}

/** Words as MiniSearch sees them (before processTerm folds and stems them). */
function splitWords(text: string): string[] {
	return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function buildIndex<D extends SearchDoc>(docs: readonly D[]): SearchIndex<D> {
	const mini = new MiniSearch<D>({
		fields: ['text'],
		idField: 'id',
		tokenize: splitWords,
		processTerm: (term) => normalizeTerm(term) || null
	});
	mini.addAll(docs as D[]);
	return { docs: new Map(docs.map((d) => [d.id, d])), mini };
}

type Scores = Map<string, number>;

function termScores<D extends SearchDoc>(index: SearchIndex<D>, stem: string, prefix: boolean): Scores {
	const out: Scores = new Map();
	// The stem is already processed: search the index's terms directly, without processTerm stemming it again.
	for (const r of index.mini.search(stem, { prefix, fuzzy: false, processTerm: (t) => t })) {
		out.set(String(r.id), r.score);
	}
	return out;
}

/** Whether the text's word sequence (stemmed and folded) contains `stems` in order. */
export function containsPhrase(text: string, stems: readonly string[]): boolean {
	const words = tokenize(text).map((t) => t.stem);
	outer: for (let i = 0; i + stems.length <= words.length; i++) {
		for (let k = 0; k < stems.length; k++) if (words[i + k] !== stems[k]) continue outer;
		return true;
	}
	return false;
}

function evaluate<D extends SearchDoc>(
	index: SearchIndex<D>,
	node: QueryNode,
	universe: () => Scores
): Scores {
	switch (node.type) {
		case 'term':
			return termScores(index, node.stem, node.prefix);
		case 'phrase': {
			const content = node.stems.filter((s, i) => normalizeTerm(node.words[i]!) !== '');
			let candidates: Scores | null = null;
			for (const s of content) {
				const hits = termScores(index, s, false);
				if (candidates === null) candidates = hits;
				else {
					const next: Scores = new Map();
					for (const [id, score] of candidates) {
						const h = hits.get(id);
						if (h !== undefined) next.set(id, score + h);
					}
					candidates = next;
				}
			}
			const out: Scores = new Map();
			for (const [id, score] of candidates ?? new Map<string, number>()) {
				const doc = index.docs.get(id);
				// Words in order score above the same words scattered.
				if (doc && containsPhrase(doc.text, node.stems)) out.set(id, score * 1.5);
			}
			return out;
		}
		case 'or': {
			const out: Scores = new Map();
			for (const item of node.items) {
				for (const [id, s] of evaluate(index, item, universe)) out.set(id, (out.get(id) ?? 0) + s);
			}
			return out;
		}
		case 'and': {
			const positive = node.items.filter((i) => i.type !== 'not');
			const negative = node.items.filter((i): i is Extract<QueryNode, { type: 'not' }> => i.type === 'not');
			let out: Scores | null = null;
			for (const item of positive) {
				const hits = evaluate(index, item, universe);
				if (out === null) out = hits;
				else {
					const next: Scores = new Map();
					for (const [id, s] of out) {
						const h = hits.get(id);
						if (h !== undefined) next.set(id, s + h);
					}
					out = next;
				}
			}
			out ??= new Map(universe());
			for (const n of negative) for (const id of evaluate(index, n.item, universe).keys()) out.delete(id);
			return out;
		}
		case 'not': {
			const excluded = evaluate(index, node.item, universe);
			const out: Scores = new Map();
			for (const [id, s] of universe()) if (!excluded.has(id)) out.set(id, s);
			return out;
		}
	}
}

export interface SearchHit<D> {
	doc: D;
	score: number;
}

/** Documents matching `node` and `filter`, best first (ties in index order). */
export function search<D extends SearchDoc>(
	index: SearchIndex<D>,
	node: QueryNode,
	filter: (doc: D) => boolean = () => true
): SearchHit<D>[] {
	// Every document with score 0: what a query of only NOTs starts from.
	const universe = () => new Map([...index.docs.keys()].map((id) => [id, 0]));
	const scores = evaluate(index, node, universe);
	const order = new Map([...index.docs.keys()].map((id, i) => [id, i]));
	const hits: SearchHit<D>[] = [];
	for (const [id, score] of scores) {
		const doc = index.docs.get(id);
		if (doc && filter(doc)) hits.push({ doc, score });
	}
	return hits.sort((a, b) => b.score - a.score || order.get(a.doc.id)! - order.get(b.doc.id)!);
}
