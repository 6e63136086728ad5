/**
 * Layout of small multiples (one small panel per series, on one shared scale), computed apart from the layer so a
 * page can size the chart before drawing it, and the same numbers serve the server and the browser.
 */

export interface MultiplesLayout {
	columns: number;
	rows: number;
	panelWidth: number;
	/** Plot area of a panel, without its title and year labels. */
	plotHeight: number;
	/** Full height of one panel row (title + plot + year labels + gap). */
	rowHeight: number;
	/** Height of the whole grid. */
	height: number;
	gapX: number;
}

/** Title room holds two lines of FONT_SIZE.label (long topic names wrap instead of being cut). */
export const MULTIPLES = { minPanelWidth: 140, title: 36, plot: 58, axis: 18, gapX: 18, gapY: 12 } as const;

/** Left padding for the shared scale's labels, drawn once per row. */
export const MULTIPLES_LEFT = 36;

export function multiplesLayout(count: number, width: number, maxColumns = 6): MultiplesLayout {
	const columns = Math.max(
		1,
		Math.min(
			maxColumns,
			count,
			Math.floor((width + MULTIPLES.gapX) / (MULTIPLES.minPanelWidth + MULTIPLES.gapX))
		)
	);
	const rows = Math.ceil(count / columns);
	const panelWidth = (width - (columns - 1) * MULTIPLES.gapX) / columns;
	const rowHeight = MULTIPLES.title + MULTIPLES.plot + MULTIPLES.axis + MULTIPLES.gapY;
	return {
		columns,
		rows,
		panelWidth,
		plotHeight: MULTIPLES.plot,
		rowHeight,
		height: rows * rowHeight - MULTIPLES.gapY,
		gapX: MULTIPLES.gapX
	};
}

/** A round top for a shared percentage scale: 10, 20, 25, 30, 40, 50, 60, 80, 100. */
export function niceMax(max: number): number {
	for (const step of [5, 10, 20, 25, 30, 40, 50, 60, 80, 100]) if (max <= step) return step;
	return Math.ceil(max / 10) * 10;
}
