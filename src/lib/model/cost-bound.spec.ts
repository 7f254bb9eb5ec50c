import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { summarizeBudget } from '../budget/summarize.ts';
import { planToMarkdown } from '../markdown/export.ts';
import { markdownToPlan } from '../markdown/import.ts';
import { initBoard } from './board.ts';
import { addCard, costCardsOf, costFiguresOf, updateCard } from './cards.ts';
import { cardsMap } from './doc-keys.ts';
import { costUpperBound, largestAllowed, MAX_PLAN_COST } from './cost-bound.ts';
import { readCostCards } from './first-screen.ts';
import { updateMeta } from './meta.ts';
import { createOrigin } from './origin.ts';
import { toPlanData } from './plan-data.ts';
import type { Card } from './types.ts';
import { validatePlan } from './validate.ts';

const origin = createOrigin('user', 'test');
const PER_MONTH_AT_120 = Math.floor(MAX_PLAN_COST / 120); // 75,059,993,789,508

function board(horizonMonths = 120): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: '大额测试', currency: 'CNY', budget: 1_000_000_000 }, createOrigin('server'));
	updateMeta(doc, { startMonth: '2027-01', horizonMonths }, createOrigin('server'));
	return doc;
}

const spend = (amount: number, recurrence: 'monthly' | 'once' = 'monthly') => ({ title: '广告', category: 'marketing' as const, amount, recurrence, startMonth: '2027-01' });

describe('the plan cost limit on the live document', () => {
	it('refuses a spend that would pass it, naming the largest amount allowed; nothing is written', () => {
		const doc = board();
		expect(() => addCard(doc, 'spend', spend(999_999_999_999_999), origin)).toThrow(
			new RangeError(`amount: must be at most ${PER_MONTH_AT_120} here: the plan's costs over its horizon must stay within ${MAX_PLAN_COST} minor units, where every total is exact`)
		);
		expect(readCostCards(doc)).toEqual([]);
		const id = addCard(doc, 'spend', spend(PER_MONTH_AT_120), origin);
		// the plan is full: any other cost is refused, a one-off of 0 is not
		expect(() => addCard(doc, 'spend', spend(1_000_000), origin)).toThrow(/amount: must be at most 0 here/);
		addCard(doc, 'spend', spend(0, 'once'), origin);
		expect(() => updateCard(doc, id, { amount: PER_MONTH_AT_120 + 1 }, origin)).toThrow(RangeError);
		expect(updateCard(doc, id, { amount: PER_MONTH_AT_120 - 5 }, origin)).toBe(true);
	});

	it('names the largest headcount, monthly cost and horizon that fit', () => {
		const doc = board(12);
		const role = addCard(doc, 'role', { title: '工程师', headcount: 1_000_000, monthlyCost: 1_000, startMonth: '2027-01' }, origin);
		const others = readCostCards(doc).filter((c) => c.id !== role);
		const card = readCostCards(doc).find((c) => c.id === role)!;
		const maxCost = largestAllowed(card, 'monthlyCost', others, 12);
		expect(maxCost).toBe(Math.floor(MAX_PLAN_COST / (1_000_000 * 12)));
		expect(() => updateCard(doc, role, { monthlyCost: maxCost + 1 }, origin)).toThrow(`monthlyCost: must be at most ${maxCost} here`);
		updateCard(doc, role, { monthlyCost: maxCost }, origin);
		expect(() => updateCard(doc, role, { headcount: 1_000_000 }, origin)).not.toThrow();
		expect(() => updateMeta(doc, { horizonMonths: 120 }, origin)).toThrow(/horizonMonths: must be at most 12 here/);
		expect(costUpperBound(readCostCards(doc), 12) <= BigInt(MAX_PLAN_COST)).toBe(true);
	});

	it('two people raising amounts at once: every device reads the same clamped plan; it is exact and its export imports back', () => {
		const a = board();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		// each within the limit alone, together past it
		addCard(a, 'spend', { ...spend(Math.floor(PER_MONTH_AT_120 * 0.6)), id: 'spend-a', title: '北京广告' }, origin);
		addCard(b, 'role', { id: 'role-b', title: '上海团队', headcount: 1_000, monthlyCost: Math.floor((PER_MONTH_AT_120 * 0.6) / 1_000), startMonth: '2027-01' }, origin);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

		const plan = toPlanData(a);
		expect(toPlanData(b)).toEqual(plan);
		const sorted = (cards: Card[]) => [...cards].sort((x, y) => (x.id < y.id ? -1 : 1));
		expect(sorted(readCostCards(a))).toEqual(sorted(readCostCards(b)));
		expect(validatePlan(plan).ok).toBe(true);
		// role-b comes first by id and keeps its cost; spend-a gets what is left
		const byId = new Map(plan.cards.map((c) => [c.id, c] as const));
		expect((byId.get('role-b') as Card & { monthlyCost: number }).monthlyCost).toBe(Math.floor((PER_MONTH_AT_120 * 0.6) / 1_000));
		const summary = summarizeBudget(plan);
		expect(summary.allocated).toBeLessThanOrEqual(MAX_PLAN_COST);
		expect(BigInt(summary.allocated)).toBe(costUpperBound(plan.cards, 120));
		// the board's own budget (from the cost cards) agrees with plan.json's
		expect(summarizeBudget({ ...plan, cards: readCostCards(a) }).allocated).toBe(summary.allocated);

		const md = planToMarkdown(plan);
		const back = markdownToPlan(md);
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		expect(planToMarkdown(back.plan)).toBe(md);
		expect(summarizeBudget(back.plan).allocated).toBe(summary.allocated);
	});
});

describe('the cost figures the writes check against', () => {
	it('are the costing cards as the full read sees them (a damaged field takes its default), cost fields only, but the one named', () => {
		const doc = board(24);
		const role = addCard(doc, 'role', { title: '工程师', headcount: 3, monthlyCost: 4_500_000, startMonth: '2027-01' }, origin);
		const ad = addCard(doc, 'spend', spend(45_000, 'once'), origin);
		const damaged = addCard(doc, 'spend', spend(120_000), origin);
		addCard(doc, 'goal', { title: '目标' }, origin);
		// a merge or an old client left a value no write accepts
		doc.transact(() => cardsMap(doc).get(damaged)!.set('amount', -5), origin);

		const whole = costCardsOf(doc);
		const figures = costFiguresOf(doc);
		expect(figures).toEqual(
			whole.map((card) =>
				card.kind === 'role'
					? { kind: card.kind, headcount: card.headcount, monthlyCost: card.monthlyCost }
					: card.kind === 'spend'
						? { kind: card.kind, amount: card.amount, recurrence: card.recurrence }
						: card
			)
		);
		expect(figures).toContainEqual({ kind: 'spend', amount: 0, recurrence: 'monthly' });
		expect(costUpperBound(figures, 24)).toBe(costUpperBound(whole, 24));
		expect(costFiguresOf(doc, role)).toHaveLength(2);
		expect(costFiguresOf(doc, ad)).not.toContainEqual({ kind: 'spend', amount: 45_000, recurrence: 'once' });
	});
});
