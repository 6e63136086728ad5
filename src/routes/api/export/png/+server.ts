/**
 * POST an outlined standalone SVG (Content-Type: image/svg+xml, optionally Content-Encoding: gzip), get it back
 * as a PNG at 2×. Every figure's PNG
 * export goes through here so it is rendered by one renderer with one set of glyph outlines, whatever the
 * reader's browser. The body is checked before rendering (validate.ts); refusals are plain-text 4xx answers.
 */
import { gunzipSync } from 'node:zlib';
import { checkSvg, MAX_SVG_BYTES } from '$lib/export/validate';
import { renderPng } from '$lib/export/rasterize.server';
import type { RequestHandler } from './$types';

function refuse(status: number, reason: string): Response {
	return new Response(reason, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export const POST: RequestHandler = async ({ request }) => {
	// Refuse an announced oversize body before reading it.
	const announced = Number(request.headers.get('content-length') ?? '0');
	if (announced > MAX_SVG_BYTES) return refuse(413, `SVG larger than ${MAX_SVG_BYTES} bytes`);
	let bytes = new Uint8Array(await request.arrayBuffer());
	const encoding = (request.headers.get('content-encoding') ?? 'identity').toLowerCase();
	if (encoding === 'gzip') {
		try {
			// The output cap stops a small "zip bomb" body from inflating past the SVG size limit.
			bytes = new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_SVG_BYTES }));
		} catch (e) {
			const tooBig = e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
			return tooBig
				? refuse(413, `SVG larger than ${MAX_SVG_BYTES} bytes`)
				: refuse(400, 'body is not valid gzip');
		}
	} else if (encoding !== 'identity') {
		return refuse(415, `unsupported Content-Encoding: ${encoding}`);
	}
	let svg: string;
	try {
		svg = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return refuse(400, 'body is not UTF-8');
	}
	const check = checkSvg(svg, request.headers.get('content-type'), bytes.byteLength);
	if (!check.ok) return refuse(check.status, check.reason);
	let png: Uint8Array;
	try {
		png = renderPng(svg);
	} catch (e) {
		return refuse(422, `could not render the SVG: ${e instanceof Error ? e.message : String(e)}`);
	}
	return new Response(png as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'image/png',
			'cache-control': 'no-store',
			'content-length': String(png.byteLength)
		}
	});
};
