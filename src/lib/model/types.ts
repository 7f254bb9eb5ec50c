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

/** Kinds of review item: a decision taken, or an action item someone owns. */
export const REVIEW_ITEM_KINDS = ['decision', 'action'] as const;
/** One of {@link REVIEW_ITEM_KINDS}. */
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];

/**
 * A decision or action item recorded during a review. `checkpointId` names the checkpoint (review)
 * it belongs to; without one it belongs to the current, not yet checkpointed review. `slide` is
 * the 1-based slide it was recorded against. `createdAt` is an ISO 8601 UTC timestamp.
 */
export interface ReviewItem {
	id: string;
	kind: ReviewItemKind;
	/** Plain text, 1..2,000 characters. */
	text: string;
	/** Who owns it (plain text, ≤ 100 characters). */
	owner?: string;
	dueMonth?: Month;
	/** 1-based slide number it was recorded on. */
	slide?: number;
	checkpointId?: string;
	createdAt: string;
}

/**
 * The budget at a checkpoint, as computed when it was saved (integers, minor units of `currency`).
 * `runsOutIn` is the first month the money runs out, null when it lasts the horizon.
 */
export interface CheckpointFigures {
	currency: string;
	budget: Money;
	allocated: Money;
	remaining: Money;
	peakMonthlyBurn: Money;
	runsOutIn: Month | null;
}

/**
 * A saved checkpoint as the board records it (the snapshot itself is kept by the server): its id
 * (the server's checkpoint id), name, ISO 8601 UTC `createdAt` and the budget figures then.
 */
export interface CheckpointRecord {
	id: string;
	name: string;
	createdAt: string;
	figures: CheckpointFigures;
}

/**
 * The board's review history: checkpoints oldest first, and review items in the order they were
 * recorded (createdAt, then id).
 */
export interface PlanReviews {
	checkpoints: CheckpointRecord[];
	items: ReviewItem[];
}

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
	/** The board's language (see BoardMeta.language); absent means 'en'. */
	language?: 'en' | 'zh-CN';
	cards: Card[];
	/** Checkpoints and review items; absent when the board has none (older plans never have it). */
	reviews?: PlanReviews;
}
