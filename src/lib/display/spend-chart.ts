/**
 * Data for the monthly spend chart: spend per month split by budget category. Each category's
 * series comes from summarizeBudget on that category's cards alone, so the chart follows exactly
 * the same rules as the budget figures. Pure.
 */
import { BUDGET_CATEGORIES, summarizeBudget, type BudgetCategory } from '$lib/budget';
import type { Card, Month, PlanData } from '$lib/model/types.ts';

/** One month of the chart. */
export interface ChartMonth {
	month: Month;
	/** Spend per category this month (minor units); only categories with any spend are present. */
	byCategory: Partial<Record<BudgetCategory, number>>;
	/** Total spend this month. */
	total: number;
	/** Spend from the first month through this one. */
	cumulative: number;
}

/** Chart data for a plan. */
export interface SpendChartData {
	months: ChartMonth[];
	/** Categories with any spend, in canonical order (stack order, bottom first). */
	categories: BudgetCategory[];
	/** Largest monthly total. */
	peak: number;
	/** The plan's budget (minor units). */
	budget: number;
}

function categoryOf(card: Card): BudgetCategory | null {
	if (card.kind === 'role') return 'people';
	if (card.kind === 'spend') return card.category;
	return null;
}

/** Build the chart series for `plan`. Monthly totals equal summarizeBudget(plan).monthly spend. */
export function spendChartData(plan: PlanData): SpendChartData {
	const groups = new Map<BudgetCategory, Card[]>();
	for (const card of plan.cards) {
		const category = categoryOf(card);
		if (!category) continue;
		const list = groups.get(category);
		if (list) list.push(card);
		else groups.set(category, [card]);
	}
	const whole = summarizeBudget(plan);
	const months: ChartMonth[] = whole.monthly.map((m) => ({ month: m.month, byCategory: {}, total: m.spend, cumulative: m.cumulative }));
	const categories: BudgetCategory[] = [];
	for (const category of BUDGET_CATEGORIES) {
		const cards = groups.get(category);
		if (!cards) continue;
		const part = summarizeBudget({ ...plan, cards });
		if (part.allocated === 0) continue;
		categories.push(category);
		part.monthly.forEach((m, i) => {
			if (m.spend !== 0) months[i].byCategory[category] = m.spend;
		});
	}
	return { months, categories, peak: whole.peakMonthlyBurn, budget: plan.budget };
}

/** A "nice" axis maximum ≥ `value` (1, 2, 2.5 or 5 × 10^n) and its tick step. */
export function niceScale(value: number, ticks = 4): { max: number; step: number } {
	if (value <= 0) return { max: 1, step: 1 };
	const raw = value / ticks;
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
	return { max: Math.ceil(value / step) * step, step };
}
