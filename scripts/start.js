#!/usr/bin/env node
/**
 * `npm start`: builds the app when there is no build yet, then runs the one production process
 * (`node --import tsx server/index.ts`), forwarding signals to it and its exit code back.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const handler = fileURLToPath(new URL('../build/handler.js', import.meta.url));
const viteBin = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const serverEntry = fileURLToPath(new URL('../server/index.ts', import.meta.url));

if (!existsSync(handler)) {
	console.log('groundwork: no build found, running `vite build` first');
	const build = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0 || !existsSync(handler)) {
		console.error('groundwork: build failed');
		process.exit(build.status || 1);
	}
}

// Resolved here so the server runs the same way from any working directory.
const tsx = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', tsx, serverEntry], { stdio: 'inherit' });

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.on(signal, () => {
		if (child.exitCode === null) child.kill(signal);
	});
}

child.on('exit', (code, signal) => {
	if (signal) {
		// Re-raise so our parent sees the same signal death; fall back to the conventional code.
		process.removeAllListeners(signal);
		process.kill(process.pid, signal);
		setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 100).unref();
		return;
	}
	process.exit(code ?? 1);
});
