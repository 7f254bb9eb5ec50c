/**
 * The plan as Svelte-reactive state over the Y.Doc. One observer keeps a cache of typed cards
 * (updated only for the ids each change names); readers subscribe per channel through
 * `createSubscriber`, so editing one card re-renders that card, its goal's steps and the budget —
 * not the board.
 */
import type * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import {
	CARD_HEIGHT,
	CARD_WIDTH,
	compareSteps,
	listCardIds,
	observePlan,
	readCard,
	readMeta,
	type BoardMeta,
	type Card,
	type CardKind,
	type MilestoneCard,
	type PlanData,
	fitCostsWithinBound,
	largestAllowed,
	type CostField
} from '$lib/model/core.ts';
import { budgetGlance, type BudgetGlance, type BudgetSummary } from '$lib/budget';
import { IncrementalBudget } from '$lib/budget/incremental.ts';
import { SpatialGrid } from '../canvas/spatial-grid.ts';
import { union, type Rect } from '../canvas/geometry.ts';
import type { BoardView } from './board-view.ts';

/** Kinds whose fields change the budget. */
const COST_KINDS = new Set(['role', 'spend']);

function sameRect(card: Card | undefined, other: Card | undefined): boolean {
	return card?.x === other?.x && card?.y === other?.y;
}

/** Field-by-field equality of two typed cards (values are primitives). */
export function sameCard(a: Card | undefined, b: Card | undefined): boolean {
	if (a === b) return true;
	if (!a || !b) return false;
	const ka = Object.keys(a) as (keyof Card)[];
	if (ka.length !== Object.keys(b).length) return false;
	return ka.every((k) => a[k] === b[k]);
}

/**
 * What a reader depends on: settings, the set of ids, card positions, the budget, one card, or
 * the steps of one goal.
 */
export type PlanChannel = 'meta' | 'ids' | 'layout' | 'summary' | `card:${string}` | `goal:${string}`;

/** Reactive view of one board's plan. Create once per Y.Doc; call `destroy()` when done. */
export class PlanState implements BoardView {
	readonly #doc: Y.Doc;
	#meta: BoardMeta;
	readonly #cards = new Map<string, Card>();
	readonly #grid = new SpatialGrid();
	readonly #stepsByGoal = new Map<string, Set<string>>();
	#sortedIds: string[] | null = null;
	readonly #kindCounts: Record<CardKind, number> = { role: 0, goal: 0, milestone: 0, risk: 0, opportunity: 0, spend: 0 };
	/** The budget, kept up to date card by card (a remote edit does not recount every card). */
	readonly #budget: IncrementalBudget;
	readonly #listeners = new Map<string, Set<() => void>>();
	readonly #subscribers = new Map<string, () => void>();
	readonly #stop: () => void;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#meta = readMeta(doc);
		this.#budget = new IncrementalBudget(this.#meta);
		for (const id of listCardIds(doc)) this.#store(id, readCard(doc, id));
		this.#stop = observePlan(doc, (change) => this.#apply(change.meta, change.cards));
	}

	/** Stop observing the document. */
	destroy(): void {
		this.#stop();
		this.#listeners.clear();
	}

	/**
	 * Low-level change notification for one channel (what the reactive getters subscribe to):
	 * `fn` runs after each change that concerns the channel. Returns an unsubscribe function.
	 */
	listen(channel: PlanChannel, fn: () => void): () => void {
		let set = this.#listeners.get(channel);
		if (!set) this.#listeners.set(channel, (set = new Set()));
		set.add(fn);
		return () => {
			set.delete(fn);
			if (set.size === 0) this.#listeners.delete(channel);
		};
	}

	#track(channel: PlanChannel): void {
		let subscribe = this.#subscribers.get(channel);
		if (!subscribe) {
			subscribe = createSubscriber((update) => this.listen(channel, update));
			this.#subscribers.set(channel, subscribe);
		}
		subscribe();
	}

	#notify(channel: PlanChannel): void {
		const set = this.#listeners.get(channel);
		if (set) for (const update of [...set]) update();
	}

	#goalOf(card: Card | undefined): string | undefined {
		return card?.kind === 'milestone' ? card.goalId : undefined;
	}

	/** Put (or remove, when `card` is undefined) one card in the caches; returns what changed. */
	#store(id: string, card: Card | undefined): { membership: boolean; layout: boolean; cost: boolean; goals: string[] } {
		const before = this.#cards.get(id);
		const goals = new Set<string>();
		const oldGoal = this.#goalOf(before);
		const newGoal = this.#goalOf(card);
		if (oldGoal !== undefined) {
			this.#stepsByGoal.get(oldGoal)?.delete(id);
			goals.add(oldGoal);
		}
		if (before && !card) this.#kindCounts[before.kind]--;
		if (card && !before) this.#kindCounts[card.kind]++;
		this.#budget.set(id, card);
		if (card) {
			this.#cards.set(id, card);
			this.#grid.set(id, { x: card.x ?? 0, y: card.y ?? 0, width: CARD_WIDTH, height: CARD_HEIGHT });
			if (newGoal !== undefined) {
				let steps = this.#stepsByGoal.get(newGoal);
				if (!steps) this.#stepsByGoal.set(newGoal, (steps = new Set()));
				steps.add(id);
				goals.add(newGoal);
			}
		} else {
			this.#cards.delete(id);
			this.#grid.delete(id);
		}
		return {
			membership: !before !== !card,
			layout: !before || !card || !sameRect(before, card),
			cost: COST_KINDS.has(before?.kind ?? '') || COST_KINDS.has(card?.kind ?? ''),
			goals: [...goals]
		};
	}

	#apply(metaChanged: boolean, ids: Set<string>): void {
		let membership = false;
		let layout = false;
		let cost = metaChanged;
		const goals = new Set<string>();
		const changed: string[] = [];
		for (const id of ids) {
			const card = readCard(this.#doc, id);
			// notes edits also name the card; its typed fields may be unchanged
			if (sameCard(card, this.#cards.get(id))) continue;
			changed.push(id);
			const result = this.#store(id, card);
			membership ||= result.membership;
			layout ||= result.layout;
			cost ||= result.cost;
			for (const goal of result.goals) goals.add(goal);
		}
		if (metaChanged) {
			this.#meta = readMeta(this.#doc);
			this.#budget.setMeta(this.#meta);
			this.#notify('meta');
		}
		if (membership) {
			this.#sortedIds = null;
			this.#notify('ids');
		}
		if (layout) this.#notify('layout');
		if (cost) this.#notify('summary');
		for (const id of changed) this.#notify(`card:${id}`);
		for (const goal of goals) this.#notify(`goal:${goal}`);
	}

	/** Board settings (title, currency, budget, start month, horizon). */
	get meta(): BoardMeta {
		this.#track('meta');
		return this.#meta;
	}

	/** Every card id, sorted. Changes only when cards are added or removed. */
	get cardIds(): readonly string[] {
		this.#track('ids');
		return (this.#sortedIds ??= [...this.#cards.keys()].sort());
	}

	/** Number of cards of each kind. */
	get kindCounts(): Readonly<Record<CardKind, number>> {
		this.#track('ids');
		return { ...this.#kindCounts };
	}

	/** Number of cards. */
	get cardCount(): number {
		this.#track('ids');
		return this.#cards.size;
	}

	/** The typed card `id` (notes omitted), reactive to that card only. */
	card(id: string): Card | undefined {
		this.#track(`card:${id}`);
		return this.#cards.get(id);
	}

	/** Goal cards (id and title), sorted by title; for the milestone's goal picker. */
	get goals(): { id: string; title: string }[] {
		this.#track('ids');
		const goals: { id: string; title: string }[] = [];
		for (const card of this.#cards.values()) {
			if (card.kind === 'goal') goals.push({ id: card.id, title: this.card(card.id)?.title ?? card.title });
		}
		return goals.sort((a, b) => a.title.localeCompare(b.title));
	}

	/** Milestones whose `goalId` is `goalId`, in step order (`order`, then id). */
	steps(goalId: string): MilestoneCard[] {
		this.#track(`goal:${goalId}`);
		const ids = this.#stepsByGoal.get(goalId);
		if (!ids) return [];
		const steps = [...ids].map((id) => this.#cards.get(id)).filter((c): c is MilestoneCard => c?.kind === 'milestone');
		return steps.sort(compareSteps);
	}

	/** The title of card `goalId` (what its milestones show), reactive to that card only. */
	goalTitle(goalId: string): string | undefined {
		return this.card(goalId)?.title;
	}

	/** Ids of cards whose rectangle meets `area` (world px), sorted; reactive to layout changes. */
	idsIn(area: Rect): string[] {
		this.#track('layout');
		return this.#grid.query(area);
	}

	/** World rectangle of a card, or undefined. */
	rectOf(id: string): Rect | undefined {
		this.#track('layout');
		return this.#grid.get(id);
	}

	/** Bounding box of all cards (world px), or null for an empty board. */
	get contentBounds(): Rect | null {
		this.#track('layout');
		return union(this.#grid.rects());
	}

	/** The plan as plain data without notes (what the budget maths needs). Not reactive. */
	snapshot(): PlanData {
		// costs as every device counts them: clamped within the plan's cost limit (model/cost-bound.ts)
		return { ...this.#meta, cards: fitCostsWithinBound([...this.#cards.values()], this.#meta.horizonMonths) };
	}

	/**
	 * The largest value `field` of card `id` may take with every other card as it is (the plan's
	 * cost limit, or the field's own maximum). Reactive on settings and role/spend cards.
	 */
	largestAllowed(id: string, field: CostField): number {
		this.#track('summary');
		const card = this.#cards.get(id);
		if (!card) return 0;
		const others = [...this.#cards.values()].filter((c) => c.id !== id && (c.kind === 'role' || c.kind === 'spend'));
		return largestAllowed(card, field, others, this.#meta.horizonMonths);
	}

	/**
	 * The budget summary (equal to `summarizeBudget(this.snapshot())`), brought up to date
	 * incrementally after a change to settings or a role/spend card.
	 */
	get summary(): BudgetSummary {
		this.#track('summary');
		return this.#budget.summary;
	}

	/** The budget at a glance (what the budget bar and the zone headers show), from {@link summary}. */
	get glance(): BudgetGlance {
		return budgetGlance(this.summary, (id) => this.card(id)?.title);
	}
}
