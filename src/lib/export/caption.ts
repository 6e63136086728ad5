/**
 * Provenance of a figure and the texts built from it. The same strings go on screen (source line), into the
 * exported SVG (<title>, <desc>, <metadata> and the printed lines), into the PNG's text chunks and onto the
 * clipboard ("Copy caption"), so a figure pasted anywhere says where it came from in the same words.
 */

export interface FigureMeta {
	/** Stable id of the figure, used in file names and element ids. */
	id: string;
	title: string;
	/** Subtitle: what is shown, one sentence. */
	subtitle?: string;
	/** Document symbols the data comes from, e.g. 'CTOC/COP/WG.2/2013/4'. */
	sources: readonly string[];
	/** Filters that shaped the data, label → value, in display order. */
	filters: Readonly<Record<string, string>>;
	/** Date (or version) of the corpus the database was built from, e.g. '2026-11-23'. */
	corpusVersion: string;
	/** Address of the view, so a reader can return to it. */
	url?: string;
}

/** 'Source: A; B; Rapporteur corpus of DATE' (the line printed under every figure). */
export function sourceLine(meta: Pick<FigureMeta, 'sources' | 'corpusVersion'>): string {
	return `Source: ${[...meta.sources, `Rapporteur corpus of ${meta.corpusVersion}`].join('; ')}`;
}

/** 'Filters: Body: WG.2; Years: 2013–2023', or '' without filters. */
export function filterLine(meta: Pick<FigureMeta, 'filters'>): string {
	const parts = Object.entries(meta.filters)
		.filter(([, v]) => v !== '')
		.map(([k, v]) => `${k}: ${v}`);
	return parts.length ? `Filters: ${parts.join('; ')}` : '';
}

function sentence(s: string): string {
	const t = s.trim();
	return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/**
 * One paragraph to paste under a figure in a report: title, subtitle, filters, sources with corpus date, and the
 * URL of the view. One line rather than several, because pasted line breaks rarely survive word processors' styles.
 */
export function caption(meta: FigureMeta): string {
	const parts = [meta.title, meta.subtitle ?? '', filterLine(meta), sourceLine(meta)].filter((p) => p !== '');
	const text = parts.map(sentence).join(' ');
	return meta.url ? `${text} ${meta.url}` : text;
}

/**
 * File name for an export: 'rapporteur_<figure id>_<corpus version>.<ext>'. The corpus version in the name is the
 * CSV's only provenance (see csv.ts), so two downloads from different corpus builds never overwrite each other.
 */
export function exportFileName(
	meta: Pick<FigureMeta, 'id' | 'corpusVersion'>,
	ext: 'csv' | 'svg' | 'png'
): string {
	const slug = (s: string) =>
		s
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9.-]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.toLowerCase() || 'x';
	return `rapporteur_${slug(meta.id)}_${slug(meta.corpusVersion)}.${ext}`;
}
