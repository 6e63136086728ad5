/**
 * Colours, patterns and type for every chart. Marks read these values as SVG attributes (never CSS variables), so an
 * exported SVG or PNG looks exactly like the screen, in any viewer.
 *
 * Colours are Okabe & Ito's palette (2008), designed to stay distinct under the common colour-vision deficiencies.
 * Colour alone still fails in greyscale print, so each stacked category also gets a fill pattern and the order
 * alternates dark and light fills; each matrix state has its own lightness step and, where two steps are close, a
 * glyph.
 */

/** The font every chart uses on screen and in exports (the same Source Sans 3 files outline the exported text). */
export const FONT_FAMILY = "'Source Sans 3', 'Source Sans Pro', Arial, sans-serif";

/** Type sizes in px, chosen to stay readable at 390 px wide where charts are not scaled down. */
export const FONT_SIZE = { tick: 12, label: 13, legend: 13, title: 18, subtitle: 14, source: 12 } as const;

/** Ink colours: text, axis lines and gridlines, with contrast ≥ 4.5:1 on white for text. */
export const INK = {
	text: '#1a1a1a',
	muted: '#4d4d4d',
	axis: '#666666',
	grid: '#e0e0e0',
	background: '#ffffff'
} as const;

/** Okabe–Ito colours by name. */
export const OKABE_ITO = {
	black: '#000000',
	orange: '#E69F00',
	skyBlue: '#56B4E9',
	bluishGreen: '#009E73',
	yellow: '#F0E442',
	blue: '#0072B2',
	vermillion: '#D55E00',
	reddishPurple: '#CC79A7'
} as const;

export type PatternKind = 'solid' | 'hatch' | 'dots' | 'cross' | 'vertical' | 'backhatch';

/** One categorical style: a fill colour plus a pattern drawn over it in white. */
export interface CategoryStyle {
	fill: string;
	pattern: PatternKind;
}

/**
 * Fixed order for stacked categories and line series. Neighbours differ in lightness (dark, light, mid, …) and in
 * pattern, so adjacent stack segments separate even in greyscale. Yellow is last: it is the least visible on white.
 */
export const CATEGORY_STYLES: readonly CategoryStyle[] = [
	{ fill: OKABE_ITO.blue, pattern: 'solid' },
	{ fill: OKABE_ITO.orange, pattern: 'solid' },
	{ fill: OKABE_ITO.bluishGreen, pattern: 'hatch' },
	{ fill: OKABE_ITO.skyBlue, pattern: 'dots' },
	{ fill: OKABE_ITO.vermillion, pattern: 'cross' },
	{ fill: OKABE_ITO.reddishPurple, pattern: 'vertical' },
	{ fill: '#555555', pattern: 'backhatch' },
	{ fill: OKABE_ITO.yellow, pattern: 'dots' }
];

/** Style for the i-th category, cycling when there are more categories than styles. */
export function categoryStyle(i: number): CategoryStyle {
	// The modulo keeps the index in range, so the fallback never applies; it satisfies noUncheckedIndexedAccess.
	return CATEGORY_STYLES[i % CATEGORY_STYLES.length] ?? { fill: OKABE_ITO.blue, pattern: 'solid' };
}

/** Marker shapes for line series, so series stay apart where colours merge in greyscale. */
export const SERIES_MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;
export type MarkerKind = (typeof SERIES_MARKERS)[number];

export function seriesMarker(i: number): MarkerKind {
	return SERIES_MARKERS[i % SERIES_MARKERS.length] ?? 'circle';
}

/** Participation states in a heat matrix, ordered from least to most involvement. */
export const MATRIX_STATES = ['absent', 'attended', 'spoke', 'panellist', 'chaired'] as const;
export type MatrixState = (typeof MATRIX_STATES)[number];

export interface StateStyle {
	label: string;
	fill: string;
	/** Outline, needed where the fill is (nearly) white. */
	stroke: string;
	/** A white or dark glyph in the cell for states whose lightness is close to a neighbour's. */
	glyph: 'none' | 'dot' | 'diamond' | 'triangle';
	glyphFill: string;
}

/** Lightness falls step by step with involvement, so the matrix reads as a sequence in greyscale too. */
export const STATE_STYLES: Record<MatrixState, StateStyle> = {
	absent: { label: 'Absent', fill: '#ffffff', stroke: '#c8c8c8', glyph: 'none', glyphFill: '#ffffff' },
	attended: { label: 'Attended', fill: '#cfe3f3', stroke: '#cfe3f3', glyph: 'none', glyphFill: '#ffffff' },
	spoke: {
		label: 'Spoke',
		fill: OKABE_ITO.skyBlue,
		stroke: OKABE_ITO.skyBlue,
		glyph: 'dot',
		glyphFill: '#ffffff'
	},
	panellist: {
		label: 'Panellist',
		fill: OKABE_ITO.orange,
		stroke: OKABE_ITO.orange,
		glyph: 'diamond',
		glyphFill: '#1a1a1a'
	},
	chaired: {
		label: 'Chaired',
		fill: OKABE_ITO.blue,
		stroke: OKABE_ITO.blue,
		glyph: 'triangle',
		glyphFill: '#ffffff'
	}
};

/** Dot plot: the entity's own value and the comparison (e.g. regional-group average) mark. */
export const DOT_STYLE = { value: OKABE_ITO.blue, comparison: INK.text, connector: '#9a9a9a' } as const;
