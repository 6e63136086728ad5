import { readFileSync } from 'node:fs';
import { parse, type Font } from 'opentype.js';
import { describe, expect, it } from 'vitest';
import { textWidth } from '$lib/charts/text';
import { textPath } from './outline';

function font(name: string): Font {
	const buf = readFileSync(`node_modules/@fontsource/source-sans-3/files/source-sans-3-${name}-normal.woff`);
	return parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
}

const fonts = [font('latin-400'), font('latin-ext-400')];

describe('textPath', () => {
	it('draws closed glyph contours and measures like the layout metrics', () => {
		const { d, width } = textPath('Mexico', 0, 12, 12, 'start', fonts);
		expect(d.startsWith('M')).toBe(true);
		expect(d.endsWith('Z')).toBe(true);
		expect(width).toBeCloseTo(textWidth('Mexico', 12), 5);
	});

	it('honours text-anchor', () => {
		const x = (anchor: 'start' | 'middle' | 'end') =>
			Number(/^M([\d.-]+)/.exec(textPath('H', 100, 0, 10, anchor, fonts).d)?.[1]);
		const w = textPath('H', 0, 0, 10, 'start', fonts).width;
		expect(x('middle')).toBeCloseTo(x('start') - w / 2, 1);
		expect(x('end')).toBeCloseTo(x('start') - w, 1);
	});

	it('falls back to Latin Extended for letters the Latin subset lacks', () => {
		const latinOnly = textPath('Łódź', 0, 0, 12, 'start', fonts.slice(0, 1)).d;
		const withExt = textPath('Łódź', 0, 0, 12, 'start', fonts).d;
		expect(withExt).not.toBe(latinOnly);
		expect(withExt.length).toBeGreaterThan(100);
	});
});
