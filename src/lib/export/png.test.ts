import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { crc32, pngSize, readPngText, withPngText } from './png';
import { renderPng, svgProvenance } from './rasterize.server';
import { standaloneSvg } from './standalone';

const tiny = () =>
	new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><rect width="3" height="2"/></svg>')
		.render()
		.asPng();

describe('png metadata', () => {
	it('computes the standard CRC-32', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});

	it('adds UTF-8 iTXt chunks that read back, and keeps the image intact', () => {
		const png = tiny();
		const out = withPngText(png, { Title: 'Côte d’Ivoire — statements', Empty: '' });
		expect(readPngText(out)).toEqual({ Title: 'Côte d’Ivoire — statements' });
		expect(pngSize(out)).toEqual({ width: 3, height: 2 });
		// A decoder must accept it: resvg re-reads the PNG when it is embedded as an image.
		const wrapped = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="3" height="2"><image width="3" height="2" xlink:href="data:image/png;base64,${Buffer.from(out).toString('base64')}"/></svg>`;
		expect(() => new Resvg(wrapped).render()).not.toThrow();
	});

	it('rejects what is not a PNG', () => {
		expect(() => pngSize(new Uint8Array(30))).toThrow('not a PNG');
	});
});

describe('renderPng', () => {
	const { svg, width, height } = standaloneSvg(
		'<svg width="300" height="120"><rect width="300" height="120" fill="#0072B2"/></svg>',
		{
			id: 'x',
			title: 'A title',
			sources: ['CTOC/COP/WG.2/2013/4'],
			filters: {},
			corpusVersion: '2026-11-23'
		}
	);

	it('renders at 2× with the provenance written into the file', () => {
		const png = renderPng(svg);
		expect(pngSize(png)).toEqual({ width: 2 * width, height: 2 * height });
		const text = readPngText(png);
		expect(text.Title).toBe('A title');
		expect(text.Description).toBe('A title. Source: CTOC/COP/WG.2/2013/4; Rapporteur corpus of 2026-11-23.');
		expect(text.Source).toBe('CTOC/COP/WG.2/2013/4; Rapporteur corpus of 2026-11-23');
	});

	it('reads provenance from the SVG, unescaping entities', () => {
		expect(svgProvenance('<svg><title>A &amp; B</title><desc>d</desc></svg>')).toMatchObject({
			Title: 'A & B',
			Description: 'd'
		});
	});
});
