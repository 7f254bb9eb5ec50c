import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createOrigin, initBoard, moveCard, readCostCards, readFirstScreen, readMeta, readCard } from '$lib/model';
import { budgetGlance, summarizeBudget } from '$lib/budget';
import { FirstScreenView, type BoardView } from './board-view.ts';
import { PlanState } from './plan-state.svelte.ts';

const origin = createOrigin('user');

/** A board with a goal and its steps in the first band, and a goal far below it whose milestone is in the band. */
function board() {
	const doc = new Y.Doc();
	initBoard(doc, { title: '成都咖啡连锁', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24 }, origin);
	addCard(doc, 'role', { title: '店长', headcount: 2, monthlyCost: 2_000_000, startMonth: '2027-01' }, origin);
	addCard(doc, 'spend', { title: '门店租金', category: 'operations', amount: 4_500_000, recurrence: 'monthly', startMonth: '2027-02' }, origin);
	const goal = addCard(doc, 'goal', { title: '开十家店' }, origin);
	addCard(doc, 'milestone', { title: '第一家店开业', goalId: goal, order: 1, dueMonth: '2027-04' }, origin);
	addCard(doc, 'milestone', { title: '五家店', goalId: goal, order: 2, dueMonth: '2027-12' }, origin);
	const far = addCard(doc, 'goal', { title: '盈利' }, origin);
	moveCard(doc, far, 600, 5000, origin);
	addCard(doc, 'milestone', { title: '月度盈亏平衡', goalId: far, order: 1, dueMonth: '2028-06' }, origin);
	addCard(doc, 'risk', { title: '客流不足', likelihood: 3, impact: 4 }, origin);
	return { doc, far };
}

/** Everything a drawing component reads from a view, for the cards `ids`. */
function drawn(view: BoardView, ids: readonly string[]) {
	return {
		meta: view.meta,
		kindCounts: { ...view.kindCounts },
		contentBounds: view.contentBounds,
		glance: view.glance,
		cards: ids.map((id) => {
			const card = view.card(id)!;
			const goalId = card.kind === 'goal' ? card.id : card.kind === 'milestone' ? card.goalId : undefined;
			return { card, steps: goalId ? view.steps(goalId) : null, goalTitle: card.kind === 'milestone' && card.goalId ? view.goalTitle(card.goalId) : undefined };
		})
	};
}

describe('one view interface over the two read models', () => {
	it('the first screen reads, card for card, what the live plan reads', () => {
		const { doc, far } = board();
		const glance = budgetGlance(summarizeBudget({ ...readMeta(doc), cards: readCostCards(doc) }), (id) => readCard(doc, id)?.title);
		const first = new FirstScreenView(readFirstScreen(doc), glance);
		const live = new PlanState(doc);
		// the band holds every card but the far goal, so also a milestone whose goal is not drawn
		expect(first.cardIds).toHaveLength(live.cardIds.length - 1);
		expect(first.cardIds).not.toContain(far);
		expect(drawn(first, first.cardIds)).toEqual(drawn(live, first.cardIds));
		live.destroy();
	});

	it('a milestone in the band shows the title and steps of its goal below the band', () => {
		const { doc, far } = board();
		const first = new FirstScreenView(readFirstScreen(doc), budgetGlance(summarizeBudget({ ...readMeta(doc), cards: [] }), () => undefined));
		expect(first.card(far)).toBeUndefined();
		expect(first.goalTitle(far)).toBe('盈利');
		expect(first.steps(far)?.map((s) => s.title)).toEqual(['月度盈亏平衡']);
		expect(first.steps('no-such-goal')).toBeNull();
	});
});
