/**
 * The one money rule across cards: a plan's costs, counted as if every role and monthly spend ran
 * in every month of the horizon (one-off spends once), may total at most {@link MAX_PLAN_COST}
 * minor units. Below that every figure of the budget maths (plain JS integers) is exact, so the
 * board, plan.json and export.md agree to the minor unit and every export imports back.
 *
 * Enforced at every door: validatePlan (API, import), the model's writes (addCard, updateCard,
 * updateMeta refuse a value that would pass it, saying the largest value allowed), and — for the
 * one way past them, two people raising amounts at the same moment on different devices, each
 * within the limit alone — the plain-data reads clamp deterministically ({@link fitCostsWithinBound}).
 */
import { MAX_HEADCOUNT, MAX_MONEY } from './fields.ts';
import type { Card, CardKind, RoleCard, SpendCard } from './types.ts';

/** What the bound reads of a card: a costing card's kind and cost fields (any Card is one). */
export type CostFigures =
	| Pick<RoleCard, 'kind' | 'headcount' | 'monthlyCost'>
	| Pick<SpendCard, 'kind' | 'amount' | 'recurrence'>
	| { readonly kind: Exclude<CardKind, 'role' | 'spend'> };

/** Largest total cost bound of a plan (minor units): 2^53 − 1, where integer maths stays exact. */
export const MAX_PLAN_COST = Number.MAX_SAFE_INTEGER;
const LIMIT = BigInt(MAX_PLAN_COST);

/** The most `card` can cost over a horizon of `months` months (BigInt minor units; 0 for other kinds). */
export function cardCostBound(card: CostFigures, months: number): bigint {
	const m = BigInt(Math.max(0, Math.trunc(months) || 0));
	if (card.kind === 'role') return BigInt(card.headcount) * BigInt(card.monthlyCost) * m;
	if (card.kind === 'spend') return BigInt(card.amount) * (card.recurrence === 'monthly' ? m : 1n);
	return 0n;
}

/** The cost bound of a whole set of cards over `months` (BigInt minor units). */
export function costUpperBound(cards: readonly CostFigures[], months: number): bigint {
	let bound = 0n;
	for (const card of cards) bound += cardCostBound(card, months);
	return bound;
}

/** The money or count field of a costing card that the bound limits. */
export type CostField = 'amount' | 'monthlyCost' | 'headcount';

/**
 * The largest value `field` of `card` may take, the other fields and `others` (every other costing
 * card) staying as they are: the field's own maximum (MAX_MONEY, MAX_HEADCOUNT) or less.
 */
export function largestAllowed(card: CostFigures, field: CostField, others: readonly CostFigures[], months: number): number {
	const own = field === 'headcount' ? MAX_HEADCOUNT : MAX_MONEY;
	const room = LIMIT - costUpperBound(others, months);
	if (room <= 0n) return 0;
	let perUnit = BigInt(Math.max(0, Math.trunc(months) || 0));
	if (card.kind === 'role') perUnit *= BigInt(field === 'headcount' ? card.monthlyCost : card.headcount);
	else if (card.kind === 'spend' && card.recurrence !== 'monthly') perUnit = 1n;
	else if (card.kind !== 'spend') return own;
	if (perUnit === 0n) return own;
	const most = room / perUnit;
	return most >= BigInt(own) ? own : Number(most);
}

/**
 * Throws a RangeError naming the field and the largest value allowed when `card` among `others`
 * would take the plan past {@link MAX_PLAN_COST} over `months`. `changed` lists the fields the
 * write touches (the first limiting one is named).
 */
export function assertWithinCostBound(card: CostFigures, others: readonly CostFigures[], months: number, changed: readonly string[]): void {
	if (card.kind !== 'role' && card.kind !== 'spend') return;
	if (costUpperBound(others, months) + cardCostBound(card, months) <= LIMIT) return;
	const fields: CostField[] = card.kind === 'role' ? ['monthlyCost', 'headcount'] : ['amount'];
	const field = fields.find((f) => changed.includes(f)) ?? fields[0];
	const most = largestAllowed(card, field, others, months);
	throw new RangeError(
		`${field}: must be at most ${most} here: the plan's costs over its horizon must stay within ${MAX_PLAN_COST} minor units, where every total is exact`
	);
}

/**
 * The cards with their costs clamped so the plan stays within {@link MAX_PLAN_COST} over
 * `months`: returns `cards` itself when it already does (the normal case). Otherwise costing cards
 * are taken in id order (the same result on every device, whatever the card order) and each
 * amount / monthly cost is lowered to what is left of the limit. Used by the plain-data reads, so
 * a plan merged past the limit is costed, shown, exported and re-imported the same way everywhere.
 */
export function fitCostsWithinBound<T extends Card>(cards: readonly T[], months: number): T[] {
	if (costUpperBound(cards, months) <= LIMIT) return cards as T[];
	const order = cards
		.map((card, index) => ({ card, index }))
		.filter(({ card }) => card.kind === 'role' || card.kind === 'spend')
		.sort((a, b) => (a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0));
	const fitted = [...cards];
	let used = 0n;
	for (const { card, index } of order) {
		const bound = cardCostBound(card, months);
		if (used + bound <= LIMIT) {
			used += bound;
			continue;
		}
		// lowered to what is left of the limit (a card over it costs something per unit, so perUnit > 0)
		const field = card.kind === 'role' ? 'monthlyCost' : 'amount';
		const perUnit = cardCostBound({ ...card, [field]: 1 } as T, months);
		const value = perUnit === 0n ? 0 : Number((LIMIT - used) / perUnit);
		const clamped = { ...card, [field]: Math.min(value, MAX_MONEY) } as T;
		used += cardCostBound(clamped, months);
		fitted[index] = clamped;
	}
	return fitted;
}
