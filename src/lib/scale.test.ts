import { describe, expect, it } from 'vitest';
import { MAX_MEETINGS_PER_CHART, chartGranularity, granularityNote, perYear } from './scale';

describe('scale rule', () => {
	it('is per meeting up to the limit and per year beyond', () => {
		expect(MAX_MEETINGS_PER_CHART).toBe(40);
		expect(chartGranularity(0)).toBe('meeting');
		expect(chartGranularity(40)).toBe('meeting');
		expect(chartGranularity(41)).toBe('year');
		expect(perYear(560)).toBe(true);
		expect(perYear(5)).toBe(false);
		expect(chartGranularity(11, 10)).toBe('year');
	});
	it('says so in a caption only when aggregated', () => {
		expect(granularityNote(5)).toBe('');
		expect(granularityNote(560)).toContain('per year');
	});
});
