/**
 * The text layer of a PDF, read with pdfjs-dist (Mozilla's PDF.js, the legacy build that runs on
 * Node without a browser). PDF.js gives positioned text runs per page; `pdf-layout.ts` turns them
 * into paragraphs in reading order. In Node PDF.js runs its worker code in the same thread (its
 * "fake worker"): a report of 20 pages needs no parallelism, and no worker file must be served.
 */

import { createRequire } from 'node:module';
import path from 'node:path';
import { ParseError } from '../../ingest/types';
import { layoutPdfPages, type PdfPage, type PdfRun } from './pdf-layout';

/** A page with fewer visible characters than this has no usable text layer. */
const MIN_PAGE_CHARS = 40;
export const NO_TEXT_LAYER = 'PDF has no text layer (scanned image?): run OCR first';
/** A font whose name says it is bold (PDF.js keeps the embedded font's PostScript name). */
const BOLD_FONT = /bold|black|heavy|semibold|demibold|demi\b|[-,]bd\b|extrabold/i;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;

/** Loaded on first use: PDF.js is a large module that text-only ingests never need. */
function loadPdfJs(): Promise<PdfJs> {
	pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
	return pdfjsPromise;
}

/** Where PDF.js finds the standard 14 fonts and CMaps for PDFs that do not embed them. */
function assetDirs(): { standardFontDataUrl: string; cMapUrl: string } | Record<string, never> {
	try {
		const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
		return {
			standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
			cMapUrl: path.join(root, 'cmaps') + path.sep
		};
	} catch {
		// Without them PDF.js still reads text whose fonts are embedded, which reports' fonts are.
		return {};
	}
}

/** The positioned text runs of every page. */
export async function readPdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
	const pdfjs = await loadPdfJs();
	const task = pdfjs.getDocument({
		// PDF.js takes ownership of (detaches) the buffer it is given: pass a copy.
		data: new Uint8Array(bytes),
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		cMapPacked: true,
		verbosity: 0,
		...assetDirs()
	});
	let doc;
	try {
		doc = await task.promise;
	} catch (err) {
		const name = (err as Error)?.name;
		if (name === 'PasswordException')
			throw new ParseError('PDF is password-protected: save an unprotected copy');
		throw new ParseError(`not a readable PDF: ${(err as Error)?.message ?? String(err)}`);
	}
	try {
		const pages: PdfPage[] = [];
		for (let n = 1; n <= doc.numPages; n++) {
			const page = await doc.getPage(n);
			const viewport = page.getViewport({ scale: 1 });
			const content = await page.getTextContent();
			// Font names (to tell bold runs) reach this thread only once the page's operators are loaded.
			await page.getOperatorList();
			const boldFonts = new Map<string, boolean>();
			const isBold = (fontName: string): boolean => {
				let bold = boldFonts.get(fontName);
				if (bold === undefined) {
					bold = false;
					try {
						if (page.commonObjs.has(fontName)) {
							const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean } | null;
							bold = font?.bold === true || BOLD_FONT.test(font?.name ?? '');
						}
					} catch {
						// A font that failed to load is taken for regular weight.
					}
					boldFonts.set(fontName, bold);
				}
				return bold;
			};
			const runs: PdfRun[] = [];
			for (const item of content.items) {
				if (!('str' in item) || item.str === '') continue;
				// Device space (y down, page rotation applied), then flipped so that up is larger.
				const t = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
				const size = Math.hypot(t[2]!, t[3]!);
				if (size <= 0) continue;
				// Rotated text (a stamp, a vertical margin note) is not part of the reading flow.
				if (Math.abs(t[1]!) > 1e-3 * size || Math.abs(t[2]!) > 1e-3 * size) continue;
				runs.push({
					str: item.str,
					x: t[4]!,
					y: viewport.height - t[5]!,
					width: item.width * (viewport.scale ?? 1),
					size,
					bold: isBold(item.fontName)
				});
			}
			pages.push({ width: viewport.width, height: viewport.height, runs });
			page.cleanup();
		}
		return pages;
	} finally {
		await doc.destroy();
	}
}

/** The text of a PDF, laid out for the parser; `ParseError` when it has no text layer. */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
	const pages = await readPdfPages(bytes);
	if (pages.length === 0) throw new ParseError('PDF has no pages');
	const withText = pages.filter(
		(p) => p.runs.reduce((n, r) => n + r.str.replace(/\s+/g, '').length, 0) >= MIN_PAGE_CHARS
	).length;
	// Most pages without text: a scan. (A cover page of text before scanned pages is caught too.)
	if (withText < Math.max(1, pages.length / 2)) throw new ParseError(NO_TEXT_LAYER);
	return layoutPdfPages(pages);
}
