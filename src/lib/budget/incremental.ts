/**
 * The budget kept up to date card by card (issue 20): a remote edit to one card costs O(log n) to
 * update the running totals plus O(H) to walk the months, not a recount of every card. The result
 * is exactly {@link summarizeBudget} of the same plan (the property tests in incremental.spec.ts
 * compare them after random edit sequences).
 *
 * Keeps per card its {@link CardSpan}; the difference arrays of H, the per-category sums, the sorted
 * contributor list and the sorted horizon reports are updated by removing the card's old
 * contribution and adding its new one. Settings (start month, horizon) rebuild everything; a plan
 * whose cost bound passes MAX_PLAN_COST (costs then clamped across cards in id order) is summarised
 * in full, as {@link summarizeBudget} of the clamped cards.
 */
import { cardCostBound, fitCostsWithinBound, MAX_PLAN_COST } from '../model/cost-bound.ts';
import type { Card, Money, PlanData } from '../model/types.ts';
import {
	BUDGET_CATEGORIES,
	cardSpan,
	compareContributors,
	horizonOf,
	roundDiv,
	spanCost,
	summarizeBudget,
	walkMonths,
	type BudgetCategory,
	type BudgetContributor,
	type BudgetSummary,
	type CardSpan,
	type Horizon
} from './summarize.ts';

const LIMIT = BigInt(MAX_PLAN_COST);

/** Settings the budget depends on. */
export type BudgetMeta = Pick<PlanData, 'budget' | 'startMonth' | 'horizonMonths'>;

/** Index of the first element of sorted `list` not ordered before `item`. */
function lowerBound<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (compare(list[mid], item) < 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
	list.splice(lowerBound(list, item, compare), 0, item);
}

function removeSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
	const i = lowerBound(list, item, compare);
	if (i < list.length && compare(list[i], item) === 0) list.splice(i, 1);
}

/** See the file comment. */
export class IncrementalBudget {
	#meta: BudgetMeta;
	#horizon: Horizon;
	readonly #cards = new Map<string, Card>();
	readonly #spans = new Map<string, CardSpan>();
	#spendDelta = new Float64Array(1);
	#headDelta = new Float64Array(1);
	#byCategory = {} as Record<BudgetCategory, Money>;
	#contributors: BudgetContributor[] = [];
	#outside: string[] = [];
	#partly: string[] = [];
	/** Sum of every card's cost bound (BigInt; see cost-bound.ts). */
	#bound = 0n;
	/** The running sums went past 2^53 (inexact): rebuild them once the plan is back within the limit. */
	#stale = false;
	#summary: BudgetSummary | null = null;

	constructor(meta: BudgetMeta, cards: Iterable<Card> = []) {
		this.#meta = { budget: meta.budget, startMonth: meta.startMonth, horizonMonths: meta.horizonMonths };
		this.#horizon = horizonOf(meta);
		for (const card of cards) this.#cards.set(card.id, card);
		this.#rebuild();
	}

	/** Change the settings; start month or horizon recount every card, the budget alone does not. */
	setMeta(meta: BudgetMeta): void {
		const recount = meta.startMonth !== this.#meta.startMonth || meta.horizonMonths !== this.#meta.horizonMonths;
		this.#meta = { budget: meta.budget, startMonth: meta.startMonth, horizonMonths: meta.horizonMonths };
		this.#summary = null;
		if (recount) {
			this.#horizon = horizonOf(meta);
			this.#rebuild();
		}
	}

	/** Put card `id` (or remove it, when `card` is undefined). */
	set(id: string, card: Card | undefined): void {
		const before = this.#cards.get(id);
		if (before === card) return;
		if (before) {
			this.#bound -= cardCostBound(before, this.#meta.horizonMonths);
			this.#remove(id);
			this.#cards.delete(id);
		}
		if (card) {
			this.#cards.set(id, card);
			this.#bound += cardCostBound(card, this.#meta.horizonMonths);
			this.#add(card);
		}
		if (this.#bound > LIMIT) this.#stale = true;
		this.#summary = null;
	}

	/** The summary, equal to `summarizeBudget` of the plan as it now stands. */
	get summary(): BudgetSummary {
		return (this.#summary ??= this.#compute());
	}

	#rebuild(): void {
		const { h } = this.#horizon;
		this.#spendDelta = new Float64Array(h + 1);
		this.#headDelta = new Float64Array(h + 1);
		this.#byCategory = Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, 0])) as Record<BudgetCategory, Money>;
		this.#contributors = [];
		this.#outside = [];
		this.#partly = [];
		this.#spans.clear();
		this.#bound = 0n;
		for (const card of this.#cards.values()) {
			this.#bound += cardCostBound(card, this.#meta.horizonMonths);
			const cs = cardSpan(card, this.#horizon);
			this.#spans.set(card.id, cs);
			this.#tally(cs, 1);
			if (cs.outside) this.#outside.push(card.id);
			if (cs.partly) this.#partly.push(card.id);
			const cost = cs.span ? spanCost(cs.span) : 0;
			if (cost > 0) this.#contributors.push({ id: card.id, cost });
		}
		this.#contributors.sort(compareContributors);
		this.#outside.sort(compareIds);
		this.#partly.sort(compareIds);
		// sums over the plan's cost limit are not exact in doubles: once the plan is back under it,
		// they are rebuilt, as after a set() that passed the limit
		this.#stale = this.#bound > LIMIT;
		this.#summary = null;
	}

	/** Adds (`sign` 1) or takes away (−1) a card's span from the running sums. */
	#tally({ span }: CardSpan, sign: 1 | -1): void {
		if (!span) return;
		this.#spendDelta[span.from] += sign * span.rate;
		this.#spendDelta[span.to + 1] -= sign * span.rate;
		this.#headDelta[span.from] += sign * span.heads;
		this.#headDelta[span.to + 1] -= sign * span.heads;
		this.#byCategory[span.category] += sign * spanCost(span);
	}

	#add(card: Card): void {
		const cs = cardSpan(card, this.#horizon);
		this.#spans.set(card.id, cs);
		this.#tally(cs, 1);
		if (cs.outside) insertSorted(this.#outside, card.id, compareIds);
		if (cs.partly) insertSorted(this.#partly, card.id, compareIds);
		const cost = cs.span ? spanCost(cs.span) : 0;
		if (cost > 0) insertSorted(this.#contributors, { id: card.id, cost }, compareContributors);
	}

	#remove(id: string): void {
		const cs = this.#spans.get(id);
		if (!cs) return;
		this.#spans.delete(id);
		this.#tally(cs, -1);
		if (cs.outside) removeSorted(this.#outside, id, compareIds);
		if (cs.partly) removeSorted(this.#partly, id, compareIds);
		const cost = cs.span ? spanCost(cs.span) : 0;
		if (cost > 0) removeSorted(this.#contributors, { id, cost }, compareContributors);
	}

	#compute(): BudgetSummary {
		if (this.#bound > LIMIT) {
			// merged past the plan's cost limit: clamped across cards in id order, as every device does
			const cards = fitCostsWithinBound([...this.#cards.values()], this.#meta.horizonMonths);
			return summarizeBudget({ ...this.#meta, cards } as PlanData);
		}
		if (this.#stale) this.#rebuild();
		const total = this.#meta.budget;
		const { h } = this.#horizon;
		const { monthly, allocated, peakMonthlyBurn, peakHeadcount, runsOutIn } = walkMonths(this.#spendDelta, this.#headDelta, this.#horizon, total);
		return {
			total,
			allocated,
			remaining: total - allocated,
			overBy: Math.max(0, allocated - total),
			byCategory: { ...this.#byCategory },
			monthly,
			peakMonthlyBurn,
			averageMonthlyBurn: h > 0 ? roundDiv(allocated, h) : 0,
			peakHeadcount,
			runsOutIn,
			contributors: [...this.#contributors],
			outsideHorizon: [...this.#outside],
			partlyOutsideHorizon: [...this.#partly]
		};
	}
}
