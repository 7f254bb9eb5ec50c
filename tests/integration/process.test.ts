/**
 * The server process as an operator runs it: one server per data folder (a second one refuses to
 * start, a killed one leaves no stale lock), and `npm start` ending together with the real server
 * on SIGTERM — real child processes, real npm.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../server/data-lock.ts';
import { createBoard, removeDir, spawnServer, startTestServer, tempDataDir, waitFor } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** A launcher (npm or scripts/start.js) with the real server under it. */
interface Launched {
	readonly launcher: ChildProcess;
	/** pid of the real server, from its start line. */
	readonly serverPid: number;
	readonly url: string;
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `command args` with the server's env and waits for the server's start line. */
async function launch(command: string, args: string[], dataDir: string): Promise<Launched> {
	const launcher = spawn(command, args, {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_FORMAT: 'json' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		launcher.once('exit', (code, signal) => resolve({ code, signal }))
	);
	createInterface({ input: launcher.stderr! }).on('line', (line) => output.push(line));
	const started = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
		createInterface({ input: launcher.stdout! }).on('line', (line) => {
			output.push(line);
			try {
				const entry = JSON.parse(line) as { msg?: string; url?: string; pid?: number };
				if (entry.msg === 'groundwork listening' && entry.url && entry.pid) resolve({ pid: entry.pid, url: entry.url });
			} catch {
				/* npm's own lines */
			}
		});
		void exited.then(({ code, signal }) => reject(new Error(`exited early (${code ?? signal}): ${output.join('\n')}`)));
	});
	cleanup.push(() => {
		if (alive(started.pid)) process.kill(started.pid, 'SIGKILL');
		if (launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
	});
	return { launcher, serverPid: started.pid, url: started.url, exited };
}

describe('one server per data folder', () => {
	it('a second server on the same DATA_DIR refuses to start and names the first', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = await spawnServer(dataDir);
		cleanup.push(() => first.child.exitCode === null && first.child.kill('SIGKILL'));
		const board = await createBoard(first.url, { title: '第一台服务器' });

		const second = await spawnServer(dataDir).then(
			() => null,
			(error: Error) => error.message
		);
		expect(second).toMatch(/exited early \(1\)/);
		expect(second).toContain(`the data folder ${dataDir} is in use by another Groundwork server (pid ${first.child.pid},`);

		// the first one goes on serving
		const res = await fetch(`${first.url}/api/boards/${board.id}?token=${board.viewToken}`);
		expect(res.status).toBe(200);
	});

	it('a server killed with SIGKILL leaves no lock behind', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = await spawnServer(dataDir);
		first.child.kill('SIGKILL');
		await first.exited;
		const second = await spawnServer(dataDir);
		cleanup.push(() => second.child.exitCode === null && second.child.kill('SIGKILL'));
		expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
	});

	it('in one process: a second server on the folder throws, and may start once the first closed', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = await startTestServer({}, dataDir);
		await expect(startTestServer({}, dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
		await first.close();
		const again = await startTestServer({}, dataDir);
		await again.close();
	});
});

describe('npm start exits together with the server', () => {
	it('SIGTERM to `npm start` stops the real server cleanly', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const npm = await launch('npm', ['start', '--silent', '--', '--no-build'], dataDir);
		expect(npm.serverPid).not.toBe(npm.launcher.pid);
		expect((await fetch(`${npm.url}/api/health`)).status).toBe(200);

		npm.launcher.kill('SIGTERM');
		await npm.exited;
		await waitFor(() => !alive(npm.serverPid), 'the real server to exit');
		// it let go of the data folder, so a new server can start on it
		const next = await spawnServer(dataDir);
		cleanup.push(() => next.child.exitCode === null && next.child.kill('SIGKILL'));
	});

	it('a launcher killed with SIGKILL takes its server with it', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const start = await launch(process.execPath, ['scripts/start.js', '--no-build'], dataDir);
		start.launcher.kill('SIGKILL');
		await start.exited;
		await waitFor(() => !alive(start.serverPid), 'the orphaned server to exit');
	});
});
