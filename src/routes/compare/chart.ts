/**
 * Layout helpers shared by the Compare and profile figures (the same rules as the /design page), so
 * labels get the room they need at 390 px as at 1280 px.
 */
import { FONT_SIZE } from '$lib/charts/palette';
import { labelsNeedTurn, textWidth, turnedLabelsExtent } from '$lib/charts/text';

/** Room for row labels: the longest label, but never more than `share` of a narrow chart. */
export function labelRoom(labels: readonly string[], width: number, max = 240, share = 0.4): number {
	const longest = Math.max(0, ...labels.map((l) => textWidth(l, FONT_SIZE.tick)));
	return Math.round(Math.min(longest + 14, width * share, max));
}

/** Room under (or over) a band axis: more when AxisX will turn its labels to fit narrow bands. */
export function bandAxisRoom(
	labels: readonly string[],
	step: number,
	maxLabelWidth: number,
	flat: number
): number {
	return labelsNeedTurn(labels, step, FONT_SIZE.tick)
		? Math.max(flat, turnedLabelsExtent(labels, maxLabelWidth, FONT_SIZE.tick))
		: flat;
}
