import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarizeBudget } from '../budget/summarize.ts';
import type { PlanData } from '../model/types.ts';
import { planArb } from '../../../tests/support/plan-arbitraries.ts';
import { followIndex, planSlide, risksSlide, slideKinds, spendingSlide, strategySlide, teamSlide } from './slides.ts';

const plan: PlanData = {
	title: '华东新零售试点',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 12,
	cards: [
		{ id: 'r1', kind: 'role', title: '产品经理', headcount: 2, monthlyCost: 4_000_000, startMonth: '2027-01', level: 'P7' },
		{ id: 'r2', kind: 'role', title: '后端工程师', headcount: 3, monthlyCost: 3_500_000, startMonth: '2027-04', endMonth: '2027-09' },
		{ id: 'g1', kind: 'goal', title: '拿下上海 50 家门店', x: 0, y: 0 },
		{ id: 'g2', kind: 'goal', title: '单店盈亏平衡', x: 0, y: 200 },
		{ id: 'm2', kind: 'milestone', title: '签约 20 家', goalId: 'g1', order: 2, status: 'doing', dueMonth: '2027-06' },
		{ id: 'm1', kind: 'milestone', title: '试点 3 家', goalId: 'g1', order: 1, status: 'done', dueMonth: '2027-02' },
		{ id: 'm3', kind: 'milestone', title: '复盘', order: 1, status: 'todo', dueMonth: '2028-03' },
		{ id: 'k1', kind: 'risk', title: '房租上涨', likelihood: 3, impact: 4, mitigation: '签三年长约' },
		{ id: 'k2', kind: 'risk', title: '招聘慢', likelihood: 5, impact: 5 },
		{ id: 'o1', kind: 'opportunity', title: '社区团购' },
		{ id: 's1', kind: 'spend', title: '地推', category: 'marketing', amount: 5_000_000, recurrence: 'monthly', startMonth: '2027-01' },
		{ id: 's2', kind: 'spend', title: '门店装修', category: 'operations', amount: 80_000_000, recurrence: 'once', startMonth: '2027-02' }
	]
};

describe('slides from PlanData', () => {
	it('slide 1 carries the budget figures of summarizeBudget', () => {
		const slide = planSlide(plan);
		const summary = summarizeBudget(plan);
		expect(slide).toMatchObject({
			title: '华东新零售试点',
			budget: 1_000_000_000,
			allocated: summary.allocated,
			remaining: summary.remaining,
			peakMonthlyBurn: summary.peakMonthlyBurn,
			averageMonthlyBurn: summary.averageMonthlyBurn,
			runsOutIn: null,
			peakHeadcount: 5,
			endMonth: '2027-12'
		});
		expect(slide.byCategory.map((c) => c.category)).toEqual(['people', 'operations', 'marketing']);
		expect(slide.byCategory.reduce((sum, c) => sum + c.amount, 0)).toBe(summary.allocated);
		expect(slide.usedPercent).toBe(Math.round((summary.allocated / 1_000_000_000) * 100));
	});

	it('slide 2 lists roles by start month with monthly and total cost, and headcount per month', () => {
		const slide = teamSlide(plan);
		expect(slide.roles.map((r) => r.title)).toEqual(['产品经理', '后端工程师']);
		expect(slide.roles[0]).toMatchObject({ monthlyCost: 8_000_000, totalCost: 96_000_000, level: 'P7' });
		expect(slide.roles[1]).toMatchObject({ monthlyCost: 10_500_000, totalCost: 63_000_000 });
		expect(slide.totalHeadcount).toBe(5);
		expect(slide.headcount).toHaveLength(12);
		expect(slide.headcount[0]).toEqual({ month: '2027-01', count: 2 });
		expect(slide.headcount[3]).toEqual({ month: '2027-04', count: 5 });
		expect(slide.headcount[9]).toEqual({ month: '2027-10', count: 2 });
	});

	it('slide 3 orders each goal’s steps and widens the timeline to every due month', () => {
		const slide = strategySlide(plan, '2027-07');
		expect(slide.goals.map((g) => g.title)).toEqual(['拿下上海 50 家门店', '单店盈亏平衡']);
		expect(slide.goals[0].steps.map((s) => s.title)).toEqual(['试点 3 家', '签约 20 家']);
		expect(slide.goals[0].done).toBe(1);
		expect(slide.goals[0].steps[1].late).toBe(true); // due 2027-06, not done, today 2027-07
		expect(slide.goals[0].steps[0].late).toBe(false); // done
		expect(slide.goals[1].steps).toEqual([]);
		expect(slide.looseSteps.map((s) => s.id)).toEqual(['m3']);
		expect([slide.firstMonth, slide.lastMonth]).toEqual(['2027-01', '2028-03']);
	});

	it('slide 4 numbers risks by severity and places each one in the matrix', () => {
		const slide = risksSlide(plan);
		expect(slide.risks.map((r) => [r.label, r.title, r.score, r.band])).toEqual([
			['R1', '招聘慢', 25, 'high'],
			['R2', '房租上涨', 12, 'medium']
		]);
		expect(slide.matrix[4][4]).toEqual(['R1']);
		expect(slide.matrix[3][2]).toEqual(['R2']);
		expect(slide.matrix.flat(2)).toHaveLength(2);
		expect(slide.risks[1].mitigation).toBe('签三年长约');
		expect(slide.opportunities).toEqual([{ id: 'o1', title: '社区团购' }]);
	});

	it('slide 5 lists spend lines largest first with the chart and even burn', () => {
		const slide = spendingSlide(plan);
		expect(slide.lines.map((l) => [l.title, l.totalCost])).toEqual([
			['门店装修', 80_000_000],
			['地推', 60_000_000]
		]);
		expect(slide.totalCost).toBe(140_000_000);
		expect(slide.evenBurn).toBe(83_333_333);
		expect(slide.chart.categories).toEqual(['people', 'marketing', 'operations']);
	});

	it('slide kinds: 6 without a checkpoint, 7 with one', () => {
		expect(slideKinds(false)).toEqual(['plan', 'team', 'strategy', 'risks', 'spending', 'decisions']);
		expect(slideKinds(true)).toHaveLength(7);
		expect(slideKinds(true)[5]).toBe('changes');
	});

	it('a follower goes to the slide of the same kind, else the clamped position', () => {
		const without = slideKinds(false);
		expect(followIndex(without, 'decisions', 6)).toBe(5);
		expect(followIndex(without, 'changes', 5)).toBe(5);
		expect(followIndex(without, undefined, 99)).toBe(5);
		expect(followIndex(without, 'bogus', -3)).toBe(0);
	});

	it('any valid plan: team and spending totals add up to the allocated budget; every risk is in the matrix once', () => {
		fc.assert(
			fc.property(planArb, (p) => {
				const summary = summarizeBudget(p);
				const [first, team, risks, spending] = [planSlide(p, summary), teamSlide(p, summary), risksSlide(p), spendingSlide(p)];
				expect(team.totalCost + spending.totalCost).toBe(first.allocated);
				expect(risks.matrix.flat(2).sort()).toEqual(risks.risks.map((r) => r.label).sort());
			}),
			{ numRuns: 60 }
		);
	});
});

describe('which review is which', () => {
	const at = (day: string) => new Date(`${day}T12:00:00`).toISOString();
	const cps = [
		{ id: 'a', createdAt: at('2026-11-05') },
		{ id: 'b', createdAt: at('2026-12-03') }
	];
	it('what changed compares with the previous review, or with today’s checkpoint when it is the only one', async () => {
		const { changesBaseline, reviewCheckpoint } = await import('./slides.ts');
		expect(changesBaseline(cps, '2026-12-03')?.id).toBe('a');
		expect(changesBaseline(cps, '2026-12-04')?.id).toBe('b');
		expect(changesBaseline([cps[1]], '2026-12-03')?.id).toBe('b');
		expect(changesBaseline([], '2026-12-03')).toBeUndefined();
		expect(reviewCheckpoint(cps, '2026-12-03')?.id).toBe('b');
		expect(reviewCheckpoint(cps, '2026-12-04')).toBeUndefined();
	});
	it('the current review holds today’s checkpoint items and items of no checkpoint', async () => {
		const { currentReviewItems } = await import('./slides.ts');
		const items = [{ id: '1', checkpointId: 'a' }, { id: '2', checkpointId: 'b' }, { id: '3' }, { id: '4', checkpointId: 'gone' }];
		expect(currentReviewItems(items, cps, '2026-12-03').map((i) => i.id)).toEqual(['2', '3', '4']);
		expect(currentReviewItems(items, cps, '2026-12-10').map((i) => i.id)).toEqual(['3', '4']);
	});
});

describe('the changes slide', () => {
	it('names an added role and the money it moves; notes and review items are not changes', async () => {
		const { changesSlide } = await import('./slides.ts');
		const now: PlanData = {
			...plan,
			cards: [
				...plan.cards.map((c) => (c.id === 'g1' ? { ...c, notes: '新的备注' } : c)),
				{ id: 'r9', kind: 'role', title: '数据分析师', headcount: 1, monthlyCost: 3_000_000, startMonth: '2027-01' }
			],
			reviews: { checkpoints: [], items: [{ id: 'i1', kind: 'decision', text: '加预算', createdAt: '2026-12-03T10:00:00.000Z' }] }
		};
		const slide = changesSlide(plan, now, { id: 'cp', name: '第一次评审', createdAt: '2026-12-03T09:00:00.000Z' });
		expect(slide.empty).toBe(false);
		expect(slide.added.map((a) => a.title)).toEqual(['数据分析师']);
		expect(slide.changed).toEqual([]);
		expect(slide.figures.find((f) => f.key === 'allocated')?.delta.delta).toBe(36_000_000);
		expect(slide.figures.find((f) => f.key === 'remaining')?.delta.delta).toBe(-36_000_000);
		expect(slide.categories).toEqual([{ category: 'people', delta: expect.objectContaining({ delta: 36_000_000 }) }]);
		expect(changesSlide(plan, plan, slide.since).empty).toBe(true);
	});
});
