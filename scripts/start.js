#!/usr/bin/env node
/**
 * `npm start`: builds the app when there is no build yet (unless `--no-build`) and compiles the
 * server when it is not compiled yet (dist-server/, about a second; also with `--no-build`, as
 * there is nothing else to run), then runs the one production process
 * (`node --enable-source-maps --max-semi-space-size=4 dist-server/index.js`, flags from
 * server-flags.js, no TypeScript loader) and exits together with it:
 * - SIGINT, SIGTERM and SIGHUP are forwarded to the server, and this process ends with the
 *   server's exit code (or re-raises the signal that ended it);
 * - the server is connected by an IPC channel, so if this process dies in any way (even SIGKILL)
 *   the server sees the channel close and shuts down cleanly;
 * - if this process is orphaned (its parent, e.g. the shell npm runs scripts with, died without
 *   passing the signal on), it stops the server as if sent SIGTERM.
 * The npm script runs it with `exec`, so npm's own forwarded signal reaches this process directly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from './server-flags.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const handler = fileURLToPath(new URL('../build/handler.js', import.meta.url));
const viteBin = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const serverEntry = fileURLToPath(new URL('../dist-server/index.js', import.meta.url));
const buildServer = fileURLToPath(new URL('./build-server.js', import.meta.url));
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--no-build');
if (unknown.length > 0) {
	console.error(`groundwork: unknown argument ${unknown[0]} (usage: npm start [-- --no-build])`);
	process.exit(2);
}

if (!existsSync(handler) && !args.includes('--no-build')) {
	console.log('groundwork: no build found, running `vite build` first');
	const build = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0 || !existsSync(handler)) {
		console.error('groundwork: build failed');
		process.exit(build.status || 1);
	}
}

if (!existsSync(serverEntry)) {
	console.log('groundwork: server not compiled yet, compiling it first');
	const compile = spawnSync(process.execPath, [buildServer], { cwd: root, stdio: 'inherit' });
	if (compile.status !== 0 || !existsSync(serverEntry)) {
		console.error('groundwork: compiling the server failed');
		process.exit(compile.status || 1);
	}
}

const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, serverEntry], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });

/** @param {NodeJS.Signals} signal */
const forward = (signal) => {
	if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, () => forward(signal));

const parent = process.ppid;
const orphanWatch = setInterval(() => {
	if (process.ppid !== parent) {
		clearInterval(orphanWatch);
		forward('SIGTERM');
	}
}, 500);

child.on('exit', (code, signal) => {
	clearInterval(orphanWatch);
	if (signal) {
		// Re-raise so our parent sees the same signal death; fall back to the conventional code.
		process.removeAllListeners(signal);
		process.kill(process.pid, signal);
		setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 100).unref();
		return;
	}
	process.exit(code ?? 1);
});
