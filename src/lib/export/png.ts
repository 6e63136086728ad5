/**
 * PNG metadata: writes the figure's title and caption into the PNG itself as iTXt chunks (UTF-8, unlike tEXt's
 * Latin-1), so a PNG that has lost its file name and page still says what it shows and where it came from.
 * Keywords are the PNG specification's registered ones (Title, Description, Source, Software).
 */

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	const typeAndData = new Uint8Array(4 + data.length);
	typeAndData.set(new TextEncoder().encode(type), 0);
	typeAndData.set(data, 4);
	out.set(typeAndData, 4);
	view.setUint32(8 + data.length, crc32(typeAndData));
	return out;
}

/** iTXt: keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text. */
function itxt(keyword: string, text: string): Uint8Array {
	const enc = new TextEncoder();
	const k = enc.encode(keyword);
	const t = enc.encode(text);
	const data = new Uint8Array(k.length + 5 + t.length);
	data.set(k, 0);
	data.set([0, 0, 0, 0, 0], k.length);
	data.set(t, k.length + 5);
	return chunk('iTXt', data);
}

/** Width and height from the IHDR chunk (bytes 16–23 of any PNG). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
	if (png.length < 24 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG');
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A copy of `png` with one iTXt chunk per entry, placed right after IHDR (before the image data). */
export function withPngText(png: Uint8Array, entries: Readonly<Record<string, string>>): Uint8Array {
	pngSize(png);
	const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
	const chunks = Object.entries(entries)
		.filter(([, v]) => v !== '')
		.map(([k, v]) => itxt(k, v));
	const extra = chunks.reduce((n, c) => n + c.length, 0);
	const out = new Uint8Array(png.length + extra);
	out.set(png.subarray(0, ihdrEnd), 0);
	let at = ihdrEnd;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	out.set(png.subarray(ihdrEnd), at);
	return out;
}

/** Read back iTXt chunks (for tests and for checking a download). */
export function readPngText(png: Uint8Array): Record<string, string> {
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	const dec = new TextDecoder();
	const out: Record<string, string> = {};
	for (let at = 8; at + 12 <= png.length;) {
		const len = view.getUint32(at);
		const type = dec.decode(png.subarray(at + 4, at + 8));
		if (type === 'iTXt') {
			const data = png.subarray(at + 8, at + 8 + len);
			const nul = data.indexOf(0);
			// Skip the flag, method, and the two empty NUL-terminated fields after the keyword.
			let p = nul + 3;
			p = data.indexOf(0, p) + 1;
			p = data.indexOf(0, p) + 1;
			out[dec.decode(data.subarray(0, nul))] = dec.decode(data.subarray(p));
		}
		at += 12 + len;
	}
	return out;
}
