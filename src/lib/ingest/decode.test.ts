import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { ParseError } from './types';

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
	const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
	let o = 0;
	const put = (c: number) => {
		out[o++] = endian === 'le' ? c & 0xff : c >> 8;
		out[o++] = endian === 'le' ? c >> 8 : c & 0xff;
	};
	if (bom) put(0xfeff);
	for (let i = 0; i < s.length; i++) put(s.charCodeAt(i));
	return out;
}

const SAMPLE = 'Côte d’Ivoire — “Report”\r\nVienna, 9–13 October 2017\rEnd\n';
const EXPECTED = 'Côte d’Ivoire — “Report”\nVienna, 9–13 October 2017\nEnd\n';

describe('decodeText', () => {
	it('reads UTF-8 without a byte-order mark and normalises CRLF and CR', () => {
		expect(decodeText(utf8(SAMPLE))).toBe(EXPECTED);
	});

	it('drops a UTF-8 byte-order mark', () => {
		expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]))).toBe(EXPECTED);
	});

	it('reads UTF-16 little- and big-endian with a byte-order mark', () => {
		expect(decodeText(utf16(SAMPLE, 'le', true))).toBe(EXPECTED);
		expect(decodeText(utf16(SAMPLE, 'be', true))).toBe(EXPECTED);
	});

	it('reads UTF-16 saved without a byte-order mark', () => {
		expect(decodeText(utf16(SAMPLE, 'le', false))).toBe(EXPECTED);
		expect(decodeText(utf16(SAMPLE, 'be', false))).toBe(EXPECTED);
	});

	it('falls back to Windows-1252 when the bytes are not UTF-8, mapping 0x80–0x9F', () => {
		// "Côte d’Ivoire “x” – 5 €" in Windows-1252.
		const bytes = new Uint8Array([
			0x43, 0xf4, 0x74, 0x65, 0x20, 0x64, 0x92, 0x49, 0x76, 0x6f, 0x69, 0x72, 0x65, 0x20, 0x93, 0x78, 0x94,
			0x20, 0x96, 0x20, 0x35, 0x20, 0x80, 0x0d, 0x0a
		]);
		expect(decodeText(bytes)).toBe('Côte d’Ivoire “x” – 5 €\n');
	});

	it('refuses an empty or whitespace-only file', () => {
		expect(() => decodeText(new Uint8Array())).toThrow(ParseError);
		expect(() => decodeText(new Uint8Array())).toThrow(/empty/);
		expect(() => decodeText(utf8(' \r\n\t\n'))).toThrow(/empty/);
	});

	it('refuses binary data with NUL bytes', () => {
		const pdfish = new Uint8Array([...utf8('%PDF-1.7\n'), 0x00, 0x01, 0xff, 0x10, 0x00, 0x41, 0x42]);
		expect(() => decodeText(pdfish)).toThrow(ParseError);
		expect(() => decodeText(pdfish)).toThrow(/NUL byte at offset 9/);
	});

	it('refuses mostly non-text bytes even without NUL', () => {
		const junk = new Uint8Array(1000);
		for (let i = 0; i < junk.length; i++) junk[i] = 1 + ((i * 37) % 255);
		expect(() => decodeText(junk)).toThrow(/not a text file/);
	});

	it('refuses a UTF-8 byte-order mark followed by invalid UTF-8', () => {
		expect(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x42]))).toThrow(/invalid UTF-8/);
	});

	it('keeps tabs and form feeds from text converted from PDF', () => {
		expect(decodeText(utf8('a\tb\fc'))).toBe('a\tb\fc');
	});
});
