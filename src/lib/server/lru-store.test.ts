import { describe, expect, it } from 'vitest';
import { approximateBytes, LruStore } from './lru-store';

describe('LruStore', () => {
	it('drops the least recently used entries beyond its count', () => {
		const s = new LruStore<string>(2, 1000);
		s.set('a', 'A', 1);
		s.set('b', 'B', 1);
		expect(s.get('a')).toBe('A'); // a is now the most recent
		s.set('c', 'C', 1);
		expect(s.get('b')).toBeUndefined();
		expect(s.get('a')).toBe('A');
		expect(s.size).toEqual({ entries: 2, bytes: 2 });
	});

	it('drops the least recently used entries beyond its bytes, also when an entry learns its size later', () => {
		const s = new LruStore<string>(100, 100);
		s.set('a', 'A', 40);
		s.set('b', 'B', 0);
		s.set('c', 'C', 40);
		expect(s.size).toEqual({ entries: 3, bytes: 80 });
		s.resize('b', 'B', 30); // 110 bytes: a, the oldest, goes
		expect(s.get('a')).toBeUndefined();
		expect(s.size).toEqual({ entries: 2, bytes: 70 });
		// A size for a value the key no longer holds changes nothing.
		s.resize('b', 'other', 90);
		s.resize('a', 'A', 90);
		expect(s.size).toEqual({ entries: 2, bytes: 70 });
		// An entry larger than the whole budget is not kept.
		s.set('d', 'D', 101);
		expect(s.size).toEqual({ entries: 0, bytes: 0 });
	});

	it('deletes a key only while it holds the given value', () => {
		const s = new LruStore<string>(10, 100);
		s.set('a', 'new', 5);
		s.delete('a', 'old');
		expect(s.get('a')).toBe('new');
		s.delete('a', 'new');
		expect(s.size).toEqual({ entries: 0, bytes: 0 });
	});
});

describe('approximateBytes', () => {
	it('counts characters, buffer bytes and fields, each shared object once', () => {
		const text = 'x'.repeat(1000);
		expect(approximateBytes(text)).toBe(1016);
		expect(approximateBytes(Buffer.alloc(5000))).toBe(5016);
		const row = { name: text };
		const rows = [row, row];
		// The array, two slots, and the row counted once: its field "name" and the string.
		expect(approximateBytes(rows)).toBe(16 + 8 + (16 + 16 + 4 + 1016) + 8);
		expect(approximateBytes({ n: 1, b: true, z: null })).toBe(16 + 3 * (16 + 1 + 8));
	});
});
