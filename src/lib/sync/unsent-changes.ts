/**
 * Counting the local changes the server has not confirmed yet. Pure bookkeeping (no Yjs, no
 * DOM): the connection records a change per local edit, marks which changes a server
 * acknowledgement will cover when it asks for one, and settles them when the answer arrives
 * (see server-acks.ts). The count survives a reload through a small record in Web Storage.
 */

/** Local edits closer together than this (ms) count as one change (typing a word is one change). */
export const CHANGE_COALESCE_MS = 1000;

/**
 * Unacknowledged local changes of one board. A change is a run of local edits less than
 * {@link CHANGE_COALESCE_MS} apart; each has a sequence number, and an acknowledgement covers
 * every change up to the sequence number that was current when it was requested.
 */
export class UnsentChanges {
	/** Sequence numbers of unacknowledged changes, ascending. */
	#pending: number[] = [];
	#lastSeq = 0;
	#lastAt = Number.NEGATIVE_INFINITY;
	/** Highest sequence number an acknowledgement has been requested for. */
	#requestedThrough = 0;

	/** Starts with `restored` changes left unacknowledged by an earlier page (see {@link loadUnsentCount}). */
	constructor(restored = 0) {
		for (let i = 0; i < restored; i++) this.#pending.push(++this.#lastSeq);
	}

	/** Number of changes not yet acknowledged. */
	get count(): number {
		return this.#pending.length;
	}

	/**
	 * Records a local edit at `now` (ms). It joins the latest change when that one is recent and no
	 * acknowledgement has been requested for it yet; returns true when it started a new change.
	 */
	record(now: number): boolean {
		const last = this.#pending.at(-1);
		const joins = last !== undefined && last > this.#requestedThrough && now - this.#lastAt < CHANGE_COALESCE_MS;
		this.#lastAt = now;
		if (joins) return false;
		this.#pending.push(++this.#lastSeq);
		return true;
	}

	/**
	 * An acknowledgement is being requested now: returns the sequence number it will cover (every
	 * change recorded so far). Later edits start a new change.
	 */
	requestThrough(): number {
		this.#requestedThrough = this.#lastSeq;
		return this.#lastSeq;
	}

	/** True when some change is not covered by an acknowledgement requested so far. */
	get needsRequest(): boolean {
		return (this.#pending.at(-1) ?? 0) > this.#requestedThrough;
	}

	/** The server confirmed every change up to `seq`; returns how many changes that settled. */
	acknowledge(seq: number): number {
		const before = this.#pending.length;
		this.#pending = this.#pending.filter((s) => s > seq);
		return before - this.#pending.length;
	}

	/** The connection was lost: requested acknowledgements will not come, ask again later. */
	forgetRequests(): void {
		this.#requestedThrough = 0;
	}

	/** Forget every change (this device's copy of the board was removed). */
	clear(): void {
		this.#pending = [];
	}
}

/** Web Storage key of a board's unacknowledged change count. */
export function unsentKey(boardId: string): string {
	return `groundwork:unsent:${boardId}`;
}

/** The unacknowledged change count an earlier page of this board left in `store` (0 if none or unreadable). */
export function loadUnsentCount(boardId: string, store: Storage | undefined): number {
	try {
		const n = Number(store?.getItem(unsentKey(boardId)) ?? 0);
		return Number.isSafeInteger(n) && n > 0 ? n : 0;
	} catch {
		return 0;
	}
}

/** Keep the count for the next page of this board (removed at 0). Storage errors are ignored. */
export function saveUnsentCount(boardId: string, count: number, store: Storage | undefined): void {
	try {
		if (count > 0) store?.setItem(unsentKey(boardId), String(count));
		else store?.removeItem(unsentKey(boardId));
	} catch {
		// storage refused: the count lives as long as the page
	}
}
