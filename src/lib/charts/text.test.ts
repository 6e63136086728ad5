import { readFileSync } from 'node:fs';
import { parse } from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { ADVANCE_WIDTHS, textWidth, truncateText, wrapText } from './text';

function font(weight: 400 | 600) {
	const buf = readFileSync(
		`node_modules/@fontsource/source-sans-3/files/source-sans-3-latin-${weight}-normal.woff`
	);
	return parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
}

describe('text metrics', () => {
	it('match the Source Sans 3 files the exports are outlined with', () => {
		for (const weight of [400, 600] as const) {
			const f = font(weight);
			const actual = Array.from(
				{ length: 95 },
				(_, i) => f.charToGlyph(String.fromCharCode(32 + i)).advanceWidth
			);
			expect(actual).toEqual(ADVANCE_WIDTHS[weight]);
		}
	});

	it('scale with size and weight', () => {
		// M e x i c o
		expect(textWidth('Mexico', 10)).toBeCloseTo((727 + 496 + 446 + 246 + 456 + 542) / 100, 5);
		expect(textWidth('Mexico', 20)).toBeCloseTo(2 * textWidth('Mexico', 10), 5);
		expect(textWidth('Mexico', 10, 600)).toBeGreaterThan(textWidth('Mexico', 10, 400));
		expect(textWidth('Côte d’Ivoire', 12)).toBeGreaterThan(0);
	});

	it('wrap words into lines no wider than asked', () => {
		const lines = wrapText(
			'Source: CTOC/COP/WG.2/2013/4; CTOC/COP/WG.2/2016/4; Rapporteur corpus of 2026-11-23',
			200,
			12
		);
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(200);
		expect(lines.join(' ')).toBe(
			'Source: CTOC/COP/WG.2/2013/4; CTOC/COP/WG.2/2016/4; Rapporteur corpus of 2026-11-23'
		);
	});

	it('truncate with an ellipsis only when needed', () => {
		expect(truncateText('Chile', 100, 12)).toBe('Chile');
		const t = truncateText('United Kingdom of Great Britain and Northern Ireland', 100, 12);
		expect(t.endsWith('…')).toBe(true);
		expect(textWidth(t, 12)).toBeLessThanOrEqual(100);
	});
});
