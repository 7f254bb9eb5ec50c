/**
 * What the SQLite store's main thread (sqlite-background.ts) and its worker thread
 * (sqlite-worker.ts) say to each other: the worker's start data and the messages both ways.
 */

/** `workerData` of the store worker. */
export interface StoreWorkerData {
	/** The database file (must exist, in WAL mode, with the store's schema). */
	readonly file: string;
	/** `synchronous` level of the worker's connection (its checkpoints), the store's own. */
	readonly sync: 'FULL' | 'NORMAL';
	/** One Int32: set to 1 (and notified) once the worker's connection is closed. */
	readonly closed: SharedArrayBuffer;
	/** WAL frames above which a checkpoint waits for the writer (RESTART). */
	readonly restartFrames: number;
}

/** Main thread → worker. */
export type ToStoreWorker = 'checkpoint' | 'close' | { readonly fold: { readonly key: number; readonly boardId: string } };

/** Worker → main thread. */
export type FromStoreWorker =
	/** the connection is open: requests are served from now on */
	| 'ready'
	/** answer to fold request `key`: the board's state through `throughSeq` (null: nothing to fold) */
	| { readonly key: number; readonly state: Uint8Array | null; readonly fromSeq: number; readonly throughSeq: number; readonly folded: number }
	/** fold request `key` failed (nothing was written) */
	| { readonly key: number; readonly error: string }
	/** a checkpoint failed (the next request retries); `fatal`: the database cannot be opened, the worker serves nothing */
	| { readonly error: string; readonly fatal?: boolean };
