/**
 * Updates from other people (what the sync server relays) held back for a moment before the
 * offline copy stores them, so a stream of remote edits costs IndexedDB one transaction per
 * window instead of one per edit (each transaction costs the tab milliseconds of main-thread work
 * at 10,000 cards). They are already safe on the server; while held they are also written when
 * the page is hidden or goes away (see offline-copy.ts). The user's own edits are never held.
 * Pure bookkeeping plus a timer (no DOM, no IndexedDB).
 */
import * as Y from 'yjs';

/** How long remote updates are held before they are stored (then at the next idle moment). */
export const DEFERRED_WINDOW_MS = 1000;

/** Schedules `run` once, later; returns a cancel function. */
export type Scheduler = (run: () => void) => () => void;

/** Remote updates waiting to be stored as one. */
export class DeferredUpdates {
	#updates: Uint8Array[] = [];
	#cancel: (() => void) | null = null;
	readonly #schedule: Scheduler;
	readonly #store: (update: Uint8Array) => void;

	/** `store` receives the held updates merged into one, when `schedule` runs it or on {@link flush}. */
	constructor(store: (update: Uint8Array) => void, schedule: Scheduler = afterWindowWhenIdle) {
		this.#store = store;
		this.#schedule = schedule;
	}

	/** Number of updates held. */
	get size(): number {
		return this.#updates.length;
	}

	/** Hold `update`; the first one held starts the window. */
	add(update: Uint8Array): void {
		this.#updates.push(update);
		if (!this.#cancel) this.#cancel = this.#schedule(() => this.flush());
	}

	/** Store what is held now (as one update); nothing when nothing is held. */
	flush(): void {
		this.#cancel?.();
		this.#cancel = null;
		const updates = this.#updates;
		if (updates.length === 0) return;
		this.#updates = [];
		this.#store(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
	}

	/** Drop what is held without storing it (the copy was turned off or removed). */
	clear(): void {
		this.#cancel?.();
		this.#cancel = null;
		this.#updates = [];
	}
}

/** {@link DEFERRED_WINDOW_MS}, then the browser's next idle moment (at most another window later). */
export const afterWindowWhenIdle: Scheduler = (run) => {
	let idle: number | null = null;
	const timer = setTimeout(() => {
		if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout: DEFERRED_WINDOW_MS });
		else run();
	}, DEFERRED_WINDOW_MS);
	return () => {
		clearTimeout(timer);
		if (idle !== null) cancelIdleCallback(idle);
	};
};
