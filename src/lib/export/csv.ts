/**
 * CSV export of exactly the rows a figure draws.
 *
 * Format, chosen for Excel first (the tool most readers open a CSV with) and for R/pandas without options:
 * - UTF-8 with a byte-order mark, so Excel does not read country names as Windows-1252;
 * - CRLF line ends and RFC 4180 quoting (d3-dsv's csvFormatRow, the one-row form of csvFormatRows: rows are joined
 *   here with CRLF, while line breaks inside a quoted cell stay as they are);
 * - one header row of column labels, then one row per data row, and nothing else. Provenance is NOT written into
 *   the file: a '# title: …' block or a trailing note turns into bogus data rows in Excel and breaks header
 *   detection elsewhere. It travels instead in the file name (figure id + corpus version, see exportFileName)
 *   and in the caption ("Copy caption"), which the SVG and PNG exports also embed.
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
