/**
 * What full-text search checks on a text itself rather than in the index (src/lib/server/search-index.ts):
 * whether a quoted phrase's words stand in order. The index narrows the candidates to texts holding all of the
 * phrase's words; this decides among them.
 */
import { wordStems } from '../nlp/tokens';

/** Whether the text's word sequence (stemmed and folded) contains `stems` in order. */
export function containsPhrase(text: string, stems: readonly string[]): boolean {
	const words = wordStems(text);
	outer: for (let i = 0; i + stems.length <= words.length; i++) {
		for (let k = 0; k < stems.length; k++) if (words[i + k] !== stems[k]) continue outer;
		return true;
	}
	return false;
}
