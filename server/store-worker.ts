/**
 * The store's background work, on a worker thread with its own SQLite connection, so that none of
 * it stalls the relays of the main thread:
 * - WAL checkpoints: copying the WAL into the database file and fsyncing it (1–20 ms on a virtual
 *   disk), concurrently with the main connection's commits (a PASSIVE checkpoint never blocks writers);
 * - folding a board's stored updates into one snapshot: reading the snapshot and the updates and
 *   encoding them through a fresh Y.Doc (10–40 ms for a busy board of a few thousand keys). Only
 *   the encoding happens here; the main connection writes the result (one short transaction), so
 *   the worker never holds the write lock the commits need.
 * The thread's code is the module store-worker-thread.ts; this side starts it and talks to it.
 */
import type { SyncMode } from './config.ts';
import { startModuleWorker } from './worker-module.ts';

/** Outcome of {@link StoreWorker.fold}: the encoded state (null when there was nothing to fold) or why it failed. */
export type FoldResult = { readonly state: Uint8Array | null; readonly throughSeq: number } | { readonly error: string };

/** Background work on a database; see {@link startStoreWorker}. */
export interface StoreWorker {
	/**
	 * Asks for one PASSIVE checkpoint and returns at once. Requests made while one runs queue
	 * behind it. Returns false when the worker is gone (failed to start or crashed): the caller
	 * should then checkpoint on its own connection.
	 */
	checkpoint(): boolean;
	/**
	 * Asks for board `boardId`'s stored state through update `throughSeq` (its snapshot and the
	 * updates after it up to that seq, which must be committed) encoded as one update, and returns
	 * at once; `done` receives it later (always called once, unless this returns false). Returns
	 * false when the worker is gone: the caller should then fold on its own.
	 */
	fold(boardId: string, throughSeq: number, done: (result: FoldResult) => void): boolean;
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

/** What startStoreWorker hands its thread (store-worker-thread.ts) as `workerData`. */
export interface StoreWorkerData {
	/** The SQLite file (exists, in WAL mode, with the store's schema). */
	readonly file: string;
	/** The `synchronous` level of the worker's connection: the store's own. */
	readonly sync: 'FULL' | 'NORMAL';
	/** One Int32 the thread sets to 1 (and notifies) once its connection is closed. */
	readonly closed: SharedArrayBuffer;
	/** See {@link RESTART_AFTER_FRAMES}. */
	readonly restartFrames: number;
}

/** A fold the main thread asks for; `key` pairs the answer with the request. */
export interface FoldRequest {
	readonly key: number;
	readonly boardId: string;
	readonly throughSeq: number;
}

/** Messages to the thread. */
export type ToStoreWorker = 'checkpoint' | 'close' | { readonly fold: FoldRequest };

/** Messages from the thread: a fold's answer (with its key), or an error of its own (fatal: it has no database). */
export type FromStoreWorker =
	| { readonly key: number; readonly state: Uint8Array | null; readonly throughSeq: number }
	| { readonly key: number; readonly error: string }
	| { readonly key?: undefined; readonly error: string; readonly fatal?: boolean };

/**
 * Starts a worker thread with its own connection to the SQLite file `file` (which must exist, be
 * in WAL mode and have the store's schema). `sync` is the `synchronous` level its checkpoints use,
 * the store's own. `onError` receives every error of the worker (the store logs them): a failed
 * checkpoint (the worker keeps going; the next request retries), a database it cannot open, a
 * module that fails to load, a crash or an exit nobody asked for; in the last cases every method
 * returns false from then on. A failed fold is answered to its caller. The worker does not keep
 * the process alive.
 */
export function startStoreWorker(file: string, sync: SyncMode, onError: (message: string) => void = () => {}): StoreWorker {
	const closedFlag = new SharedArrayBuffer(4);
	const workerData: StoreWorkerData = { file, sync: sync === 'full' ? 'FULL' : 'NORMAL', closed: closedFlag, restartFrames: RESTART_AFTER_FRAMES };
	const worker = startModuleWorker('store-worker-thread', { workerData });
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
	worker.on('message', (message: FromStoreWorker) => {
		if (message.key !== undefined) {
			const done = pending.get(message.key);
			pending.delete(message.key);
			done?.('error' in message ? { error: message.error } : { state: message.state, throughSeq: message.throughSeq });
			return;
		}
		onError(message.error);
		if (message.fatal) gone(message.error);
	});
	worker.on('error', (error) => {
		onError(error.stack ?? error.message);
		gone(error.message);
	});
	worker.on('exit', (code) => {
		if (!closed && alive) onError(`the store worker exited (code ${code})`);
		gone('the store worker exited');
	});
	return {
		checkpoint() {
			if (!alive || closed) return false;
			worker.postMessage('checkpoint' satisfies ToStoreWorker);
			return true;
		},
		fold(boardId, throughSeq, done) {
			if (!alive || closed) return false;
			const key = nextKey++;
			pending.set(key, done);
			worker.postMessage({ fold: { key, boardId, throughSeq } } satisfies ToStoreWorker);
			return true;
		},
		close(timeoutMs = 5000) {
			if (closed) return;
			closed = true;
			if (alive) {
				worker.postMessage('close' satisfies ToStoreWorker);
				Atomics.wait(new Int32Array(closedFlag), 0, 0, timeoutMs);
			}
			failPending('the store was closed');
			void worker.terminate();
		}
	};
}
