/**
 * The budget at a glance: the figures the budget bar and the zone headers show, cut from a full
 * {@link BudgetSummary} (which lists every costing card and month). Small enough to ship with the
 * board page's first screen, so the bar shows the same numbers before the live board arrives.
 */
import type { Month, Money } from '../model/types.ts';
import type { BudgetSummary } from './summarize.ts';

/** One of the largest costs of an over-budget plan, with the card's title. */
export interface BudgetCulprit {
	readonly id: string;
	readonly cost: Money;
	readonly title: string;
}

/** See the file comment. Money in minor units. */
export interface BudgetGlance {
	readonly total: Money;
	readonly allocated: Money;
	readonly remaining: Money;
	readonly overBy: Money;
	/** Cost of the people category (the team). */
	readonly people: Money;
	readonly averageMonthlyBurn: Money;
	readonly peakMonthlyBurn: Money;
	readonly peakHeadcount: number;
	readonly runsOutIn: Month | null;
	/** Over budget: the (at most 3) largest costs, largest first; else empty. */
	readonly culprits: readonly BudgetCulprit[];
}

/** Cuts `summary` down to a glance; `titleOf` names the culprit cards ('Untitled' when blank). */
export function budgetGlance(summary: BudgetSummary, titleOf: (id: string) => string | undefined): BudgetGlance {
	return {
		total: summary.total,
		allocated: summary.allocated,
		remaining: summary.remaining,
		overBy: summary.overBy,
		people: summary.byCategory.people,
		averageMonthlyBurn: summary.averageMonthlyBurn,
		peakMonthlyBurn: summary.peakMonthlyBurn,
		peakHeadcount: summary.peakHeadcount,
		runsOutIn: summary.runsOutIn,
		culprits: summary.overBy > 0 ? summary.contributors.slice(0, 3).map((c) => ({ id: c.id, cost: c.cost, title: titleOf(c.id) || 'Untitled' })) : []
	};
}
