/**
 * A small seeded PRNG for the synthetic corpus. mulberry32 is 32-bit, fast and good enough for test
 * data; the point is that a seed gives the same corpus on every machine and Node version, which
 * Math.random cannot.
 */

/** mulberry32: a function returning floats in [0, 1), fully determined by `seed`. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Mix values into one 32-bit seed (FNV-1a over their text). Each document is generated from
 * `mixSeed(seed, index)`, so document 7 of seed 1 is the same whether 10 or 5,000 are asked for:
 * a smaller corpus is a prefix of a larger one (the bench relies on this to cache one corpus).
 */
export function mixSeed(...parts: (string | number)[]): number {
	let h = 0x811c9dc5;
	for (const ch of parts.join('\u0000')) {
		h ^= ch.codePointAt(0) ?? 0;
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export class Random {
	private readonly next: () => number;

	constructor(seed: number) {
		this.next = mulberry32(seed);
	}

	/** A float in [0, 1). */
	float(): number {
		return this.next();
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)]!;
	}

	/** `k` distinct items in random order (all of them when k >= length). */
	sample<T>(items: readonly T[], k: number): T[] {
		const copy = [...items];
		const n = Math.min(Math.max(0, k), copy.length);
		// Partial Fisher-Yates: only the first n positions are shuffled.
		for (let i = 0; i < n; i++) {
			const j = i + Math.floor(this.next() * (copy.length - i));
			[copy[i], copy[j]] = [copy[j]!, copy[i]!];
		}
		return copy.slice(0, n);
	}

	shuffle<T>(items: readonly T[]): T[] {
		return this.sample(items, items.length);
	}
}
