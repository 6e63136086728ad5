/**
 * The standalone SVG every figure exports (and the PNG is rasterized from): the chart and legend SVGs as drawn on
 * screen, framed with the title, subtitle, filters and source line, on a white background, with xmlns and viewBox
 * so it opens anywhere. Provenance is repeated machine-readably in <title>, <desc> (the caption) and <metadata>
 * (Dublin Core, which Inkscape and other editors show, plus the exact FigureMeta as JSON).
 *
 * Pure string work, so it runs in the browser, on the server and in unit tests alike. Text is left as <text> here;
 * the browser then outlines it (outline.ts) so it looks the same without the reader's fonts.
 */
import { FONT_FAMILY, FONT_SIZE, INK } from '$lib/charts/palette';
import { wrapText } from '$lib/charts/text';
import { caption, filterLine, sourceLine, type FigureMeta } from './caption';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** One serialized `<svg>` element and its size in px. */
export interface SvgPart {
	svg: string;
	width: number;
	height: number;
}

export interface StandaloneSvg {
	svg: string;
	width: number;
	height: number;
}

const MARGIN = 20;

export function escapeXml(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** Width and height from a serialized root `<svg>` tag (attributes first, then the viewBox). */
export function svgSize(svg: string): { width: number; height: number } {
	const tag = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
	const num = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)(px)?"`).exec(tag)?.[1]);
	let width = num('width');
	let height = num('height');
	const vb = /\sviewBox="([^"]+)"/
		.exec(tag)?.[1]
		?.trim()
		.split(/[\s,]+/)
		.map(Number);
	if (!(width > 0) && vb?.[2]) width = vb[2];
	if (!(height > 0) && vb?.[3]) height = vb[3];
	if (!(width > 0 && height > 0)) throw new Error('standaloneSvg: the SVG has no width/height or viewBox');
	return { width, height };
}

/** Serialize an element as XML (never HTML), so the result parses as SVG on its own. */
function toPart(input: SvgPart | string | SVGSVGElement): SvgPart {
	if (typeof input === 'string') return { svg: input, ...svgSize(input) };
	if ('svg' in input) return input;
	const svg = new XMLSerializer().serializeToString(input);
	return { svg, ...svgSize(svg) };
}

function textLines(
	lines: string[],
	x: number,
	y: number,
	o: { size: number; weight?: number; fill: string; lineHeight: number; role: string }
): { markup: string; height: number } {
	const markup = lines
		.map(
			(line, i) =>
				`<text class="${o.role}" x="${x}" y="${(y + o.size * 0.95 + i * o.lineHeight).toFixed(1)}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${o.size}"${o.weight ? ` font-weight="${o.weight}"` : ''} fill="${o.fill}">${escapeXml(line)}</text>`
		)
		.join('');
	return { markup, height: lines.length * o.lineHeight };
}

function metadata(meta: FigureMeta): string {
	const dc = [
		`<dc:title>${escapeXml(meta.title)}</dc:title>`,
		`<dc:description>${escapeXml(caption(meta))}</dc:description>`,
		...meta.sources.map((s) => `<dc:source>${escapeXml(s)}</dc:source>`),
		`<dc:date>${escapeXml(meta.corpusVersion)}</dc:date>`,
		meta.url ? `<dc:identifier>${escapeXml(meta.url)}</dc:identifier>` : '',
		`<dc:publisher>Rapporteur</dc:publisher>`
	].join('');
	return (
		`<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<rdf:Description rdf:about="">${dc}</rdf:Description></rdf:RDF>` +
		`<rapporteur:figure xmlns:rapporteur="urn:rapporteur:figure">${escapeXml(JSON.stringify(meta))}</rapporteur:figure>` +
		`</metadata>`
	);
}

/**
 * Frame a chart (and optional legend) with its title, subtitle, filters and source line as one standalone SVG.
 * Accepts the chart as a serialized `<svg>` string, a measured part, or (in the browser) the element itself.
 */
export function standaloneSvg(
	chart: SvgPart | string | SVGSVGElement,
	meta: FigureMeta,
	opts: { legend?: SvgPart | string | SVGSVGElement | null } = {}
): StandaloneSvg {
	const c = toPart(chart);
	const legend = opts.legend ? toPart(opts.legend) : null;
	const inner = Math.max(c.width, legend?.width ?? 0);
	const width = Math.ceil(inner + 2 * MARGIN);
	const body: string[] = [];
	let y = MARGIN;

	const title = textLines(wrapText(meta.title, inner, FONT_SIZE.title, 600), MARGIN, y, {
		size: FONT_SIZE.title,
		weight: 600,
		fill: INK.text,
		lineHeight: 23,
		role: 'figure-title'
	});
	body.push(title.markup);
	y += title.height;
	if (meta.subtitle) {
		const sub = textLines(wrapText(meta.subtitle, inner, FONT_SIZE.subtitle), MARGIN, y + 2, {
			size: FONT_SIZE.subtitle,
			fill: INK.muted,
			lineHeight: 19,
			role: 'figure-subtitle'
		});
		body.push(sub.markup);
		y += sub.height + 2;
	}
	y += 12;
	body.push(`<g transform="translate(${MARGIN},${y})">${c.svg}</g>`);
	y += c.height;
	if (legend && legend.height > 0) {
		y += 8;
		body.push(`<g transform="translate(${MARGIN},${y})">${legend.svg}</g>`);
		y += legend.height;
	}
	y += 12;
	const small = { size: FONT_SIZE.source, fill: INK.muted, lineHeight: 16 };
	const filters = filterLine(meta);
	if (filters) {
		const f = textLines(wrapText(filters, inner, FONT_SIZE.source), MARGIN, y, {
			...small,
			role: 'figure-filters'
		});
		body.push(f.markup);
		y += f.height;
	}
	const src = textLines(wrapText(sourceLine(meta), inner, FONT_SIZE.source), MARGIN, y, {
		...small,
		role: 'figure-source'
	});
	body.push(src.markup);
	y += src.height;
	const height = Math.ceil(y + MARGIN);

	const svg =
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="figure-title figure-desc">` +
		`<title id="figure-title">${escapeXml(meta.title)}</title>` +
		`<desc id="figure-desc">${escapeXml(caption(meta))}</desc>` +
		metadata(meta) +
		`<rect width="${width}" height="${height}" fill="${INK.background}"/>` +
		body.join('') +
		`</svg>\n`;
	return { svg, width, height };
}
