import { describe, expect, it } from 'vitest';
import { legendLayout, pivotMatrix, stackRows } from './data';
import { MATRIX_STATES, type MatrixState } from './palette';

describe('stackRows', () => {
	const rows = [
		{ year: '2013', kind: 'statement', n: 3 },
		{ year: '2013', kind: 'question', n: 2 },
		{ year: '2016', kind: 'question', n: 4 },
		{ year: '2013', kind: 'statement', n: 1 }
	];
	const opts = {
		key: (d: (typeof rows)[number]) => d.year,
		category: (d: (typeof rows)[number]) => d.kind,
		value: (d: (typeof rows)[number]) => d.n,
		categories: ['statement', 'question', 'proposal']
	};

	it('stacks in the fixed category order and sums duplicates', () => {
		const s = stackRows(rows, opts);
		expect(s.keys).toEqual(['2013', '2016']);
		expect(s.segments).toEqual([
			{ key: '2013', category: 'statement', categoryIndex: 0, value: 4, y0: 0, y1: 4 },
			{ key: '2013', category: 'question', categoryIndex: 1, value: 2, y0: 4, y1: 6 },
			{ key: '2016', category: 'question', categoryIndex: 1, value: 4, y0: 0, y1: 4 }
		]);
		expect(s.totals.get('2013')).toBe(6);
		expect(s.totals.get('2016')).toBe(4);
	});

	it('keeps a category index stable when the category is absent (colour never shifts)', () => {
		const s = stackRows(
			rows.filter((r) => r.kind === 'question'),
			opts
		);
		expect(s.segments.every((seg) => seg.categoryIndex === 1)).toBe(true);
	});

	it('appends unknown categories instead of dropping them', () => {
		const s = stackRows([...rows, { year: '2016', kind: 'other', n: 1 }], opts);
		expect(s.categories).toEqual(['statement', 'question', 'proposal', 'other']);
		expect(s.segments.at(-1)).toMatchObject({ category: 'other', categoryIndex: 3, y0: 4, y1: 5 });
	});

	it('honours an explicit key order, including keys with no rows', () => {
		const s = stackRows(rows, { ...opts, keys: ['2016', '2014', '2013'] });
		expect(s.keys).toEqual(['2016', '2014', '2013']);
		expect(s.totals.get('2014')).toBe(0);
	});

	it('rejects negative and non-finite values', () => {
		expect(() => stackRows([{ year: '1', kind: 'a', n: -1 }], opts)).toThrow(RangeError);
		expect(() => stackRows([{ year: '1', kind: 'a', n: Number.NaN }], opts)).toThrow(RangeError);
	});
});

describe('pivotMatrix', () => {
	const rank = (v: MatrixState) => MATRIX_STATES.indexOf(v);
	const data = [
		{ country: 'Mexico', meeting: 'WG.2 2013', state: 'spoke' as MatrixState },
		{ country: 'Mexico', meeting: 'WG.2 2013', state: 'chaired' as MatrixState },
		{ country: 'Mexico', meeting: 'WG.2 2013', state: 'attended' as MatrixState },
		{ country: 'Kenya', meeting: 'WG.2 2016', state: 'attended' as MatrixState }
	];
	const base = {
		row: (d: (typeof data)[number]) => d.country,
		col: (d: (typeof data)[number]) => d.meeting,
		value: (d: (typeof data)[number]) => d.state,
		fill: 'absent' as MatrixState
	};

	it('fills every row × column pair, row-major', () => {
		const m = pivotMatrix(data, { ...base, rank });
		expect(m.rows).toEqual(['Mexico', 'Kenya']);
		expect(m.cols).toEqual(['WG.2 2013', 'WG.2 2016']);
		expect(m.cells.map((c) => c.value)).toEqual(['chaired', 'absent', 'absent', 'attended']);
	});

	it('lets the highest-ranked state win a cell', () => {
		const m = pivotMatrix(data, { ...base, rank });
		expect(m.cells[0]).toEqual({ row: 'Mexico', col: 'WG.2 2013', value: 'chaired' });
	});

	it('without a rank, the last row wins', () => {
		const m = pivotMatrix(data, base);
		expect(m.cells[0]?.value).toBe('attended');
	});

	it('keeps listed rows and columns even without data, in the given order', () => {
		const m = pivotMatrix(data, { ...base, rows: ['Kenya', 'Chile', 'Mexico'], cols: ['WG.2 2016'] });
		expect(m.rows).toEqual(['Kenya', 'Chile', 'Mexico']);
		expect(m.cols).toEqual(['WG.2 2016', 'WG.2 2013']);
		expect(m.cells).toHaveLength(6);
		expect(m.cells.filter((c) => c.row === 'Chile').every((c) => c.value === 'absent')).toBe(true);
	});

	it('does not confuse labels that contain the separator characters', () => {
		const m = pivotMatrix(
			[
				{ r: 'a|b', c: 'c', v: 1 },
				{ r: 'a', c: 'b|c', v: 2 }
			],
			{ row: (d) => d.r, col: (d) => d.c, value: (d) => d.v, fill: 0 }
		);
		expect(m.cells.filter((c) => c.value !== 0)).toHaveLength(2);
	});
});

describe('legendLayout', () => {
	const opts = { fontSize: 13, swatch: 12, gap: 16, rowHeight: 20 };

	it('puts entries on one row when they fit', () => {
		const l = legendLayout(['Attended', 'Spoke'], 600, opts);
		expect(l.items.map((i) => i.y)).toEqual([0, 0]);
		expect(l.items[1]?.x).toBeGreaterThan(l.items[0]?.x ?? 0);
		expect(l.height).toBe(20);
	});

	it('wraps to new rows on a narrow chart and never starts a row past the width', () => {
		const labels = ['Attended', 'Spoke', 'Chaired', 'Panellist', 'Absent'];
		const l = legendLayout(labels, 150, opts);
		expect(l.height).toBeGreaterThan(20);
		for (const item of l.items) expect(item.x).toBeLessThan(150);
		expect(l.items.filter((i) => i.x === 0).length).toBe(l.height / 20);
	});

	it('is empty for no entries', () => {
		expect(legendLayout([], 300, opts)).toEqual({ items: [], height: 0 });
	});
});
