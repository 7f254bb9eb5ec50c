/**
 * Deterministic synthetic plans of any size for the benchmark: a realistic mix of every card kind
 * (roles, spending, risks, opportunities, goals with ordered milestones), a note on every fifth
 * card, no positions (the model lays the cards out per zone, as for a plan posted to the API).
 */
import type { Card, PlanData } from '../../../src/lib/model/index.ts';

/** First month of every synthetic plan. */
export const PLAN_START = '2027-01';

/** A valid plan of `count` cards (ids `c000001`…), the same for the same count. */
export function syntheticPlan(count: number, title = `Bench plan (${count} cards)`): PlanData {
	const cards: Card[] = [];
	let goalId: string | undefined;
	let order = 0;
	for (let i = 0; i < count; i++) {
		const id = `c${String(i).padStart(6, '0')}`;
		const notes = i % 5 === 0 ? `Why card ${i} matters: **owner** is team ${i % 7}.\n\n- check with finance\n- revisit in Q${1 + (i % 4)}` : undefined;
		const slot = i % 20;
		let card: Card;
		if (slot < 5) {
			card = { id, kind: 'role', title: `Engineer ${i}`, headcount: 1 + (i % 3), monthlyCost: 2_500_000 + (i % 10) * 10_000, startMonth: `2027-${String(1 + (i % 12)).padStart(2, '0')}`, level: i % 2 ? 'senior' : undefined };
		} else if (slot < 10) {
			card = { id, kind: 'spend', title: `Campaign ${i}`, category: (['marketing', 'product', 'operations', 'infrastructure', 'legal', 'other'] as const)[i % 6], amount: 50_000 + (i % 13) * 1_000, recurrence: i % 2 ? 'monthly' : 'once', startMonth: PLAN_START, endMonth: i % 2 ? '2027-12' : undefined };
		} else if (slot < 13) {
			card = { id, kind: 'risk', title: `Risk ${i}: supplier may slip`, likelihood: (1 + (i % 5)) as 1, impact: (1 + ((i * 3) % 5)) as 1, mitigation: i % 3 ? `Second source for part ${i}` : undefined };
		} else if (slot < 15) {
			card = { id, kind: 'opportunity', title: `Opportunity ${i}: partner channel` };
		} else if (slot === 15) {
			goalId = id;
			order = 0;
			card = { id, kind: 'goal', title: `Goal ${i}: reach ${i * 10} paying teams` };
		} else {
			card = { id, kind: 'milestone', title: `Step ${order + 1} of goal ${goalId}`, goalId, order: order++, status: (['todo', 'doing', 'done'] as const)[i % 3], dueMonth: `2027-${String(1 + (i % 12)).padStart(2, '0')}` };
		}
		if (notes) card.notes = notes;
		for (const key of Object.keys(card) as (keyof Card)[]) if (card[key] === undefined) delete card[key];
		cards.push(card);
	}
	return { title, currency: 'CNY', budget: 1_000_000_000_000, startMonth: PLAN_START, horizonMonths: 24, cards };
}
