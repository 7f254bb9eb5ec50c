/**
 * Reconnecting when it can work. The provider retries on its own with exponential backoff (and
 * drops a socket that has been silent for 30 s, as after a laptop's sleep); this adds what only
 * the page knows. When the browser says the network is gone, the open socket is dropped at once
 * (it would take a long timeout to notice) and the provider's retries go on — cheap, failing
 * fast, and right when the server is on this machine. When the network returns, the tab comes
 * back to the front or the page is restored from the back/forward cache, it tries at once instead
 * of waiting out the backoff. A board the server refused for good (4401/4404) is left alone.
 * Browser only.
 */
import type { WebsocketProvider } from 'y-websocket';

/** Wire a provider to the page's network and visibility events; returns a stop function. */
export function keepReconnecting(provider: WebsocketProvider): () => void {
	if (typeof window === 'undefined') return () => {};
	let refused = false;
	let stopped = false;
	const onClosed = () => {
		refused = true;
	};
	provider.on('closed', onClosed);

	const tryNow = () => {
		if (refused || stopped || !provider.shouldConnect) return;
		// connect() opens a socket at once when none is open or being opened; the provider's pending
		// backoff timer then finds one and does nothing
		if (provider.ws === null) provider.connect();
	};
	const onOffline = () => {
		if (refused || stopped || provider.ws === null) return;
		// close now (the status turns Offline) and start over with a fresh attempt
		provider.disconnect();
		provider.connect();
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') tryNow();
	};

	window.addEventListener('online', tryNow);
	window.addEventListener('offline', onOffline);
	window.addEventListener('pageshow', tryNow);
	document.addEventListener('visibilitychange', onVisible);

	return () => {
		stopped = true;
		provider.off('closed', onClosed);
		window.removeEventListener('online', tryNow);
		window.removeEventListener('offline', onOffline);
		window.removeEventListener('pageshow', tryNow);
		document.removeEventListener('visibilitychange', onVisible);
	};
}
