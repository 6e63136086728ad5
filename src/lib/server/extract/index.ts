/**
 * Any report file to text for the parser: PDF (text layer), Word (.docx), or text in any of the
 * encodings `decodeText` knows. The kind is told by the bytes (a PDF starts with `%PDF`, a .docx is
 * a ZIP holding word/document.xml), the extension only breaking ties, so a PDF saved as `.txt` is
 * still read as a PDF and a text file named `.pdf` is refused with a reason.
 */

import { decodeText } from '../../ingest/decode';
import { ParseError } from '../../ingest/types';

export type FileKind = 'pdf' | 'docx' | 'text';

/** Extensions the ingest takes from a directory, and the upload form accepts. */
export const REPORT_EXTENSIONS = ['.pdf', '.docx', '.txt', '.md'] as const;

const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
	return prefix.every((b, i) => bytes[at + i] === b);
}

/** True when the ZIP's central directory names `word/document.xml` (read without unzipping). */
function zipHasWordDocument(bytes: Uint8Array): boolean {
	const name = new TextEncoder().encode('word/document.xml');
	outer: for (let i = 0; i + name.length <= bytes.length; i++) {
		for (let k = 0; k < name.length; k++) if (bytes[i + k] !== name[k]) continue outer;
		return true;
	}
	return false;
}

/** What the bytes are; `%PDF` may follow a little junk, as PDF readers allow (first 1 kB). */
export function detectKind(bytes: Uint8Array): FileKind | 'zip' | 'ole' {
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
	if (head.includes('%PDF-')) return 'pdf';
	if (startsWith(bytes, ZIP)) return zipHasWordDocument(bytes) ? 'docx' : 'zip';
	// The old binary .doc (OLE compound file): refused with its own reason.
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
	return 'text';
}

/** The text of a report file, laid out for `parseReport`; throws `ParseError` with a reason. */
export async function extractText(filePath: string, bytes: Uint8Array): Promise<string> {
	const kind = detectKind(bytes);
	if (kind === 'pdf') {
		const { extractPdfText } = await import('./pdf');
		return extractPdfText(bytes);
	}
	if (kind === 'docx') {
		const { extractDocxText } = await import('./docx');
		return extractDocxText(bytes);
	}
	if (kind === 'zip') throw new ParseError('a ZIP archive that is not a Word document (.docx)');
	if (kind === 'ole') throw new ParseError('an old binary Word file (.doc): save it as .docx or PDF');
	if (/\.pdf$/i.test(filePath)) throw new ParseError('named .pdf but not a PDF (no %PDF header)');
	if (/\.docx$/i.test(filePath)) throw new ParseError('named .docx but not a Word document');
	return decodeText(bytes);
}
