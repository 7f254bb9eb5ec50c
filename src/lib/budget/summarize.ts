/**
 * The budget maths: plain PlanData in, integer money out. Pure (no Yjs, Svelte or DOM).
 *
 * Rules (issue 3): H is `startMonth` and the `horizonMonths − 1` months after it.
 * - a role costs `headcount × monthlyCost` in every month of H from its startMonth to its endMonth
 *   (inclusive; open-ended when it has none);
 * - a `once` spend costs `amount` in its startMonth if that month is in H;
 * - a `monthly` spend costs `amount` in every month of H from its startMonth to its endMonth (or to
 *   the end of H);
 * - anything outside H costs nothing and is reported (`outsideHorizon`, `partlyOutsideHorizon`).
 *
 * Each card is reduced to a constant monthly rate over an index range, accumulated with a
 * difference array, so the cost is O(cards + months) whatever the dates.
 */
import { SPEND_CATEGORIES, type Card, type Month, type Money, type PlanData, type SpendCategory } from '../model/types.ts';
import { isMonth, monthFromIndex, monthIndex } from '../model/month.ts';

const LAST_MONTH_INDEX = monthIndex('9999-12');

/** Budget categories: `people` (all roles) plus every spend category. */
export type BudgetCategory = 'people' | SpendCategory;

/** Every {@link BudgetCategory}, `people` first, then spend categories in their canonical order. */
export const BUDGET_CATEGORIES: readonly BudgetCategory[] = ['people', ...SPEND_CATEGORIES];

/** Display name of each budget category (board and markdown export share these words). */
export const BUDGET_CATEGORY_LABEL: Readonly<Record<BudgetCategory, string>> = {
	people: 'People',
	marketing: 'Marketing',
	product: 'Product',
	operations: 'Operations',
	infrastructure: 'Infrastructure',
	legal: 'Legal',
	other: 'Other'
};

/** One month of H. */
export interface MonthlyBudget {
	month: Month;
	/** Spend in this month, minor units. */
	spend: Money;
	/** Spend from the first month of H through this one, minor units. */
	cumulative: Money;
	/** Sum of headcount of roles active this month (costed or not). */
	headcount: number;
}

/** A cost-bearing card and what it costs over H (minor units, > 0). */
export interface BudgetContributor {
	id: string;
	cost: Money;
}

/** The computed budget of a plan. Every number is an integer; money is in minor units. */
export interface BudgetSummary {
	/** The fixed total (= plan.budget). */
	total: Money;
	/** Sum of all costs over H. */
	allocated: Money;
	/** total − allocated; negative when over budget. */
	remaining: Money;
	/** max(0, allocated − total). */
	overBy: Money;
	/** Cost over H per category; every key present; sums to `allocated`. */
	byCategory: Record<BudgetCategory, Money>;
	/** Every month of H in order; the last `cumulative` equals `allocated`. */
	monthly: MonthlyBudget[];
	/** Largest monthly spend (0 for an empty horizon). */
	peakMonthlyBurn: Money;
	/** allocated / horizonMonths rounded to nearest, halves away from zero (0 for an empty horizon). */
	averageMonthlyBurn: Money;
	/** Largest monthly headcount. */
	peakHeadcount: number;
	/** First month whose cumulative spend exceeds total, or null. */
	runsOutIn: Month | null;
	/** Cards with a cost over H (> 0), largest first, ties by id ascending. */
	contributors: BudgetContributor[];
	/** Ids (sorted) of role/spend cards whose dates fall entirely outside H: they cost nothing. */
	outsideHorizon: string[];
	/**
	 * Ids (sorted) of role/spend cards with some dated months outside H (they start before H, or
	 * end after it): only the part inside H is counted. Open-ended cards are not listed.
	 */
	partlyOutsideHorizon: string[];
}

/**
 * Integer division rounded to the nearest integer, halves away from zero, with integer maths only
 * (BigInt), e.g. roundDiv(5, 2) = 3, roundDiv(-5, 2) = -3. `divisor` must be a positive integer.
 */
export function roundDiv(dividend: number, divisor: number): number {
	if (!Number.isInteger(dividend) || !Number.isInteger(divisor) || divisor <= 0) {
		throw new RangeError(`roundDiv needs integers and a positive divisor: ${dividend}/${divisor}`);
	}
	const a = BigInt(dividend);
	const b = BigInt(divisor);
	const negative = a < 0n;
	const abs = negative ? -a : a;
	let q = abs / b;
	if ((abs % b) * 2n >= b) q += 1n;
	return Number(negative ? -q : q);
}

/** What one card contributes over H (roles and spends inside it; see {@link cardSpan}). */
export interface Span {
	id: string;
	category: BudgetCategory;
	/** Cost per active month. */
	rate: number;
	/** Headcount per active month (roles only). */
	heads: number;
	/** Active index range inside H, relative to H's first month; empty when from > to. */
	from: number;
	to: number;
}

/** The horizon of a plan: first month index `h0` and length `h` (0 = empty horizon). */
export interface Horizon {
	h0: number;
	h: number;
}

/** The horizon {@link summarizeBudget} counts over (a malformed start or horizon gives h = 0). */
export function horizonOf(plan: Pick<PlanData, 'startMonth' | 'horizonMonths'>): Horizon {
	const validStart = isMonth(plan.startMonth);
	const h =
		validStart && Number.isInteger(plan.horizonMonths) && plan.horizonMonths > 0
			? Math.min(plan.horizonMonths, LAST_MONTH_INDEX - monthIndex(plan.startMonth) + 1)
			: 0;
	return { h0: validStart ? monthIndex(plan.startMonth) : 0, h };
}

/** One card over H: its span (or null when it costs nothing) and where it stands against H. */
export interface CardSpan {
	span: Span | null;
	/** A role/spend card entirely outside H (or malformed dates, or an empty H). */
	outside: boolean;
	/** A role/spend card with some dated months outside H. */
	partly: boolean;
}

/** Turn one card into its span over horizon `{h0, h}` (the per-card step of {@link summarizeBudget}). */
export function cardSpan(card: Card, { h0, h }: Horizon): CardSpan {
	const none = { span: null, outside: false, partly: false };
	if (card.kind !== 'role' && card.kind !== 'spend') return none;
	if (h === 0) return { span: null, outside: true, partly: false };
	const last = h0 + h - 1;
	if (!isMonth(card.startMonth) || (card.endMonth !== undefined && !isMonth(card.endMonth))) {
		return { span: null, outside: true, partly: false };
	}
	const start = monthIndex(card.startMonth);
	let from: number;
	let to: number;
	let rate: number;
	let heads = 0;
	let category: BudgetCategory;
	if (card.kind === 'role') {
		rate = card.headcount * card.monthlyCost;
		heads = card.headcount;
		category = 'people';
		from = start;
		to = card.endMonth !== undefined ? monthIndex(card.endMonth) : Math.max(last, start);
	} else {
		rate = card.amount;
		category = (SPEND_CATEGORIES as readonly string[]).includes(card.category)
			? card.category
			: 'other';
		from = start;
		if (card.recurrence === 'once') to = start;
		else to = card.endMonth !== undefined ? monthIndex(card.endMonth) : Math.max(last, start);
	}
	if (to < from) return none; // an empty range (end before start): invalid data, costs nothing
	if (to < h0 || from > last) return { span: null, outside: true, partly: false };
	return {
		span: { id: card.id, category, rate, heads, from: Math.max(from, h0) - h0, to: Math.min(to, last) - h0 },
		outside: false,
		partly: from < h0 || to > last
	};
}

/** Cost of a span over H. */
export function spanCost(span: Span): number {
	return span.rate * (span.to - span.from + 1);
}

/** Contributor order: largest cost first, ties by id ascending. */
export function compareContributors(a: BudgetContributor, b: BudgetContributor): number {
	return b.cost - a.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The month-by-month part of a summary from the difference arrays of H: monthly rows, peaks and the
 * month the money runs out. Shared by {@link summarizeBudget} and the incremental budget.
 */
export function walkMonths(
	spendDelta: ArrayLike<number>,
	headDelta: ArrayLike<number>,
	{ h0, h }: Horizon,
	total: Money
): { monthly: MonthlyBudget[]; allocated: Money; peakMonthlyBurn: Money; peakHeadcount: number; runsOutIn: Month | null } {
	const monthly: MonthlyBudget[] = [];
	let rate = 0;
	let heads = 0;
	let cumulative = 0;
	let peakMonthlyBurn = 0;
	let peakHeadcount = 0;
	let runsOutIn: Month | null = null;
	for (let i = 0; i < h; i++) {
		rate += spendDelta[i];
		heads += headDelta[i];
		cumulative += rate;
		const month = monthFromIndex(h0 + i);
		monthly.push({ month, spend: rate, cumulative, headcount: heads });
		if (rate > peakMonthlyBurn) peakMonthlyBurn = rate;
		if (heads > peakHeadcount) peakHeadcount = heads;
		if (runsOutIn === null && cumulative > total) runsOutIn = month;
	}
	return { monthly, allocated: cumulative, peakMonthlyBurn, peakHeadcount, runsOutIn };
}

/**
 * Compute the {@link BudgetSummary} of a plan. Pure and deterministic: the order of `plan.cards`
 * does not change the result. A horizon that is not a positive integer, or a malformed
 * startMonth, counts as empty (every cost-bearing card is then outside it); a horizon running
 * past 9999-12 is cut there. Exact while totals stay below 2^53 minor units.
 */
export function summarizeBudget(plan: PlanData): BudgetSummary {
	const horizon = horizonOf(plan);
	const { h } = horizon;
	const total = plan.budget;
	const outside = new Set<string>();
	const partly = new Set<string>();
	const byCategory = Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, 0])) as Record<
		BudgetCategory,
		Money
	>;
	const spendDelta = new Array<number>(h + 1).fill(0);
	const headDelta = new Array<number>(h + 1).fill(0);
	const costById = new Map<string, number>();

	for (const card of plan.cards) {
		const { span, outside: out, partly: part } = cardSpan(card, horizon);
		if (out) outside.add(card.id);
		if (part) partly.add(card.id);
		if (!span) continue;
		const cost = spanCost(span);
		spendDelta[span.from] += span.rate;
		spendDelta[span.to + 1] -= span.rate;
		headDelta[span.from] += span.heads;
		headDelta[span.to + 1] -= span.heads;
		byCategory[span.category] += cost;
		if (cost !== 0) costById.set(span.id, (costById.get(span.id) ?? 0) + cost);
	}

	const { monthly, allocated, peakMonthlyBurn, peakHeadcount, runsOutIn } = walkMonths(spendDelta, headDelta, horizon, total);
	const contributors = [...costById]
		.filter(([, cost]) => cost > 0)
		.map(([id, cost]) => ({ id, cost }))
		.sort(compareContributors);
	const sortIds = (ids: Set<string>) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

	return {
		total,
		allocated,
		remaining: total - allocated,
		overBy: Math.max(0, allocated - total),
		byCategory,
		monthly,
		peakMonthlyBurn,
		averageMonthlyBurn: h > 0 ? roundDiv(allocated, h) : 0,
		peakHeadcount,
		runsOutIn,
		contributors,
		outsideHorizon: sortIds(outside),
		partlyOutsideHorizon: sortIds(partly)
	};
}
