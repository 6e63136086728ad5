/**
 * The font files exports are outlined with: the same Source Sans 3 (SIL Open Font License) that the page loads
 * from @fontsource, Latin plus Latin Extended, regular and semibold. WOFF rather than WOFF2 because opentype.js
 * reads WOFF but cannot decompress WOFF2. Loaded on the first export only (about 125 kB), never with the page.
 */
import type { Font } from 'opentype.js';
import type { OutlineFonts } from './outline';
import latin400 from '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff?url';
import latinExt400 from '@fontsource/source-sans-3/files/source-sans-3-latin-ext-400-normal.woff?url';
import latin600 from '@fontsource/source-sans-3/files/source-sans-3-latin-600-normal.woff?url';
import latinExt600 from '@fontsource/source-sans-3/files/source-sans-3-latin-ext-600-normal.woff?url';

let loading: Promise<OutlineFonts> | null = null;

async function load(): Promise<OutlineFonts> {
	const { parse } = await import('opentype.js');
	const get = async (url: string): Promise<Font> => {
		const res = await fetch(url);
		if (!res.ok) throw new Error(`font ${url}: HTTP ${res.status}`);
		return parse(await res.arrayBuffer());
	};
	const [r, rx, b, bx] = await Promise.all([
		get(latin400),
		get(latinExt400),
		get(latin600),
		get(latinExt600)
	]);
	return { 400: [r, rx], 600: [b, bx] };
}

/** The export fonts, fetched once per page; a failed load is not cached, so the next click tries again. */
export function exportFonts(): Promise<OutlineFonts> {
	if (!loading) {
		loading = load().catch((e: unknown) => {
			loading = null;
			throw e;
		});
	}
	return loading;
}
