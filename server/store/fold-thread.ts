/**
 * The fold worker's thread (started by startFoldWorker in fold-worker.ts): folds each snapshot +
 * updates it is sent into one state (state.ts `foldState`) and transfers it back. Runs only as a
 * worker thread.
 */
import { parentPort } from 'node:worker_threads';
import { foldState } from './state.ts';

/** A fold job (main thread → worker). */
export interface FoldJob {
	readonly id: number;
	readonly snapshot: Uint8Array | null;
	readonly updates: Uint8Array[];
}

/** The answer to job `id` (worker → main thread): its state, or why it failed. */
export type FoldAnswer = { readonly id: number; readonly state: Uint8Array } | { readonly id: number; readonly error: string };

if (!parentPort) throw new Error('fold-thread.ts runs only as a worker thread (see fold-worker.ts)');
const port = parentPort;

port.on('message', ({ id, snapshot, updates }: FoldJob) => {
	let answer: FoldAnswer;
	try {
		answer = { id, state: foldState(snapshot, updates) };
	} catch (error) {
		answer = { id, error: String((error instanceof Error && error.message) || error) };
	}
	port.postMessage(answer, 'state' in answer ? [answer.state.buffer as ArrayBuffer] : []);
});
