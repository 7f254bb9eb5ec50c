/**
 * The Groundwork production process: compiled by `npm run build` (scripts/build-server.js) and run
 * as `node dist-server/index.js` (`npm start`); tests may run it from source under tsx. Serves the
 * built SvelteKit app, the JSON API and the sync WebSocket on one port; SIGTERM/SIGINT flush and
 * exit 0. Importing this module (tests) starts nothing.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './data-lock.ts';
import { StoreConnectError } from './store/connect-retry.ts';
import type { Middleware } from './http.ts';
import { createLogger, type Logger } from './log.ts';
import { lazyMiddleware } from './lazy-app.ts';
import { guardStaticFiles } from './static-guard.ts';

export { startServer, type RunningServer, type StartOptions } from './app.ts';
export { loadConfig, type ServerConfig } from './config.ts';

/** Location of the SvelteKit adapter-node request handler produced by `vite build`. */
export const KIT_HANDLER = fileURLToPath(new URL('../build/handler.js', import.meta.url));

/**
 * Imports the built SvelteKit handler, or returns null when there is no build. With `log`, its
 * static files are guarded against vanishing while the server runs (static-guard.ts). With
 * `lazy`, the handler is imported on the first request that reaches it (lazy-app.ts), so a
 * process that only relays boards never loads the app's server code.
 */
export async function loadKitHandler(path: string = KIT_HANDLER, log?: Logger, options: { lazy?: boolean } = {}): Promise<Middleware | null> {
	if (!existsSync(path)) return null;
	const importHandler = async () => ((await import(pathToFileURL(path).href)) as { handler: Middleware }).handler;
	const handler = options.lazy ? lazyMiddleware(importHandler, log) : await importHandler();
	return log ? guardStaticFiles(handler, join(dirname(path), 'client'), log) : handler;
}

async function main(): Promise<void> {
	let config;
	try {
		config = loadConfig();
	} catch (error) {
		if (error instanceof ConfigError) {
			process.stderr.write(`groundwork: ${error.message}\n`);
			process.exit(1);
		}
		throw error;
	}
	const log: Logger = createLogger({ format: config.logFormat, level: config.logLevel });
	process.on('uncaughtException', (error) => {
		log.error('uncaught exception; exiting', { error });
		process.exit(1);
	});
	process.on('unhandledRejection', (error) => {
		log.error('unhandled rejection; exiting', { error });
		process.exit(1);
	});

	const app = await loadKitHandler(KIT_HANDLER, log, { lazy: true });
	if (!app) log.warn('no app build found (build/handler.js); serving API and sync only — run `npm run build`');

	let server;
	try {
		server = await startServer(config, { log, app });
	} catch (error) {
		if (error instanceof DataDirLockedError) {
			log.error('could not start: data folder in use', { dataDir: config.dataDir, holder: error.holder });
			process.stderr.write(`groundwork: ${error.message}\n`);
		} else if (error instanceof StoreConnectError) {
			// each attempt is logged already; this is the one line that says why the process ends
			process.stderr.write(`groundwork: ${error.message}\n`);
		} else {
			log.error('could not start', { error, host: config.host, port: config.port, dataDir: config.dataDir });
		}
		process.exit(1);
	}
	log.info('groundwork listening', { url: server.url, publicUrl: config.publicUrl, dataDir: config.dataDir, pid: process.pid });

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) {
			log.warn('second signal; exiting without waiting', { signal });
			process.exit(1);
		}
		stopping = true;
		log.info('shutting down', { signal });
		server.close().then(
			() => {
				log.info('stopped cleanly');
				process.exit(0);
			},
			(error: unknown) => {
				log.error('error while shutting down', { error });
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	process.on('SIGHUP', stop);
	// Started by scripts/start.js (npm start) with an IPC channel: when that process goes away,
	// however it ended, the channel closes and this server stops too, so no server is left behind.
	if (process.send) process.once('disconnect', () => stopping || stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await main();
}
