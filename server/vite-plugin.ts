import type { Plugin, ViteDevServer } from 'vite';

/**
 * Vite plugin giving `npm run dev` the same API (`/api/*`) and sync endpoint (`/sync/<id>`) as
 * the production server, on Vite's own port, with data in DATA_DIR. Inactive under Vitest and in
 * builds.
 *
 * The server is loaded with tsx at dev-server start, NOT imported statically: Vite bundles
 * vite.config.ts and everything it imports on every vite/vitest start, and the server (SQLite,
 * Yjs, the model) has no business in that bundle. This file must therefore stay free of value
 * imports.
 */
/**
 * Runs `create` until the data folder's lock is free: when Vite restarts its server (a config
 * change), the previous Groundwork is still closing — committing and compacting — for a moment.
 * Other errors, or a folder still locked after 10 s (another server), are thrown.
 */
async function whenDataDirFree<T>(create: () => T): Promise<T> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		try {
			return create();
		} catch (error) {
			if ((error as Error).name !== 'DataDirLockedError' || Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}

export function groundworkDevServer(): Plugin {
	return {
		name: 'groundwork-dev-server',
		apply: 'serve',
		async configureServer(server: ViteDevServer) {
			const httpServer = server.httpServer;
			if (process.env.VITEST || !httpServer) return;
			const { tsImport } = (await import('tsx/esm/api')) as typeof import('tsx/esm/api');
			const load = <T>(path: string): Promise<T> => tsImport(path, import.meta.url) as Promise<T>;
			const [{ createGroundwork, openConfiguredParts }, { loadConfig }, { createLogger }, { provideBoardPages }] = await Promise.all([
				load<typeof import('./app.ts')>('./app.ts'),
				load<typeof import('./config.ts')>('./config.ts'),
				load<typeof import('./log.ts')>('./log.ts'),
				load<typeof import('../src/lib/server/board-page.ts')>('../src/lib/server/board-page.ts')
			]);
			// PORT/HOST belong to Vite in dev; everything else (DATA_DIR, limits…) applies as in production.
			const config = loadConfig();
			const log = createLogger({ format: config.logFormat, level: config.logLevel });
			// DATABASE_URL: the Postgres store, as in production; else SQLite in DATA_DIR
			const parts = await openConfiguredParts(config, log);
			const groundwork = parts.store ? createGroundwork(config, log, parts) : await whenDataDirFree(() => createGroundwork(config, log));
			const unprovide = provideBoardPages(groundwork.pages);
			server.middlewares.use((req, res, next) => groundwork.api(req, res, () => next()));
			httpServer.on('upgrade', (req, socket, head) => {
				// Returns false for other paths, e.g. Vite's own HMR socket, which Vite handles.
				groundwork.handleUpgrade(req, socket, head);
			});
			httpServer.once('close', () => {
				unprovide();
				void groundwork.close();
			});
			log.info('groundwork dev endpoints ready', { api: '/api', sync: '/sync/<boardId>', dataDir: config.dataDir });
		}
	};
}
