/**
 * A new build of the app, noticed while this page runs: its service worker has installed and
 * waits (it never takes over by itself, so a page never runs a mix of two builds). `available`
 * turns true; `apply()` lets it take over and reloads the page — without the leave prompt when
 * every unconfirmed change is kept on this device. Browser only; inert without service workers.
 */
import { reloadWithoutAsking } from '$lib/sync/leave-guard.ts';
import { SKIP_WAITING_MESSAGE } from '$lib/sync/worker-messages.ts';

/** How often an open page asks the server for a new version (ms), besides reconnects and wake-ups. */
export const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000;

/** Tracks the service worker registration of this page. Use the shared {@link appUpdate}. */
export class AppUpdate {
	/** A new version is installed and waiting (or has taken over another tab): reload to use it. */
	available = $state(false);
	#registration: ServiceWorkerRegistration | null = null;
	#requested = false;
	#started = false;

	/** Start watching (idempotent); returns a stop function for the timers and listeners. */
	start(): () => void {
		if (this.#started || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return () => {};
		this.#started = true;
		const container = navigator.serviceWorker;
		const hadController = container.controller !== null;
		const onControllerChange = () => {
			if (this.#requested) reloadWithoutAsking();
			// another tab let the new version take over: this page still runs the old one
			else if (hadController) this.available = true;
		};
		container.addEventListener('controllerchange', onControllerChange);
		void container.ready.then((registration) => {
			if (!this.#started) return;
			this.#registration = registration;
			this.#watch(registration);
		});
		const onVisible = () => {
			if (document.visibilityState === 'visible') this.check();
		};
		document.addEventListener('visibilitychange', onVisible);
		window.addEventListener('online', this.check);
		const timer = setInterval(this.check, UPDATE_CHECK_INTERVAL_MS);
		return () => {
			this.#started = false;
			container.removeEventListener('controllerchange', onControllerChange);
			document.removeEventListener('visibilitychange', onVisible);
			window.removeEventListener('online', this.check);
			clearInterval(timer);
		};
	}

	/** Ask the server whether a new version is out (e.g. after the sync socket reconnected: a deploy restarts the server). */
	check = (): void => {
		void this.#registration?.update().catch(() => {});
	};

	/** Let the waiting version take over, then reload. */
	apply(): void {
		const waiting = this.#registration?.waiting;
		if (!waiting) {
			reloadWithoutAsking();
			return;
		}
		this.#requested = true;
		waiting.postMessage({ type: SKIP_WAITING_MESSAGE });
	}

	#watch(registration: ServiceWorkerRegistration): void {
		// a worker that waits while this page is controlled is a new version (the first install activates at once)
		const seen = (worker: ServiceWorker | null) => {
			if (worker && navigator.serviceWorker.controller) this.available = true;
		};
		seen(registration.waiting);
		registration.addEventListener('updatefound', () => {
			const installing = registration.installing;
			installing?.addEventListener('statechange', () => {
				if (installing.state === 'installed') seen(installing);
			});
		});
	}
}

/** The page's one {@link AppUpdate}. */
export const appUpdate = new AppUpdate();
