import { describe, expect, it } from 'vitest';
import { formatDecimal2, formatNumber, formatPercent } from './format';

describe('number formatters', () => {
	it('print what toLocaleString prints', () => {
		const values = [
			0,
			-0,
			1,
			-1,
			0.5,
			2 / 3,
			1234.5678,
			1e6,
			-98765.4321,
			56.3,
			85.2,
			1191.18,
			0.0004,
			1e21,
			NaN
		];
		for (const v of values) {
			expect(formatNumber(v)).toBe(v.toLocaleString('en'));
			expect(formatDecimal2(v)).toBe(v.toLocaleString('en', { maximumFractionDigits: 2 }));
			expect(formatPercent(v)).toBe(`${v.toLocaleString('en')} %`);
		}
	});

	it('group thousands and round as the pages expect', () => {
		expect(formatNumber(1234.5678)).toBe('1,234.568');
		expect(formatDecimal2(1191.178)).toBe('1,191.18');
		expect(formatPercent(58.7)).toBe('58.7 %');
	});
});
