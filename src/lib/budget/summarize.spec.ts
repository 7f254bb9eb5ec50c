import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundDiv, summarizeBudget, BUDGET_CATEGORIES, type BudgetSummary } from './summarize.ts';
import { monthFromIndex, monthIndex } from '../model/month.ts';
import type { Card, PlanData } from '../model/types.ts';

const M = 100; // CNY minor units per yuan

/** The worked example: 10,000,000 CNY over 24 months with hires and campaigns. */
function launchPlan(): PlanData {
	return {
		title: 'Open the Shenzhen office',
		currency: 'CNY',
		budget: 10_000_000 * M,
		startMonth: '2027-01',
		horizonMonths: 24,
		cards: [
			{ id: 'g-1', kind: 'goal', title: 'First 100 customers' },
			{ id: 'm-1', kind: 'milestone', title: 'Pilot', goalId: 'g-1', order: 1, status: 'todo' },
			{ id: 'r-ceo', kind: 'role', title: 'GM', headcount: 1, monthlyCost: 80_000 * M, startMonth: '2027-01' },
			{ id: 'r-eng', kind: 'role', title: 'Engineers', headcount: 4, monthlyCost: 45_000 * M, startMonth: '2027-03', endMonth: '2028-06' },
			{ id: 'r-sales', kind: 'role', title: 'Sales', headcount: 2, monthlyCost: 30_000 * M, startMonth: '2027-07' },
			{ id: 's-launch', kind: 'spend', title: 'Launch event', category: 'marketing', amount: 500_000 * M, recurrence: 'once', startMonth: '2027-06' },
			{ id: 's-ads', kind: 'spend', title: 'Ads', category: 'marketing', amount: 20_000 * M, recurrence: 'monthly', startMonth: '2027-07', endMonth: '2027-12' },
			{ id: 's-cloud', kind: 'spend', title: 'Cloud', category: 'infrastructure', amount: 5_000 * M, recurrence: 'monthly', startMonth: '2027-01' },
			{ id: 's-legal', kind: 'spend', title: 'Incorporation', category: 'legal', amount: 30_000 * M, recurrence: 'once', startMonth: '2027-01' }
		]
	};
}

describe('summarizeBudget — worked examples', () => {
	it('10,000,000 CNY over 24 months with hires and campaigns', () => {
		const s = summarizeBudget(launchPlan());
		// people: GM 24 × 80k + engineers 16 × 4 × 45k + sales 18 × 2 × 30k
		expect(s.byCategory).toEqual({
			people: 5_880_000 * M,
			marketing: 620_000 * M,
			product: 0,
			operations: 0,
			infrastructure: 120_000 * M,
			legal: 30_000 * M,
			other: 0
		});
		expect(s.total).toBe(1_000_000_000);
		expect(s.allocated).toBe(6_650_000 * M);
		expect(s.remaining).toBe(3_350_000 * M);
		expect(s.overBy).toBe(0);
		expect(s.runsOutIn).toBeNull();
		expect(s.averageMonthlyBurn).toBe(27_708_333); // 665,000,000 / 24 = 27,708,333.33
		expect(s.peakMonthlyBurn).toBe(765_000 * M); // June 2027: launch event month
		expect(s.peakHeadcount).toBe(7);
		expect(s.monthly).toHaveLength(24);
		const at = (m: string) => s.monthly.find((x) => x.month === m)!;
		expect(at('2027-01')).toEqual({ month: '2027-01', spend: 115_000 * M, cumulative: 115_000 * M, headcount: 1 });
		expect(at('2027-03')).toMatchObject({ spend: 265_000 * M, headcount: 5 });
		expect(at('2027-06')).toMatchObject({ spend: 765_000 * M, cumulative: 1_760_000 * M });
		expect(at('2027-12')).toMatchObject({ spend: 345_000 * M, headcount: 7 });
		expect(at('2028-01')).toMatchObject({ spend: 325_000 * M, headcount: 7 });
		expect(at('2028-07')).toMatchObject({ spend: 145_000 * M, headcount: 3 });
		expect(s.monthly[23]).toEqual({ month: '2028-12', spend: 145_000 * M, cumulative: 6_650_000 * M, headcount: 3 });
		expect(s.contributors).toEqual([
			{ id: 'r-eng', cost: 2_880_000 * M },
			{ id: 'r-ceo', cost: 1_920_000 * M },
			{ id: 'r-sales', cost: 1_080_000 * M },
			{ id: 's-launch', cost: 500_000 * M },
			{ id: 's-ads', cost: 120_000 * M }, // tie with s-cloud: by id
			{ id: 's-cloud', cost: 120_000 * M },
			{ id: 's-legal', cost: 30_000 * M }
		]);
		expect(s.outsideHorizon).toEqual([]);
		expect(s.partlyOutsideHorizon).toEqual([]);
	});

	it('an over-budget plan runs out in the first month cumulative exceeds the total', () => {
		const s = summarizeBudget({
			title: 'Too ambitious',
			currency: 'CNY',
			budget: 1_000_000 * M,
			startMonth: '2027-01',
			horizonMonths: 12,
			cards: [
				{ id: 'team', kind: 'role', title: 'Team', headcount: 10, monthlyCost: 10_000 * M, startMonth: '2027-01' }
			]
		});
		expect(s.allocated).toBe(1_200_000 * M);
		expect(s.overBy).toBe(200_000 * M);
		expect(s.remaining).toBe(-200_000 * M);
		// after October cumulative = exactly the total (not exceeded); November exceeds
		expect(s.monthly[9].cumulative).toBe(1_000_000 * M);
		expect(s.runsOutIn).toBe('2027-11');
		expect(s.contributors).toEqual([{ id: 'team', cost: 1_200_000 * M }]);
	});

	it('costs nothing outside the horizon and reports those cards', () => {
		const cards: Card[] = [
			{ id: 'late-hire', kind: 'role', title: 'x', headcount: 1, monthlyCost: 100, startMonth: '2028-01' },
			{ id: 'past-hire', kind: 'role', title: 'x', headcount: 1, monthlyCost: 100, startMonth: '2026-01', endMonth: '2026-12' },
			{ id: 'early-once', kind: 'spend', title: 'x', category: 'legal', amount: 999, recurrence: 'once', startMonth: '2026-12' },
			{ id: 'straddle-start', kind: 'spend', title: 'x', category: 'product', amount: 10, recurrence: 'monthly', startMonth: '2026-10', endMonth: '2027-02' },
			{ id: 'old-hire', kind: 'role', title: 'x', headcount: 2, monthlyCost: 1, startMonth: '2026-06' },
			{ id: 'straddle-end', kind: 'spend', title: 'x', category: 'operations', amount: 7, recurrence: 'monthly', startMonth: '2027-11', endMonth: '2028-03' },
			{ id: 'last-once', kind: 'spend', title: 'x', category: 'other', amount: 5, recurrence: 'once', startMonth: '2027-12' },
			{ id: 'open-ended', kind: 'spend', title: 'x', category: 'other', amount: 1, recurrence: 'monthly', startMonth: '2027-12' }
		];
		const s = summarizeBudget({ title: 't', currency: 'CNY', budget: 0, startMonth: '2027-01', horizonMonths: 12, cards });
		expect(s.outsideHorizon).toEqual(['early-once', 'late-hire', 'past-hire']);
		expect(s.partlyOutsideHorizon).toEqual(['old-hire', 'straddle-end', 'straddle-start']);
		expect(s.byCategory).toMatchObject({ people: 24, product: 20, operations: 14, legal: 0, other: 6 });
		expect(s.allocated).toBe(64);
		expect(s.runsOutIn).toBe('2027-01'); // budget 0: the first month with spend runs out
		expect(s.contributors.map((c) => c.id)).toEqual(['old-hire', 'straddle-start', 'straddle-end', 'last-once', 'open-ended']);
	});

	it('handles zero-length and minimal plans', () => {
		const base = { title: 't', currency: 'CNY', budget: 500, startMonth: '2027-01' };
		const hire: Card = { id: 'h', kind: 'role', title: 'x', headcount: 1, monthlyCost: 100, startMonth: '2027-01' };
		const zero = summarizeBudget({ ...base, horizonMonths: 0, cards: [hire] });
		expect(zero).toEqual({
			total: 500, allocated: 0, remaining: 500, overBy: 0,
			byCategory: Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, 0])) as BudgetSummary['byCategory'],
			monthly: [], peakMonthlyBurn: 0, averageMonthlyBurn: 0, peakHeadcount: 0, runsOutIn: null,
			contributors: [], outsideHorizon: ['h'], partlyOutsideHorizon: []
		} satisfies BudgetSummary);
		const empty = summarizeBudget({ ...base, horizonMonths: 1, cards: [] });
		expect(empty.monthly).toEqual([{ month: '2027-01', spend: 0, cumulative: 0, headcount: 0 }]);
		expect(empty.allocated).toBe(0);
		const one = summarizeBudget({ ...base, horizonMonths: 1, cards: [hire] });
		expect(one).toMatchObject({ allocated: 100, remaining: 400, averageMonthlyBurn: 100, peakHeadcount: 1 });
	});

	it('rounds the average burn half away from zero with integer maths', () => {
		const plan = (amount: number): PlanData => ({
			title: 't', currency: 'JPY', budget: 0, startMonth: '2027-12', horizonMonths: 2,
			cards: [{ id: 's', kind: 'spend', title: 's', category: 'other', amount, recurrence: 'once', startMonth: '2028-01' }]
		});
		expect(summarizeBudget(plan(3)).averageMonthlyBurn).toBe(2);
		expect(summarizeBudget(plan(5)).averageMonthlyBurn).toBe(3);
		expect(summarizeBudget(plan(1)).averageMonthlyBurn).toBe(1);
		expect(roundDiv(-5, 2)).toBe(-3);
		expect(roundDiv(7, 3)).toBe(2);
		expect(roundDiv(Number.MAX_SAFE_INTEGER, 2)).toBe(4503599627370496);
		expect(() => roundDiv(1, 0)).toThrow(RangeError);
	});
});

// ---------- property tests ----------

const H0 = monthIndex('2026-01');
const monthArb = fc.integer({ min: H0 - 24, max: H0 + 160 }).map(monthFromIndex);
const moneyArb = fc.integer({ min: 0, max: 5_000_000_000 });
const roleArb = fc.record(
	{
		kind: fc.constant('role' as const), title: fc.constant('r'),
		headcount: fc.integer({ min: 0, max: 50 }), monthlyCost: moneyArb,
		startMonth: monthArb, endMonth: monthArb
	},
	{ requiredKeys: ['kind', 'title', 'headcount', 'monthlyCost', 'startMonth'] }
);
const spendArb = fc.record(
	{
		kind: fc.constant('spend' as const), title: fc.constant('s'),
		category: fc.constantFrom('marketing', 'product', 'operations', 'infrastructure', 'legal', 'other' as const),
		amount: moneyArb, recurrence: fc.constantFrom('once' as const, 'monthly' as const),
		startMonth: monthArb, endMonth: monthArb
	},
	{ requiredKeys: ['kind', 'title', 'category', 'amount', 'recurrence', 'startMonth'] }
);
const goalArb = fc.record({ kind: fc.constant('goal' as const), title: fc.constant('g') });
const planArb: fc.Arbitrary<PlanData> = fc
	.record({
		budget: fc.integer({ min: 0, max: 100_000_000_000 }),
		start: fc.integer({ min: H0, max: H0 + 36 }),
		horizonMonths: fc.integer({ min: 1, max: 120 }),
		cards: fc.array(fc.oneof(roleArb, spendArb, goalArb), { maxLength: 25 })
	})
	.map(({ budget, start, horizonMonths, cards }) => ({
		title: 'p', currency: 'CNY', budget, startMonth: monthFromIndex(start), horizonMonths,
		// keep end ≥ start, as validation would
		cards: cards.map((c, i) => {
			const card = { ...c, id: `c${i}` } as Card;
			if ('endMonth' in card && card.endMonth !== undefined && card.endMonth < card.startMonth) {
				card.endMonth = card.startMonth;
			}
			return card;
		})
	}));

/** Naive oracle: the rules applied month by month, card by card. */
function naiveMonthly(plan: PlanData): number[] {
	const months = Array.from({ length: plan.horizonMonths }, (_, i) => monthFromIndex(monthIndex(plan.startMonth) + i));
	return months.map((m) => {
		let spend = 0;
		for (const c of plan.cards) {
			if (c.kind === 'role' && c.startMonth <= m && (!c.endMonth || m <= c.endMonth)) spend += c.headcount * c.monthlyCost;
			if (c.kind === 'spend' && c.recurrence === 'once' && c.startMonth === m) spend += c.amount;
			if (c.kind === 'spend' && c.recurrence === 'monthly' && c.startMonth <= m && (!c.endMonth || m <= c.endMonth)) spend += c.amount;
		}
		return spend;
	});
}

function allIntegers(value: unknown): boolean {
	if (typeof value === 'number') return Number.isSafeInteger(value);
	if (Array.isArray(value)) return value.every(allIntegers);
	if (value && typeof value === 'object') return Object.values(value).every(allIntegers);
	return true;
}

describe('summarizeBudget — properties', () => {
	it('agrees with a month-by-month oracle; sums agree; all integers', () => {
		fc.assert(
			fc.property(planArb, (plan) => {
				const s = summarizeBudget(plan);
				expect(s.monthly.map((m) => m.spend)).toEqual(naiveMonthly(plan));
				const catSum = Object.values(s.byCategory).reduce((a, b) => a + b, 0);
				expect(catSum).toBe(s.allocated);
				let running = 0;
				for (const m of s.monthly) {
					running += m.spend;
					expect(m.cumulative).toBe(running);
				}
				expect(running).toBe(s.allocated);
				expect(s.contributors.reduce((a, c) => a + c.cost, 0)).toBe(s.allocated);
				expect(s.remaining).toBe(s.total - s.allocated);
				expect(s.overBy).toBe(Math.max(0, s.allocated - s.total));
				const firstOver = s.monthly.find((m) => m.cumulative > s.total);
				expect(s.runsOutIn).toBe(firstOver ? firstOver.month : null);
				expect(allIntegers(s)).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});

	it('does not depend on card order', () => {
		fc.assert(
			fc.property(planArb, fc.integer(), (plan, seed) => {
				const shuffled = [...plan.cards];
				let x = seed >>> 0;
				for (let i = shuffled.length - 1; i > 0; i--) {
					x = (x * 1103515245 + 12345) >>> 0;
					const j = x % (i + 1);
					[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
				}
				expect(summarizeBudget({ ...plan, cards: shuffled })).toEqual(summarizeBudget(plan));
			}),
			{ numRuns: 100 }
		);
	});
});
