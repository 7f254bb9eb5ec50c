/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Groundwork's service worker: keeps this build's app so boards open without a network.
 *
 * - Install: caches every file of this build and `static/`, plus the two app shells (home page,
 *   board page without a board; see src/lib/sync/app-shell.ts), in a cache named after the
 *   build's version. It does not take over by itself: a new version waits until the page asks
 *   (the "New version available — Reload" notice), so no tab runs a mix of two builds.
 * - Activate: deletes every other version's cache and takes control of open pages.
 * - Fetch: this build's files from the cache; page navigations go to the network first and, only
 *   when the network fails, get the cached shell. API calls, board pages with their tokens, the
 *   sync socket and anything else are never cached or answered from a cache.
 */
import { build, files, version } from '$service-worker';
import { BOARD_SHELL_PATH, HOME_PATH, shellFor } from '$lib/sync/app-shell.ts';
import { CACHE_PREFIX, SKIP_WAITING_MESSAGE } from '$lib/sync/worker-messages.ts';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `${CACHE_PREFIX}${version}`;
/** This build's files: immutable for this version, always served from the cache. */
const ASSETS = new Set([...build, ...files]);

worker.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...ASSETS]);
			// the shells come from the server that served this worker, so they reference this build's files
			await cache.addAll([HOME_PATH, BOARD_SHELL_PATH].map((path) => new Request(path, { cache: 'reload', credentials: 'same-origin' })));
		})()
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== CACHE && key.startsWith(CACHE_PREFIX)) await caches.delete(key);
			}
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === SKIP_WAITING_MESSAGE) void worker.skipWaiting();
});

async function fromCache(request: Request): Promise<Response> {
	const cached = await (await caches.open(CACHE)).match(request);
	return cached ?? fetch(request);
}

async function networkOrShell(request: Request, shell: string): Promise<Response> {
	try {
		return await fetch(request);
	} catch (error) {
		const cached = await (await caches.open(CACHE)).match(shell);
		if (cached) return cached;
		throw error;
	}
}

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	if (ASSETS.has(url.pathname)) {
		event.respondWith(fromCache(request));
		return;
	}
	if (request.mode === 'navigate') {
		const shell = shellFor(url.pathname);
		if (shell) event.respondWith(networkOrShell(request, shell));
	}
});
