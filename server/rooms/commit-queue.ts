/**
 * The commit queue: every document update applied in a room is committed to the store before
 * any frame that could carry it leaves the process (the room holds those frames until then).
 *
 * Group commit: updates of every room that arrive in one event-loop turn go to the store in ONE
 * `appendUpdates` call (one transaction), at the end of the turn (setImmediate); after a quiet
 * spell ({@link QUIET_MS} without a commit) an update is committed at once instead, so a lone edit
 * does not wait for the turn to end. At most one commit is in flight: what arrives meanwhile goes
 * into the next one, which starts as soon as the current one is done — so each room's updates
 * get their seqs in the order they were applied.
 */
import type { BoardStore } from '../store/contract.ts';

/** Quiet spell (ms) after which an update is committed at once rather than at the end of the event-loop turn. */
export const QUIET_MS = 2;

/** What the queue commits for: a room. */
export interface CommitClient {
	/** Board id the updates belong to. */
	readonly id: string;
	/** Hands over the updates applied since the last call (the room counts them as in flight). */
	takePending(): Uint8Array[];
	/** The updates handed over were committed with these seqs (per board; 0 = the board is gone). */
	committed(updates: readonly Uint8Array[], seqs: readonly number[]): void;
	/** Committing the updates handed over failed: nothing of them is stored. */
	commitFailed(error: unknown): void;
}

/** The commit queue of one server. */
export interface CommitQueue {
	/** The client has pending updates: commit them at the end of this turn. */
	defer(client: CommitClient): void;
	/** The client has pending updates: commit them now after a quiet spell, else at the end of this turn. */
	soon(client: CommitClient): void;
	/** Commits everything pending now; resolves once it (and any commit in flight before it) is done — failures go to the clients. */
	flush(): Promise<void>;
	/** Nothing is pending or in flight. */
	readonly idle: boolean;
}

/** Creates the commit queue over `store`. */
export function createCommitQueue(store: Pick<BoardStore, 'appendUpdates'>): CommitQueue {
	let dirty = new Set<CommitClient>();
	let inFlight: Promise<void> | null = null;
	/** The flush that starts when the one in flight is done. */
	let next: Promise<void> | null = null;
	let scheduled = false;
	/** When the last commit ended (performance.now() ms). */
	let lastCommitEnd = -Infinity;

	const commit = (): Promise<void> => {
		const clients = [...dirty];
		dirty = new Set();
		const batch: { boardId: string; update: Uint8Array }[] = [];
		const parts: { client: CommitClient; updates: Uint8Array[] }[] = [];
		for (const client of clients) {
			const updates = client.takePending();
			if (updates.length === 0) continue;
			parts.push({ client, updates });
			for (const update of updates) batch.push({ boardId: client.id, update });
		}
		if (batch.length === 0) return Promise.resolve();
		let appended: Promise<number[]>;
		try {
			appended = store.appendUpdates(batch);
		} catch (error) {
			appended = Promise.reject(error);
		}
		const done = appended.then(
			(seqs) => {
				inFlight = null;
				lastCommitEnd = performance.now();
				let i = 0;
				for (const { client, updates } of parts) {
					client.committed(updates, seqs.slice(i, i + updates.length));
					i += updates.length;
				}
			},
			(error: unknown) => {
				inFlight = null;
				lastCommitEnd = performance.now();
				for (const { client } of parts) client.commitFailed(error);
			}
		);
		inFlight = done;
		return done;
	};

	const flush = (): Promise<void> => {
		scheduled = false;
		if (inFlight) {
			next ??= inFlight.then(() => {
				next = null;
				return flush();
			});
			return next;
		}
		if (dirty.size === 0) return Promise.resolve();
		return commit();
	};

	const defer = (client: CommitClient) => {
		dirty.add(client);
		if (scheduled) return;
		scheduled = true;
		setImmediate(() => void flush());
	};

	return {
		defer,
		soon(client) {
			if (scheduled || inFlight || performance.now() - lastCommitEnd < QUIET_MS) {
				defer(client);
				return;
			}
			dirty.add(client);
			void flush();
		},
		flush,
		get idle() {
			return dirty.size === 0 && inFlight === null;
		}
	};
}
