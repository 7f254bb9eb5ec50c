import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { summarizeBudget } from '$lib/budget';
import { planFromTemplate } from '../templates/plan-templates.ts';
import { niceScale, spendChartData } from './spend-chart.ts';

describe('spend chart data', () => {
	test('category stacks add up to each month’s spend from summarizeBudget', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1_000_000, max: 5_000_000_000 }), fc.integer({ min: 1, max: 36 }), (budget, horizon) => {
				const plan = { ...planFromTemplate('plan-from-zero', { title: 'p', currency: 'CNY', budget, startMonth: '2027-01' }), horizonMonths: horizon };
				const data = spendChartData(plan);
				const summary = summarizeBudget(plan);
				expect(data.months.map((m) => m.month)).toEqual(summary.monthly.map((m) => m.month));
				data.months.forEach((m, i) => {
					const stacked = Object.values(m.byCategory).reduce((a, b) => a + (b ?? 0), 0);
					expect(stacked).toBe(summary.monthly[i].spend);
				});
				expect(data.peak).toBe(summary.peakMonthlyBurn);
			}),
			{ numRuns: 25 }
		);
	});

	test('only categories with spend are stacked, people first', () => {
		const data = spendChartData(planFromTemplate('plan-from-zero', { title: 'p', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01' }));
		expect(data.categories).toEqual(['people', 'marketing', 'infrastructure', 'legal']);
	});

	test('nice axis scales cover the value with round steps', () => {
		expect(niceScale(417_000)).toEqual({ max: 600_000, step: 200_000 });
		expect(niceScale(0)).toEqual({ max: 1, step: 1 });
		for (const v of [1, 7, 99, 12_345, 9_999_999]) {
			const { max, step } = niceScale(v);
			expect(max).toBeGreaterThanOrEqual(v);
			expect(max / step).toBeLessThanOrEqual(5);
		}
	});
});
