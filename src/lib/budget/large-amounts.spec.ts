/**
 * Money stays exact at any size a person can type: plans whose amounts reach the field maximum
 * (10^15 minor units, a million heads) are held within the plan's cost limit by the model
 * (fitCostsWithinBound, the same clamp every read applies), and the budget maths then agrees to the
 * minor unit with a BigInt month-by-month oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costUpperBound, fitCostsWithinBound, MAX_PLAN_COST } from '../model/cost-bound.ts';
import { MAX_HEADCOUNT, MAX_MONEY } from '../model/fields.ts';
import { monthFromIndex, monthIndex } from '../model/month.ts';
import type { Card, PlanData } from '../model/types.ts';
import { validatePlan } from '../model/validate.ts';
import { summarizeBudget } from './summarize.ts';

const H0 = monthIndex('2027-01');
const bigMoney = fc.oneof(fc.constant(MAX_MONEY), fc.constant(999_999_999_999_999), fc.integer({ min: 0, max: MAX_MONEY }), fc.integer({ min: 0, max: 10_000_000 }));
const dates = fc.tuple(fc.integer({ min: H0 - 6, max: H0 + 130 }), fc.option(fc.integer({ min: 0, max: 140 }), { nil: undefined }));

const cardArb: fc.Arbitrary<Omit<Card, 'id'>> = fc.oneof(
	fc.record({ headcount: fc.oneof(fc.constant(MAX_HEADCOUNT), fc.integer({ min: 0, max: 50 })), monthlyCost: bigMoney, dates }).map(({ headcount, monthlyCost, dates: [s, len] }) => ({
		kind: 'role' as const,
		title: '岗位',
		headcount,
		monthlyCost,
		startMonth: monthFromIndex(s),
		...(len === undefined ? {} : { endMonth: monthFromIndex(s + len) })
	})),
	fc.record({ amount: bigMoney, recurrence: fc.constantFrom('once' as const, 'monthly' as const), dates }).map(({ amount, recurrence, dates: [s, len] }) => ({
		kind: 'spend' as const,
		title: '支出',
		category: 'marketing' as const,
		amount,
		recurrence,
		startMonth: monthFromIndex(s),
		...(len === undefined || recurrence === 'once' ? {} : { endMonth: monthFromIndex(s + len) })
	}))
);

/** A plan as people could type it field by field: every field valid, the total unbounded. */
const typedPlanArb: fc.Arbitrary<PlanData> = fc
	.record({ horizonMonths: fc.oneof(fc.constant(120), fc.integer({ min: 1, max: 120 })), cards: fc.array(cardArb, { maxLength: 12 }), budget: bigMoney })
	.map(({ horizonMonths, cards, budget }) => ({
		title: '大额计划',
		currency: 'CNY',
		budget,
		startMonth: monthFromIndex(H0),
		horizonMonths,
		cards: cards.map((c, i) => ({ ...c, id: `card-${String(i).padStart(2, '0')}` }) as Card)
	}));

/** The budget rules month by month, card by card, in BigInt. */
function oracle(plan: PlanData): { monthly: bigint[]; allocated: bigint } {
	const monthly: bigint[] = [];
	for (let i = 0; i < plan.horizonMonths; i++) {
		const m = monthFromIndex(H0 + i);
		let spend = 0n;
		for (const c of plan.cards) {
			const active = 'startMonth' in c && c.startMonth <= m && (!('endMonth' in c) || !c.endMonth || m <= c.endMonth);
			if (c.kind === 'role' && active) spend += BigInt(c.headcount) * BigInt(c.monthlyCost);
			if (c.kind === 'spend' && c.recurrence === 'once' && c.startMonth === m) spend += BigInt(c.amount);
			if (c.kind === 'spend' && c.recurrence === 'monthly' && active) spend += BigInt(c.amount);
		}
		monthly.push(spend);
	}
	return { monthly, allocated: monthly.reduce((a, b) => a + b, 0n) };
}

describe('money at any size a person can type', () => {
	it('the fitted plan is valid and its budget is exact to the minor unit (BigInt oracle)', () => {
		fc.assert(
			fc.property(typedPlanArb, (typed) => {
				const plan = { ...typed, cards: fitCostsWithinBound(typed.cards, typed.horizonMonths) };
				expect(costUpperBound(plan.cards, plan.horizonMonths) <= BigInt(MAX_PLAN_COST)).toBe(true);
				expect(validatePlan(plan).ok).toBe(true);
				const summary = summarizeBudget(plan);
				const exact = oracle(plan);
				expect(summary.monthly.map((m) => BigInt(m.spend))).toEqual(exact.monthly);
				expect(BigInt(summary.allocated)).toBe(exact.allocated);
				expect(BigInt(summary.remaining)).toBe(BigInt(plan.budget) - exact.allocated);
				const categories = Object.values(summary.byCategory).reduce((a, b) => a + BigInt(b), 0n);
				expect(categories).toBe(exact.allocated);
				expect(summary.contributors.reduce((a, c) => a + BigInt(c.cost), 0n)).toBe(exact.allocated);
				for (const value of [summary.allocated, summary.remaining, summary.peakMonthlyBurn, summary.averageMonthlyBurn]) {
					expect(Number.isSafeInteger(value)).toBe(true);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('a plan within the limit is left as typed; the clamp does not depend on card order', () => {
		fc.assert(
			fc.property(typedPlanArb, fc.integer(), (typed, seed) => {
				const fitted = fitCostsWithinBound(typed.cards, typed.horizonMonths);
				if (costUpperBound(typed.cards, typed.horizonMonths) <= BigInt(MAX_PLAN_COST)) expect(fitted).toBe(typed.cards);
				const shuffled = [...typed.cards];
				let x = seed >>> 0;
				for (let i = shuffled.length - 1; i > 0; i--) {
					x = (x * 1103515245 + 12345) >>> 0;
					const j = x % (i + 1);
					[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
				}
				const byId = (cards: Card[]) => Object.fromEntries(cards.map((c) => [c.id, c]));
				expect(byId(fitCostsWithinBound(shuffled, typed.horizonMonths))).toEqual(byId(fitted));
			}),
			{ numRuns: 200 }
		);
	});

	it('the issue case: ten monthly spends of 999,999,999,999,999 over 120 months cannot be summed inexactly', () => {
		const cards = Array.from({ length: 10 }, (_, i) => ({
			id: `s${i}`,
			kind: 'spend' as const,
			title: `大额 ${i}`,
			category: 'other' as const,
			amount: 999_999_999_999_999,
			recurrence: 'monthly' as const,
			startMonth: '2027-01'
		}));
		const plan: PlanData = { title: 'x', currency: 'CNY', budget: 0, startMonth: '2027-01', horizonMonths: 120, cards };
		expect(validatePlan(plan).ok).toBe(false);
		const fitted = { ...plan, cards: fitCostsWithinBound(plan.cards, 120) };
		const summary = summarizeBudget(fitted);
		expect(BigInt(summary.allocated)).toBe(oracle(fitted).allocated);
		expect(summary.allocated).toBeLessThanOrEqual(MAX_PLAN_COST);
		// the first card (by id) takes what the limit allows; the others cost nothing
		expect(fitted.cards[0]).toMatchObject({ amount: Math.floor(MAX_PLAN_COST / 120) });
		expect(fitted.cards.slice(1).every((c) => c.kind === 'spend' && c.amount === 0)).toBe(true);
	});
});
