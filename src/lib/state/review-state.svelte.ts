/**
 * Review items (decisions, action items) and checkpoint records of one board as reactive state,
 * with the board user's writes (each a model function in one transaction with the user's origin,
 * so Ctrl+Z undoes them like card edits). Shared by the board and the present page.
 */
import type * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import { modelFailureText } from '$lib/error-text/model-error-text.ts';
import {
	addReviewItem,
	observeReviews,
	readCheckpoints,
	readReviewItems,
	removeReviewItem,
	updateReviewItem,
	type NewReviewItem,
	type ReviewItemPatch
} from '$lib/model/core.ts';
import type { CheckpointRecord, ReviewItem, WriteOrigin } from '$lib/model/core.ts';

/** Reactive review items and checkpoints of one doc. */
export class ReviewState {
	readonly #doc: Y.Doc;
	readonly #origin: WriteOrigin;
	readonly #subscribe: () => void;
	#items: ReviewItem[] | null = null;
	#checkpoints: CheckpointRecord[] | null = null;

	constructor(doc: Y.Doc, origin: WriteOrigin) {
		this.#doc = doc;
		this.#origin = origin;
		this.#subscribe = createSubscriber((update) =>
			observeReviews(doc, () => {
				this.#items = null;
				this.#checkpoints = null;
				update();
			})
		);
	}

	/** Every decision and action item, in recording order. */
	get items(): ReviewItem[] {
		this.#subscribe();
		if (this.#items === null || !this.#listening()) this.#items = readReviewItems(this.#doc);
		return this.#items;
	}

	/** Checkpoints saved on this board, oldest first. */
	get checkpoints(): CheckpointRecord[] {
		this.#subscribe();
		if (this.#checkpoints === null || !this.#listening()) this.#checkpoints = readCheckpoints(this.#doc);
		return this.#checkpoints;
	}

	/** The latest checkpoint, or undefined. */
	get latest(): CheckpointRecord | undefined {
		return this.checkpoints.at(-1);
	}

	// outside a reactive context nothing observes the doc: the caches may be stale
	#listening(): boolean {
		return $effect.tracking();
	}

	/** Record a decision or action item; returns its id, or the refusal in the UI language. */
	add(item: NewReviewItem): { id: string } | { error: string } {
		try {
			return { id: addReviewItem(this.#doc, item, this.#origin) };
		} catch (error) {
			return { error: modelFailureText(error) };
		}
	}

	/** Change an item; returns null or the refusal in the UI language. */
	update(id: string, patch: ReviewItemPatch): string | null {
		try {
			updateReviewItem(this.#doc, id, patch, this.#origin);
			return null;
		} catch (error) {
			return modelFailureText(error);
		}
	}

	/** Remove an item (undoable). */
	remove(id: string): void {
		removeReviewItem(this.#doc, id, this.#origin);
	}
}
