/**
 * The store's background work, on a worker thread with its own SQLite connection (its code is
 * sqlite-worker.ts), so that none of it stalls the relays of the main thread:
 * - WAL checkpoints: copying the WAL into the database file and fsyncing it (1–20 ms on a virtual
 *   disk), concurrently with the main connection's commits (a PASSIVE checkpoint never blocks writers);
 * - folding a board's stored updates into one snapshot: reading the snapshot and the updates and
 *   encoding them through a fresh Y.Doc (10–40 ms for a busy board of a few thousand keys). Only
 *   the encoding happens here; the main connection writes the result (one short transaction), so
 *   the worker never holds the write lock the commits need.
 *
 * Failures are logged. A worker that cannot load its code or open the database is not started
 * again (the store then does the work on its own connection). A worker that crashes later (an
 * uncaught error, out of memory) fails the folds it was running with "storage unavailable" —
 * nothing was written, the rows stay stored — and a fresh worker starts on the next request.
 */
import type { Worker } from 'node:worker_threads';
import type { SyncMode } from '../config.ts';
import type { Logger } from '../log.ts';
import { StoreUnavailableError } from '../storage-errors.ts';
import { startModuleWorker, workerModuleUrl } from '../worker-module.ts';
import type { FromStoreWorker, StoreWorkerData, ToStoreWorker } from './sqlite-worker-protocol.ts';

/** Name of the worker's module (server/store/sqlite-worker.ts, compiled: dist-server/store/sqlite-worker.js). */
export const STORE_WORKER_MODULE = 'store/sqlite-worker';

/**
 * Outcome of {@link StoreWorker.fold}: the board's snapshot (through `fromSeq`) and every update
 * stored after it (through `throughSeq`, `folded` rows) encoded as one state — null when there was
 * nothing to fold — or why it failed: `unavailable` (a StoreUnavailableError) when the worker
 * stopped while folding, else the error the fold met on the worker.
 */
export type FoldResult =
	| { readonly state: Uint8Array | null; readonly fromSeq: number; readonly throughSeq: number; readonly folded: number }
	| { readonly error: string; readonly unavailable?: StoreUnavailableError };

/** Background work on a database; see {@link startStoreWorker}. */
export interface StoreWorker {
	/**
	 * Asks for one PASSIVE checkpoint and returns at once. Requests made while one runs queue
	 * behind it. Returns false when there is no worker (it cannot load or open the database, or
	 * it is closed): the caller should then checkpoint on its own connection.
	 */
	checkpoint(): boolean;
	/**
	 * Asks for board `boardId`'s stored state (its snapshot and every update committed after it,
	 * read in one transaction) encoded as one update, and returns at once; `done` receives it later
	 * (always called once, unless this returns false). Returns false when there is no worker: the
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

/** Options of {@link startStoreWorker}. */
export interface StoreWorkerOptions {
	/** Where the worker's failures are told (error lines: load, open, crash; warnings: a failed checkpoint). */
	readonly log: Logger;
	/** Limits of the worker thread (its heap); past them it crashes and is restarted on the next request. */
	readonly resourceLimits?: { readonly maxOldGenerationSizeMb?: number; readonly maxYoungGenerationSizeMb?: number };
}

/**
 * Starts the store worker (a thread with its own connection to the SQLite file `file`, which must
 * exist, be in WAL mode and have the store's schema). `sync` is the `synchronous` level its
 * checkpoints use, the store's own. The worker starts at once and does not keep the process alive.
 */
export function startStoreWorker(file: string, sync: SyncMode, { log, resourceLimits }: StoreWorkerOptions): StoreWorker {
	const closedFlag = new SharedArrayBuffer(4);
	const workerData: StoreWorkerData = { file, sync: sync === 'full' ? 'FULL' : 'NORMAL', closed: closedFlag, restartFrames: RESTART_AFTER_FRAMES };
	const module = workerModuleUrl(STORE_WORKER_MODULE).pathname;
	let worker: Worker | null = null;
	let ready = false;
	/** the worker cannot do its work (its code or the database cannot be loaded): not started again */
	let disabled = false;
	let closed = false;
	let started = 0;
	let nextKey = 1;
	const pending = new Map<number, (result: FoldResult) => void>();

	const failPending = (result: FoldResult) => {
		const waiting = [...pending.values()];
		pending.clear();
		for (const done of waiting) done(result);
	};

	/**
	 * The worker `thread` is gone: its pending folds fail (as unavailable, if it had started); the
	 * next request starts another, unless `disable` (it could not start).
	 */
	const lost = (thread: Worker, why: string, disable: boolean) => {
		if (worker !== thread) return;
		worker = null;
		ready = false;
		if (disable) disabled = true;
		thread.removeAllListeners();
		thread.on('error', () => {});
		void thread.terminate();
		// a worker that never started failed no fold: the caller folds on its own connection instead
		const error = new StoreUnavailableError(`storage unavailable: ${why}`, undefined);
		failPending(disable ? { error: why } : { error: error.message, unavailable: error });
	};

	const start = (): Worker | null => {
		if (worker || closed || disabled) return worker;
		const thread = startModuleWorker(STORE_WORKER_MODULE, { workerData, resourceLimits });
		thread.unref();
		worker = thread;
		if (started++ > 0) log.warn('the store worker restarts', { module });
		else log.debug('store worker started', { module });
		thread.on('message', (message: FromStoreWorker) => {
			if (message === 'ready') {
				ready = true;
				return;
			}
			if ('key' in message) {
				const done = pending.get(message.key);
				pending.delete(message.key);
				done?.(message);
				return;
			}
			if (message.fatal) {
				log.error('the store worker cannot open the database; checkpoints and compaction run on the main connection', { error: message.error, module });
				lost(thread, `the store worker cannot open the database: ${message.error}`, true);
			} else log.warn('a WAL checkpoint on the store worker failed', { error: message.error });
		});
		thread.on('error', (error) => {
			if (!ready) {
				// a module that fails to load ends here too: starting it again would fail the same way
				log.error('the store worker could not start; checkpoints and compaction run on the main connection', { error, module });
				lost(thread, `the store worker could not start: ${error.message}`, true);
				return;
			}
			log.error('the store worker crashed; it restarts on the next request', { error, module, folds: pending.size });
			lost(thread, `the store worker crashed: ${error.message}`, false);
		});
		thread.on('exit', (code) => {
			if (worker !== thread) return;
			log.error('the store worker stopped; it restarts on the next request', { exitCode: code, module, folds: pending.size });
			lost(thread, `the store worker stopped (exit code ${code})`, !ready);
		});
		return thread;
	};

	const post = (message: ToStoreWorker): boolean => {
		const thread = start();
		if (!thread) return false;
		thread.postMessage(message);
		return true;
	};

	start();
	return {
		checkpoint() {
			return !closed && post('checkpoint');
		},
		fold(boardId, done) {
			if (closed) return false;
			const key = nextKey++;
			pending.set(key, done);
			if (post({ fold: { key, boardId } })) return true;
			pending.delete(key);
			return false;
		},
		close(timeoutMs = 5000) {
			if (closed) return;
			closed = true;
			const thread = worker;
			worker = null;
			if (thread) {
				thread.removeAllListeners();
				thread.on('error', () => {});
				// a worker with its connection open closes it first, so the store's connection is the last
				if (ready) {
					thread.postMessage('close' satisfies ToStoreWorker);
					Atomics.wait(new Int32Array(closedFlag), 0, 0, timeoutMs);
				}
				void thread.terminate();
			}
			failPending({ error: 'the store was closed' });
		}
	};
}
