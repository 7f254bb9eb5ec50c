/**
 * Edits the offline copy has been given but IndexedDB has not confirmed yet. y-indexeddb writes
 * each update in its own transaction, which commits a moment later; a tab reloaded or closed in
 * that moment aborts it, and the last words typed offline would be gone after the reload. So the
 * copy keeps those updates here until IndexedDB confirms them, and when the page goes away it
 * puts what is still unconfirmed in Web Storage (synchronous, so it survives the unload); the
 * next page of the board applies it again. Yjs updates are idempotent: one applied twice changes
 * nothing. Pure bookkeeping (no DOM, no IndexedDB).
 */
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { unstoredKey } from './offline-cache.ts';

export { unstoredKey };

/** Updates awaiting IndexedDB's confirmation, in the order they were made. */
export class UnstoredUpdates {
	#updates: Uint8Array[] = [];
	/** How many updates were ever added (a mark is a position in this count). */
	#added = 0;

	/** Number of updates not confirmed yet. */
	get size(): number {
		return this.#updates.length;
	}

	/** An update was handed to IndexedDB. */
	add(update: Uint8Array): void {
		this.#updates.push(update);
		this.#added++;
	}

	/** A mark covering every update added so far (to confirm once a later transaction completes). */
	mark(): number {
		return this.#added;
	}

	/** IndexedDB committed every update added before `mark` was taken: forget them. */
	confirm(mark: number): void {
		const unconfirmedFrom = this.#added - this.#updates.length;
		const drop = Math.max(0, Math.min(mark - unconfirmedFrom, this.#updates.length));
		this.#updates = this.#updates.slice(drop);
	}

	/** The unconfirmed updates as one update, or null when there are none. */
	merged(): Uint8Array | null {
		if (this.#updates.length === 0) return null;
		return this.#updates.length === 1 ? this.#updates[0] : Y.mergeUpdates(this.#updates);
	}

	/** Forget everything (the copy was removed). */
	clear(): void {
		this.#updates = [];
	}
}

/**
 * Keep `update` for the next page of board `boardId`, merged with what another tab of the board
 * may have kept there. Returns false when the storage refused it (full, disabled).
 */
export function keepUnstored(boardId: string, update: Uint8Array, store: Storage | undefined): boolean {
	if (!store) return false;
	try {
		const earlier = readUpdate(store.getItem(unstoredKey(boardId)));
		const all = earlier ? Y.mergeUpdates([earlier, update]) : update;
		store.setItem(unstoredKey(boardId), toBase64(all));
		return true;
	} catch {
		return false;
	}
}

/**
 * Take (read and remove) what an earlier page of board `boardId` kept; null when nothing, or
 * when what is there is unreadable (it is removed either way).
 */
export function takeUnstored(boardId: string, store: Storage | undefined): Uint8Array | null {
	if (!store) return null;
	try {
		const update = readUpdate(store.getItem(unstoredKey(boardId)));
		store.removeItem(unstoredKey(boardId));
		return update;
	} catch {
		return null;
	}
}

function readUpdate(stored: string | null): Uint8Array | null {
	if (!stored) return null;
	try {
		const update = fromBase64(stored);
		Y.decodeUpdate(update); // throws on a damaged value
		return update;
	} catch {
		return null;
	}
}
