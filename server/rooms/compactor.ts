/**
 * When live boards are compacted. Compaction itself is the store's (BoardStore.compact: it folds
 * the rows stored, under a per-board lock, never the room's in-memory doc), so it is safe while
 * other instances append to the same board. A room past `compactAfterUpdates` rows not yet folded
 * is compacted once it has been quiet for {@link COMPACT_QUIET_MS} (so the fold does not hold up
 * edits in flight), at twice that count at once, and when it loads or unloads with any.
 */
import type { Logger } from '../log.ts';
import type { BoardStore, CompactResult } from '../store/contract.ts';

/** Quiet spell (ms) a board past the threshold waits for before it is compacted. */
export const COMPACT_QUIET_MS = 50;

/** What the compactor needs of a room. */
export interface Compactable {
	readonly id: string;
	/** Rows this room knows are stored and not folded. */
	readonly uncompacted: number;
	/** The room is live (not loading, not gone). */
	readonly live: boolean;
	/** Told what a compaction did (the snapshot, when one was written, is the board's state through its seq). */
	compacted(result: CompactResult): void;
}

/** Per-room compaction state, kept by the compactor. */
interface Slot {
	timer: NodeJS.Timeout | null;
	running: Promise<void> | null;
}

/** The compactor of one server. */
export interface Compactor {
	/** A commit (or relayed update) made the room's log longer: compact now, soon, or not yet. */
	afterCommit(room: Compactable): void;
	/** Compacts the room now if it has anything to fold (load, unload, shutdown); resolves when done (never rejects). */
	compact(room: Compactable): Promise<void>;
	/** Forgets the room (unloaded or dropped): a pending quiet-spell compaction is cancelled. */
	forget(room: Compactable): void;
}

/** Creates the compactor. */
export function createCompactor({ store, log, compactAfterUpdates }: { store: Pick<BoardStore, 'compact'>; log: Logger; compactAfterUpdates: number }): Compactor {
	const slots = new WeakMap<Compactable, Slot>();
	const slotOf = (room: Compactable) => {
		let slot = slots.get(room);
		if (!slot) slots.set(room, (slot = { timer: null, running: null }));
		return slot;
	};

	const compact = (room: Compactable): Promise<void> => {
		const slot = slotOf(room);
		if (slot.timer) clearTimeout(slot.timer);
		slot.timer = null;
		if (slot.running) return slot.running;
		if (room.uncompacted === 0) return Promise.resolve();
		const running = store.compact(room.id).then(
			(result) => {
				if (result.folded > 0) log.debug('compacted board', { board: room.id, folded: result.folded });
				room.compacted(result);
			},
			(error: unknown) => {
				// the rows are still stored: folded next time (the next load, if the room is gone)
				if (error instanceof Error && /closed/.test(error.message)) log.debug('compaction dropped: the store closed', { board: room.id });
				else log.error('compaction failed', { board: room.id, error });
			}
		);
		slot.running = running.finally(() => {
			slot.running = null;
		});
		return slot.running;
	};

	return {
		afterCommit(room) {
			if (room.uncompacted >= 2 * compactAfterUpdates) {
				void compact(room);
				return;
			}
			if (room.uncompacted < compactAfterUpdates) return;
			const slot = slotOf(room);
			if (slot.timer) {
				slot.timer.refresh();
				return;
			}
			slot.timer = setTimeout(() => {
				slot.timer = null;
				if (room.live) void compact(room);
			}, COMPACT_QUIET_MS);
			slot.timer.unref();
		},
		compact,
		forget(room) {
			const slot = slots.get(room);
			if (slot?.timer) clearTimeout(slot.timer);
			if (slot) slot.timer = null;
		}
	};
}
