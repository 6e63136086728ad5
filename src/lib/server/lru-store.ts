/**
 * A map that keeps its most recently used entries within a number of entries and of bytes (the caller says how
 * large each value is), dropping the least recently used first. memo.ts keeps the server's computed views in one.
 */
export class LruStore<V> {
	private readonly entries = new Map<string, { value: V; bytes: number }>();
	private total = 0;

	constructor(
		private readonly maxEntries: number,
		private readonly maxBytes: number
	) {}

	get(key: string): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		// Most recently used last, so the oldest entry is the first to go.
		this.entries.delete(key);
		this.entries.set(key, entry);
		return entry.value;
	}

	set(key: string, value: V, bytes: number): void {
		this.delete(key);
		this.entries.set(key, { value, bytes });
		this.total += bytes;
		this.evict();
	}

	/** Give the entry of `key` its size, if it still holds `value` (it may have been dropped or replaced since). */
	resize(key: string, value: V, bytes: number): void {
		const entry = this.entries.get(key);
		if (!entry || entry.value !== value) return;
		this.total += bytes - entry.bytes;
		entry.bytes = bytes;
		this.evict();
	}

	/** Drop the entry of `key` (only if it holds `value`, when one is given). */
	delete(key: string, value?: V): void {
		const entry = this.entries.get(key);
		if (!entry || (value !== undefined && entry.value !== value)) return;
		this.entries.delete(key);
		this.total -= entry.bytes;
	}

	clear(): void {
		this.entries.clear();
		this.total = 0;
	}

	get size(): { entries: number; bytes: number } {
		return { entries: this.entries.size, bytes: this.total };
	}

	private evict(): void {
		while (this.entries.size > this.maxEntries || (this.total > this.maxBytes && this.entries.size > 0)) {
			this.delete(this.entries.keys().next().value as string);
		}
	}
}

/**
 * Roughly the memory a value holds: string characters, the bytes of buffers and typed arrays, 8 per number and
 * 16 per object, array slot or field. A walk, once per value kept; an object met twice is counted once.
 */
export function approximateBytes(value: unknown, seen = new Set<object>()): number {
	if (typeof value === 'string') return 16 + value.length;
	if (typeof value === 'number' || typeof value === 'bigint') return 8;
	if (value === null || typeof value !== 'object') return 8;
	if (seen.has(value)) return 0;
	seen.add(value);
	if (ArrayBuffer.isView(value)) return 16 + value.byteLength;
	let bytes = 16;
	if (Array.isArray(value)) for (const item of value) bytes += 8 + approximateBytes(item, seen);
	else if (value instanceof Map)
		for (const [k, v] of value) bytes += 16 + approximateBytes(k, seen) + approximateBytes(v, seen);
	else if (value instanceof Set) for (const v of value) bytes += 8 + approximateBytes(v, seen);
	else for (const [k, v] of Object.entries(value)) bytes += 16 + k.length + approximateBytes(v, seen);
	return bytes;
}
