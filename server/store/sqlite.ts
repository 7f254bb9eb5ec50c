/**
 * The SQLite implementation of the store contract (contract.ts), the embedded default: one file
 * (WAL mode) under DATA_DIR, through better-sqlite3. Its calls are synchronous underneath — each
 * write is one transaction, committed when the method's promise is created — and resolve on the
 * next microtask, so the commit → relay path costs no event-loop turn.
 *
 * Per-board seqs: `boards.last_seq` is the board's highest seq handed out; an append bumps it
 * (`UPDATE … RETURNING`) in the transaction that inserts the rows, so seqs are dense, in commit
 * order, and never reused (compaction keeps the folded seq as the snapshot's `through_seq`).
 *
 * Compaction: a store worker thread (sqlite-background.ts, its code sqlite-worker.ts) reads the snapshot and every row after it
 * in one read transaction and encodes them; the main connection then writes the snapshot and
 * deletes exactly the rows the worker read (`seq <= throughSeq`) in one write transaction —
 * the per-board lock — unless a snapshot past `throughSeq` was written meanwhile. Seqs are handed
 * out under SQLite's single write lock, so every row `<= throughSeq` was committed before the
 * worker read: nothing it did not fold is deleted. Without the worker (it cannot start, or the fold
 * failed on it) the same fold runs in one write transaction on the main thread; a fold whose worker
 * crashed fails with StoreUnavailableError (the rows stay stored; a fresh worker takes the next). WAL checkpoints run on
 * the worker too (`maintain`), off the commit → relay path.
 */
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncMode } from '../config.ts';
import { checkDatabaseFile } from '../database-file.ts';
import { createLogger, type Logger } from '../log.ts';
import { asBuffer, BOARD_COLUMNS, toRecord, type BoardRow } from './common.ts';
import type { BoardStore, CompactResult, PendingUpdate, StoredState, UpdatesAfter } from './contract.ts';
import { CHECKPOINTS_MIGRATION, checkpointStore } from './sqlite-checkpoints.ts';
import { startStoreWorker, type StoreWorker } from './sqlite-background.ts';
import { EMPTY_STATE, foldState } from './state.ts';

/** File name of the database inside DATA_DIR. */
export const DATABASE_FILE = 'groundwork.sqlite';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
	/** Directory of the database file; created if missing. */
	readonly dataDir: string;
	/** SQLite `synchronous` level. */
	readonly sync: SyncMode;
	/** Where the store worker's failures are told; default: warnings and errors as plain lines on stderr. */
	readonly log?: Logger;
}

const stderrLog = (): Logger => createLogger({ format: 'plain', level: 'warn', write: (line) => process.stderr.write(line + '\n') });

/** Migrations, numbered from 1 (`PRAGMA user_version` = how many ran). Never edit one that shipped. */
export const SQLITE_MIGRATIONS: readonly string[] = [
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
	// 3: named checkpoints of a board's state for reviews (sqlite-checkpoints.ts)
	CHECKPOINTS_MIGRATION,
	// 4: links can be reset (the view token then sealed under the edit token) and boards deleted
	// (the highest sequence number handed out is kept in store_meta once its rows may be gone)
	`ALTER TABLE boards ADD COLUMN view_sealed BLOB;
	CREATE TABLE store_meta (
		key TEXT PRIMARY KEY,
		value INTEGER NOT NULL
	) STRICT;`,
	// 5: per-board sequence numbers (issue 16). Each board's rows that its state still reads (seq
	// past its snapshot's) are renumbered 1, 2, 3 … in their order; the snapshot becomes seq 0;
	// boards.last_seq holds the highest handed out. Rows already folded into a snapshot (none are
	// kept by compaction, but an older copy could hold some) are dropped: no state read them.
	`CREATE TABLE updates_v5 (
		board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
		seq INTEGER NOT NULL,
		data BLOB NOT NULL,
		PRIMARY KEY (board_id, seq)
	) STRICT, WITHOUT ROWID;
	INSERT INTO updates_v5 (board_id, seq, data)
		SELECT u.board_id, ROW_NUMBER() OVER (PARTITION BY u.board_id ORDER BY u.seq), u.data
		FROM updates u LEFT JOIN snapshots s ON s.board_id = u.board_id
		WHERE u.seq > COALESCE(s.through_seq, 0);
	DROP TABLE updates;
	ALTER TABLE updates_v5 RENAME TO updates;
	UPDATE snapshots SET through_seq = 0;
	ALTER TABLE boards ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;
	UPDATE boards SET last_seq = COALESCE((SELECT MAX(seq) FROM updates WHERE updates.board_id = boards.id), 0);
	DELETE FROM store_meta WHERE key = 'seq_floor';`
];

/** Runs `fn` now and returns its result (or error) as a promise: the store's writes commit synchronously. */
function now<T>(fn: () => T): Promise<T> {
	try {
		return Promise.resolve(fn());
	} catch (error) {
		return Promise.reject(error);
	}
}

/** The SQLite store, plus what only SQLite has. */
export interface SqliteStore extends BoardStore {
	readonly kind: 'sqlite';
	/** The database file. */
	readonly file: string;
}

/** Opens (creating and migrating if needed) the store in `options.dataDir`. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
	mkdirSync(options.dataDir, { recursive: true });
	const file = join(options.dataDir, DATABASE_FILE);
	checkDatabaseFile(file);
	const db = new Database(file);
	// first: a second process (the export CLI) opening the file while the server commits or
	// checkpoints waits for its lock instead of failing with SQLITE_BUSY
	db.pragma('busy_timeout = 5000');
	db.pragma('journal_mode = WAL');
	db.pragma(`synchronous = ${options.sync === 'full' ? 'FULL' : 'NORMAL'}`);
	db.pragma('foreign_keys = ON');
	// checkpoints (an fsync each) are run by maintain(), off the commit → relay path
	db.pragma('wal_autocheckpoint = 0');

	const version = db.pragma('user_version', { simple: true }) as number;
	if (version > SQLITE_MIGRATIONS.length) {
		db.close();
		throw new Error(`database schema version ${version} is newer than this server (${SQLITE_MIGRATIONS.length})`);
	}
	if (version < SQLITE_MIGRATIONS.length) {
		db.transaction(() => {
			for (let v = version; v < SQLITE_MIGRATIONS.length; v++) db.exec(SQLITE_MIGRATIONS[v]);
			db.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
		}).immediate();
	}

	const insertBoard = db.prepare('INSERT INTO boards (id, edit_hash, view_hash, created_at, updated_at, last_seq) VALUES (?, ?, ?, ?, ?, 0)');
	const selectBoard = db.prepare<[string], BoardRow>(`SELECT ${BOARD_COLUMNS} FROM boards WHERE id = ?`);
	// one statement for any number of ids (a JSON array), so the registry's store check is one lookup
	const selectLastSeqs = db.prepare<[string], { id: string; last_seq: number }>(
		'SELECT id, last_seq FROM boards WHERE id IN (SELECT value FROM json_each(?))'
	);
	const selectIds = db.prepare<[string, number], string>('SELECT id FROM boards WHERE id > ? ORDER BY id LIMIT ?').pluck();
	const selectSnapshot = db.prepare<[string], { through_seq: number; data: Buffer }>('SELECT through_seq, data FROM snapshots WHERE board_id = ?');
	const selectSnapshotSeq = db.prepare<[string], number>('SELECT through_seq FROM snapshots WHERE board_id = ?').pluck();
	const selectUpdates = db.prepare<[string, number], { seq: number; data: Buffer }>(
		'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq'
	);
	const insertUpdate = db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)');
	const selectLastSeq = db.prepare<[string], number>('SELECT last_seq FROM boards WHERE id = ?').pluck();
	const setLastSeq = db.prepare('UPDATE boards SET last_seq = ?, updated_at = ? WHERE id = ?');
	// prepared once: db.pragma() compiles its statement on every call, which the commit path cannot afford
	const selectDataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
	const updateLinks = db.prepare('UPDATE boards SET edit_hash = ?, view_hash = ?, view_sealed = ? WHERE id = ?');
	const deleteBoardRow = db.prepare('DELETE FROM boards WHERE id = ?');
	const deleteBoardUpdates = db.prepare('DELETE FROM updates WHERE board_id = ?');
	const deleteBoardSnapshot = db.prepare('DELETE FROM snapshots WHERE board_id = ?');
	const deleteBoardCheckpoints = db.prepare('DELETE FROM checkpoints WHERE board_id = ?');
	const upsertSnapshot = db.prepare(
		`INSERT INTO snapshots (board_id, through_seq, data, updated_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (board_id) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data, updated_at = excluded.updated_at`
	);
	const deleteUpdatesThrough = db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?');
	const countUpdates = db.prepare<[string], { n: number; bytes: number | null }>(
		'SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM updates WHERE board_id = ?'
	);
	const snapshotSize = db.prepare<[string], { bytes: number }>('SELECT LENGTH(data) AS bytes FROM snapshots WHERE board_id = ?');
	const checkpoints = checkpointStore(db);
	// rows this connection changed since it opened: maintain() checkpoints only after a change, so
	// a server that only reads (or sits idle) never starts the worker thread (~5 MiB, its own V8)
	const selectTotalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
	let walBytesAtOpen = 0;
	try {
		walBytesAtOpen = statSync(`${file}-wal`).size;
	} catch {
		// no WAL file: nothing to checkpoint
	}
	/** total_changes() when the last checkpoint was asked for; -1: the WAL already held frames at open. */
	let checkpointedChanges = walBytesAtOpen > 0 ? -1 : selectTotalChanges.get()!;

	/** Snapshot and rows after it, read in one transaction (the worker connection may compact meanwhile). */
	const readState = db.transaction((id: string): StoredState => {
		const snap = selectSnapshot.get(id);
		const snapshotSeq = snap?.through_seq ?? 0;
		const rows = selectUpdates.all(id, snapshotSeq);
		return {
			snapshot: snap ? new Uint8Array(snap.data) : null,
			snapshotSeq,
			updates: rows.map((r) => new Uint8Array(r.data)),
			lastSeq: rows.length > 0 ? rows[rows.length - 1].seq : snapshotSeq
		};
	});

	const readAfter = db.transaction((id: string, afterSeq: number): UpdatesAfter | undefined => {
		if (!selectBoard.get(id)) return undefined;
		const snap = selectSnapshot.get(id);
		const snapshotSeq = snap?.through_seq ?? 0;
		const snapshot = snap && snapshotSeq > afterSeq ? new Uint8Array(snap.data) : null;
		const from = Math.max(afterSeq, snapshotSeq);
		const updates = selectUpdates.all(id, from).map((r) => ({ seq: r.seq, data: new Uint8Array(r.data) }));
		return { snapshot, updates, lastSeq: updates.length > 0 ? updates[updates.length - 1].seq : from };
	});

	/**
	 * `boards.last_seq` of boards this connection appended to, valid while no other connection
	 * committed (`data_version` unchanged): the commit path then needs no read of the boards row
	 * (an `UPDATE … RETURNING` costs several times a plain UPDATE).
	 */
	const knownLastSeq = new Map<string, number>();
	let seenVersion = -1;
	const append = db.transaction((batch: readonly PendingUpdate[], time: number): number[] => {
		// under the write lock: if another connection (a second instance, a script) committed meanwhile, forget what we knew
		const version = selectDataVersion.get() as number;
		if (version !== seenVersion || knownLastSeq.size > 10_000) knownLastSeq.clear();
		seenVersion = version;
		/** last seq handed out per board of this batch; -1 = no such board */
		const last = new Map<string, number>();
		const seqs = batch.map(({ boardId, update }) => {
			let seq = last.get(boardId);
			if (seq === undefined) seq = knownLastSeq.get(boardId) ?? selectLastSeq.get(boardId) ?? -1;
			if (seq < 0) {
				last.set(boardId, -1);
				return 0;
			}
			seq++;
			insertUpdate.run(boardId, seq, asBuffer(update));
			last.set(boardId, seq);
			return seq;
		});
		for (const [boardId, seq] of last) {
			if (seq < 0) continue;
			setLastSeq.run(seq, time, boardId);
			knownLastSeq.set(boardId, seq);
		}
		return seqs;
	});

	/** In a write transaction: writes a snapshot folding rows through `throughSeq`, unless a newer one is stored or the board is gone. */
	const writeFold = (id: string, state: Uint8Array, throughSeq: number): number | null => {
		const stored = selectSnapshotSeq.get(id);
		if (stored !== undefined && stored >= throughSeq) return null;
		if (!selectBoard.get(id)) return null;
		upsertSnapshot.run(id, throughSeq, asBuffer(state), Date.now());
		return deleteUpdatesThrough.run(id, throughSeq).changes;
	};

	const compactHere = db.transaction((id: string): CompactResult => {
		const state = readState(id);
		if (state.updates.length === 0) return { folded: 0, snapshotSeq: state.snapshotSeq, snapshot: null };
		const snapshot = foldState(state.snapshot, state.updates);
		const folded = writeFold(id, snapshot, state.lastSeq);
		return folded === null ? { folded: 0, snapshotSeq: state.snapshotSeq, snapshot: null } : { folded, snapshotSeq: state.lastSeq, snapshot };
	});

	/** Started by the first maintain() or compact(): a store that needs neither (tests, scripts) has no thread. */
	let worker: StoreWorker | null = null;
	const startedWorker = () => (worker ??= startStoreWorker(file, options.sync, { log: options.log ?? stderrLog() }));
	let closed = false;

	const compactOnWorker = (id: string): Promise<CompactResult> | null => {
		let settle!: (result: Promise<CompactResult>) => void;
		const result = new Promise<CompactResult>((resolve) => (settle = resolve));
		const started = startedWorker().fold(id, (folded) => {
			if ('error' in folded) {
				// nothing was written. A worker that crashed on this fold (out of memory?) must not take
				// the main thread with it: retried later; else (the fold failed there) fold here instead
				if (closed) settle(Promise.reject(new Error(`the store was closed: ${folded.error}`)));
				else if (folded.unavailable) settle(Promise.reject(folded.unavailable));
				else settle(now(() => compactHere.immediate(id)));
				return;
			}
			if (closed) return settle(Promise.reject(new Error('the store was closed')));
			if (!folded.state) return settle(Promise.resolve({ folded: 0, snapshotSeq: folded.fromSeq, snapshot: null }));
			const state = folded.state;
			settle(
				now(() => {
					const written = db.transaction(() => writeFold(id, state, folded.throughSeq)).immediate();
					return written === null
						? { folded: 0, snapshotSeq: selectSnapshotSeq.get(id) ?? 0, snapshot: null }
						: { folded: written, snapshotSeq: folded.throughSeq, snapshot: state };
				})
			);
		});
		return started ? result : null;
	};

	return {
		kind: 'sqlite',
		file,
		createBoard({ id, editHash, viewHash, state, now: time = Date.now() }) {
			return now(() => {
				db.transaction(() => {
					insertBoard.run(id, asBuffer(editHash), asBuffer(viewHash), time, time);
					upsertSnapshot.run(id, 0, asBuffer(state), time);
				}).immediate();
				return toRecord(selectBoard.get(id) as BoardRow);
			});
		},
		getBoard(id) {
			return now(() => {
				const row = selectBoard.get(id);
				return row ? toRecord(row) : undefined;
			});
		},
		lastSeqs(ids) {
			return now(() => new Map(ids.length === 0 ? [] : selectLastSeqs.all(JSON.stringify(ids)).map((row) => [row.id, row.last_seq])));
		},
		listBoardIds({ after = '', limit }) {
			return now(() => selectIds.all(after, limit));
		},
		setLinks(id, { editHash, viewHash, viewSealed }) {
			return now(() => db.transaction(() => updateLinks.run(asBuffer(editHash), asBuffer(viewHash), asBuffer(viewSealed), id)).immediate().changes > 0);
		},
		deleteBoard(id) {
			return now(() =>
				db
					.transaction(() => {
						knownLastSeq.delete(id);
						deleteBoardUpdates.run(id);
						deleteBoardSnapshot.run(id);
						deleteBoardCheckpoints.run(id);
						return deleteBoardRow.run(id).changes > 0;
					})
					.immediate()
			);
		},
		appendUpdates(batch, time = Date.now()) {
			if (batch.length === 0) return Promise.resolve([]);
			return now(() => append.immediate(batch, time));
		},
		loadState(id) {
			return now(() => {
				const state = readState(id);
				return state.snapshot || state.updates.length > 0 ? state : EMPTY_STATE;
			});
		},
		loadUpdatesAfter(id, afterSeq) {
			return now(() => readAfter(id, afterSeq));
		},
		compact(id) {
			if (closed) return Promise.reject(new Error('the store is closed'));
			return compactOnWorker(id) ?? now(() => compactHere.immediate(id));
		},
		counts(id) {
			return now(() => {
				const u = countUpdates.get(id);
				return { updates: u?.n ?? 0, updateBytes: u?.bytes ?? 0, snapshotBytes: snapshotSize.get(id)?.bytes ?? 0 };
			});
		},
		createCheckpoint(checkpoint) {
			return now(() => db.transaction(() => checkpoints.createCheckpoint(checkpoint)).immediate());
		},
		listCheckpoints(boardId) {
			return now(() => checkpoints.listCheckpoints(boardId));
		},
		getCheckpoint(boardId, id) {
			return now(() => checkpoints.getCheckpoint(boardId, id));
		},
		maintain() {
			if (closed) return;
			const changes = selectTotalChanges.get()!;
			if (changes === checkpointedChanges) return;
			checkpointedChanges = changes;
			if (!startedWorker().checkpoint()) db.pragma('wal_checkpoint(PASSIVE)');
		},
		async close() {
			if (closed) return;
			closed = true;
			// the worker's connection goes first, so this one is the last and folds and removes the WAL
			worker?.close();
			db.close();
		}
	};
}
