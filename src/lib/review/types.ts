/**
 * What changed between two plans, as plain JSON-safe data (the `GET /api/boards/<id>/diff` answer
 * and what the "what changed" slide shows). Money is integer minor units; months are `YYYY-MM`.
 */
import type { BudgetCategory } from '../budget/summarize.ts';
import type { Card, CardKind, Month } from '../model/types.ts';

/** A value of a card or plan field; `null` means the field is absent (e.g. no end month). */
export type FieldValue = string | number | null;

/** One field that differs: its name and the values before and after (`null` = absent). */
export interface FieldChange {
	field: string;
	from: FieldValue;
	to: FieldValue;
}

/** A card present on one side only, with the whole card (notes as markdown) for display. */
export interface CardPresence {
	id: string;
	kind: CardKind;
	title: string;
	card: Card;
}

/**
 * A card on both sides whose fields differ. `title` is its title in the newer plan; the change
 * list names every differing field (`title`, typed fields, `notes`), never positions (x, y).
 */
export interface CardChange {
	id: string;
	kind: CardKind;
	title: string;
	changes: FieldChange[];
}

/** A number before, after, and `to − from`. */
export interface NumberDelta {
	from: number;
	to: number;
	delta: number;
}

/**
 * The runway month before and after: the first month the money runs out, null when it lasts the
 * horizon. `delta` is `to − from` in months (positive: the money lasts longer), null when either
 * side is null.
 */
export interface RunwayDelta {
	from: Month | null;
	to: Month | null;
	delta: number | null;
}

/**
 * The budget summaries of both plans side by side (from `summarizeBudget`). If the currency
 * changed, money deltas compare minor-unit integers of different currencies: show them as such.
 */
export interface BudgetDiff {
	currency: { from: string; to: string };
	budget: NumberDelta;
	allocated: NumberDelta;
	remaining: NumberDelta;
	averageMonthlyBurn: NumberDelta;
	peakMonthlyBurn: NumberDelta;
	runway: RunwayDelta;
	/** Every budget category (`people` and each spend category), always all present. */
	byCategory: Record<BudgetCategory, NumberDelta>;
	/** Team size at peak (largest monthly headcount). */
	peakHeadcount: NumberDelta;
}

/**
 * Everything that changed from one plan to another. Cards are matched by id; `added` and
 * `changed` are in the newer plan's reading order, `removed` in the older plan's. `meta` lists
 * changed plan settings (title, currency, budget, startMonth, horizonMonths). Card positions are
 * not compared. Review items and checkpoints are not part of a diff.
 */
export interface PlanDiff {
	added: CardPresence[];
	removed: CardPresence[];
	changed: CardChange[];
	meta: FieldChange[];
	budget: BudgetDiff;
}

/** One checkpoint as the checkpoint API answers it (`createdAt` ISO 8601 UTC). */
export interface CheckpointInfo {
	id: string;
	name: string;
	createdAt: string;
}

/** `GET /api/boards/<id>/checkpoints`: the board's checkpoints, newest first. */
export interface CheckpointList {
	checkpoints: CheckpointInfo[];
}
