/**
 * CSV export of exactly the rows a figure draws.
 *
 * Format, chosen for Excel first (the tool most readers open a CSV with) and for R/pandas without options:
 * - UTF-8 with a byte-order mark, so Excel does not read country names as Windows-1252;
 * - CRLF line ends and RFC 4180 quoting (d3-dsv's csvFormatRow, the one-row form of csvFormatRows: rows are joined
 *   here with CRLF, while line breaks inside a quoted cell stay as they are);
 * - one header row of column labels, then one row per data row; `csvWithProvenance` then adds, after one empty
 *   line, the provenance as one-cell lines starting with '#' (title, filters, sources, corpus version, view URL):
 *   at the end, not the top, so Excel and other readers still find the header in the first row, and a figure
 *   found months later can be traced and redrawn. pandas skips them with `comment='#'`; `splitCsvExport` below
 *   separates them again.
 * - Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading
 *   apostrophe (OWASP's CSV-injection advice). Number cells are written as numbers and left alone: a negative
 *   number is data, not a formula.
 */
import { csvFormatRow } from 'd3-dsv';

export type CellValue = string | number | boolean | Date | null | undefined;

export interface Column<R = Record<string, CellValue>> {
	/** Property of a row holding the value. */
	key: keyof R & string;
	/** Header in the table and the CSV. */
	label: string;
	/** Right-align numbers in the table. */
	align?: 'left' | 'right';
	/** Display format for the table only; the CSV keeps the raw value so it stays computable. */
	format?: (value: CellValue) => string;
}

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Defuse a text cell that a spreadsheet would evaluate. */
export function neutralizeCell(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(value: CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value instanceof Date) return value.toISOString();
	return neutralizeCell(value);
}

/** The CSV text (with BOM) of `rows`, one column per entry of `columns`, in that order. */
export function csv<R extends object>(columns: readonly Column<R>[], rows: readonly R[]): string {
	const header = columns.map((c) => neutralizeCell(c.label));
	const body = rows.map((row) => columns.map((c) => cellText(row[c.key] as CellValue)));
	return BOM + [header, ...body].map((r) => csvFormatRow(r)).join('\r\n') + '\r\n';
}

/** Provenance lines of an export: '# Title: …', '# Filters: …', '# Source: …', '# View: …'. */
export function provenanceLines(meta: {
	title: string;
	filters: Readonly<Record<string, string>>;
	sources: readonly string[];
	corpusVersion: string;
	url?: string;
}): string[] {
	const filters = Object.entries(meta.filters)
		.map(([k, v]) => `${k}: ${v}`)
		.join('; ');
	return [
		`# Title: ${meta.title}`,
		`# Filters: ${filters || 'none'}`,
		`# Source: ${meta.sources.join('; ') || 'none'}`,
		`# Corpus: Rapporteur corpus of ${meta.corpusVersion}`,
		...(meta.url ? [`# View: ${meta.url}`] : [])
	];
}

/** The CSV of `rows` followed by an empty line and the provenance lines (see the header comment). */
export function csvWithProvenance<R extends object>(
	columns: readonly Column<R>[],
	rows: readonly R[],
	meta: Parameters<typeof provenanceLines>[0]
): string {
	const lines = provenanceLines(meta).map((l) => csvFormatRow([l]));
	return `${csv(columns, rows)}\r\n${lines.join('\r\n')}\r\n`;
}

/** Split an export back into its data part (header + rows, as CSV text) and its provenance lines. */
export function splitCsvExport(text: string): { data: string; provenance: string[] } {
	const body = text.startsWith(BOM) ? text.slice(1) : text;
	// The empty line before the provenance is the last one: data cells never end a row with an empty row.
	const cut = body.lastIndexOf('\r\n\r\n');
	if (cut < 0) return { data: body, provenance: [] };
	return {
		data: body.slice(0, cut + 2),
		provenance: body
			.slice(cut + 4)
			.split('\r\n')
			.filter(Boolean)
			.map((l) => l.replace(/^"|"$/g, '').replace(/""/g, '"'))
	};
}
