import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { checkDatabaseFile } from './database-file.ts';
import { startStoreWorker, type StoreWorker } from './store-worker.ts';
import type { SyncMode } from './config.ts';
import { CHECKPOINTS_MIGRATION, checkpointStore, type CheckpointStore } from './store-checkpoints.ts';

/** File name of the database inside DATA_DIR. */
export const DATABASE_FILE = 'groundwork.sqlite';

/** One board's row: token hashes and timestamps (milliseconds since the Unix epoch). */
export interface BoardRecord {
	readonly id: string;
	readonly editHash: Buffer;
	readonly viewHash: Buffer;
	/** The view token sealed under the edit token (auth.ts `sealViewToken`) once a link was reset; null = derived. */
	readonly viewSealed: Buffer | null;
	readonly createdAt: number;
	readonly updatedAt: number;
}

/**
 * A board's stored document: its snapshot (null only if none was ever written) plus the
 * updates appended after it, in commit order. `lastSeq` is the highest update sequence number
 * folded into this state (0 when there are none).
 */
export interface StoredState {
	readonly snapshot: Uint8Array | null;
	readonly updates: Uint8Array[];
	readonly lastSeq: number;
}

/** One Yjs update (v1 encoding) to append to a board. */
export interface PendingUpdate {
	readonly boardId: string;
	readonly update: Uint8Array;
}

/** Row counts of one board, for compaction decisions and tests. */
export interface StoreCounts {
	readonly updates: number;
	readonly updateBytes: number;
	readonly snapshotBytes: number;
}

/**
 * The durable store: boards, their append-only update log and one snapshot per board, in one
 * SQLite file (WAL mode). Every method is synchronous and each write is one transaction, so a
 * method that returned has committed: with `synchronous=NORMAL` the commit is in the WAL file
 * and survives the process being killed; with `full` it is also fsynced (survives power loss).
 */
export interface Store extends CheckpointStore {
	/** Inserts a board with its initial document state as snapshot. Throws if the id exists. */
	createBoard(board: { id: string; editHash: Uint8Array; viewHash: Uint8Array; state: Uint8Array; now?: number }): BoardRecord;
	/**
	 * Replaces a board's token hashes (and sealed view token) in one transaction: from this commit
	 * on, the old tokens are refused. Returns false when there is no such board.
	 */
	setLinks(id: string, links: { editHash: Uint8Array; viewHash: Uint8Array; viewSealed: Uint8Array }): boolean;
	/**
	 * Deletes a board with its snapshot and stored updates, in one transaction. Sequence numbers stay
	 * unique: the highest one handed out is kept, so no later update reuses one. Returns false when
	 * there is no such board.
	 */
	deleteBoard(id: string): boolean;
	/** The board's row, or undefined when no such board exists. */
	getBoard(id: string): BoardRecord | undefined;
	/** Snapshot plus later updates of a board (empty state for an unknown board). */
	loadState(id: string): StoredState;
	/** Appends updates (of any boards) in ONE transaction and bumps `updated_at`; returns each row's sequence number. */
	appendUpdates(batch: readonly PendingUpdate[], now?: number): number[];
	/**
	 * Replaces the board's snapshot by `state`, which must contain every update up to `throughSeq`,
	 * and deletes those updates — unless the stored snapshot is already past `throughSeq` (then
	 * nothing is written: an older state never replaces a newer one). Returns whether it wrote.
	 */
	writeSnapshot(id: string, state: Uint8Array, throughSeq: number): boolean;
	/** Folds all stored updates of a board into its snapshot (through a Y.Doc, so deleted content is garbage-collected). Returns false if there was nothing to fold. */
	compact(id: string): boolean;
	/**
	 * Like `compact`, through update `throughSeq` (committed), but the reading and encoding (tens of
	 * ms for a busy board) happen on the store's worker thread; only writing the result happens on
	 * this connection, later, as one short transaction. `done` gets the snapshot written (null when
	 * nothing was written: nothing to fold, or a newer snapshot is stored) or the error (`closing`:
	 * because the store closed first); the stored updates stay until a snapshot holding them is
	 * written. Returns false, doing nothing, when the worker is unavailable (the caller compacts
	 * another way).
	 */
	compactInBackground(id: string, throughSeq: number, done: (result: { snapshot: Uint8Array | null } | { error: unknown; closing: boolean }) => void): boolean;
	/** Row counts of a board. */
	counts(id: string): StoreCounts;
	/**
	 * Starts copying the WAL into the database file (a PASSIVE checkpoint, with fsync) and returns
	 * at once: a worker thread with its own connection does it, concurrently with commits, so its
	 * fsync never sits between a commit and its relay (automatic checkpoints are off). The worker
	 * starts on the first call; if it is gone, the checkpoint runs on the main connection instead.
	 * Rooms call it once a second.
	 */
	checkpoint(): void;
	/** Closes the database (checkpointing the WAL). Idempotent. */
	close(): void;
}

/** Options of {@link openStore}. */
export interface StoreOptions {
	/** Directory of the database file; created if missing. */
	readonly dataDir: string;
	/** SQLite `synchronous` level. */
	readonly sync: SyncMode;
	/** Receives the errors of the store's worker thread (checkpoints, a crash); the server logs them. */
	readonly onWorkerError?: (message: string) => void;
}

const MIGRATIONS: readonly string[] = [
	// 1: initial schema. Timestamps in ms since epoch; seq is global and never reused (AUTOINCREMENT until 2).
	`CREATE TABLE boards (
		id TEXT PRIMARY KEY,
		edit_hash BLOB NOT NULL,
		view_hash BLOB NOT NULL,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;
	CREATE TABLE updates (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		data BLOB NOT NULL
	) STRICT;
	CREATE INDEX updates_by_board ON updates(board_id, seq);
	CREATE TABLE snapshots (
		board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
		through_seq INTEGER NOT NULL,
		data BLOB NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;`,
	// 2: one b-tree per update row (no rowid table + index, no sqlite_sequence); seq handed out by the store
	`CREATE TABLE updates_v2 (
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		seq INTEGER NOT NULL,
		data BLOB NOT NULL,
		PRIMARY KEY (board_id, seq)
	) STRICT, WITHOUT ROWID;
	INSERT INTO updates_v2 (board_id, seq, data) SELECT board_id, seq, data FROM updates;
	DROP TABLE updates;
	ALTER TABLE updates_v2 RENAME TO updates;`,
	// 3: named checkpoints of a board's state for reviews (store-checkpoints.ts)
	CHECKPOINTS_MIGRATION,
	// 4: links can be reset (the view token then sealed under the edit token) and boards deleted
	// (the highest sequence number handed out is kept in store_meta once its rows may be gone)
	`ALTER TABLE boards ADD COLUMN view_sealed BLOB;
	CREATE TABLE store_meta (
		key TEXT PRIMARY KEY,
		value INTEGER NOT NULL
	) STRICT;`
];

interface BoardRow {
	id: string;
	edit_hash: Buffer;
	view_hash: Buffer;
	view_sealed: Buffer | null;
	created_at: number;
	updated_at: number;
}

const toRecord = (row: BoardRow): BoardRecord => ({
	id: row.id,
	editHash: row.edit_hash,
	viewHash: row.view_hash,
	viewSealed: row.view_sealed,
	createdAt: row.created_at,
	updatedAt: row.updated_at
});

/**
 * Applies a stored state (snapshot, then updates in commit order) to `doc` in one transaction.
 * Sequential application is linear in the number of updates, unlike `Y.mergeUpdates`, which
 * degrades badly on long logs. Returns false when the board has no stored content at all.
 */
export function applyStoredState(doc: Y.Doc, state: StoredState, origin: unknown = null): boolean {
	const parts = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
	if (parts.length === 0) return false;
	doc.transact(() => {
		for (const part of parts) Y.applyUpdate(doc, part, origin);
	}, origin);
	return true;
}

/** Opens (creating and migrating if needed) the store in `options.dataDir`. */
export function openStore(options: StoreOptions): Store {
	mkdirSync(options.dataDir, { recursive: true });
	checkDatabaseFile(join(options.dataDir, DATABASE_FILE));
	const db = new Database(join(options.dataDir, DATABASE_FILE));
	// first: a second process (the export CLI) opening the file while the server commits or
	// checkpoints waits for its lock instead of failing with SQLITE_BUSY
	db.pragma('busy_timeout = 5000');
	db.pragma('journal_mode = WAL');
	db.pragma(`synchronous = ${options.sync === 'full' ? 'FULL' : 'NORMAL'}`);
	db.pragma('foreign_keys = ON');
	// checkpoints (an fsync each) are run by checkpoint(), off the commit → relay path
	db.pragma('wal_autocheckpoint = 0');

	const version = db.pragma('user_version', { simple: true }) as number;
	if (version > MIGRATIONS.length) {
		db.close();
		throw new Error(`database schema version ${version} is newer than this server (${MIGRATIONS.length})`);
	}
	db.transaction(() => {
		for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
		db.pragma(`user_version = ${MIGRATIONS.length}`);
	}).immediate();

	const insertBoard = db.prepare(
		'INSERT INTO boards (id, edit_hash, view_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'
	);
	const selectBoard = db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?');
	const selectSnapshot = db.prepare<[string], { through_seq: number; data: Buffer }>(
		'SELECT through_seq, data FROM snapshots WHERE board_id = ?'
	);
	const selectUpdates = db.prepare<[string, number], { seq: number; data: Buffer }>(
		'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq'
	);
	const insertUpdate = db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)');
	/**
	 * Highest sequence number in use: rows still in the log, and the `through_seq` of snapshots
	 * (compaction deletes the rows it folds, but keeps their highest seq there), and the floor kept
	 * when a board is deleted: so this is the highest seq ever handed out.
	 */
	const selectMaxSeq = db.prepare<[], { m: number | null }>(
		`SELECT MAX(m) AS m FROM (SELECT MAX(seq) AS m FROM updates UNION ALL SELECT MAX(through_seq) FROM snapshots
		 UNION ALL SELECT value FROM store_meta WHERE key = 'seq_floor')`
	);
	const raiseSeqFloor = db.prepare(
		`INSERT INTO store_meta (key, value) VALUES ('seq_floor', ?) ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)`
	);
	const updateLinks = db.prepare('UPDATE boards SET edit_hash = ?, view_hash = ?, view_sealed = ? WHERE id = ?');
	const deleteBoardRow = db.prepare('DELETE FROM boards WHERE id = ?');
	const deleteBoardUpdates = db.prepare('DELETE FROM updates WHERE board_id = ?');
	const deleteBoardSnapshot = db.prepare('DELETE FROM snapshots WHERE board_id = ?');
	/** Last sequence number handed out; global and never reused. */
	let lastSeq = selectMaxSeq.get()?.m ?? 0;
	/** `data_version` when `lastSeq` was last read: it changes only when ANOTHER connection commits. */
	// prepared once: db.pragma() compiles its statement on every call, which the commit path cannot afford
	const selectDataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
	let seenVersion = selectDataVersion.get() as number;
	const touchBoard = db.prepare('UPDATE boards SET updated_at = ? WHERE id = ?');
	const upsertSnapshot = db.prepare(
		`INSERT INTO snapshots (board_id, through_seq, data, updated_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (board_id) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data, updated_at = excluded.updated_at`
	);
	const deleteUpdatesThrough = db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?');
	const countUpdates = db.prepare<[string], { n: number; bytes: number | null }>(
		'SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM updates WHERE board_id = ?'
	);
	const snapshotSize = db.prepare<[string], { bytes: number }>(
		'SELECT LENGTH(data) AS bytes FROM snapshots WHERE board_id = ?'
	);

	const loadState = (id: string): StoredState => {
		const snap = selectSnapshot.get(id);
		const throughSeq = snap?.through_seq ?? 0;
		const rows = selectUpdates.all(id, throughSeq);
		return {
			snapshot: snap ? new Uint8Array(snap.data) : null,
			updates: rows.map((r) => new Uint8Array(r.data)),
			lastSeq: rows.length > 0 ? rows[rows.length - 1].seq : throughSeq
		};
	};

	const selectSnapshotSeq = db.prepare<[string], number>('SELECT through_seq FROM snapshots WHERE board_id = ?').pluck();
	/** In a write transaction. */
	const writeSnapshot = (id: string, state: Uint8Array, throughSeq: number, now = Date.now()): boolean => {
		if ((selectSnapshotSeq.get(id) ?? 0) > throughSeq) return false;
		// a compaction that finishes after its board was deleted writes nothing
		if (throughSeq > 0 && !selectBoard.get(id)) return false;
		upsertSnapshot.run(id, throughSeq, Buffer.from(state.buffer, state.byteOffset, state.byteLength), now);
		deleteUpdatesThrough.run(id, throughSeq);
		return true;
	};

	const append = db.transaction((batch: readonly PendingUpdate[], now: number): number[] => {
		// under the write lock: if another connection (e.g. a script) committed meanwhile, re-read the max
		const version = selectDataVersion.get() as number;
		if (version !== seenVersion) {
			lastSeq = Math.max(lastSeq, selectMaxSeq.get()?.m ?? 0);
			seenVersion = version;
		}
		const seqs: number[] = [];
		const touched = new Set<string>();
		for (const { boardId, update } of batch) {
			const seq = lastSeq + 1;
			insertUpdate.run(boardId, seq, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
			lastSeq = seq;
			seqs.push(seq);
			touched.add(boardId);
		}
		for (const boardId of touched) touchBoard.run(now, boardId);
		return seqs;
	});

	/** Started by the first checkpoint() or compactInBackground(): a store that needs neither (tests, scripts) has no thread. */
	let worker: StoreWorker | null = null;
	const startedWorker = () => (worker ??= startStoreWorker(join(options.dataDir, DATABASE_FILE), options.sync, options.onWorkerError));
	let closed = false;
	return {
		...checkpointStore(db),
		createBoard({ id, editHash, viewHash, state, now = Date.now() }) {
			db.transaction(() => {
				insertBoard.run(id, Buffer.from(editHash), Buffer.from(viewHash), now, now);
				writeSnapshot(id, state, 0, now);
			}).immediate();
			return toRecord(selectBoard.get(id) as BoardRow);
		},
		setLinks(id, { editHash, viewHash, viewSealed }) {
			const result = db
				.transaction(() => updateLinks.run(Buffer.from(editHash), Buffer.from(viewHash), Buffer.from(viewSealed), id))
				.immediate();
			return result.changes > 0;
		},
		deleteBoard(id) {
			return db
				.transaction(() => {
					// under the write lock: the highest seq of every connection's commits is in the tables now
					raiseSeqFloor.run(Math.max(lastSeq, selectMaxSeq.get()?.m ?? 0));
					deleteBoardUpdates.run(id);
					deleteBoardSnapshot.run(id);
					return deleteBoardRow.run(id).changes > 0;
				})
				.immediate();
		},
		getBoard(id) {
			const row = selectBoard.get(id);
			return row ? toRecord(row) : undefined;
		},
		loadState,
		appendUpdates(batch, now = Date.now()) {
			if (batch.length === 0) return [];
			return append.immediate(batch, now);
		},
		writeSnapshot(id, state, throughSeq) {
			return db.transaction(() => writeSnapshot(id, state, throughSeq)).immediate();
		},
		compact(id) {
			return db
				.transaction(() => {
					const state = loadState(id);
					if (state.updates.length === 0) return false;
					const doc = new Y.Doc();
					try {
						applyStoredState(doc, state);
						writeSnapshot(id, Y.encodeStateAsUpdate(doc), state.lastSeq);
					} finally {
						doc.destroy();
					}
					return true;
				})
				.immediate();
		},
		compactInBackground(id, throughSeq, done) {
			if (closed) return false;
			return startedWorker().fold(id, throughSeq, (result) => {
				if ('error' in result) return done({ error: new Error(result.error), closing: closed });
				if (closed) return done({ error: new Error('the store was closed'), closing: true });
				try {
					const { state } = result;
					const written = state !== null && db.transaction(() => writeSnapshot(id, state, throughSeq)).immediate();
					done({ snapshot: written ? state : null });
				} catch (error) {
					done({ error, closing: false });
				}
			});
		},
		counts(id) {
			const u = countUpdates.get(id);
			return {
				updates: u?.n ?? 0,
				updateBytes: u?.bytes ?? 0,
				snapshotBytes: snapshotSize.get(id)?.bytes ?? 0
			};
		},
		checkpoint() {
			if (closed) return;
			if (!startedWorker().checkpoint()) db.pragma('wal_checkpoint(PASSIVE)');
		},
		close() {
			if (closed) return;
			closed = true;
			// the worker's connection goes first, so this one is the last and folds and removes the WAL
			worker?.close();
			db.close();
		}
	};
}
