/**
 * What the board's drawing components read — one interface over the board's two read models:
 * the live {@link PlanState} (over the Y.Doc, reactive per card) and {@link FirstScreenView} (the
 * server-rendered first screen of the board page, plain data). The cards (BoardCard), the zone
 * columns (ZoneLayer) and the budget figures draw either one the same way, so the first screen
 * and the live canvas are drawn by one set of components.
 */
import type { BudgetGlance } from '$lib/budget/glance.ts';
import type { FirstScreen } from '$lib/model/first-screen.ts';
import type { BoardMeta } from '$lib/model/meta.ts';
import type { Card, CardKind, MilestoneCard } from '$lib/model/types.ts';
import type { Rect } from '../canvas/geometry.ts';

/** See the file comment. Every read of a live view is reactive to what it read, and nothing else. */
export interface BoardView {
	/** Board settings (title, currency, budget, start month, horizon). */
	readonly meta: BoardMeta;
	/** Number of cards of each kind on the whole board. */
	readonly kindCounts: Readonly<Record<CardKind, number>>;
	/** Bounding box of every card (world px), or null for an empty board. */
	readonly contentBounds: Rect | null;
	/** The whole board's budget at a glance (budget bar and zone headers). */
	readonly glance: BudgetGlance;
	/** The typed card `id` (notes omitted), or undefined when this view does not have it. */
	card(id: string): Card | undefined;
	/** The steps of goal `goalId` in step order, or null when this view does not know them. */
	steps(goalId: string): readonly MilestoneCard[] | null;
	/** The title of goal `goalId` (what its milestones show), or undefined. */
	goalTitle(goalId: string): string | undefined;
}

/**
 * The board page's first screen ({@link FirstScreen}, read on the server) as a {@link BoardView}:
 * the cards of the top band with their goals' steps and titles, the whole board's counts, bounds
 * and budget. Not reactive: it is drawn once, then replaced by the live board.
 */
export class FirstScreenView implements BoardView {
	readonly #cards: Map<string, Card>;
	/** Ids of the cards the first screen draws, top rows first (the order the page lists them in). */
	readonly cardIds: readonly string[];

	constructor(
		readonly first: FirstScreen,
		readonly glance: BudgetGlance
	) {
		this.#cards = new Map(first.cards.map((card) => [card.id, card]));
		this.cardIds = first.cards.map((card) => card.id);
	}

	get meta(): BoardMeta {
		return this.first.meta;
	}

	get kindCounts(): Readonly<Record<CardKind, number>> {
		return this.first.kindCounts;
	}

	get contentBounds(): Rect | null {
		return this.first.contentBounds;
	}

	card(id: string): Card | undefined {
		return this.#cards.get(id);
	}

	steps(goalId: string): readonly MilestoneCard[] | null {
		return this.first.steps[goalId] ?? null;
	}

	goalTitle(goalId: string): string | undefined {
		return this.first.goalTitles[goalId];
	}
}
