/**
 * "Compare with now": the board's live plan against a checkpoint's plan, recomputed as anyone
 * edits. Cards added or changed since the checkpoint are marked on the canvas (`statusOf`); cards
 * removed since are listed (they are no longer on the canvas).
 */
import type { Card, CheckpointRecord, PlanData } from '$lib/model/types.ts';
import { diffPlans } from '$lib/review/diff.ts';
import type { PlanDiff } from '$lib/review/types.ts';
import type { PlanState } from './plan-state.svelte.ts';

/** How a card on the canvas differs from the checkpoint. */
export type CardDiffStatus = 'added' | 'changed';

/** The plan without notes and review history (the canvas compares typed fields only). */
function comparable(plan: PlanData): PlanData {
	const { reviews: _reviews, ...rest } = plan;
	return { ...rest, cards: plan.cards.map(({ notes: _notes, ...card }) => card as Card) };
}

/** One comparison of the live board with a checkpoint. */
export class Comparison {
	readonly checkpoint: CheckpointRecord;
	readonly #then: PlanData;
	readonly #plan: PlanState;

	constructor(plan: PlanState, checkpoint: CheckpointRecord, then: PlanData) {
		this.#plan = plan;
		this.checkpoint = checkpoint;
		this.#then = comparable(then);
	}

	/** The diff checkpoint → now (live). */
	readonly diff: PlanDiff = $derived.by(() => {
		const cards = this.#plan.cardIds.map((id) => this.#plan.card(id)).filter((c): c is Card => c !== undefined);
		return diffPlans(this.#then, { ...this.#plan.meta, cards });
	});

	readonly #status: Map<string, CardDiffStatus> = $derived.by(() => {
		const map = new Map<string, CardDiffStatus>();
		for (const a of this.diff.added) map.set(a.id, 'added');
		for (const c of this.diff.changed) map.set(c.id, 'changed');
		return map;
	});

	/** Whether card `id` was added or changed since the checkpoint (undefined: unchanged). */
	statusOf(id: string): CardDiffStatus | undefined {
		return this.#status.get(id);
	}
}
