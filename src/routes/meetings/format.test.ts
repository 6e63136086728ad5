import { describe, expect, it } from 'vitest';
import { dateRange, shortDateRange } from './format';

describe('dateRange', () => {
	it('prints spans the way report titles do', () => {
		expect(dateRange('2013-10-28', '2013-10-30')).toBe('28 to 30 October 2013');
		expect(dateRange('2020-07-09', '2020-07-10')).toBe('9 and 10 July 2020');
		expect(dateRange('2019-06-30', '2019-07-02')).toBe('30 June to 2 July 2019');
		expect(dateRange('2019-12-30', '2020-01-02')).toBe('30 December 2019 to 2 January 2020');
		expect(dateRange('2016-10-19', null)).toBe('19 October 2016');
		expect(dateRange(null, null)).toBe('date not stated');
	});

	it('has a short form for tables', () => {
		expect(shortDateRange('2013-10-28', '2013-10-30')).toBe('28–30 Oct 2013');
		expect(shortDateRange('2019-06-30', '2019-07-02')).toBe('30 Jun–2 Jul 2019');
	});
});
