import { describe, expect, it } from 'vitest';
import { glyphShape, round2 } from './glyph';
import { STATE_STYLES } from './palette';

describe('state glyphs', () => {
	it('draw a dot, a diamond and a triangle scaled with the cell, none for absent and attended', () => {
		// A 20 px cell centred at (10, 10): r = min(20 × 0.22, 6) = 4.4; the dot's radius is 0.8 r.
		expect(glyphShape(STATE_STYLES.spoke, 10, 10, 20)).toEqual({
			type: 'circle',
			cx: 10,
			cy: 10,
			r: 4.4 * 0.8
		});
		expect(glyphShape(STATE_STYLES.panellist, 10, 10, 20)).toEqual({
			type: 'path',
			d: `M10,${10 - 4.4} L${10 + 4.4},10 L10,${10 + 4.4} L${10 - 4.4},10 Z`
		});
		expect(glyphShape(STATE_STYLES.chaired, 10, 10, 20)).toEqual({
			type: 'path',
			d: `M10,${10 - 4.4} L${10 + 4.4},${10 + 4.4 * 0.8} L${10 - 4.4},${10 + 4.4 * 0.8} Z`
		});
		expect(glyphShape(STATE_STYLES.absent, 10, 10, 20)).toBeNull();
		expect(glyphShape(STATE_STYLES.attended, 10, 10, 20)).toBeNull();
		// Small cells keep a 2 px glyph, large ones stop at 6 px.
		expect(glyphShape(STATE_STYLES.spoke, 0, 0, 4)).toMatchObject({ r: 1.6 });
		expect(glyphShape(STATE_STYLES.spoke, 0, 0, 100)).toMatchObject({ r: 6 * 0.8 });
	});

	it('round to hundredths of a pixel when asked', () => {
		expect(round2(0.7524390243902439)).toBe(0.75);
		expect(round2(13.54390243902439)).toBe(13.54);
		expect(round2(-2.005)).toBe(-2);
		expect(glyphShape(STATE_STYLES.spoke, 7.524390243902438, 16, 13.54, true)).toEqual({
			type: 'circle',
			cx: 7.52,
			cy: 16,
			r: 2.38
		});
		expect(glyphShape(STATE_STYLES.chaired, 7.52, 16, 13.54, true)).toEqual({
			type: 'path',
			d: 'M7.52,13.02 L10.5,18.38 L4.54,18.38 Z'
		});
	});
});
