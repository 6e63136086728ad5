import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { BOM, csv, csvWithProvenance, neutralizeCell, splitCsvExport, type Column } from './csv';

type Row = { country: string; meeting: string; statements: number | null; note?: string };

const columns: Column<Row>[] = [
	{ key: 'country', label: 'Delegation' },
	{ key: 'meeting', label: 'Meeting' },
	{ key: 'statements', label: 'Statements', align: 'right', format: (v) => `${v} st.` }
];

describe('csv', () => {
	it('starts with a BOM, uses CRLF, and holds a header plus exactly the given rows', () => {
		const text = csv(columns, [
			{ country: 'Mexico', meeting: 'WG.2 2013', statements: 3 },
			{ country: 'Kenya', meeting: 'WG.2 2016', statements: 0 }
		]);
		expect(text.startsWith(BOM)).toBe(true);
		expect(text).toBe(`${BOM}Delegation,Meeting,Statements\r\nMexico,WG.2 2013,3\r\nKenya,WG.2 2016,0\r\n`);
	});

	it('keeps raw values, not the table display format', () => {
		expect(csv(columns, [{ country: 'Chile', meeting: 'x', statements: 1234.5 }])).toContain(
			'Chile,x,1234.5'
		);
	});

	it('quotes commas, quotes and line breaks, and round-trips UTF-8 names', () => {
		const rows: Row[] = [
			{ country: 'Côte d’Ivoire', meeting: 'WG.2, 2013', statements: 1 },
			{ country: 'Say "hi"', meeting: 'line\nbreak', statements: null }
		];
		const text = csv(columns, rows);
		const parsed = csvParseRows(text.slice(1));
		expect(parsed.slice(1, 3)).toEqual([
			['Côte d’Ivoire', 'WG.2, 2013', '1'],
			['Say "hi"', 'line\nbreak', '']
		]);
	});

	it('neutralizes text cells a spreadsheet would run as formulas', () => {
		for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
			expect(neutralizeCell(bad)).toBe(`'${bad}`);
		}
		expect(neutralizeCell('Mexico')).toBe('Mexico');
		const text = csv(columns, [{ country: '=HYPERLINK("http://x")', meeting: '-', statements: -2 }]);
		const [, row] = csvParseRows(text.slice(1));
		expect(row).toEqual(['\'=HYPERLINK("http://x")', "'-", '-2']);
	});

	it('neutralizes header labels too', () => {
		expect(csv([{ key: 'country', label: '=x' }], [])).toBe(`${BOM}'=x\r\n`);
	});

	it('writes empty cells for null, undefined and non-finite numbers', () => {
		const text = csv(columns, [{ country: 'A', meeting: 'B', statements: Number.NaN }]);
		expect(text.endsWith('A,B,\r\n')).toBe(true);
	});
});

describe('csv with provenance', () => {
	it('appends title, filters, sources, corpus and view after an empty line, and splits back', () => {
		const text = csvWithProvenance(columns, [{ country: 'Mexico', meeting: 'WG.2 2013', statements: 3 }], {
			title: 'Statements, by delegation',
			filters: { Bodies: 'WG.2', Years: '2013–2023' },
			sources: ['CTOC/COP/WG.2/2013/1', 'Report of 2023'],
			corpusVersion: '2026-11-23',
			url: 'http://localhost:3000/participation?body=WG.2'
		});
		const { data, provenance } = splitCsvExport(text);
		expect(csvParseRows(data.trimEnd())).toEqual([
			['Delegation', 'Meeting', 'Statements'],
			['Mexico', 'WG.2 2013', '3']
		]);
		expect(provenance).toEqual([
			'# Title: Statements, by delegation',
			'# Filters: Bodies: WG.2; Years: 2013–2023',
			'# Source: CTOC/COP/WG.2/2013/1; Report of 2023',
			'# Corpus: Rapporteur corpus of 2026-11-23',
			'# View: http://localhost:3000/participation?body=WG.2'
		]);
	});
});
