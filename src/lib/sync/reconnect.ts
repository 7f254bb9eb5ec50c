/**
 * Reconnecting when it can work. The provider retries on its own with exponential backoff (and
 * drops a socket that has been silent for 30 s, as after a laptop's sleep); this adds what only
 * the page knows: when the browser says the network is gone, stop trying (the socket is dead
 * and retries only burn battery); when the network returns, the tab comes back to the front or
 * the page is restored from the back/forward cache, try at once instead of waiting out the
 * backoff. A board the server refused for good (4401/4404) is left alone. Browser only.
 */
import type { WebsocketProvider } from 'y-websocket';

/** Wire a provider to the page's network and visibility events; returns a stop function. */
export function keepReconnecting(provider: WebsocketProvider): () => void {
	if (typeof window === 'undefined') return () => {};
	let refused = false;
	let wanted = provider.shouldConnect;
	const onClosed = () => {
		refused = true;
	};
	provider.on('closed', onClosed);

	const tryNow = () => {
		if (refused || !wanted || !navigator.onLine) return;
		// connect() opens a socket at once when none is open or being opened; the provider's pending
		// backoff timer then finds one and does nothing
		if (provider.ws === null) provider.connect();
	};
	const onOffline = () => {
		if (refused) return;
		wanted = true;
		provider.disconnect();
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') tryNow();
	};

	window.addEventListener('online', tryNow);
	window.addEventListener('offline', onOffline);
	window.addEventListener('pageshow', tryNow);
	document.addEventListener('visibilitychange', onVisible);
	if (!navigator.onLine) onOffline();

	return () => {
		wanted = false;
		provider.off('closed', onClosed);
		window.removeEventListener('online', tryNow);
		window.removeEventListener('offline', onOffline);
		window.removeEventListener('pageshow', tryNow);
		document.removeEventListener('visibilitychange', onVisible);
	};
}
