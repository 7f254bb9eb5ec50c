/**
 * The plan as plain data: the canonical form shared by the model, the budget maths,
 * the JSON API and markdown export/import. Nothing here knows about Yjs. Card, board-setting and
 * review types are inferred from their schemas (fields.ts, meta.ts, review-fields.ts): a field is
 * declared there, once.
 */
import type * as v from 'valibot';
import type { CARD_SCHEMAS } from './fields.ts';
import type { BoardMeta } from './meta.ts';
import type { CHECKPOINT_FIGURES_SCHEMA, CHECKPOINT_SCHEMA, REVIEW_ITEM_SCHEMA } from './review-fields.ts';

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
export type Score = RiskCard['likelihood'];

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

/** A hire (or group of identical hires): costs headcount × monthlyCost every active month. */
export type RoleCard = v.InferOutput<typeof CARD_SCHEMAS.role>;
/** A goal, reached through its ordered milestones. */
export type GoalCard = v.InferOutput<typeof CARD_SCHEMAS.goal>;
/** One ordered step towards a goal (`order` ascending). */
export type MilestoneCard = v.InferOutput<typeof CARD_SCHEMAS.milestone>;
/** A risk with likelihood and impact scores. */
export type RiskCard = v.InferOutput<typeof CARD_SCHEMAS.risk>;
/** An opportunity (or a note on the competitive environment). */
export type OpportunityCard = v.InferOutput<typeof CARD_SCHEMAS.opportunity>;
/** A budget line: one-off in `startMonth`, or monthly from `startMonth` to `endMonth`. */
export type SpendCard = v.InferOutput<typeof CARD_SCHEMAS.spend>;

/** Any card. */
export type Card = RoleCard | GoalCard | MilestoneCard | RiskCard | OpportunityCard | SpendCard;

/** Kinds of review item: a decision taken, or an action item someone owns. */
export const REVIEW_ITEM_KINDS = ['decision', 'action'] as const;
/** One of {@link REVIEW_ITEM_KINDS}. */
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];

/** A decision or action item recorded during a review (see REVIEW_ITEM_SCHEMA in review-fields.ts). */
export type ReviewItem = { id: string } & v.InferOutput<typeof REVIEW_ITEM_SCHEMA>;

/**
 * The budget at a checkpoint, as computed when it was saved (integers, minor units of `currency`;
 * see CHECKPOINT_FIGURES_SCHEMA). `runsOutIn` is the first month the money runs out, null when
 * it lasts the horizon.
 */
export type CheckpointFigures = Omit<v.InferOutput<typeof CHECKPOINT_FIGURES_SCHEMA>, 'runsOutIn'> & { runsOutIn: Month | null };

/**
 * A saved checkpoint as the board records it (the snapshot itself is kept by the server): its id
 * (the server's checkpoint id), name, ISO 8601 UTC `createdAt` (CHECKPOINT_SCHEMA) and the budget
 * figures then.
 */
export type CheckpointRecord = { id: string } & v.InferOutput<typeof CHECKPOINT_SCHEMA> & { figures: CheckpointFigures };

/**
 * The board's review history: checkpoints oldest first, and review items in the order they were
 * recorded (createdAt, then id).
 */
export interface PlanReviews {
	checkpoints: CheckpointRecord[];
	items: ReviewItem[];
}

/** A whole plan: the board settings, its cards and, when it has any, its review history. */
export type PlanData = BoardMeta & {
	cards: Card[];
	/** Checkpoints and review items; absent when the board has none (older plans never have it). */
	reviews?: PlanReviews;
};
