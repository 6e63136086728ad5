/**
 * Stems as numbers, for one derivation: each text is tokenized once (`contentStems`) and its stems kept as ids,
 * which the topic matcher's caller, the follow-up linker and the search index then share instead of tokenizing
 * the text again each (at 1,000× the corpus, some 360,000 texts).
 *
 * The ids of a text are a view into a shared chunk of memory rather than an array of their own: a typed array
 * per text would be 360,000 ArrayBuffers, which every garbage collection walks.
 */

/** Ints per chunk of stored stems (4 MB). */
const CHUNK = 1 << 20;

export class StemTable {
	/** Id of each stem. */
	readonly ids = new Map<string, number>();
	/** Stem of each id. */
	readonly text: string[] = [];
	private chunk = new Int32Array(CHUNK);
	private used = 0;

	id(stem: string): number {
		let id = this.ids.get(stem);
		if (id === undefined) {
			id = this.text.length;
			this.ids.set(stem, id);
			this.text.push(stem);
		}
		return id;
	}

	/** The ids of `stems`, in order, stored for as long as the table lives. */
	store(stems: readonly string[]): Int32Array {
		if (stems.length > CHUNK) return Int32Array.from(stems, (s) => this.id(s));
		if (this.used + stems.length > CHUNK) {
			this.chunk = new Int32Array(CHUNK);
			this.used = 0;
		}
		const out = this.chunk.subarray(this.used, this.used + stems.length);
		for (let i = 0; i < stems.length; i++) out[i] = this.id(stems[i]!);
		this.used += stems.length;
		return out;
	}

	/** The stems of stored ids, as strings. */
	words(ids: ArrayLike<number>): string[] {
		return Array.from(ids, (id) => this.text[id]!);
	}
}
