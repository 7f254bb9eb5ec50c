/**
 * Child processes of the benchmark: TypeScript entries run with `node --import tsx`, talking to
 * the parent over IPC (request/answer pairs, see child/ipc.ts). Server and client sides of a
 * scenario run in separate processes so neither one's event loop distorts the other's timing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../../scripts/server-flags.js';

/** Repository root (absolute path). */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const TSX_LOADER = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
/** The child entry that runs our server (child/our-server.ts). */
const OUR_SERVER = 'our-server.ts';

/** Harness-wide settings that affect every child. */
export interface ChildDefaults {
	/** When set, children run with `--cpu-prof` and write their profile into this directory. */
	cpuProfDir: string | null;
}

/** Mutable settings shared by the scenarios of one run (set once by run.ts). */
export const childDefaults: ChildDefaults = { cpuProfDir: null };

/** Options of {@link startChild}. */
export interface ChildOptions {
	/** Extra environment variables. */
	readonly env?: Record<string, string>;
	/** Extra Node flags, e.g. `--expose-gc`. */
	readonly nodeFlags?: readonly string[];
	/** Name of the child's CPU profile directory when profiling is on (a sequence number is appended). */
	readonly profileName?: string;
	/**
	 * Run `file` (an absolute path to plain JavaScript) with `node` alone, no TypeScript loader: a
	 * server as shipped. Its `ready` and answers then come from a preloaded probe (child/memory-probe.mjs).
	 */
	readonly plain?: boolean;
}

/** A running child entry. */
export interface Child {
	readonly process: ChildProcess;
	/** The payload of the child's `ready` message. */
	readonly ready: Promise<Record<string, unknown>>;
	/** Sends a command and resolves with the child's answer (rejects with its error). */
	call<T = unknown>(cmd: string, arg?: unknown): Promise<T>;
	/** Asks the child to stop (it cleans up and exits, writing its CPU profile), killing it after 10 s. */
	stop(): Promise<void>;
	/** Lines the child wrote to stderr. */
	readonly stderr: string[];
}

interface Answer {
	readonly id: number;
	readonly ok: boolean;
	readonly value?: unknown;
	readonly error?: string;
}

let profiles = 0;

/** Forks `file` (path relative to tests/bench/child) under tsx with an IPC channel (`plain`: see {@link ChildOptions}). */
export function startChild(file: string, options: ChildOptions = {}): Child {
	// our server runs with the Node flags `npm start` gives it (V8's young generation size matters to
	// latency and memory), here under tsx from source
	const shipped = file === OUR_SERVER ? SERVER_NODE_FLAGS : [];
	const flags = [...(options.plain ? [] : ['--import', TSX_LOADER]), ...shipped, ...(options.nodeFlags ?? [])];
	if (childDefaults.cpuProfDir) {
		// one directory per child: the tsx loader thread writes a profile of its own next to the main thread's
		const name = `${options.profileName ?? file.replace(/\W+/g, '-')}-${String(++profiles).padStart(2, '0')}`;
		flags.push('--cpu-prof', `--cpu-prof-dir=${join(childDefaults.cpuProfDir, name)}`);
	}
	const proc = fork(options.plain ? file : join(ROOT, 'tests', 'bench', 'child', file), [], {
		cwd: ROOT,
		execArgv: flags,
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
		serialization: 'advanced'
	});
	const stderr: string[] = [];
	proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let nextId = 1;
	let exited = false;
	const exit = new Promise<void>((resolve) =>
		proc.once('exit', (code, signal) => {
			exited = true;
			const error = new Error(`child ${file} exited (${code ?? signal}) ${stderr.slice(-20).join('\n')}`);
			for (const p of pending.values()) p.reject(error);
			pending.clear();
			resolve();
		})
	);
	const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
		proc.on('message', (message: { ready?: Record<string, unknown> } & Partial<Answer>) => {
			if (message.ready) {
				resolve(message.ready);
				return;
			}
			const waiter = message.id === undefined ? undefined : pending.get(message.id);
			if (!waiter) return;
			pending.delete(message.id!);
			if (message.ok) waiter.resolve(message.value);
			else waiter.reject(new Error(`${file}: ${message.error}`));
		});
		void exit.then(() => reject(new Error(`child ${file} exited before it was ready:\n${stderr.slice(-30).join('\n')}`)));
	});
	return {
		process: proc,
		ready,
		stderr,
		call<T>(cmd: string, arg?: unknown): Promise<T> {
			if (exited) return Promise.reject(new Error(`child ${file} has exited`));
			const id = nextId++;
			return new Promise<T>((resolve, reject) => {
				pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
				proc.send({ id, cmd, arg });
			});
		},
		async stop() {
			if (exited) return;
			const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
			try {
				proc.send({ id: 0, cmd: 'exit' });
			} catch {
				proc.kill('SIGKILL');
			}
			await exit;
			clearTimeout(timer);
		}
	};
}

/** A fresh temporary directory; remove it with {@link removeDir}. */
export function tempDir(prefix: string): string {
	return mkdtempSync(join(tmpdir(), `gw-bench-${prefix}-`));
}

/** Removes a directory tree, ignoring errors. */
export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}
