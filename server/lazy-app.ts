/**
 * The built app's request handler, imported on the first request that reaches it instead of at
 * start: SvelteKit's server (its runtime, the route manifest, the render code) is ~13 MiB of a
 * process that may only ever relay boards (measured by `npm run bench -- --only rss`). The first
 * page request waits for the import (tens of milliseconds; later ones do not); requests arriving
 * meanwhile wait for the same import. If the import fails, every app request is answered 500
 * with a clear message and the failure is logged once — the API and sync keep working.
 */
import { sendJson, type Middleware } from './http.ts';
import type { Logger } from './log.ts';

/** A middleware that imports its real handler (`load`) on first use and then delegates to it. */
export function lazyMiddleware(load: () => Promise<Middleware>, log?: Logger): Middleware {
	let loaded: Middleware | null = null;
	let loading: Promise<Middleware> | null = null;
	let failed: unknown = null;
	return (req, res, next) => {
		if (loaded) return loaded(req, res, next);
		loading ??= load().then(
			(handler) => (loaded = handler),
			(error: unknown) => {
				failed = error;
				log?.error('the app could not be loaded (build/handler.js); app requests answer 500', { error });
				throw error;
			}
		);
		loading.then(
			(handler) => {
				// called from a promise here, not from the request's own stack: a throw must not
				// become an unhandled rejection (which ends the process)
				try {
					handler(req, res, next);
				} catch (error) {
					log?.error('app request failed', { error });
					if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
				}
			},
			() => {
				if (!res.headersSent) sendJson(res, 500, { error: `the app could not be loaded: ${failed instanceof Error ? failed.message : String(failed)}` });
			}
		);
	};
}
