/**
 * Builds new boards without stalling the server: small create/import requests are built on the
 * main thread (bounded cost, see board-build.ts), anything bigger on one worker thread, one job at
 * a time, each within a time limit. A job past the limit (markdown or notes crafted to make the
 * parsers take seconds or minutes) ends the worker — the only way to stop a parser mid-way — and is
 * answered 413; the next job starts a fresh worker. The main thread keeps serving meanwhile.
 */
import type { Worker } from 'node:worker_threads';
import type { BuildJob, BuildOutcome } from './board-build.ts';
import { builds } from './lazy-plans.ts';
import type { Logger } from './log.ts';
import { startModuleWorker } from './worker-module.ts';

/** Jobs that may wait for the worker; more get 503 (busy). */
export const MAX_QUEUED_BUILDS = 8;
/** How long the worker may take to load its code before jobs fail (ms). */
const STARTUP_LIMIT_MS = 60_000;
/** An idle worker is stopped after this long (ms), giving its memory back; the next big job starts another. */
const IDLE_STOP_MS = 60_000;

/** Builds boards; see the module comment. */
export interface BoardBuilder {
	/** Builds `job` inline or on the worker. Resolves with a 4xx/503 outcome rather than rejecting. */
	build(job: BuildJob): Promise<BuildOutcome>;
	/** Stops the worker; waiting jobs get 503. Idempotent. */
	close(): void;
}

/** Options of {@link createBoardBuilder}. */
export interface BoardBuilderOptions {
	/** How long one job may run on the worker (ms). */
	readonly timeLimitMs: number;
	readonly log: Logger;
}

interface Waiting {
	readonly job: BuildJob;
	readonly done: (outcome: BuildOutcome) => void;
}

const busy = (error: string): BuildOutcome => ({ ok: false, status: 503, error });

/** Creates the builder; the worker starts on the first job that needs it. */
export function createBoardBuilder({ timeLimitMs, log }: BoardBuilderOptions): BoardBuilder {
	const queue: Waiting[] = [];
	let worker: Worker | null = null;
	let ready = false;
	let running: (Waiting & { timer: NodeJS.Timeout }) | null = null;
	let closed = false;
	let idleTimer: NodeJS.Timeout | null = null;

	const finish = (outcome: BuildOutcome) => {
		const job = running;
		running = null;
		if (job) {
			clearTimeout(job.timer);
			job.done(outcome);
		}
		next();
	};

	const stopWorker = () => {
		const stopping = worker;
		worker = null;
		ready = false;
		if (stopping) {
			stopping.removeAllListeners();
			stopping.on('error', () => {});
			void stopping.terminate();
		}
	};

	const startWorker = () => {
		// the thread's code is board-build-worker.ts
		const started = startModuleWorker('board-build-worker');
		started.unref();
		worker = started;
		const startup = setTimeout(() => {
			log.error('the board builder did not start in time');
			failAll('the board builder did not start; try again later');
		}, STARTUP_LIMIT_MS);
		startup.unref();
		started.on('message', (message: unknown) => {
			if (message === 'ready') {
				clearTimeout(startup);
				ready = true;
				next();
				return;
			}
			finish(message as BuildOutcome);
		});
		started.on('error', (error) => {
			clearTimeout(startup);
			// a module that fails to load ends up here too, before 'ready'
			log.error(ready ? 'the board builder failed' : 'the board builder could not load its code', { error });
			if (!ready) {
				// it never started: do not start it again for every waiting job
				failAll('the board builder is unavailable; try again later');
				return;
			}
			stopWorker();
			if (running) finish({ ok: false, status: 413, error: 'the plan or document is too large or complex to read' });
			else next();
		});
		started.on('exit', () => {
			clearTimeout(startup);
			if (worker !== started) return;
			worker = null;
			ready = false;
			if (running) finish({ ok: false, status: 413, error: 'the plan or document is too large or complex to read' });
		});
	};

	const failAll = (error: string) => {
		stopWorker();
		const waiting = queue.splice(0);
		if (running) finish(busy(error));
		for (const job of waiting) job.done(busy(error));
	};

	const next = () => {
		if (idleTimer) clearTimeout(idleTimer);
		idleTimer = null;
		if (running || closed) return;
		if (queue.length === 0) {
			if (worker) {
				idleTimer = setTimeout(stopWorker, IDLE_STOP_MS);
				idleTimer.unref();
			}
			return;
		}
		if (!worker) startWorker();
		if (!ready || !worker) return;
		const waiting = queue.shift() as Waiting;
		const timer = setTimeout(() => {
			log.warn('board build over its time limit; worker stopped', { kind: waiting.job.kind, timeLimitMs });
			stopWorker();
			finish({
				ok: false,
				status: 413,
				error: `the ${waiting.job.kind === 'markdown' ? 'document' : 'plan'} is too complex to read within ${Math.round(timeLimitMs / 100) / 10} s (very long or deeply structured notes?)`
			});
		}, timeLimitMs);
		timer.unref();
		running = { ...waiting, timer };
		worker.postMessage(waiting.job);
	};

	return {
		async build(job) {
			if (closed) return busy('the server is shutting down');
			// the building code (model, markdown import) is loaded by the first build, not at start
			const { isSmallJob, precheckBuild, runBuild } = await builds();
			if (closed) return busy('the server is shutting down');
			if (isSmallJob(job)) return runBuild(job);
			const refused = precheckBuild(job);
			if (refused) return refused;
			if (queue.length >= MAX_QUEUED_BUILDS) return busy('too many boards are being built right now; try again shortly');
			return new Promise<BuildOutcome>((done) => {
				queue.push({ job, done });
				next();
			});
		},
		close() {
			if (closed) return;
			closed = true;
			if (idleTimer) clearTimeout(idleTimer);
			failAll('the server is shutting down');
		}
	};
}
