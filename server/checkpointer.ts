/**
 * WAL checkpoints on a worker thread. A checkpoint copies the WAL into the database file and
 * fsyncs it (1–20 ms on a virtual disk); run on the main thread it stalls every relay that
 * arrives meanwhile. Here a second SQLite connection in a worker does it, concurrently with the
 * main connection's commits (a PASSIVE checkpoint never blocks writers).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SyncMode } from './config.ts';

/** Checkpoints a database in the background; see {@link startCheckpointer}. */
export interface Checkpointer {
	/**
	 * Asks for one PASSIVE checkpoint and returns at once. Requests made while one runs queue
	 * behind it. Returns false when the worker is gone (failed to start or crashed): the caller
	 * should then checkpoint on its own connection.
	 */
	request(): boolean;
	/** Closes the worker's connection, waiting for it (at most `timeoutMs`), and ends the worker. Idempotent. */
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
try {
	db = new Database(workerData.file, { fileMustExist: true });
	db.pragma('synchronous = ' + workerData.sync);
	db.pragma('busy_timeout = 5000');
} catch (error) {
	db = null;
	parentPort.postMessage({ error: String(error && error.message || error), fatal: true });
}
parentPort.on('message', (message) => {
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

/**
 * Starts a worker thread with its own connection to the SQLite file `file` (which must exist and
 * be in WAL mode). `sync` is the `synchronous` level its checkpoints use, the store's own.
 * `onError` receives errors of the worker: after a failed checkpoint it keeps going (the next
 * request retries); if it cannot open the database or dies, {@link Checkpointer.request} returns
 * false from then on. The worker does not keep the process alive.
 */
export function startCheckpointer(file: string, sync: SyncMode, onError: (message: string) => void = () => {}): Checkpointer {
	const closedFlag = new SharedArrayBuffer(4);
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		// no inherited --import hooks (tsx): the source is plain CommonJS
		execArgv: [],
		workerData: {
			driver: createRequire(import.meta.url).resolve('better-sqlite3'),
			file,
			sync: sync === 'full' ? 'FULL' : 'NORMAL',
			closed: closedFlag,
			restartFrames: RESTART_AFTER_FRAMES
		}
	});
	worker.unref();
	let alive = true;
	let closed = false;
	worker.on('message', (message: { error?: string; fatal?: boolean }) => {
		if (message.fatal) alive = false;
		if (message.error) onError(message.error);
	});
	worker.on('error', (error) => {
		alive = false;
		onError(error.message);
	});
	worker.on('exit', () => {
		alive = false;
	});
	return {
		request() {
			if (!alive || closed) return false;
			worker.postMessage('checkpoint');
			return true;
		},
		close(timeoutMs = 5000) {
			if (closed) return;
			closed = true;
			if (alive) {
				worker.postMessage('close');
				Atomics.wait(new Int32Array(closedFlag), 0, 0, timeoutMs);
			}
			void worker.terminate();
		}
	};
}
