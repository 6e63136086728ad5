/**
 * Writing rows through the DuckDB appender, for the tables the derivation writes (derive.ts, search-index.ts).
 *
 * List cells are written as one joined VARCHAR, which SQL splits again (`splitListSql`): the appender's own list
 * values keep about 2 KB of native memory per row until the appender is closed (measured: 600,000 rows of three
 * short strings took 1.6 GB, against 0.4 GB as joined strings), and the follow-up links are millions at 1,000×.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';

export type Cell = string | number | null | readonly string[];

const LIST_SEPARATOR = '\u001f';

/** SQL turning a column staged by an `l` cell back into VARCHAR[] (NULL, an empty list, becomes []). */
export function splitListSql(column: string): string {
	return `coalesce(string_split(${column}, chr(31)), [])::VARCHAR[]`;
}

/**
 * One row; `types` has one letter per column: s VARCHAR, i INTEGER, d DOUBLE, l VARCHAR[] written as one joined
 * VARCHAR (checked against the row's length: the appender writes by position).
 */
function appendRow(appender: DuckDBAppender, table: string, types: string, row: readonly Cell[]): void {
	if (row.length !== types.length)
		throw new Error(`${table}: row of ${row.length} cells for ${types.length} columns`);
	row.forEach((value, i) => {
		const t = types[i];
		if (value === null) appender.appendNull();
		else if (t === 'i') appender.appendInteger(value as number);
		else if (t === 'd') appender.appendDouble(value as number);
		else if (t === 'l') {
			const list = value as readonly string[];
			// An empty list is NULL here (string_split would make [''] of an empty string).
			if (list.length === 0) appender.appendNull();
			else appender.appendVarchar(list.map((x) => x.replaceAll(LIST_SEPARATOR, ' ')).join(LIST_SEPARATOR));
		} else appender.appendVarchar(String(value));
	});
	appender.endRow();
}

/** Rows of `table` written by `fill`, through one appender that is closed (flushed) at the end. */
export async function appendRows(
	conn: DuckDBConnection,
	table: string,
	types: string,
	fill: (row: (cells: readonly Cell[]) => void) => void
): Promise<void> {
	const appender = await conn.createAppender(table);
	try {
		fill((cells) => appendRow(appender, table, types, cells));
		appender.closeSync();
	} catch (err) {
		try {
			appender.closeSync();
		} catch {
			// Already unusable; the caller's transaction is rolled back.
		}
		throw err;
	}
}
