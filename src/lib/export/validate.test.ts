import { describe, expect, it } from 'vitest';
import { checkSvg, MAX_SVG_BYTES } from './validate';

const ok =
	'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
	'<defs><pattern id="p"/></defs><rect fill="url(#p)" width="10" height="10"/><use href="#p"/>' +
	'<desc>Words like onload= or url(http://x) or href="x" in text are fine</desc></svg>\n';
const check = (svg: string, type = 'image/svg+xml') =>
	checkSvg(svg, type, new TextEncoder().encode(svg).length);

describe('checkSvg', () => {
	it('accepts an outlined standalone SVG with same-document references', () => {
		expect(check(ok)).toEqual({ ok: true });
	});

	it('refuses wrong content types and oversize bodies', () => {
		expect(check(ok, 'text/html')).toMatchObject({ ok: false, status: 415 });
		expect(checkSvg(ok, 'image/svg+xml', MAX_SVG_BYTES + 1)).toMatchObject({ ok: false, status: 413 });
	});

	it('refuses documents that are not a namespaced <svg>', () => {
		expect(check('<html></html>')).toMatchObject({ ok: false, status: 422 });
		expect(check('<svg width="1"></svg>')).toMatchObject({ ok: false, status: 422 });
		expect(check('<svg xmlns="http://www.w3.org/2000/svg">')).toMatchObject({ ok: false, status: 422 });
	});

	it.each([
		['a DTD', '<!DOCTYPE svg [<!ENTITY x "y">]>'],
		['a script', '<script>alert(1)</script>'],
		['foreignObject', '<foreignObject/>'],
		['an image', '<image href="data:image/png;base64,AA"/>'],
		['a style sheet', '<style>@import url(http://x/y.css);</style>'],
		['an event handler', '<rect onload="x()"/>'],
		['live text', '<text>x</text>'],
		['an external href', '<use href="http://example.org/a.svg#x"/>'],
		['an external xlink:href', '<use xlink:href="file:///etc/passwd"/>'],
		['an external url()', '<rect fill="url(http://x/p.svg#p)"/>']
	])('refuses %s', (_, bad) => {
		expect(check(ok.replace('<defs>', `${bad}<defs>`)).ok).toBe(false);
	});
});
