/**
 * Folding a board's snapshot and updates into one state on a worker thread: for stores whose
 * compaction reads the rows itself (Postgres) but whose encoding — tens of ms for a big board —
 * must not stall the main thread's relays. Copies of the bytes go over; the result is transferred back.
 * The thread's code is fold-thread.ts (compiled: dist-server/store/fold-thread.js).
 */
import type { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import { startModuleWorker } from '../worker-module.ts';
import type { FoldAnswer, FoldJob } from './fold-thread.ts';
import { foldState } from './state.ts';

/** A worker thread that folds states; see {@link startFoldWorker}. */
export interface FoldWorker {
	/**
	 * The snapshot plus updates folded into one update (as state.ts `foldState`), on the worker;
	 * on the calling thread instead when the worker is gone (failed to start or crashed). The
	 * worker gets copies (one memcpy each, transferred), so the caller's arrays stay usable.
	 */
	fold(snapshot: Uint8Array | null, updates: Uint8Array[]): Promise<Uint8Array>;
	/** Ends the worker; folds in flight finish on the calling thread. Idempotent. */
	close(): void;
}

/**
 * Starts the worker thread (lazily used; unref'd so it never keeps a process alive). Its failures
 * go to `log`: one that crashes is started again by the next fold; one that fails before
 * answering any fold (its code does not load) is not, and folds stay on the calling thread.
 */
export function startFoldWorker(log?: Logger): FoldWorker {
	let worker: Worker | null = null;
	let answered = false;
	let disabled = false;
	let nextId = 1;
	const pending = new Map<number, { snapshot: Uint8Array | null; updates: Uint8Array[]; resolve: (state: Uint8Array) => void; reject: (error: Error) => void }>();
	/** Folds the pending jobs on this thread (the worker is gone); their bytes were copied before transfer. */
	const failOver = () => {
		worker = null;
		for (const [id, job] of pending) {
			pending.delete(id);
			try {
				job.resolve(foldState(job.snapshot, job.updates));
			} catch (error) {
				job.reject(error instanceof Error ? error : new Error(String(error)));
			}
		}
	};
	let closed = false;
	const started = (): Worker | null => {
		if (worker || closed || disabled) return worker;
		try {
			worker = startModuleWorker('store/fold-thread');
		} catch (error) {
			log?.error('the fold worker could not start; folds run on the main thread', { error });
			disabled = true;
			return null;
		}
		worker.unref();
		worker.on('message', (message: FoldAnswer) => {
			answered = true;
			const job = pending.get(message.id);
			if (!job) return;
			pending.delete(message.id);
			if ('state' in message) job.resolve(message.state);
			else job.reject(new Error(message.error));
		});
		worker.on('error', (error) => {
			if (!answered) disabled = true;
			log?.error(answered ? 'the fold worker crashed; it restarts on the next big fold' : 'the fold worker could not start; folds run on the main thread', {
				error,
				folds: pending.size
			});
			failOver();
		});
		worker.on('exit', failOver);
		return worker;
	};
	return {
		fold(snapshot, updates) {
			const thread = started();
			if (!thread) return Promise.resolve().then(() => foldState(snapshot, updates));
			return new Promise((resolve, reject) => {
				const id = nextId++;
				// kept for a fail-over on this thread; the worker gets its own transferred copies
				pending.set(id, { snapshot, updates, resolve, reject });
				const sentSnapshot = snapshot ? snapshot.slice() : null;
				const sentUpdates = updates.map((u) => u.slice());
				const transfer = [...(sentSnapshot ? [sentSnapshot] : []), ...sentUpdates].map((p) => p.buffer as ArrayBuffer);
				thread.postMessage({ id, snapshot: sentSnapshot, updates: sentUpdates } satisfies FoldJob, transfer);
			});
		},
		close() {
			if (closed) return;
			closed = true;
			const thread = worker;
			thread?.removeAllListeners('exit');
			failOver();
			void thread?.terminate();
		}
	};
}
