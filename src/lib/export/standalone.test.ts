import { describe, expect, it } from 'vitest';
import type { FigureMeta } from './caption';
import { escapeXml, standaloneSvg, svgSize } from './standalone';

const meta: FigureMeta = {
	id: 'f',
	title: 'Statements & questions <by> "kind"',
	subtitle: 'Sample',
	sources: ['CTOC/COP/WG.2/2013/4'],
	filters: { Body: 'WG.2' },
	corpusVersion: '2026-11-23',
	url: 'http://localhost/design?a=1&b=2'
};
const chart =
	'<svg width="400" height="200" viewBox="0 0 400 200"><rect width="10" height="10" fill="#0072B2"/></svg>';
const legend = '<svg width="400" height="22" viewBox="0 0 400 22"><circle r="3"/></svg>';

describe('standaloneSvg', () => {
	const out = standaloneSvg(chart, meta, { legend });

	it('is a standalone SVG: XML declaration, xmlns, pixel size and matching viewBox, white background', () => {
		expect(
			out.svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
		).toBe(true);
		expect(out.width).toBe(440);
		expect(out.svg).toContain(
			`width="${out.width}" height="${out.height}" viewBox="0 0 ${out.width} ${out.height}"`
		);
		expect(out.svg).toMatch(/<rect width="440" height="\d+" fill="#ffffff"\/>/);
		expect(out.svg.trimEnd().endsWith('</svg>')).toBe(true);
	});

	it('holds the chart and legend markup, placed below the title', () => {
		expect(out.svg).toContain(chart);
		expect(out.svg).toContain(legend);
		expect(out.height).toBeGreaterThan(200 + 22 + 40);
	});

	it('carries provenance in <title>, <desc> and <metadata>, escaped', () => {
		expect(out.svg).toContain(
			'<title id="figure-title">Statements &amp; questions &lt;by&gt; &quot;kind&quot;</title>'
		);
		expect(out.svg).toMatch(
			/<desc id="figure-desc">[^<]*Rapporteur corpus of 2026-11-23[^<]*a=1&amp;b=2<\/desc>/
		);
		expect(out.svg).toContain('<dc:source>CTOC/COP/WG.2/2013/4</dc:source>');
		expect(out.svg).toContain('<dc:date>2026-11-23</dc:date>');
		expect(out.svg).toContain(escapeXml(JSON.stringify(meta)));
	});

	it('prints title, filters and source line as text with explicit font attributes', () => {
		expect(out.svg).toMatch(
			/<text class="figure-title"[^>]*font-size="18" font-weight="600"[^>]*>Statements/
		);
		expect(out.svg).toContain('>Filters: Body: WG.2</text>');
		expect(out.svg).toContain('>Source: CTOC/COP/WG.2/2013/4; Rapporteur corpus of 2026-11-23</text>');
		expect(out.svg).toMatch(/<text [^>]*font-family="&apos;Source Sans 3&apos;/);
	});

	it('wraps a long source line on a narrow chart', () => {
		const narrow = standaloneSvg('<svg width="200" height="100"></svg>', {
			...meta,
			sources: [
				'CTOC/COP/WG.2/2013/4',
				'CTOC/COP/WG.2/2016/4',
				'CTOC/COP/WG.2/2017/4',
				'CTOC/COP/WG.2/2020/4'
			]
		});
		expect(narrow.svg.match(/class="figure-source"/g)?.length).toBeGreaterThan(1);
	});
});

describe('svgSize', () => {
	it('reads width/height attributes, else the viewBox', () => {
		expect(svgSize('<svg width="12" height="34px">')).toEqual({ width: 12, height: 34 });
		expect(svgSize('<svg viewBox="0 0 56 78">')).toEqual({ width: 56, height: 78 });
		expect(() => svgSize('<svg>')).toThrow();
	});
});
