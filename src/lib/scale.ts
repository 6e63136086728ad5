/**
 * The one rule for how charts and tables scale with the number of meetings in view.
 *
 * Up to MAX_MEETINGS_PER_CHART meetings, charts draw one mark per meeting; beyond that they draw one mark
 * per year (aggregated in SQL), and say so in the caption. Tables with one row per meeting or per item show
 * the latest MAX_TABLE_ROWS unless the reader asks for all of them.
 */

/** Most meetings a chart draws one mark each for; beyond this it aggregates per year. */
export const MAX_MEETINGS_PER_CHART = 40;

/** Most meetings shown as columns of a State × meeting matrix (the latest ones). */
export const MAX_MATRIX_MEETINGS = 20;

/** Most States shown as rows of a State × meeting matrix (the most present ones). */
export const MAX_MATRIX_STATES = 30;

/** Rows of a per-meeting or per-item table shown before "Show all". */
export const MAX_TABLE_ROWS = 20;

export type Granularity = 'meeting' | 'year';

/** Per meeting when the view holds at most `max` meetings, per year beyond. */
export function chartGranularity(meetingCount: number, max: number = MAX_MEETINGS_PER_CHART): Granularity {
	return meetingCount > max ? 'year' : 'meeting';
}

/** True when a chart over `meetingCount` meetings should aggregate per year. */
export function perYear(meetingCount: number, max: number = MAX_MEETINGS_PER_CHART): boolean {
	return chartGranularity(meetingCount, max) === 'year';
}

/** Caption sentence for a chart aggregated per year, or '' when it is drawn per meeting. */
export function granularityNote(meetingCount: number, max: number = MAX_MEETINGS_PER_CHART): string {
	return perYear(meetingCount, max)
		? `${meetingCount} meetings in view (more than ${max}): shown per year, not per meeting.`
		: '';
}
