/**
 * The store's background work, on a worker thread with its own SQLite connection, so that none of
 * it stalls the relays of the main thread:
 * - WAL checkpoints: copying the WAL into the database file and fsyncing it (1–20 ms on a virtual
 *   disk), concurrently with the main connection's commits (a PASSIVE checkpoint never blocks writers);
 * - folding a board's stored updates into one snapshot: reading the snapshot and the updates and
 *   encoding them through a fresh Y.Doc (10–40 ms for a busy board of a few thousand keys). Only
 *   the encoding happens here; the main connection writes the result (one short transaction), so
 *   the worker never holds the write lock the commits need.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SyncMode } from '../config.ts';

/**
 * Outcome of {@link StoreWorker.fold}: the board's snapshot (through `fromSeq`) and every update
 * stored after it (through `throughSeq`, `folded` rows) encoded as one state — null when there was
 * nothing to fold — or why it failed.
 */
export type FoldResult =
	| { readonly state: Uint8Array | null; readonly fromSeq: number; readonly throughSeq: number; readonly folded: number }
	| { readonly error: string };

/** Background work on a database; see {@link startStoreWorker}. */
export interface StoreWorker {
	/**
	 * Asks for one PASSIVE checkpoint and returns at once. Requests made while one runs queue
	 * behind it. Returns false when the worker is gone (failed to start or crashed): the caller
	 * should then checkpoint on its own connection.
	 */
	checkpoint(): boolean;
	/**
	 * Asks for board `boardId`'s stored state (its snapshot and every update committed after it,
	 * read in one transaction) encoded as one update, and returns at once; `done` receives it later
	 * (always called once, unless this returns false). Returns false when the worker is gone: the
	 * caller should then fold on its own.
	 */
	fold(boardId: string, done: (result: FoldResult) => void): boolean;
	/**
	 * Closes the worker's connection, waiting for it (at most `timeoutMs`), and ends the worker;
	 * folds still pending are answered with an error. Idempotent.
	 */
	close(timeoutMs?: number): void;
}

/**
 * WAL size (in frames of one page, ~4 KiB each) above which a checkpoint waits for the writer
 * (RESTART) so the WAL can start over; below it checkpoints never block commits.
 */
export const RESTART_AFTER_FRAMES = 4096;

// CommonJS source of the worker, run with `eval` so it needs no loader (tsx, Vite) to start.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const closed = new Int32Array(workerData.closed);
let db = null;
let readState = null;
try {
	db = new Database(workerData.file, { fileMustExist: true });
	db.pragma('synchronous = ' + workerData.sync);
	db.pragma('busy_timeout = 5000');
} catch (error) {
	db = null;
	parentPort.postMessage({ error: String(error && error.message || error), fatal: true });
}
/** Yjs and the statements are loaded on the first fold: checkpoints need neither (nor the schema). */
let Y = null;
const prepareRead = () => {
	const selectSnapshot = db.prepare('SELECT through_seq, data FROM snapshots WHERE board_id = ?');
	const selectUpdates = db.prepare('SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq');
	// one read transaction: the snapshot and the updates after it are seen at the same moment
	return db.transaction((boardId) => {
		const snapshot = selectSnapshot.get(boardId);
		const from = snapshot ? snapshot.through_seq : 0;
		return { snapshot: snapshot ? snapshot.data : null, fromSeq: from, updates: selectUpdates.all(boardId, from) };
	});
};
const fold = ({ key, boardId }) => {
	try {
		if (!db) throw new Error('no database connection');
		Y ??= require(workerData.yjs);
		readState ??= prepareRead();
		const { snapshot, fromSeq, updates } = readState(boardId);
		if (updates.length === 0) return parentPort.postMessage({ key, state: null, fromSeq, throughSeq: fromSeq, folded: 0 });
		const doc = new Y.Doc();
		try {
			doc.transact(() => {
				if (snapshot) Y.applyUpdate(doc, snapshot);
				for (const row of updates) Y.applyUpdate(doc, row.data);
			});
			const throughSeq = updates[updates.length - 1].seq;
			parentPort.postMessage({ key, state: Y.encodeStateAsUpdate(doc), fromSeq, throughSeq, folded: updates.length });
		} finally {
			doc.destroy();
		}
	} catch (error) {
		parentPort.postMessage({ key, error: String(error && error.message || error) });
	}
};
parentPort.on('message', (message) => {
	if (message && message.fold) return fold(message.fold);
	if (message === 'checkpoint') {
		if (!db) return;
		try {
			const [result] = db.pragma('wal_checkpoint(PASSIVE)');
			// commits racing the checkpoints can keep the WAL from ever being fully copied, and only
			// a fully copied WAL is restarted from its beginning: past the limit, wait for the writer once
			if (result && result.log > workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)');
		} catch (error) {
			parentPort.postMessage({ error: String(error && error.message || error) });
		}
		return;
	}
	if (message === 'close') {
		try {
			if (db) db.close();
		} finally {
			db = null;
			Atomics.store(closed, 0, 1);
			Atomics.notify(closed, 0);
			parentPort.close();
		}
	}
});
`;

interface WorkerMessage {
	readonly key?: number;
	readonly state?: Uint8Array | null;
	readonly fromSeq?: number;
	readonly throughSeq?: number;
	readonly folded?: number;
	readonly error?: string;
	readonly fatal?: boolean;
}

/**
 * Starts a worker thread with its own connection to the SQLite file `file` (which must exist, be
 * in WAL mode and have the store's schema). `sync` is the `synchronous` level its checkpoints use,
 * the store's own. `onError` receives errors of the worker's checkpoints: after a failed one it
 * keeps going (the next request retries); if it cannot open the database or dies, every method
 * returns false from then on. The worker does not keep the process alive.
 */
export function startStoreWorker(file: string, sync: SyncMode, onError: (message: string) => void = () => {}): StoreWorker {
	const closedFlag = new SharedArrayBuffer(4);
	const require = createRequire(import.meta.url);
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		// no inherited --import hooks (tsx): the source is plain CommonJS
		execArgv: [],
		workerData: {
			driver: require.resolve('better-sqlite3'),
			yjs: require.resolve('yjs'),
			file,
			sync: sync === 'full' ? 'FULL' : 'NORMAL',
			closed: closedFlag,
			restartFrames: RESTART_AFTER_FRAMES
		}
	});
	worker.unref();
	let alive = true;
	let closed = false;
	let nextKey = 1;
	const pending = new Map<number, (result: FoldResult) => void>();
	const failPending = (error: string) => {
		const waiting = [...pending.values()];
		pending.clear();
		for (const done of waiting) done({ error });
	};
	const gone = (why: string) => {
		alive = false;
		failPending(why);
	};
	worker.on('message', (message: WorkerMessage) => {
		if (message.key !== undefined) {
			const done = pending.get(message.key);
			pending.delete(message.key);
			done?.(
				message.error !== undefined
					? { error: message.error }
					: { state: message.state ?? null, fromSeq: message.fromSeq ?? 0, throughSeq: message.throughSeq ?? 0, folded: message.folded ?? 0 }
			);
			return;
		}
		if (message.error) onError(message.error);
		if (message.fatal) gone(message.error ?? 'the store worker could not open the database');
	});
	worker.on('error', (error) => {
		onError(error.message);
		gone(error.message);
	});
	worker.on('exit', () => gone('the store worker exited'));
	return {
		checkpoint() {
			if (!alive || closed) return false;
			worker.postMessage('checkpoint');
			return true;
		},
		fold(boardId, done) {
			if (!alive || closed) return false;
			const key = nextKey++;
			pending.set(key, done);
			worker.postMessage({ fold: { key, boardId } });
			return true;
		},
		close(timeoutMs = 5000) {
			if (closed) return;
			closed = true;
			if (alive) {
				worker.postMessage('close');
				Atomics.wait(new Int32Array(closedFlag), 0, 0, timeoutMs);
			}
			failPending('the store was closed');
			void worker.terminate();
		}
	};
}
