/**
 * Server-side rasterizing with resvg: the same result on every machine and browser, in about 40 ms. System fonts are
 * never loaded: exports arrive with their text outlined (validate.ts refuses live text), so nothing on this server
 * can change how a figure looks.
 */
import { Resvg } from '@resvg/resvg-js';
import { withPngText } from './png';

/** Scale factor of every PNG export: 2× for sharp slides and print at the chart's on-screen size. */
export const PNG_SCALE = 2;

function unescapeXml(s: string): string {
	return s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

function first(svg: string, tag: string): string {
	const m = new RegExp(`<${tag}\\b[^>]*>([^<]*)</${tag}>`).exec(svg);
	return m?.[1] ? unescapeXml(m[1]) : '';
}

/** Provenance the standalone SVG carries (<title>, <desc>, Dublin Core sources and date), for the PNG's chunks. */
export function svgProvenance(svg: string): Record<string, string> {
	const sources = [...svg.matchAll(/<dc:source>([^<]*)<\/dc:source>/g)].map((m) => unescapeXml(m[1] ?? ''));
	const date = first(svg, 'dc:date');
	return {
		Title: first(svg, 'title'),
		Description: first(svg, 'desc'),
		Source: [...sources, date ? `Rapporteur corpus of ${date}` : ''].filter(Boolean).join('; '),
		Software: 'Rapporteur'
	};
}

/** Rasterize a validated, outlined standalone SVG at PNG_SCALE, with its provenance written into the PNG. */
export function renderPng(svg: string): Uint8Array {
	const resvg = new Resvg(svg, {
		fitTo: { mode: 'zoom', value: PNG_SCALE },
		background: '#ffffff',
		font: { loadSystemFonts: false }
	});
	const png = resvg.render().asPng();
	return withPngText(png, svgProvenance(svg));
}
