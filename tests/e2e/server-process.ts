/**
 * A Groundwork server process the test controls (unlike the shared `server` fixture): started on
 * a chosen port and data directory, so it can be SIGKILLed and started again at the same address
 * with the same data — a crash or a deploy, as the browsers see it — optionally on another build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.js';
import { SERVER_ENTRY } from './fixtures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A running server process. */
export interface ServerProcess {
	readonly url: string;
	readonly port: number;
	readonly dataDir: string;
	readonly logs: string[];
	/** SIGKILL: no flush, no goodbye to the sockets. */
	kill(): Promise<void>;
	/** SIGTERM and wait for the exit. */
	stop(): Promise<void>;
}

/** A fresh data directory (remove it with {@link removeDir}). */
export function tempDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'gw-e2e-restart-'));
}

/** Remove a directory made by this module. */
export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/**
 * Start the compiled server (dist-server/index.js, as `npm start` runs it; or, with `buildDir`, the
 * same server parts from source on another app build) with PORT=`port` (0 = any) and
 * DATA_DIR=`dataDir`; resolves once it listens.
 */
export async function startServerProcess(options: { dataDir: string; port?: number; buildDir?: string }): Promise<ServerProcess> {
	const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
	const nodeArgs = options.buildDir ? ['--import', tsx, join(root, 'tests', 'e2e', 'serve-build.ts')] : [...SERVER_NODE_FLAGS, SERVER_ENTRY];
	const child: ChildProcess = spawn(process.execPath, nodeArgs, {
		cwd: root,
		env: {
			...process.env,
			PORT: String(options.port ?? 0),
			HOST: '127.0.0.1',
			DATA_DIR: options.dataDir,
			LOG_FORMAT: 'json',
			PUBLIC_URL: '',
			GROUNDWORK_E2E_HANDLER: options.buildDir ? join(options.buildDir, 'handler.js') : ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs: string[] = [];
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
	return {
		url,
		port: Number(new URL(url).port),
		dataDir: options.dataDir,
		logs,
		async kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}

/**
 * A second deployable build: a copy of `build/` whose version — the name SvelteKit gives the
 * build, which the service worker's cache is named after and which `/_app/version.json` reports —
 * is `version`. The app's files are the same; what changes is what a deploy of a new build
 * changes for an open tab: a new service worker with a new version. (A real second `vite build`
 * would differ only in that version and in hashes; it takes ~30 s more per run.) The copy lives in
 * the repository so the server code in it resolves the same node_modules.
 */
export function makeNextBuild(version: string): { dir: string; remove: () => void } {
	const source = join(root, 'build');
	const current = (JSON.parse(readFileSync(join(source, 'client', '_app', 'version.json'), 'utf8')) as { version: string }).version;
	const dir = mkdtempSync(join(root, '.e2e-build-'));
	cpSync(source, dir, { recursive: true });
	const replaceIn = (file: string) => {
		const text = readFileSync(file, 'utf8');
		if (!text.includes(current)) throw new Error(`version ${current} not found in ${file}`);
		writeFileSync(file, text.split(current).join(version));
		// the static file server prefers precompressed copies: they would still carry the old version
		for (const ext of ['.br', '.gz']) if (existsSync(file + ext)) rmSync(file + ext);
	};
	replaceIn(join(dir, 'client', 'service-worker.js'));
	replaceIn(join(dir, 'client', '_app', 'version.json'));
	return { dir, remove: () => removeDir(dir) };
}
