import { describe, expect, it } from 'vitest';
import { countAxis, dateRange, meetingHref, recommendationSlug } from './figures';

describe('recommendationSlug', () => {
	it('matches the anchors of the Meetings page', () => {
		expect(recommendationSlug('(a)')).toBe('a');
		expect(recommendationSlug('A (b)')).toBe('a-b');
		expect(recommendationSlug('Recommendation 3')).toBe('recommendation-3');
		expect(recommendationSlug('7')).toBe('7');
		expect(recommendationSlug('(é)')).toBe('e');
		expect(recommendationSlug('()')).toBe('x');
	});
});

describe('meetingHref', () => {
	it('points at the meeting, a paragraph or a recommendation', () => {
		expect(meetingHref('wg2-2013-10-28')).toBe('/meetings/wg2-2013-10-28');
		expect(meetingHref('wg2-2013-10-28', { paragraph: '43' })).toBe('/meetings/wg2-2013-10-28#p-43');
		expect(meetingHref('wg2-2020-07-09', { recommendation: 'A (b)' })).toBe(
			'/meetings/wg2-2020-07-09#rec-a-b'
		);
		expect(meetingHref('wg2-2020-07-09', { paragraph: null })).toBe('/meetings/wg2-2020-07-09');
	});
});

describe('countAxis', () => {
	it('ends on a labelled whole-number tick above the tallest bar', () => {
		expect(countAxis(2)).toEqual({ top: 2, ticks: [0, 1, 2] });
		expect(countAxis(85)).toEqual({ top: 100, ticks: [0, 20, 40, 60, 80, 100] });
		expect(countAxis(34)).toEqual({ top: 35, ticks: [0, 5, 10, 15, 20, 25, 30, 35] });
		expect(countAxis(0)).toEqual({ top: 1, ticks: [0, 1] });
	});
});

describe('dateRange', () => {
	it('writes compact date ranges', () => {
		expect(dateRange('2013-10-28', '2013-10-30')).toBe('28–30 Oct 2013');
		expect(dateRange('2017-09-30', '2017-10-02')).toBe('30 Sep – 2 Oct 2017');
		expect(dateRange('2020-07-09', null)).toBe('9 Jul 2020');
		expect(dateRange(null, null)).toBe('date not stated');
	});
});
