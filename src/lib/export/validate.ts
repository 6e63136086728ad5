/**
 * Checks on an SVG posted for rasterizing, before it reaches the renderer. The endpoint only ever needs to render
 * what standaloneSvg + outlineSvgText produce, so anything else is refused rather than sanitized: no DTD or
 * entities (entity expansion), no scripts or foreign HTML, no reference to anything outside the document (a
 * server-side renderer fetching files or URLs on a client's behalf), and no live text (without fonts on the server
 * it would silently vanish from the PNG; outlined text renders the same everywhere).
 */

/** Largest SVG accepted, in bytes. Outlined figures measure 50–400 kB; this leaves room for big matrices. */
export const MAX_SVG_BYTES = 3 * 1024 * 1024;

export type SvgCheck = { ok: true } | { ok: false; status: 400 | 413 | 415 | 422; reason: string };

const FORBIDDEN: [RegExp, string][] = [
	[/<!DOCTYPE|<!ENTITY/i, 'DTDs and entities are not allowed'],
	[/<script\b/i, 'scripts are not allowed'],
	[/<foreignObject\b/i, 'foreignObject is not allowed'],
	[/<(image|feImage)\b/i, 'embedded or linked images are not allowed'],
	[/<style\b/i, 'style sheets are not allowed (charts style with attributes)'],
	[/<[^>]*\son[a-z]+\s*=/i, 'event handler attributes are not allowed'],
	[/<text\b/i, 'text must be outlined to paths before rasterizing']
];

/**
 * Only same-document references (#id) are allowed in href and url(). Only tags are scanned: text content cannot
 * hold a tag, since '<' is escaped there, so words in a caption never trip the check.
 */
function hasExternalReference(svg: string): boolean {
	for (const [tag] of svg.matchAll(/<[^>]+>/g)) {
		for (const m of tag.matchAll(/\s(?:xlink:)?href\s*=\s*(["'])(.*?)\1/gi)) {
			if (!(m[2] ?? '').startsWith('#')) return true;
		}
		for (const m of tag.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)/gi)) {
			if (!(m[2] ?? '').startsWith('#')) return true;
		}
	}
	return false;
}

export function checkSvg(svg: string, contentType: string | null, byteLength: number): SvgCheck {
	if (byteLength > MAX_SVG_BYTES)
		return { ok: false, status: 413, reason: `SVG larger than ${MAX_SVG_BYTES} bytes` };
	if (!contentType || !/^image\/svg\+xml\b/i.test(contentType)) {
		return { ok: false, status: 415, reason: 'Content-Type must be image/svg+xml' };
	}
	const body = svg.replace(/^\uFEFF/, '').replace(/^\s*<\?xml[^>]*\?>\s*/, '');
	if (!/^<svg\b[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(body)) {
		return {
			ok: false,
			status: 422,
			reason: 'root element must be <svg xmlns="http://www.w3.org/2000/svg">'
		};
	}
	if (!/<\/svg>\s*$/.test(body)) return { ok: false, status: 422, reason: 'document must end with </svg>' };
	for (const [re, reason] of FORBIDDEN) if (re.test(body)) return { ok: false, status: 422, reason };
	if (hasExternalReference(body))
		return { ok: false, status: 422, reason: 'external references are not allowed' };
	return { ok: true };
}
