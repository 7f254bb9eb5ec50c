/**
 * The plan as plain data: the canonical form shared by the model, the budget maths,
 * the JSON API and markdown export/import. Nothing here knows about Yjs.
 */

/** A calendar month as `YYYY-MM` (e.g. `2027-01`). */
export type Month = string;

/** Money as an integer in the currency's minor unit (cents, fen…): 1000000000 = 10,000,000.00. */
export type Money = number;

/** Every kind of card the board knows. */
export const CARD_KINDS = ['role', 'goal', 'milestone', 'risk', 'opportunity', 'spend'] as const;
/** One of {@link CARD_KINDS}. */
export type CardKind = (typeof CARD_KINDS)[number];

/** Spending categories of a `spend` card. */
export const SPEND_CATEGORIES = [
	'marketing',
	'product',
	'operations',
	'infrastructure',
	'legal',
	'other'
] as const;
/** One of {@link SPEND_CATEGORIES}. */
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];

/** Milestone progress states, in order. */
export const MILESTONE_STATUSES = ['todo', 'doing', 'done'] as const;
/** One of {@link MILESTONE_STATUSES}. */
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Likelihood / impact score of a risk, 1 (low) to 5 (high). */
export type Score = 1 | 2 | 3 | 4 | 5;

/** Board zones; each card kind lives in exactly one. */
export type Zone = 'team' | 'strategy' | 'spending';

/** Which zone a card kind belongs to. */
export const ZONE_OF_KIND: Record<CardKind, Zone> = {
	role: 'team',
	goal: 'strategy',
	milestone: 'strategy',
	risk: 'strategy',
	opportunity: 'strategy',
	spend: 'spending'
};

/** Fields every card has. `notes` is markdown; `x`/`y` are canvas coordinates in px. */
export interface CardBase {
	id: string;
	title: string;
	notes?: string;
	x?: number;
	y?: number;
}

/** A hire (or group of identical hires): costs headcount × monthlyCost every active month. */
export interface RoleCard extends CardBase {
	kind: 'role';
	headcount: number;
	/** Fully loaded cost per head per month, minor units. */
	monthlyCost: Money;
	startMonth: Month;
	endMonth?: Month;
	level?: string;
}

/** A goal, reached through its ordered milestones. */
export interface GoalCard extends CardBase {
	kind: 'goal';
}

/** One ordered step towards a goal (`order` ascending). */
export interface MilestoneCard extends CardBase {
	kind: 'milestone';
	goalId?: string;
	order: number;
	dueMonth?: Month;
	status: MilestoneStatus;
}

/** A risk with likelihood and impact scores. */
export interface RiskCard extends CardBase {
	kind: 'risk';
	likelihood: Score;
	impact: Score;
	mitigation?: string;
}

/** An opportunity (or a note on the competitive environment). */
export interface OpportunityCard extends CardBase {
	kind: 'opportunity';
}

/** A budget line: one-off in `startMonth`, or monthly from `startMonth` to `endMonth`. */
export interface SpendCard extends CardBase {
	kind: 'spend';
	category: SpendCategory;
	amount: Money;
	recurrence: 'once' | 'monthly';
	startMonth: Month;
	endMonth?: Month;
}

/** Any card. */
export type Card = RoleCard | GoalCard | MilestoneCard | RiskCard | OpportunityCard | SpendCard;

/** A whole plan. */
export interface PlanData {
	title: string;
	/** ISO 4217 code, e.g. 'CNY', 'USD', 'EUR'. */
	currency: string;
	/** The fixed total, minor units. */
	budget: Money;
	/** First month of the plan. */
	startMonth: Month;
	/** Integer 1..120. */
	horizonMonths: number;
	cards: Card[];
}
