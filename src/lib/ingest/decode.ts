/**
 * From the bytes of a corpus file to text the parser can read. Reports reach us as UTF-8 (with or
 * without a byte-order mark), as UTF-16 saved by Windows tools, or as Windows-1252 from old
 * converters; all become one JavaScript string with `\n` line ends. Anything that is not text
 * (a PDF or Word file dropped into the corpus by mistake) is refused with a `ParseError` that says
 * why, so the ingest reports it instead of storing noise.
 */

import { ParseError } from './types';

/**
 * Windows-1252 code points for bytes 0x80–0x9F. Node's `TextDecoder('windows-1252')` decodes as
 * ISO-8859-1 and leaves these as C1 controls, which would turn curly quotes and dashes into
 * invisible characters; undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay C1 as in WHATWG.
 */
const CP1252_HIGH = [
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
	0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
	0x153, 0x9d, 0x17e, 0x178
];

/** Share of control characters above which a text is taken for binary data. */
const MAX_CONTROL_SHARE = 0.05;

/** Decode a corpus file; throws `ParseError` for an empty or binary file. */
export function decodeText(bytes: Uint8Array): string {
	if (bytes.length === 0) throw new ParseError('empty file');
	const text = normaliseLineEnds(decodeBytes(bytes));
	if (text.trim() === '') throw new ParseError('empty file (only whitespace)');
	const controls = countControls(text);
	if (controls / text.length > MAX_CONTROL_SHARE) {
		throw new ParseError(
			`not a text file: ${controls} of ${text.length} characters are control or undecodable characters`
		);
	}
	return text;
}

function decodeBytes(bytes: Uint8Array): string {
	const b0 = bytes[0];
	const b1 = bytes[1];
	if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
		return strictDecode('utf-8', bytes.subarray(3), 'invalid UTF-8 after a UTF-8 byte-order mark');
	}
	if (b0 === 0xff && b1 === 0xfe) {
		return strictDecode('utf-16le', bytes.subarray(2), 'invalid UTF-16 (little-endian) text');
	}
	if (b0 === 0xfe && b1 === 0xff) {
		return strictDecode('utf-16be', bytes.subarray(2), 'invalid UTF-16 (big-endian) text');
	}
	const bomless = bomlessUtf16(bytes);
	if (bomless) return strictDecode(bomless, bytes, 'invalid UTF-16 text');
	// A NUL byte never occurs in UTF-8 or Windows-1252 text: this is a binary file.
	const nul = bytes.indexOf(0);
	if (nul >= 0) throw new ParseError(`not a text file: NUL byte at offset ${nul}`);
	try {
		// ignoreBOM: the BOM was handled above; fatal: invalid UTF-8 means another encoding.
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return decodeCp1252(bytes);
	}
}

function strictDecode(encoding: string, bytes: Uint8Array, reason: string): string {
	try {
		return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		throw new ParseError(reason);
	}
}

/**
 * UTF-16 saved without a byte-order mark: mostly-Latin text then has a zero in nearly every other
 * byte. Checked on a prefix so a huge file costs nothing; binary files have zeros too, but not
 * in one parity only.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const n = Math.min(bytes.length, 4096) & ~1;
	if (n < 8) return null;
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenZeros++;
		if (bytes[i + 1] === 0) oddZeros++;
	}
	const pairs = n / 2;
	if (oddZeros > pairs * 0.9 && evenZeros < pairs * 0.02) return 'utf-16le';
	if (evenZeros > pairs * 0.9 && oddZeros < pairs * 0.02) return 'utf-16be';
	return null;
}

function decodeCp1252(bytes: Uint8Array): string {
	const parts: string[] = [];
	// Chunked so String.fromCharCode never gets more arguments than the engine allows.
	const CHUNK = 8192;
	const codes = new Array<number>(CHUNK);
	for (let start = 0; start < bytes.length; start += CHUNK) {
		const end = Math.min(start + CHUNK, bytes.length);
		codes.length = end - start;
		for (let i = start; i < end; i++) {
			const b = bytes[i]!;
			codes[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
		}
		parts.push(String.fromCharCode(...codes));
	}
	return parts.join('');
}

function normaliseLineEnds(text: string): string {
	return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\ufffd]/;

/** C0/C1 controls other than tab, newline and form feed, plus U+FFFD replacement characters. */
function countControls(text: string): number {
	// Nearly every text has none, and the pattern finds that several times faster than the loop.
	if (!CONTROL.test(text)) return 0;
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) n++;
	}
	return n;
}
