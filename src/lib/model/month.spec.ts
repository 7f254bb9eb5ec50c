import { describe, expect, it } from 'vitest';
import { addMonths, compareMonths, currentMonth, isMonth, monthFromIndex, monthIndex, monthsBetween } from './month.ts';

describe('month helpers', () => {
	it('validates YYYY-MM', () => {
		expect(isMonth('2027-01')).toBe(true);
		expect(isMonth('2027-12')).toBe(true);
		for (const bad of ['2027-13', '2027-00', '2027-1', '27-01', '2027-01-01', '0000-01', ' 2027-01', 202701, null]) {
			expect(isMonth(bad)).toBe(false);
		}
	});
	it('does exact month arithmetic across years', () => {
		expect(addMonths('2027-11', 3)).toBe('2028-02');
		expect(addMonths('2027-01', -1)).toBe('2026-12');
		expect(monthsBetween('2027-01', '2028-12')).toBe(23);
		expect(compareMonths('2027-02', '2026-12')).toBeGreaterThan(0);
		expect(monthFromIndex(monthIndex('0001-01'))).toBe('0001-01');
		expect(() => addMonths('9999-12', 1)).toThrow(RangeError);
		expect(() => monthIndex('2027-13')).toThrow(RangeError);
	});
	it('reads the current month in UTC', () => {
		expect(currentMonth(new Date('2027-03-31T23:30:00-05:00'))).toBe('2027-04');
		expect(isMonth(currentMonth())).toBe(true);
	});
});
