/**
 * Per-user undo/redo: a Y.UndoManager over the whole document that tracks only this browser's
 * own write origin, so undo never reverts someone else's change. Rich-text notes have their own
 * undo inside the editor (Tiptap's collaboration extension).
 */
import * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import type { WriteOrigin } from '$lib/model/core.ts';

/** Edits closer together than this (ms) merge into one undo step (typing a title). */
export const UNDO_CAPTURE_MS = 500;

/** Reactive undo/redo over one origin. */
export class UndoState {
	/** The underlying manager (exposed for tests and gestures). */
	readonly manager: Y.UndoManager;
	readonly #subscribe: () => void;

	constructor(doc: Y.Doc, origin: WriteOrigin) {
		this.manager = new Y.UndoManager(doc, {
			trackedOrigins: new Set([origin]),
			captureTimeout: UNDO_CAPTURE_MS
		});
		this.#subscribe = createSubscriber((update) => {
			this.manager.on('stack-item-added', update);
			this.manager.on('stack-item-popped', update);
			this.manager.on('stack-cleared', update);
			return () => {
				this.manager.off('stack-item-added', update);
				this.manager.off('stack-item-popped', update);
				this.manager.off('stack-cleared', update);
			};
		});
	}

	/** True when there is something of mine to undo. */
	get canUndo(): boolean {
		this.#subscribe();
		return this.manager.canUndo();
	}

	/** True when there is something of mine to redo. */
	get canRedo(): boolean {
		this.#subscribe();
		return this.manager.canRedo();
	}

	/** Undo my last change (no-op when there is none). */
	undo(): void {
		this.manager.undo();
	}

	/** Redo my last undone change (no-op when there is none). */
	redo(): void {
		this.manager.redo();
	}

	/**
	 * Start a gesture (a card drag) that must become exactly one undo step however long it takes;
	 * returns the function that ends it.
	 */
	beginGesture(): () => void {
		this.manager.stopCapturing();
		this.manager.captureTimeout = Number.MAX_SAFE_INTEGER;
		return () => {
			this.manager.captureTimeout = UNDO_CAPTURE_MS;
			this.manager.stopCapturing();
		};
	}

	/** Make the next edit start a new undo step. */
	stopCapturing(): void {
		this.manager.stopCapturing();
	}

	/** Detach from the document. */
	destroy(): void {
		this.manager.destroy();
	}
}
