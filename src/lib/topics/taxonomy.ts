/**
 * The reviewed topic taxonomy (data/reference/topics.csv, described in data/reference/topics.md): parsed and
 * checked here, purely, so that a mistake in the file is reported with its line instead of silently matching
 * nothing.
 */
import { csvParse } from 'd3-dsv';
import { contentStems } from '../nlp/tokens';

export interface Topic {
	/** Stable slug used in URLs and tables (`witness-protection`). */
	id: string;
	name: string;
	description: string;
	/** Phrases as written in the file. */
	keyPhrases: string[];
	/** Articles of the Convention the topic concerns ("24", "25"). */
	articles: string[];
}

/** A key phrase as the matcher compares it: the stems of its content words. */
export interface CompiledPhrase {
	phrase: string;
	stems: string[];
	/** Multi-word phrases are more specific than single words and count for more. */
	weight: number;
}

export interface CompiledTopic extends Topic {
	phrases: CompiledPhrase[];
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Parse topics.csv; throws with the line number on a malformed row. */
export function parseTopicsCsv(text: string): Topic[] {
	const rows = csvParse(text.replace(/^\uFEFF/, ''));
	for (const col of ['id', 'name', 'description', 'key_phrases', 'articles']) {
		if (!rows.columns.includes(col)) throw new Error(`topics.csv: missing column "${col}"`);
	}
	const seen = new Set<string>();
	return rows.map((row, i) => {
		const line = i + 2;
		const id = (row.id ?? '').trim();
		if (!ID.test(id)) throw new Error(`topics.csv line ${line}: id "${id}" must be a lowercase slug`);
		if (seen.has(id)) throw new Error(`topics.csv line ${line}: id "${id}" appears twice`);
		seen.add(id);
		const name = (row.name ?? '').trim();
		if (!name) throw new Error(`topics.csv line ${line}: empty name`);
		const keyPhrases = split(row.key_phrases);
		if (keyPhrases.length === 0) throw new Error(`topics.csv line ${line}: no key phrases`);
		const articles = split(row.articles);
		for (const a of articles) {
			if (!/^\d+$/.test(a)) throw new Error(`topics.csv line ${line}: article "${a}" is not a number`);
		}
		return { id, name, description: (row.description ?? '').trim(), keyPhrases, articles };
	});
}

function split(value: string | undefined): string[] {
	return (value ?? '')
		.split('|')
		.map((s) => s.trim())
		.filter(Boolean);
}

function compilePhrase(phrase: string): CompiledPhrase | null {
	const stems = contentStems(phrase);
	if (stems.length === 0) return null;
	return { phrase, stems, weight: stems.length === 1 ? 1 : 1.5 };
}

/** Stems for every key phrase; phrases that are only stopwords are dropped (they could match anything). */
export function compileTopics(topics: Topic[]): CompiledTopic[] {
	return topics.map((t) => ({
		...t,
		phrases: t.keyPhrases.map(compilePhrase).filter((p): p is CompiledPhrase => p !== null)
	}));
}
