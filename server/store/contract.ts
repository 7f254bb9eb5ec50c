/**
 * The store contract: what the server needs from durable storage, as an asynchronous interface
 * that moves bytes. Two implementations run through the same contract test suite
 * (contract.suite.ts): SQLite (sqlite.ts, the embedded default) and PostgreSQL (`DATABASE_URL`).
 *
 * Sequence numbers are per board: a board's stored updates are numbered 1, 2, 3 … by the store,
 * densely, in commit order, and a number is never reused (compaction keeps the highest folded one
 * as the snapshot's `snapshotSeq`; the next update gets the one after it). So a room that knows
 * it holds a board through seq N and hears of seq N + 2 knows exactly what it missed
 * ({@link BoardStore.loadUpdatesAfter}), on every instance.
 *
 * Compaction is a store operation ({@link BoardStore.compact}): it folds rows that are stored,
 * under a per-board lock, and deletes only the rows it folded — never from a caller's in-memory
 * document, so several writers (server instances) can append and compact the same board at once
 * without losing a row.
 *
 * Errors: methods reject with the driver's error. Errors meaning "the store cannot be reached,
 * read or written right now" (disk full, read-only, I/O, locked, connection lost) must be
 * recognised by `isStorageUnavailable` (storage-errors.ts) — HTTP answers them 503 + Retry-After
 * and live rooms close their sockets with 1011. Bad arguments (an id that exists, a checkpoint of
 * an unknown board) reject with a plain Error. No method resolves before its write is committed.
 */

/** One board's row: token hashes and timestamps (milliseconds since the Unix epoch). */
export interface BoardRecord {
	readonly id: string;
	/** SHA-256 of the edit token (auth.ts). */
	readonly editHash: Buffer;
	/** SHA-256 of the view token. */
	readonly viewHash: Buffer;
	/** The view token sealed under the edit token (auth.ts `sealViewToken`) once a link was reset; null = derived. */
	readonly viewSealed: Buffer | null;
	readonly createdAt: number;
	/** Time of the last stored change (creation, appended update). */
	readonly updatedAt: number;
	/** The board's highest update seq handed out (0 until its first update): tells whether a copy read earlier is still current. */
	readonly lastSeq: number;
}

/**
 * A board's stored document: its snapshot plus the updates stored after it, in seq order.
 * Applying `snapshot` then `updates` (applyStoredState) gives the board through `lastSeq`.
 */
export interface StoredState {
	/** The board's snapshot (null only if none was ever written). */
	readonly snapshot: Uint8Array | null;
	/** Highest update seq folded into `snapshot` (0: none; the creation state is seq 0). */
	readonly snapshotSeq: number;
	/** Updates with seq > `snapshotSeq`, ascending (seqs snapshotSeq+1 … lastSeq, no gaps). */
	readonly updates: Uint8Array[];
	/** Highest seq in this state: the last update's, else `snapshotSeq`. */
	readonly lastSeq: number;
}

/** One stored update with its per-board sequence number. */
export interface StoredUpdate {
	readonly seq: number;
	/** A Yjs update (v1 encoding), exactly the bytes appended. */
	readonly data: Uint8Array;
}

/**
 * What a board stored after a given seq ({@link BoardStore.loadUpdatesAfter}). When some of those
 * rows were folded away meanwhile, `snapshot` is the board's snapshot (which holds them and
 * everything before): apply it, then `updates`. Yjs updates are idempotent, so applying the
 * snapshot to a doc that holds part of it is correct.
 */
export interface UpdatesAfter {
	/** The board's snapshot when rows after `afterSeq` were folded into it (its seq > afterSeq), else null. */
	readonly snapshot: Uint8Array | null;
	/** Rows after `max(afterSeq, snapshot's seq)`, ascending and dense. */
	readonly updates: StoredUpdate[];
	/** The seq this answer brings the caller to: the last update's, else the snapshot's, else `afterSeq`. */
	readonly lastSeq: number;
}

/** One Yjs update (v1 encoding) to append to a board. */
export interface PendingUpdate {
	readonly boardId: string;
	readonly update: Uint8Array;
}

/** What {@link BoardStore.compact} did. */
export interface CompactResult {
	/** Stored updates folded into the snapshot and deleted (0: nothing to fold, or the board is gone). */
	readonly folded: number;
	/** The new snapshot's seq (the highest folded), or the stored snapshot's when nothing was folded. */
	readonly snapshotSeq: number;
	/** The snapshot written (the board's full state through `snapshotSeq`), null when nothing was written. */
	readonly snapshot: Uint8Array | null;
}

/** Row counts of one board, for compaction decisions and tests. */
export interface StoreCounts {
	/** Stored updates not folded into the snapshot. */
	readonly updates: number;
	readonly updateBytes: number;
	readonly snapshotBytes: number;
}

/** A checkpoint's row without its state (timestamps in ms since the Unix epoch). */
export interface CheckpointRow {
	readonly id: string;
	readonly name: string;
	readonly createdAt: number;
}

/** A checkpoint with its document state (one Yjs update, v1 encoding). */
export interface CheckpointWithState extends CheckpointRow {
	readonly state: Uint8Array;
}

/**
 * The durable store of boards. Every write is one transaction and resolves only once it is
 * committed (durable as the implementation's settings promise: SQLite `SQLITE_SYNC`, Postgres
 * `synchronous_commit`). Calls may overlap; an implementation serialises what must be.
 */
export interface BoardStore {
	/** Which engine, for logs and /api/health-style reporting. */
	readonly kind: 'sqlite' | 'postgres';

	/** Inserts a board with its initial document state as its snapshot (seq 0). Rejects if the id exists. */
	createBoard(board: { id: string; editHash: Uint8Array; viewHash: Uint8Array; state: Uint8Array; now?: number }): Promise<BoardRecord>;
	/** The board's row, or undefined when no such board exists. */
	getBoard(id: string): Promise<BoardRecord | undefined>;
	/**
	 * The `lastSeq` of each of the given boards that exists, in ONE lookup (a board that does not
	 * exist — deleted — is absent from the map). The rooms registry compares every live room with
	 * the store this way every couple of seconds: one query per instance, not one per room.
	 */
	lastSeqs(ids: readonly string[]): Promise<Map<string, number>>;
	/** Ids of stored boards in ascending order, after `after` (exclusive), at most `limit` (for copying and exporting every board). */
	listBoardIds(options: { after?: string; limit: number }): Promise<string[]>;
	/**
	 * Replaces a board's token hashes and sealed view token in one transaction: from this commit
	 * on, the old tokens are refused. Resolves false when there is no such board.
	 */
	setLinks(id: string, links: { editHash: Uint8Array; viewHash: Uint8Array; viewSealed: Uint8Array }): Promise<boolean>;
	/**
	 * Deletes a board with its snapshot, updates and checkpoints in one transaction. Appends to it
	 * afterwards store nothing (seq 0). Resolves false when there is no such board.
	 */
	deleteBoard(id: string): Promise<boolean>;

	/**
	 * Appends updates (of any boards) in ONE transaction — all stored or none — and bumps each
	 * touched board's `updatedAt`. Resolves each update's seq, in batch order: a board's updates
	 * in one call get consecutive seqs in batch order, after every seq committed before. An update
	 * of a board that does not exist (deleted) is not stored and gets seq 0; the others are stored.
	 */
	appendUpdates(batch: readonly PendingUpdate[], now?: number): Promise<number[]>;
	/** Snapshot plus later updates of a board (an empty state, lastSeq 0, for an unknown board). */
	loadState(id: string): Promise<StoredState>;
	/**
	 * What the board stored after seq `afterSeq`, for a room that missed relayed updates (a gap in
	 * seq, or the relay reconnected). Undefined when there is no such board (deleted).
	 */
	loadUpdatesAfter(id: string, afterSeq: number): Promise<UpdatesAfter | undefined>;
	/**
	 * Folds the board's stored updates into its snapshot, under a per-board lock (SQLite: the
	 * write transaction; Postgres: a row or advisory lock): reads the snapshot and the rows stored
	 * at that moment, encodes them through a Y.Doc (so deleted content is garbage-collected),
	 * writes the snapshot with the highest folded seq and deletes exactly the rows it folded.
	 * Updates appended meanwhile stay in the log. Concurrent calls for one board are safe (a
	 * snapshot never replaces a newer one). Resolves `folded: 0` when there was nothing to fold or
	 * the board is gone. Implementations may do the encoding off the main thread.
	 */
	compact(id: string): Promise<CompactResult>;
	/** Row counts of a board (zeros for an unknown board). */
	counts(id: string): Promise<StoreCounts>;

	/** Stores a checkpoint of `boardId` (one transaction). Rejects if the id exists for that board or the board does not. */
	createCheckpoint(checkpoint: { boardId: string; id: string; name: string; createdAt: number; state: Uint8Array }): Promise<void>;
	/** The board's checkpoints, newest first (created_at, then id, descending). */
	listCheckpoints(boardId: string): Promise<CheckpointRow[]>;
	/** One checkpoint with its state, or undefined. */
	getCheckpoint(boardId: string, id: string): Promise<CheckpointWithState | undefined>;

	/**
	 * Background upkeep, started and returned from at once (SQLite: a WAL checkpoint on the store's
	 * worker thread; Postgres: nothing). The rooms registry calls it about once a second when no
	 * commit is pending, so it never sits between a commit and its relay.
	 */
	maintain(): void;
	/** Closes the store (waits for writes in flight). Idempotent. */
	close(): Promise<void>;
}
