import { describe, expect, it } from 'vitest';
import type { PlanData } from '../model/types.ts';
import { budgetGlance } from './glance.ts';
import { summarizeBudget } from './summarize.ts';

const plan = (budget: number): PlanData => ({
	title: 'Glance',
	currency: 'EUR',
	budget,
	startMonth: '2027-01',
	horizonMonths: 12,
	cards: [
		{ id: 'r', kind: 'role', title: 'Cook', headcount: 2, monthlyCost: 1_000, startMonth: '2027-01' },
		{ id: 's1', kind: 'spend', title: '', category: 'marketing', amount: 5_000, recurrence: 'once', startMonth: '2027-02' },
		{ id: 's2', kind: 'spend', title: 'Oven', category: 'operations', amount: 3_000, recurrence: 'once', startMonth: '2027-03' },
		{ id: 's3', kind: 'spend', title: 'Tiles', category: 'operations', amount: 100, recurrence: 'once', startMonth: '2027-03' }
	]
});

describe('budgetGlance', () => {
	it('keeps the bar\'s figures and the team\'s cost', () => {
		const summary = summarizeBudget(plan(1_000_000));
		const glance = budgetGlance(summary, () => 'x');
		expect(glance).toEqual({
			total: 1_000_000,
			allocated: summary.allocated,
			remaining: summary.remaining,
			overBy: 0,
			people: 2 * 1_000 * 12,
			averageMonthlyBurn: summary.averageMonthlyBurn,
			peakMonthlyBurn: summary.peakMonthlyBurn,
			peakHeadcount: 2,
			runsOutIn: null,
			culprits: []
		});
	});

	it('names the three largest costs when over budget, untitled ones as such', () => {
		const titles: Record<string, string> = { r: 'Cook', s1: '', s2: 'Oven' };
		const glance = budgetGlance(summarizeBudget(plan(10_000)), (id) => titles[id]);
		expect(glance.overBy).toBe(24_000 + 5_000 + 3_000 + 100 - 10_000);
		expect(glance.culprits).toEqual([
			{ id: 'r', cost: 24_000, title: 'Cook' },
			{ id: 's1', cost: 5_000, title: 'Untitled' },
			{ id: 's2', cost: 3_000, title: 'Oven' }
		]);
	});
});
