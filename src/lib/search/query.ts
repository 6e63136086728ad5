/**
 * The search box's query language, parsed into a tree:
 *
 *   witness protection          both words (AND is implied)
 *   sherloc OR track            either
 *   training NOT gender         the first without the second (also: training -gender)
 *   "transfer of proceedings"   the words in this order (stemmed and folded like everything else)
 *   extradit*                   any word starting so
 *   (a OR b) c                  grouping
 *
 * AND, OR and NOT are operators only in capitals, so "or" in a question is just a (stop)word. A word with
 * punctuation inside ("capacity-building", "11/2") is a phrase of its parts. Nothing here throws: an unbalanced
 * bracket or quote is closed at the end.
 */
import { contentStems, normalizeTerm, tokenize } from '../nlp/tokens';

export type QueryNode =
	| { type: 'term'; word: string; stem: string; prefix: boolean }
	| { type: 'phrase'; words: string[]; stems: string[]; display: string }
	| { type: 'and'; items: QueryNode[] }
	| { type: 'or'; items: QueryNode[] }
	| { type: 'not'; item: QueryNode };

type Token =
	| { t: 'word'; v: string }
	| { t: 'phrase'; v: string }
	| { t: 'lp' }
	| { t: 'rp' }
	| { t: 'and' }
	| { t: 'or' }
	| { t: 'not' };

function lex(input: string): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < input.length) {
		const c = input[i]!;
		if (/\s/.test(c)) {
			i++;
		} else if (c === '"' || c === '“' || c === '”') {
			const close = input.slice(i + 1).search(/["“”]/);
			const end = close === -1 ? input.length : i + 1 + close;
			out.push({ t: 'phrase', v: input.slice(i + 1, end) });
			i = end + 1;
		} else if (c === '(') {
			out.push({ t: 'lp' });
			i++;
		} else if (c === ')') {
			out.push({ t: 'rp' });
			i++;
		} else if (c === '-' && (i === 0 || /[\s(]/.test(input[i - 1]!)) && /[^\s)]/.test(input[i + 1] ?? ' ')) {
			out.push({ t: 'not' });
			i++;
		} else {
			const m = /^[^\s()"“”]+/.exec(input.slice(i))!;
			const w = m[0];
			if (w === 'AND') out.push({ t: 'and' });
			else if (w === 'OR') out.push({ t: 'or' });
			else if (w === 'NOT') out.push({ t: 'not' });
			else out.push({ t: 'word', v: w });
			i += w.length;
		}
	}
	return out;
}

function phraseNode(text: string): QueryNode | null {
	const tokens = tokenize(text);
	// Only stopwords ("of the"): nothing to look for.
	if (tokens.every((t) => t.stop)) return null;
	if (tokens.length === 1) {
		const stem = normalizeTerm(tokens[0]!.word);
		return stem ? { type: 'term', word: tokens[0]!.word, stem, prefix: false } : null;
	}
	return {
		type: 'phrase',
		words: tokens.map((t) => t.word),
		stems: tokens.map((t) => t.stem),
		display: text.trim()
	};
}

function wordNode(raw: string): QueryNode | null {
	const prefix = raw.endsWith('*');
	const word = prefix ? raw.replace(/\*+$/, '') : raw;
	const tokens = tokenize(word);
	if (tokens.length === 0) return null;
	if (tokens.length > 1) return phraseNode(word);
	const t = tokens[0]!;
	if (t.stop && !prefix) return null;
	// A prefix is matched against stems, so it is stemmed only when it is a whole word ("protect*").
	const stem = prefix ? (contentStems(t.word)[0] ?? t.word) : normalizeTerm(t.word);
	return stem ? { type: 'term', word: t.word, stem, prefix } : null;
}

/** Parse a query; null when nothing searchable is left (empty, or only stopwords). */
export function parseQuery(input: string): QueryNode | null {
	const tokens = lex(input.slice(0, 500));
	let pos = 0;
	const peek = () => tokens[pos];

	function orExpr(): QueryNode | null {
		const items: QueryNode[] = [];
		const first = andExpr();
		if (first) items.push(first);
		while (peek()?.t === 'or') {
			pos++;
			const next = andExpr();
			if (next) items.push(next);
		}
		return items.length === 0 ? null : items.length === 1 ? items[0]! : { type: 'or', items };
	}

	function andExpr(): QueryNode | null {
		const items: QueryNode[] = [];
		for (;;) {
			const tk = peek();
			if (!tk || tk.t === 'or' || tk.t === 'rp') break;
			if (tk.t === 'and') {
				pos++;
				continue;
			}
			const node = unary();
			if (node) items.push(node);
		}
		return items.length === 0 ? null : items.length === 1 ? items[0]! : { type: 'and', items };
	}

	function unary(): QueryNode | null {
		const tk = peek();
		if (tk?.t === 'not') {
			pos++;
			const item = unary();
			return item ? { type: 'not', item } : null;
		}
		return primary();
	}

	function primary(): QueryNode | null {
		const tk = tokens[pos++];
		if (!tk) return null;
		if (tk.t === 'lp') {
			const inner = orExpr();
			if (peek()?.t === 'rp') pos++;
			return inner;
		}
		if (tk.t === 'phrase') return phraseNode(tk.v);
		if (tk.t === 'word') return wordNode(tk.v);
		// A stray ')' or operator: skip it.
		return null;
	}

	const parts: QueryNode[] = [];
	while (pos < tokens.length) {
		const node = orExpr();
		if (node) parts.push(node);
		if (peek()?.t === 'rp') pos++;
	}
	return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : { type: 'and', items: parts };
}

/** The terms and phrases a hit is highlighted by (those not under a NOT). */
export function positiveParts(node: QueryNode | null): {
	terms: { stem: string; prefix: boolean }[];
	phrases: string[][];
} {
	const terms: { stem: string; prefix: boolean }[] = [];
	const phrases: string[][] = [];
	const walk = (n: QueryNode, negated: boolean) => {
		if (n.type === 'term') {
			if (!negated) terms.push({ stem: n.stem, prefix: n.prefix });
		} else if (n.type === 'phrase') {
			if (!negated) phrases.push(n.stems);
		} else if (n.type === 'not') walk(n.item, !negated);
		else for (const i of n.items) walk(i, negated);
	};
	if (node) walk(node, false);
	return { terms, phrases };
}

/** The query written back in canonical form (for "Showing results for …"). */
export function describeQuery(node: QueryNode | null): string {
	if (!node) return '';
	switch (node.type) {
		case 'term':
			return node.prefix ? `${node.word}*` : node.word;
		case 'phrase':
			return `"${node.display}"`;
		case 'not':
			return `NOT ${describeQuery(node.item)}`;
		case 'and':
			return node.items
				.map((i) => (i.type === 'or' ? `(${describeQuery(i)})` : describeQuery(i)))
				.join(' AND ');
		case 'or':
			return node.items.map(describeQuery).join(' OR ');
	}
}
