/**
 * Connection/save status of a board, derived only from what the provider really reports.
 * `deriveSyncStatus` is pure (unit-tested); `watchSyncStatus` wires it to a live provider.
 */
import type { Doc } from 'yjs';
import type { WebsocketProvider } from 'y-websocket';

/** What the status pill shows. */
export type SyncStatus = 'connecting' | 'saving' | 'saved' | 'offline';

/** Raw facts the status is derived from. */
export interface SyncSignals {
	/** The websocket is open. */
	connected: boolean;
	/** The server answered our sync step 1 on the current connection (we have its state). */
	synced: boolean;
	/** Closed connection attempts since the last successful sync (the provider's counter). */
	failedAttempts: number;
	/** This page has been synced with the server at least once (a later disconnect is "offline"). */
	everSynced: boolean;
	/** Bytes handed to the socket that have not left the browser yet (`WebSocket.bufferedAmount`). */
	unsentBytes: number;
	/** A local edit happened that has not been handed to a connected, synced socket yet. */
	pendingLocal: boolean;
	/** `navigator.onLine`; false means the browser knows it has no network. */
	browserOnline: boolean;
}

/**
 * Status from signals: connected + synced with nothing unsent is `saved`; connected + synced with
 * bytes still queued is `saving`; a live handshake, or the first attempt of a page that never
 * synced, is `connecting`; a lost connection or failed attempts are `offline` (edits stay in the
 * local IndexedDB cache and sync on reconnect).
 */
export function deriveSyncStatus(s: SyncSignals): SyncStatus {
	if (!s.browserOnline && !s.connected) return 'offline';
	if (s.connected && s.synced) return s.unsentBytes > 0 || s.pendingLocal ? 'saving' : 'saved';
	if (s.connected) return 'connecting';
	return s.failedAttempts === 0 && !s.everSynced ? 'connecting' : 'offline';
}

/** Poll period (ms) for the socket's send buffer while a local edit is in flight. */
const DRAIN_POLL_MS = 50;

/**
 * Follow a provider's status: calls `onChange` with the new status whenever it changes (and once
 * immediately). Local edits (doc updates whose origin is not the provider) mark the status as
 * `saving` until the socket's send buffer is empty on a synced connection. Returns a stop function.
 */
export function watchSyncStatus(
	provider: WebsocketProvider,
	doc: Doc,
	onChange: (status: SyncStatus) => void
): () => void {
	let pendingLocal = false;
	let everSynced = provider.synced;
	let last: SyncStatus | null = null;
	let timer: ReturnType<typeof setTimeout> | null = null;

	const signals = (): SyncSignals => ({
		connected: provider.wsconnected,
		synced: provider.synced,
		failedAttempts: provider.wsUnsuccessfulReconnects,
		everSynced,
		unsentBytes: provider.ws?.bufferedAmount ?? 0,
		pendingLocal,
		browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine
	});

	const evaluate = () => {
		everSynced ||= provider.synced;
		const s = signals();
		// once the socket is synced and its buffer has drained, local edits have left the browser
		if (pendingLocal && s.connected && s.synced && s.unsentBytes === 0) {
			pendingLocal = false;
			s.pendingLocal = false;
		}
		const next = deriveSyncStatus(s);
		if (next !== last) {
			last = next;
			onChange(next);
		}
		if (pendingLocal && s.connected && s.synced && timer === null) {
			timer = setTimeout(() => {
				timer = null;
				evaluate();
			}, DRAIN_POLL_MS);
		}
	};

	const onUpdate = (_update: Uint8Array, origin: unknown) => {
		if (origin === provider) return;
		pendingLocal = true;
		// the provider has already handed the update to the socket (it listens first); bufferedAmount tells the rest
		evaluate();
	};

	provider.on('status', evaluate);
	provider.on('sync', evaluate);
	provider.on('connection-close', evaluate);
	provider.on('connection-error', evaluate);
	doc.on('update', onUpdate);
	const hasWindow = typeof window !== 'undefined';
	if (hasWindow) {
		window.addEventListener('online', evaluate);
		window.addEventListener('offline', evaluate);
	}
	evaluate();

	return () => {
		provider.off('status', evaluate);
		provider.off('sync', evaluate);
		provider.off('connection-close', evaluate);
		provider.off('connection-error', evaluate);
		doc.off('update', onUpdate);
		if (hasWindow) {
			window.removeEventListener('online', evaluate);
			window.removeEventListener('offline', evaluate);
		}
		if (timer !== null) clearTimeout(timer);
	};
}
