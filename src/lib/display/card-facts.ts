/** Small derived facts about one card for its face on the canvas. Pure. */
import { summarizeBudget } from '$lib/budget';
import type { Card, MilestoneCard, PlanData } from '$lib/model/types.ts';

/** Settings that the cost of a card depends on. */
export type CostContext = Pick<PlanData, 'title' | 'currency' | 'budget' | 'startMonth' | 'horizonMonths'>;

/** What a role or spend card costs over the plan horizon (minor units); 0 for other kinds. */
export function cardCost(card: Card, meta: CostContext): number {
	if (card.kind !== 'role' && card.kind !== 'spend') return 0;
	try {
		return summarizeBudget({ ...meta, cards: [card] }).allocated;
	} catch {
		return 0;
	}
}

/** 1-based step number of a milestone among its goal's steps, and how many steps there are. */
export function stepOf(milestone: MilestoneCard, steps: readonly MilestoneCard[]): { step: number; total: number } | null {
	const index = steps.findIndex((s) => s.id === milestone.id);
	return index < 0 ? null : { step: index + 1, total: steps.length };
}

/** Progress of a goal from its steps: done count, in-progress count, total, and percent done. */
export function goalProgress(steps: readonly MilestoneCard[]): { done: number; doing: number; total: number; percent: number } {
	const done = steps.filter((s) => s.status === 'done').length;
	const doing = steps.filter((s) => s.status === 'doing').length;
	const total = steps.length;
	return { done, doing, total, percent: total === 0 ? 0 : Math.round((done / total) * 100) };
}
