import { describe, expect, it } from 'vitest';
import {
	datasetJsonResponse,
	datasetResponse,
	memoDataset,
	memoDatasetResponse,
	type Dataset
} from './dataset';

interface Row {
	name: string;
	n: number | null;
}

const dataset: Dataset<Row> = {
	id: 'test',
	title: 'A "title"',
	caption: 'Türkiye – é',
	columns: [
		{ key: 'name', label: 'Name' },
		{ key: 'n', label: 'N', align: 'right' }
	],
	rows: [
		{ name: 'a "b"', n: 1 },
		{ name: 'Côte d’Ivoire', n: null }
	],
	sources: ['X/1'],
	filters: { body: 'WG.2' },
	corpusVersion: '2026-11-23 · 2 documents · 00000000'
};

describe('datasetJsonResponse', () => {
	it('answers the bytes datasetResponse answers, from rows already written as JSON', async () => {
		const url = new URL('http://localhost/api/x?body=WG.2');
		const plain = datasetResponse(dataset, url);
		const { rows, ...meta } = dataset;
		const fromJson = datasetJsonResponse(meta, Buffer.from(JSON.stringify(rows)), url);
		const text = await fromJson.text();
		expect(text).toBe(await plain.text());
		expect(fromJson.headers.get('content-type')).toBe('application/json');
		// The length in UTF-8 bytes, not in characters (the letters, dash and quote above take two or three).
		expect(Number(fromJson.headers.get('content-length'))).toBe(Buffer.byteLength(text));
		expect(JSON.parse(text)).toEqual({
			id: 'test',
			title: 'A "title"',
			caption: 'Türkiye – é',
			sources: ['X/1'],
			filters: { body: 'WG.2' },
			corpusVersion: '2026-11-23 · 2 documents · 00000000',
			url: '/api/x?body=WG.2',
			columns: [
				{ key: 'name', label: 'Name', align: 'left' },
				{ key: 'n', label: 'N', align: 'right' }
			],
			rows: [
				{ name: 'a "b"', n: 1 },
				{ name: 'Côte d’Ivoire', n: null }
			]
		});
	});

	it('answers a dataset kept in memory with the bytes and headers of datasetResponse, JSON and CSV', async () => {
		const memo = memoDataset(dataset);
		for (const u of ['http://localhost/api/x?body=WG.2', 'http://localhost/api/x?format=csv']) {
			const url = new URL(u);
			const plain = datasetResponse(dataset, url);
			const kept = memoDatasetResponse(memo, url);
			expect(await kept.text()).toBe(await plain.text());
			for (const h of ['content-type', 'content-disposition'])
				expect(kept.headers.get(h)).toBe(plain.headers.get(h));
		}
	});

	it('refuses a format other than json or csv', () => {
		expect(() => datasetResponse(dataset, new URL('http://localhost/api/x?format=xml'))).toThrow();
	});
});
