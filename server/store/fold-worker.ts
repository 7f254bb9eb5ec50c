/**
 * Folding a board's snapshot and updates into one state on a worker thread: for stores whose
 * compaction reads the rows itself (Postgres) but whose encoding — tens of ms for a big board —
 * must not stall the main thread's relays. Copies of the bytes go over; the result is transferred back.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

// CommonJS source of the worker, run with `eval` so it needs no loader (tsx, Vite) to start.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
parentPort.on('message', ({ id, snapshot, updates }) => {
	try {
		const doc = new Y.Doc();
		doc.transact(() => {
			if (snapshot) Y.applyUpdate(doc, snapshot);
			for (const u of updates) Y.applyUpdate(doc, u);
		});
		const state = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		parentPort.postMessage({ id, state }, [state.buffer]);
	} catch (error) {
		parentPort.postMessage({ id, error: String((error && error.message) || error) });
	}
});
`;

/** Starts the worker thread (lazily used; unref'd so it never keeps a process alive). */
export function startFoldWorker(): FoldWorker {
	let worker: Worker | null = null;
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
		if (worker || closed) return worker;
		try {
			worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { yjs: createRequire(import.meta.url).resolve('yjs') } });
		} catch {
			return null;
		}
		worker.unref();
		worker.on('message', (message: { id: number; state?: Uint8Array; error?: string }) => {
			const job = pending.get(message.id);
			if (!job) return;
			pending.delete(message.id);
			if (message.state) job.resolve(message.state);
			else job.reject(new Error(message.error ?? 'fold failed'));
		});
		worker.on('error', failOver);
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
				thread.postMessage({ id, snapshot: sentSnapshot, updates: sentUpdates }, transfer);
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
