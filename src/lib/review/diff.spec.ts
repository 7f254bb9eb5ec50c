import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeBudget } from '../budget/summarize.ts';
import { planArb } from '../../../tests/support/plan-arbitraries.ts';
import type { Card, PlanData } from '../model/types.ts';
import { applyDiff, diffPlans, isEmptyDiff } from './diff.ts';

const M = 100; // CNY minor units per yuan

/** 10,000,000 CNY over 12 months: a general manager, a launch event, cloud costs. */
function shanghaiPlan(): PlanData {
	return {
		title: '上海咖啡试点',
		currency: 'CNY',
		budget: 10_000_000 * M,
		startMonth: '2027-01',
		horizonMonths: 12,
		cards: [
			{ id: 'r-gm', kind: 'role', title: '总经理', headcount: 1, monthlyCost: 80_000 * M, startMonth: '2027-01', x: 24, y: 96 },
			{ id: 'g-1', kind: 'goal', title: '开第一家店', x: 576, y: 96, notes: '人民广场，**春节前**。' },
			{ id: 'm-1', kind: 'milestone', title: '签租约', goalId: 'g-1', order: 1, status: 'todo', dueMonth: '2027-02', x: 576, y: 252 },
			{ id: 's-launch', kind: 'spend', title: '开业活动', category: 'marketing', amount: 500_000 * M, recurrence: 'once', startMonth: '2027-06', x: 1128, y: 96 },
			{ id: 's-cloud', kind: 'spend', title: '云服务', category: 'infrastructure', amount: 5_000 * M, recurrence: 'monthly', startMonth: '2027-01', x: 1128, y: 252 }
		]
	};
}

describe('diffPlans — worked examples', () => {
	it('finds nothing between a plan and itself, or a copy with moved cards', () => {
		const plan = shanghaiPlan();
		expect(isEmptyDiff(diffPlans(plan, plan))).toBe(true);
		const moved = { ...plan, cards: plan.cards.map((c) => ({ ...c, x: (c.x ?? 0) + 500, y: (c.y ?? 0) + 40 })) };
		const diff = diffPlans(plan, moved);
		expect(diff.changed).toEqual([]);
		expect(isEmptyDiff(diff)).toBe(true);
	});

	it('an added role: named, with the allocated, remaining, people, headcount and runway deltas', () => {
		const before = shanghaiPlan();
		const role: Card = { id: 'r-eng', kind: 'role', title: '工程师', headcount: 20, monthlyCost: 60_000 * M, startMonth: '2027-03', x: 264, y: 96 };
		const after = { ...before, cards: [...before.cards, role] };
		const diff = diffPlans(before, after);
		expect(diff.added).toEqual([{ id: 'r-eng', kind: 'role', title: '工程师', card: role }]);
		expect(diff.removed).toEqual([]);
		expect(diff.changed).toEqual([]);
		const cost = 20 * 60_000 * M * 10; // March through December
		expect(diff.budget.allocated.delta).toBe(cost);
		expect(diff.budget.remaining.delta).toBe(-cost);
		expect(diff.budget.byCategory.people.delta).toBe(cost);
		expect(diff.budget.byCategory.marketing.delta).toBe(0);
		expect(diff.budget.peakHeadcount).toEqual({ from: 1, to: 21, delta: 20 });
		expect(diff.budget.peakMonthlyBurn.delta).toBe(20 * 60_000 * M);
		// before: 960k + 500k + 60k = 1.52M, lasts; after: +1.2M a month from March, cumulative
		// 9.665M by September and 10.95M in October
		expect(diff.budget.runway.from).toBeNull();
		expect(diff.budget.runway.to).toBe('2027-10');
		expect(diff.budget.runway.delta).toBeNull();
		expect(isEmptyDiff(diff)).toBe(false);
	});

	it('changed fields one by one (null = absent), notes included, removed cards, and settings', () => {
		const before = shanghaiPlan();
		const after: PlanData = {
			...before,
			title: '上海咖啡试点 v2',
			budget: 8_000_000 * M,
			cards: before.cards
				.filter((c) => c.id !== 's-cloud')
				.map((c) => {
					if (c.id === 'r-gm') return { ...c, headcount: 2, endMonth: '2027-10' } as Card;
					if (c.id === 'g-1') return { ...c, notes: undefined } as Card;
					if (c.id === 'm-1') return { ...c, status: 'done', dueMonth: undefined, title: '租约已签' } as Card;
					return c;
				})
		};
		const diff = diffPlans(before, after);
		expect(diff.removed.map((r) => [r.id, r.kind, r.title])).toEqual([['s-cloud', 'spend', '云服务']]);
		expect(diff.changed).toEqual([
			{ id: 'r-gm', kind: 'role', title: '总经理', changes: [{ field: 'headcount', from: 1, to: 2 }, { field: 'endMonth', from: null, to: '2027-10' }] },
			{ id: 'g-1', kind: 'goal', title: '开第一家店', changes: [{ field: 'notes', from: '人民广场，**春节前**。', to: null }] },
			{
				id: 'm-1',
				kind: 'milestone',
				title: '租约已签',
				changes: [
					{ field: 'title', from: '签租约', to: '租约已签' },
					{ field: 'dueMonth', from: '2027-02', to: null },
					{ field: 'status', from: 'todo', to: 'done' }
				]
			}
		]);
		expect(diff.meta).toEqual([
			{ field: 'title', from: '上海咖啡试点', to: '上海咖啡试点 v2' },
			{ field: 'budget', from: 10_000_000 * M, to: 8_000_000 * M }
		]);
		expect(diff.budget.budget.delta).toBe(-2_000_000 * M);
		expect(diff.budget.byCategory.infrastructure).toEqual({ from: 60_000 * M, to: 0, delta: -60_000 * M });
	});

	it('a card whose kind changed is removed and added; runway delta in months when both run out', () => {
		const base = shanghaiPlan();
		const over = (amount: number): PlanData => ({
			...base,
			cards: [...base.cards, { id: 'x', kind: 'spend', title: '门店', category: 'operations', amount, recurrence: 'monthly', startMonth: '2027-01' }]
		});
		const diff = diffPlans(over(2_000_000 * M), over(1_000_000 * M));
		expect(diff.budget.runway.from).toBe('2027-05');
		expect(diff.budget.runway.to).toBe('2027-09');
		expect(diff.budget.runway.delta).toBe(4);
		const swapped = { ...base, cards: base.cards.map((c) => (c.id === 'g-1' ? ({ id: 'g-1', kind: 'opportunity', title: '开第一家店' } as Card) : c)) };
		const kindDiff = diffPlans(base, swapped);
		expect(kindDiff.removed.map((r) => r.kind)).toEqual(['goal']);
		expect(kindDiff.added.map((r) => r.kind)).toEqual(['opportunity']);
	});

	it('is plain JSON: serialising it loses nothing', () => {
		const before = shanghaiPlan();
		const diff = diffPlans(before, { ...before, cards: before.cards.slice(1) });
		expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
	});
});

/** A second plan sharing card ids with `a`: some cards kept as they are, some replaced by b's cards of the same index. */
const pairArb = fc
	.tuple(planArb, planArb, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }))
	.map(([a, other, keep]): [PlanData, PlanData] => {
		const rename = new Map<string, string>();
		other.cards.forEach((c, i) => rename.set(c.id, i < a.cards.length ? a.cards[i].id : `b_${c.id}`));
		const cards = other.cards.map((c, i): Card => {
			if (i < a.cards.length && keep[i]) return a.cards[i];
			const copy = { ...c, id: rename.get(c.id)! } as Card;
			if (copy.kind === 'milestone' && copy.goalId !== undefined) copy.goalId = rename.get(copy.goalId) ?? copy.goalId;
			return copy;
		});
		return [a, { ...other, cards }];
	});

function shuffled<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let s = seed || 1;
	for (let i = out.length - 1; i > 0; i--) {
		s = (s * 1103515245 + 12345) % 2147483648;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

const withoutPosition = (card: Card) => {
	const { x: _x, y: _y, ...rest } = card;
	if (rest.notes === '') delete rest.notes;
	return rest;
};

describe('diffPlans (property)', { timeout: 120_000 }, () => {
	it('diff(a, a) is empty', () => {
		fc.assert(
			fc.property(planArb, (a) => {
				const diff = diffPlans(a, a);
				expect(isEmptyDiff(diff)).toBe(true);
				expect(diff.added.length + diff.removed.length + diff.changed.length + diff.meta.length).toBe(0);
			}),
			{ numRuns: 200 }
		);
	});

	it('applying the reported changes to a gives b: same cards (positions aside), settings and budget summary', () => {
		fc.assert(
			fc.property(pairArb, ([a, b]) => {
				const diff = diffPlans(a, b);
				const applied = applyDiff(a, diff);
				expect(summarizeBudget(applied)).toEqual(summarizeBudget(b));
				const sortById = (cards: Card[]) => [...cards].sort((x, y) => (x.id < y.id ? -1 : 1)).map(withoutPosition);
				expect(sortById(applied.cards)).toEqual(sortById(b.cards));
				// reviews are not part of a diff
				const { cards: _ac, reviews: _ar, ...appliedSettings } = applied;
				const { cards: _bc, reviews: _br, ...bSettings } = b;
				expect(appliedSettings).toEqual(bSettings);
				expect(isEmptyDiff(diffPlans(applied, b))).toBe(true);
				expect(isEmptyDiff(diff)).toBe(
					diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 && diff.meta.length === 0
				);
			}),
			{ numRuns: 300 }
		);
	});

	it('card order does not matter', () => {
		fc.assert(
			fc.property(pairArb, fc.integer({ min: 1, max: 2 ** 30 }), ([a, b], seed) => {
				const diff = diffPlans(a, b);
				const again = diffPlans({ ...a, cards: shuffled(a.cards, seed) }, { ...b, cards: shuffled(b.cards, seed + 7) });
				expect(again).toEqual(diff);
			}),
			{ numRuns: 200 }
		);
	});
});
