/**
 * The board builder's thread (started by createBoardBuilder in board-builder.ts): runs one build
 * job per message and answers its outcome, then says 'ready' once its code is loaded. Runs only
 * as a worker thread; a job that takes too long is stopped by ending the thread.
 */
import { parentPort } from 'node:worker_threads';
import { runBuild, type BuildJob, type BuildOutcome } from './board-build.ts';

if (!parentPort) throw new Error('board-build-worker.ts runs only as a worker thread (see board-builder.ts)');
const port = parentPort;

port.on('message', (job: BuildJob) => {
	let outcome: BuildOutcome;
	try {
		outcome = runBuild(job);
	} catch (error) {
		outcome = { ok: false, status: 400, error: `the board could not be built: ${String((error instanceof Error && error.message) || error)}` };
	}
	port.postMessage(outcome, outcome.ok ? [outcome.state.buffer as ArrayBuffer] : []);
});
port.postMessage('ready');
