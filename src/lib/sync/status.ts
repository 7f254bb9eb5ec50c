/**
 * Connection/save status of a board, derived only from what really happened: the provider's
 * socket, the browser's online state and the server's acknowledgements of this browser's edits
 * (save-tracker.ts). `deriveSyncStatus` is pure (unit-tested); `watchSyncStatus` wires it to a
 * live connection.
 */
import type { WebsocketProvider } from 'y-websocket';
import type { OfflineCopy, OfflineCopyOffReason, OfflineCopyState } from './offline-copy.ts';
import type { SaveTracker } from './save-tracker.ts';

/**
 * What the status pill shows. `saved`: the server has committed every local edit; `view-only`:
 * a view link, connected and up to date (it never has edits of its own).
 */
export type SyncStatus = 'connecting' | 'saving' | 'saved' | 'offline' | 'view-only';

/** The status with the facts the pill spells out. */
export interface SyncState {
	readonly status: SyncStatus;
	/** Local changes the server has not confirmed yet. */
	readonly unsent: number;
	/** Whether this device keeps a copy of the board (`off`: the browser refused, or it was removed). */
	readonly offlineCopy: OfflineCopyState;
	/** Why the copy is off (null while it is not): refused, full (quota), unsupported or removed. */
	readonly offlineCopyOff: OfflineCopyOffReason | null;
}

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
	/** Local changes the server has not acknowledged as committed. */
	unsent: number;
	/** `navigator.onLine`; false means the browser knows it has no network. */
	browserOnline: boolean;
	/** A view link: nothing of its own to save. */
	readOnly: boolean;
}

/**
 * Status from signals: connected + synced with every local change acknowledged is `saved` (or
 * `view-only` for a view link); with changes not acknowledged yet it is `saving`; a live
 * handshake, or the first attempt of a page that never synced, is `connecting`; a lost
 * connection, failed attempts or a browser without network are `offline` (edits stay in the
 * local copy and sync on reconnect).
 */
export function deriveSyncStatus(s: SyncSignals): SyncStatus {
	if (!s.browserOnline && !s.connected) return 'offline';
	if (s.connected && s.synced) return s.unsent > 0 ? 'saving' : s.readOnly ? 'view-only' : 'saved';
	if (s.connected) return 'connecting';
	return s.failedAttempts === 0 && !s.everSynced ? 'connecting' : 'offline';
}

/** What {@link watchSyncStatus} follows. */
export interface WatchedConnection {
	readonly provider: WebsocketProvider;
	readonly saves: SaveTracker;
	readonly offlineCopy: OfflineCopy;
}

/**
 * Follow a connection's status: calls `onChange` with the new state whenever it changes (and once
 * immediately). Listens to the provider, the acknowledgements, the offline copy and the window's
 * online/offline events (so a browser that loses its network shows Offline at once, not when the
 * socket times out). Returns a stop function.
 */
export function watchSyncStatus(
	connection: WatchedConnection,
	options: { readOnly: boolean },
	onChange: (state: SyncState) => void
): () => void {
	const { provider, saves, offlineCopy } = connection;
	let everSynced = provider.synced;
	let last: SyncState | null = null;

	const evaluate = () => {
		everSynced ||= provider.synced;
		const unsent = saves.unsent;
		const status = deriveSyncStatus({
			connected: provider.wsconnected,
			synced: provider.synced,
			failedAttempts: provider.wsUnsuccessfulReconnects,
			everSynced,
			unsent,
			browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
			readOnly: options.readOnly
		});
		const next: SyncState = { status, unsent, offlineCopy: offlineCopy.state, offlineCopyOff: offlineCopy.offReason };
		if (last && last.status === next.status && last.unsent === next.unsent && last.offlineCopy === next.offlineCopy && last.offlineCopyOff === next.offlineCopyOff) return;
		last = next;
		onChange(next);
	};

	provider.on('status', evaluate);
	provider.on('sync', evaluate);
	provider.on('connection-close', evaluate);
	provider.on('connection-error', evaluate);
	const offSaves = saves.onChange(evaluate);
	const offCopy = offlineCopy.onChange(evaluate);
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
		offSaves();
		offCopy();
		if (hasWindow) {
			window.removeEventListener('online', evaluate);
			window.removeEventListener('offline', evaluate);
		}
	};
}
