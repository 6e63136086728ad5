/**
 * Text to outlines for exports. Every <text> in the standalone SVG becomes a <path> drawn from the same Source Sans
 * 3 files the page uses, so the SVG looks identical in a browser, Inkscape, Illustrator, Word or PowerPoint whether
 * or not the reader has the font, and the server rasterizes the PNG without any font at all. The words stay
 * machine-readable: each path keeps its text in aria-label, and the figure's title, caption and provenance are in
 * <title>, <desc> and <metadata>.
 *
 * Why outlines and not an embedded @font-face: only browsers honour a web font inside an SVG; office suites,
 * editors and resvg ignore it and substitute a system font.
 *
 * Layout is glyph by glyph (advance widths, no shaping): opentype.js's shaping engine rejects this font's
 * contextual substitutions, and chart labels need neither ligatures nor complex scripts. Characters missing from
 * every font (e.g. non-Latin scripts) draw as the font's .notdef box rather than vanishing.
 */
import type { Font, Glyph, PathCommand } from 'opentype.js';

/** Fonts by weight, each a fallback chain (Latin, then Latin Extended). */
export interface OutlineFonts {
	400: Font[];
	600: Font[];
}

export type Anchor = 'start' | 'middle' | 'end';

function fmt(n: number): string {
	// 0.01 px: below any visible difference even at the PNG's 2× zoom, and keeps files small.
	return String(Math.round(n * 100) / 100);
}

function pathData(commands: PathCommand[]): string {
	let d = '';
	let open = false;
	for (const c of commands) {
		if (c.type === 'M') {
			// Close every contour explicitly: some renderers mis-fill glyphs whose subpaths are left open.
			if (open) d += 'Z';
			d += `M${fmt(c.x)} ${fmt(c.y)}`;
			open = true;
		} else if (c.type === 'L') d += `L${fmt(c.x)} ${fmt(c.y)}`;
		else if (c.type === 'Q') d += `Q${fmt(c.x1)} ${fmt(c.y1)} ${fmt(c.x)} ${fmt(c.y)}`;
		else if (c.type === 'C')
			d += `C${fmt(c.x1)} ${fmt(c.y1)} ${fmt(c.x2)} ${fmt(c.y2)} ${fmt(c.x)} ${fmt(c.y)}`;
		else if (c.type === 'Z') {
			d += 'Z';
			open = false;
		}
	}
	return open ? d + 'Z' : d;
}

function glyphFor(ch: string, fonts: readonly Font[]): { glyph: Glyph; font: Font } | null {
	for (const font of fonts) {
		if (font.charToGlyphIndex(ch) > 0) return { glyph: font.charToGlyph(ch), font };
	}
	const first = fonts[0];
	return first ? { glyph: first.charToGlyph(ch), font: first } : null;
}

/** Path data and advance width of `text` set at `size` px with its anchor at (x, y) on the baseline. */
export function textPath(
	text: string,
	x: number,
	y: number,
	size: number,
	anchor: Anchor,
	fonts: readonly Font[]
): { d: string; width: number } {
	const glyphs = Array.from(text, (ch) => glyphFor(ch, fonts)).filter((g) => g !== null);
	const width = glyphs.reduce((w, g) => w + ((g.glyph.advanceWidth ?? 0) * size) / g.font.unitsPerEm, 0);
	let pen = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
	let d = '';
	for (const { glyph, font } of glyphs) {
		d += pathData(glyph.getPath(pen, y, size).commands);
		pen += ((glyph.advanceWidth ?? 0) * size) / font.unitsPerEm;
	}
	return { d, width };
}

/** An attribute from the element or its nearest ancestor that sets it (SVG presentation attributes inherit). */
function inherited(el: Element, name: string): string | null {
	for (let e: Element | null = el; e; e = e.parentElement) {
		const v = e.getAttribute(name);
		if (v !== null && v !== '') return v;
	}
	return null;
}

function length(value: string | null, fontSize: number): number {
	if (!value) return 0;
	const n = parseFloat(value);
	if (!Number.isFinite(n)) return 0;
	return value.trim().endsWith('em') ? n * fontSize : n;
}

/** Baseline shift for the dominant-baseline values charts commonly use, in em. */
const BASELINE: Record<string, number> = {
	middle: 0.35,
	central: 0.35,
	hanging: 0.75,
	'text-before-edge': 0.75
};

/**
 * Replace every <text> of a serialized SVG document with an outlined <path>. Runs in the browser (it needs
 * DOMParser and XMLSerializer). Tags other than plain text content (tspan) are not expected in chart labels and
 * are outlined as their concatenated text at the parent's position.
 */
export function outlineSvgText(svg: string, fonts: OutlineFonts): string {
	const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
	if (doc.getElementsByTagName('parsererror').length > 0)
		throw new Error('outlineSvgText: input is not valid SVG');
	const ns = doc.documentElement.namespaceURI;
	for (const el of Array.from(doc.getElementsByTagName('text'))) {
		const titles = Array.from(el.children).filter((c) => c.localName === 'title');
		for (const t of titles) t.remove();
		const content = (el.textContent ?? '').replace(/\s+/g, ' ');
		const size = parseFloat(inherited(el, 'font-size') ?? '16') || 16;
		const weightAttr = inherited(el, 'font-weight') ?? '400';
		const weight = weightAttr === 'bold' || parseInt(weightAttr, 10) >= 600 ? 600 : 400;
		const anchor = (inherited(el, 'text-anchor') ?? 'start') as Anchor;
		const shift = BASELINE[inherited(el, 'dominant-baseline') ?? ''] ?? 0;
		const x = length(el.getAttribute('x'), size) + length(el.getAttribute('dx'), size);
		const y = length(el.getAttribute('y'), size) + length(el.getAttribute('dy'), size) + shift * size;
		const { d } = textPath(content, x, y, size, anchor, fonts[weight]);

		const path = doc.createElementNS(ns, 'path');
		path.setAttribute('d', d);
		path.setAttribute('fill', inherited(el, 'fill') ?? '#000000');
		for (const name of ['transform', 'class', 'id', 'opacity', 'fill-opacity']) {
			const v = el.getAttribute(name);
			if (v !== null) path.setAttribute(name, v);
		}
		path.setAttribute('aria-label', content);
		for (const t of titles) path.appendChild(t);
		el.replaceWith(path);
	}
	const out = new XMLSerializer().serializeToString(doc.documentElement);
	return `<?xml version="1.0" encoding="UTF-8"?>\n${out}\n`;
}
