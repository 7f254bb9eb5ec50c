/**
 * The plan diff: what changed between two plans, card by card and field by field, and what it
 * does to the money. Pure (plain PlanData in, plain data out; no Yjs, Svelte or DOM), so the
 * server's diff endpoint, the "what changed" slide and the tests share it.
 */
import { BUDGET_CATEGORIES, summarizeBudget, type BudgetCategory, type BudgetSummary } from '../budget/summarize.ts';
import { compareCardsCanonically } from '../model/card-order.ts';
import { fieldsOf } from '../model/fields.ts';
import { monthsBetween } from '../model/month.ts';
import type { Card, PlanData } from '../model/types.ts';
import type { BudgetDiff, CardChange, CardPresence, FieldChange, FieldValue, NumberDelta, PlanDiff } from './types.ts';

/** Plan settings compared by {@link diffPlans}, in this order. */
export const DIFF_META_FIELDS = ['title', 'currency', 'budget', 'startMonth', 'horizonMonths'] as const;

/** Card fields never compared: positions on the canvas are layout, not plan content. */
const IGNORED_CARD_FIELDS = new Set(['x', 'y']);

/** The compared fields of a card kind, in a fixed order: title, the kind's typed fields, notes. */
export function comparedFields(kind: Card['kind']): string[] {
	return [...Object.keys(fieldsOf(kind)).filter((f) => !IGNORED_CARD_FIELDS.has(f)), 'notes'];
}

function valueOf(record: object, field: string): FieldValue {
	const value = (record as Record<string, unknown>)[field];
	if (value === undefined || value === null) return null;
	// notes: an empty string means "no notes", as toPlanData writes it
	if (field === 'notes' && value === '') return null;
	return value as string | number;
}

function presence(card: Card): CardPresence {
	return { id: card.id, kind: card.kind, title: card.title, card };
}

function numberDelta(from: number, to: number): NumberDelta {
	return { from, to, delta: to - from };
}

/** The budget summaries of two plans side by side. */
export function diffBudgets(from: BudgetSummary, to: BudgetSummary, currency: { from: string; to: string }): BudgetDiff {
	const byCategory = Object.fromEntries(
		BUDGET_CATEGORIES.map((c) => [c, numberDelta(from.byCategory[c], to.byCategory[c])])
	) as Record<BudgetCategory, NumberDelta>;
	return {
		currency,
		budget: numberDelta(from.total, to.total),
		allocated: numberDelta(from.allocated, to.allocated),
		remaining: numberDelta(from.remaining, to.remaining),
		averageMonthlyBurn: numberDelta(from.averageMonthlyBurn, to.averageMonthlyBurn),
		peakMonthlyBurn: numberDelta(from.peakMonthlyBurn, to.peakMonthlyBurn),
		runway: {
			from: from.runsOutIn,
			to: to.runsOutIn,
			delta: from.runsOutIn !== null && to.runsOutIn !== null ? monthsBetween(from.runsOutIn, to.runsOutIn) : null
		},
		byCategory,
		peakHeadcount: numberDelta(from.peakHeadcount, to.peakHeadcount)
	};
}

/**
 * What changed from plan `from` to plan `to`. Cards are matched by id (a card whose kind changed
 * counts as removed and added); every typed field, the title and the notes are compared, never
 * the position. The budget part compares `summarizeBudget` of both. Deterministic: the order of
 * the input cards does not change the result (`added`/`changed` in `to`'s reading order,
 * `removed` in `from`'s).
 */
export function diffPlans(from: PlanData, to: PlanData): PlanDiff {
	const before = new Map(from.cards.map((c) => [c.id, c]));
	const after = new Map(to.cards.map((c) => [c.id, c]));
	const added: Card[] = [];
	const removed: Card[] = [];
	const changed: { card: Card; changes: FieldChange[] }[] = [];
	for (const card of after.values()) {
		const old = before.get(card.id);
		if (!old || old.kind !== card.kind) {
			added.push(card);
			continue;
		}
		const changes: FieldChange[] = [];
		for (const field of comparedFields(card.kind)) {
			const a = valueOf(old, field);
			const b = valueOf(card, field);
			if (a !== b) changes.push({ field, from: a, to: b });
		}
		if (changes.length > 0) changed.push({ card, changes });
	}
	for (const card of before.values()) {
		const now = after.get(card.id);
		if (!now || now.kind !== card.kind) removed.push(card);
	}
	added.sort(compareCardsCanonically);
	removed.sort(compareCardsCanonically);
	changed.sort((a, b) => compareCardsCanonically(a.card, b.card));

	const meta: FieldChange[] = [];
	for (const field of DIFF_META_FIELDS) {
		const a = valueOf(from, field);
		const b = valueOf(to, field);
		if (a !== b) meta.push({ field, from: a, to: b });
	}

	return {
		added: added.map(presence),
		removed: removed.map(presence),
		changed: changed.map(({ card, changes }): CardChange => ({ id: card.id, kind: card.kind, title: card.title, changes })),
		meta,
		budget: diffBudgets(summarizeBudget(from), summarizeBudget(to), { from: from.currency, to: to.currency })
	};
}

/** True when nothing in the diff changed: no card added, removed or changed, no setting, no figure. */
export function isEmptyDiff(diff: PlanDiff): boolean {
	const b = diff.budget;
	const figures = [b.budget, b.allocated, b.remaining, b.averageMonthlyBurn, b.peakMonthlyBurn, b.peakHeadcount, ...Object.values(b.byCategory)];
	return (
		diff.added.length === 0 &&
		diff.removed.length === 0 &&
		diff.changed.length === 0 &&
		diff.meta.length === 0 &&
		b.currency.from === b.currency.to &&
		b.runway.from === b.runway.to &&
		figures.every((f) => f.delta === 0)
	);
}

/**
 * Apply the card and setting changes a diff reports to `plan` (positions untouched): what the diff
 * says `to` is. `applyDiff(from, diffPlans(from, to))` has the same cards (apart from positions),
 * settings and budget as `to`. Pure; `plan` is not modified.
 */
export function applyDiff(plan: PlanData, diff: PlanDiff): PlanData {
	const gone = new Set(diff.removed.map((r) => r.id));
	const changes = new Map(diff.changed.map((c) => [c.id, c.changes]));
	const cards: Card[] = [];
	for (const card of plan.cards) {
		if (gone.has(card.id)) continue;
		const patch = changes.get(card.id);
		if (!patch) {
			cards.push(card);
			continue;
		}
		const next = { ...card } as Record<string, unknown>;
		for (const { field, to } of patch) {
			if (to === null) delete next[field];
			else next[field] = to;
		}
		cards.push(next as unknown as Card);
	}
	for (const { card } of diff.added) cards.push(card);
	const next = { ...plan, cards } as Record<string, unknown>;
	for (const { field, to } of diff.meta) next[field] = to;
	return next as unknown as PlanData;
}
