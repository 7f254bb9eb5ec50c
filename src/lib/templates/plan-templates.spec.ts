import { describe, expect, test } from 'vitest';
import { validatePlan, CARD_KINDS } from '$lib/model';
import { summarizeBudget } from '$lib/budget';
import { planFromTemplate, roundToTwoSignificant, scaledAmount } from './plan-templates.ts';

describe('Plan from zero template', () => {
	const plan = planFromTemplate('plan-from-zero', { title: 'New market', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01' });

	test('is a valid plan: 10,000,000 over 24 months, every card kind, no guidance stored as notes', () => {
		const result = validatePlan(plan);
		expect(result.ok ? [] : result.errors).toEqual([]);
		expect(plan).toMatchObject({ budget: 1_000_000_000, horizonMonths: 24, startMonth: '2027-01' });
		expect(new Set(plan.cards.map((c) => c.kind))).toEqual(new Set(CARD_KINDS));
		expect(plan.cards.filter((c) => c.notes)).toEqual([]);
		expect(plan.language).toBeUndefined();
	});

	test('has a goal with three ordered milestones, launch marketing and infrastructure', () => {
		const goal = plan.cards.find((c) => c.kind === 'goal')!;
		const steps = plan.cards.filter((c) => c.kind === 'milestone' && c.goalId === goal.id);
		expect(steps.map((s) => (s.kind === 'milestone' ? s.order : 0))).toEqual([1, 2, 3]);
		expect(plan.cards.some((c) => c.kind === 'spend' && c.category === 'marketing')).toBe(true);
		expect(plan.cards.some((c) => c.kind === 'spend' && c.category === 'infrastructure')).toBe(true);
		expect(plan.cards.filter((c) => c.kind === 'role').length).toBeGreaterThanOrEqual(2);
	});

	test('fits the budget with room to spare, at any budget size', () => {
		for (const budget of [1_000_000_000, 250_000_000, 3_000_000_000]) {
			const summary = summarizeBudget(planFromTemplate('plan-from-zero', { title: 'x', currency: 'USD', budget, startMonth: '2027-01' }));
			expect(summary.overBy).toBe(0);
			expect(summary.allocated).toBeGreaterThan(budget / 2);
			expect(summary.runsOutIn).toBeNull();
		}
	});

	test('a Chinese board gets its starter cards in Chinese, with the same figures', () => {
		const zh = planFromTemplate('plan-from-zero', { title: '新业务', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', language: 'zh-CN' });
		expect(validatePlan(zh).ok).toBe(true);
		expect(zh.language).toBe('zh-CN');
		expect(zh.cards.map((c) => c.kind)).toEqual(plan.cards.map((c) => c.kind));
		for (const card of zh.cards) expect(card.title).toMatch(/[\u4e00-\u9fff]/);
		expect(zh.cards.find((c) => c.kind === 'role')?.title).toBe('创始产品负责人');
		const figures = (p: typeof plan) => p.cards.map((c) => (c.kind === 'role' ? c.monthlyCost : c.kind === 'spend' ? c.amount : 0));
		expect(figures(zh)).toEqual(figures(plan));
		expect(zh.cards.filter((c) => c.notes)).toEqual([]);
	});

	test('blank has no cards; ids are unique', () => {
		expect(planFromTemplate('blank', { title: 'b', currency: 'EUR', budget: 100 }).cards).toEqual([]);
		expect(new Set(plan.cards.map((c) => c.id)).size).toBe(plan.cards.length);
	});

	test('amounts scale with the budget and are round numbers', () => {
		expect(scaledAmount(60_000, 1_000_000_000)).toBe(6_000_000);
		expect(scaledAmount(60_000, 730_000_000)).toBe(4_400_000);
		expect(roundToTwoSignificant(45_678)).toBe(46_000);
		expect(roundToTwoSignificant(0)).toBe(0);
	});
});
