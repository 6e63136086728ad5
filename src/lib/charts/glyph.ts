/**
 * The glyph a matrix state carries (dot, diamond, triangle) as plain SVG geometry: StateGlyph draws it in the legend,
 * HeatMatrix in each cell without a component per cell (a matrix at 1,000x has a few hundred cells).
 */
import type { StateStyle } from './palette';

export type GlyphShape =
	{ type: 'circle'; cx: number; cy: number; r: number } | { type: 'path'; d: string } | null;

/** Two decimals: a hundredth of a pixel, below what a screen shows, and short numbers in the markup. */
export function round2(v: number): number {
	return Math.round(v * 100) / 100;
}

/**
 * The glyph of `style` centred at (cx, cy) in a cell of `size` px, or null for states without one. With `round`,
 * coordinates are rounded to hundredths of a pixel.
 */
export function glyphShape(
	style: StateStyle,
	cx: number,
	cy: number,
	size: number,
	round = false
): GlyphShape {
	const r = Math.max(2, Math.min(size * 0.22, 6));
	const n = round ? round2 : (v: number) => v;
	if (style.glyph === 'dot') return { type: 'circle', cx: n(cx), cy: n(cy), r: n(r * 0.8) };
	if (style.glyph === 'diamond')
		return {
			type: 'path',
			d: `M${n(cx)},${n(cy - r)} L${n(cx + r)},${n(cy)} L${n(cx)},${n(cy + r)} L${n(cx - r)},${n(cy)} Z`
		};
	if (style.glyph === 'triangle')
		return {
			type: 'path',
			d: `M${n(cx)},${n(cy - r)} L${n(cx + r)},${n(cy + r * 0.8)} L${n(cx - r)},${n(cy + r * 0.8)} Z`
		};
	return null;
}
