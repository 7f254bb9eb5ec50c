/**
 * Shared helpers of the integration tests: a real server on port 0 with a temp DATA_DIR, real
 * y-websocket providers over real sockets, a server child process, and direct row counts.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startServer, type RunningServer } from '../../server/app.ts';
import { loadConfig, type ServerConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { DATABASE_FILE } from '../../server/store.ts';
import type { CreatedBoard } from '../../src/lib/sync/board-api.ts';
import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.js';

export type { CreatedBoard };

/** A fresh temporary data directory. */
export function tempDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'gw-it-'));
}

/** Removes a temporary data directory. */
export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/** A server under test plus every log line it wrote. */
export interface TestServer extends RunningServer {
	readonly dataDir: string;
	readonly config: ServerConfig;
	readonly logs: string[];
	readonly wsUrl: string;
}

/** Starts the real server in-process on a free port. `env` uses the same names as production. */
export async function startTestServer(env: Record<string, string> = {}, dataDir = tempDataDir()): Promise<TestServer> {
	const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_FORMAT: 'json', ...env });
	const logs: string[] = [];
	const log = createLogger({ format: 'json', level: 'debug', write: (line) => logs.push(line) });
	const server = await startServer(config, { log });
	return { ...server, dataDir, config, logs, wsUrl: server.url.replace(/^http/, 'ws') };
}


/** Creates a board through the API and returns its credentials. */
export async function createBoard(url: string, body: unknown = {}): Promise<CreatedBoard> {
	const res = await fetch(`${url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
	return (await res.json()) as CreatedBoard;
}

/** A provider connected to a board, with its doc. */
export interface Client {
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	/** Resolves on the first sync with the server. */
	readonly synced: Promise<void>;
	/** Drops the socket without the goodbye a normal disconnect sends, and stops reconnecting. */
	kill(): void;
	destroy(): void;
}

/** Connects an unmodified y-websocket WebsocketProvider (BroadcastChannel off, so only the server links clients). */
export function connect(wsUrl: string, boardId: string, token: string, doc = new Y.Doc()): Client {
	const provider = new WebsocketProvider(`${wsUrl}/sync`, boardId, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', (state: boolean) => state && resolve());
	});
	return {
		doc,
		provider,
		synced,
		kill() {
			provider.shouldConnect = false;
			(provider.ws as unknown as WebSocket | null)?.terminate();
		},
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/**
 * Polls `check` (synchronous, or async such as a fetch or a store read) until it returns true (or a
 * truthy value), failing after `timeoutMs`.
 */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value as NonNullable<T>;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** A raw socket to the sync endpoint, recording what happens to it. */
export interface RawSocket {
	readonly ws: WebSocket;
	readonly opened: Promise<void>;
	readonly closed: Promise<{ code: number; reason: string }>;
	readonly received: Uint8Array[];
}

/** Opens a plain `ws` socket to `/sync/<boardId>` (token appended when given). */
export function rawSocket(wsUrl: string, boardId: string, token?: string, options: WebSocket.ClientOptions = {}): RawSocket {
	const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
	const ws = new WebSocket(`${wsUrl}/sync/${boardId}${query}`, options);
	const received: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	ws.on('error', () => {});
	const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	return { ws, opened, closed, received };
}

/** Update-log and snapshot row counts of a board, read through a separate SQLite connection. */
export function storedRows(dataDir: string, boardId: string): { updates: number; snapshots: number; updateBytes: number; snapshotBytes: number } {
	const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
	try {
		const u = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS b FROM updates WHERE board_id = ?').get(boardId) as { n: number; b: number };
		const s = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS b FROM snapshots WHERE board_id = ?').get(boardId) as { n: number; b: number };
		return { updates: u.n, snapshots: s.n, updateBytes: u.b, snapshotBytes: s.b };
	} finally {
		db.close();
	}
}

/** A server running as a child process (for kill tests). */
export interface ChildServer {
	readonly child: ChildProcess;
	readonly url: string;
	readonly wsUrl: string;
	/** Resolves with the exit code / signal. */
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	readonly output: string[];
}

const SERVER_ENTRY = fileURLToPath(new URL('../../server/index.ts', import.meta.url));

/**
 * Spawns `node --import tsx server/index.ts` on a free port and waits for its start line.
 * `fileSizeLimitKiB` runs it under `ulimit -f` (writes past that size fail with EFBIG, as on a full disk);
 * `compiledEntry` runs that compiled server (e.g. dist-server/index.js) with plain node instead,
 * with the flags `npm start` gives it (scripts/server-flags.js).
 */
export async function spawnServer(
	dataDir: string,
	env: Record<string, string> = {},
	options: { fileSizeLimitKiB?: number; compiledEntry?: string } = {}
): Promise<ChildServer> {
	const nodeArgs = options.compiledEntry ? [...SERVER_NODE_FLAGS, options.compiledEntry] : ['--import', import.meta.resolve('tsx'), SERVER_ENTRY];
	const [command, args] =
		options.fileSizeLimitKiB === undefined
			? [process.execPath, nodeArgs]
			: ['bash', ['-c', `ulimit -f ${options.fileSizeLimitKiB} && exec "$0" "$@"`, process.execPath, ...nodeArgs]];
	const child = spawn(command, args, {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
	const url = await new Promise<string>((resolve, reject) => {
		const lines = createInterface({ input: child.stdout! });
		lines.on('line', (line) => {
			output.push(line);
			try {
				const entry = JSON.parse(line) as { msg?: string; url?: string };
				if (entry.msg === 'groundwork listening' && entry.url) resolve(entry.url);
			} catch {
				/* not a log line */
			}
		});
		void exited.then(({ code, signal }) => reject(new Error(`server exited early (${code ?? signal}): ${output.join('\n')}`)));
	});
	return { child, url, wsUrl: url.replace(/^http/, 'ws'), exited, output };
}
