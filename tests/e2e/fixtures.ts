/**
 * Playwright fixtures shared by every e2e spec: `server` is the real production process
 * (the compiled `node dist-server/index.js` serving build/, with the flags `npm start` runs it with) on a free port with a temporary DATA_DIR,
 * started once per worker. Import `test` and `expect` from here instead of '@playwright/test'.
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.js';

/** The running server: base URL (no trailing slash), its data dir and its log lines so far. */
export interface E2EServer {
	readonly url: string;
	readonly dataDir: string;
	readonly logs: string[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The compiled server `npm run build` writes. */
export const SERVER_ENTRY = join(root, 'dist-server', 'index.js');

async function startServer(): Promise<{ server: E2EServer; stop: () => Promise<void> }> {
	if (!existsSync(join(root, 'build', 'handler.js')) || !existsSync(SERVER_ENTRY)) {
		throw new Error('no app or server build: run `npm run build` first (`npm run test:e2e` does)');
	}
	const dataDir = mkdtempSync(join(tmpdir(), 'gw-e2e-'));
	const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], {
		cwd: root,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_FORMAT: 'json', PUBLIC_URL: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs: string[] = [];
	createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
	const url = await new Promise<string>((resolve, reject) => {
		createInterface({ input: child.stdout! }).on('line', (line) => {
			logs.push(line);
			try {
				const entry = JSON.parse(line) as { msg?: string; url?: string };
				if (entry.msg === 'groundwork listening' && entry.url) resolve(entry.url);
			} catch {
				/* not a log line */
			}
		});
		child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${logs.join('\n')}`)));
	});
	const stop = async () => {
		if (child.exitCode === null) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
	return { server: { url, dataDir, logs }, stop };
}

/** `test` with a worker-scoped `server` fixture. */
export const test = base.extend<object, { server: E2EServer }>({
	server: [
		async ({}, use) => {
			const { server, stop } = await startServer();
			await use(server);
			await stop();
		},
		{ scope: 'worker', timeout: 60_000 }
	]
});

export { expect };
