/**
 * `compute(word)` once per word, kept in `cache` until it holds `limit` words (then emptied, so a stream of odd
 * tokens cannot grow it without bound). Reports reuse a small vocabulary: the tokenizers and the stemmer see
 * every word of the corpus, nearly all of them recurring, so their work per word is mostly one lookup.
 */
export function perWord<T>(
	cache: Map<string, T>,
	limit: number,
	word: string,
	compute: (word: string) => T
): T {
	let value = cache.get(word);
	if (value === undefined) {
		value = compute(word);
		if (cache.size >= limit) cache.clear();
		cache.set(word, value);
	}
	return value;
}
