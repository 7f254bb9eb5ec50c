/**
 * One open board in the browser: the Y.Doc, its y-websocket provider (unmodified, as the server
 * expects), the board's copy on this device (IndexedDB) so it opens and keeps edits offline, the
 * count of edits the server has not confirmed, and the awareness used for presence. Browser only.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { OfflineCopy } from './offline-copy.ts';
import { keepReconnecting } from './reconnect.ts';
import { SaveTracker } from './save-tracker.ts';

/** Why the server refused this board for good (close codes 4401, 4404 and 4422). */
export type FatalReason = 'bad-token' | 'unknown-board' | 'damaged-board';

/** A live board connection; call `destroy()` when leaving the page. */
export interface BoardConnection {
	readonly boardId: string;
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	readonly awareness: Awareness;
	/** Resolves once the local IndexedDB copy (if any) has been loaded into `doc`. */
	readonly whenCached: Promise<void>;
	/** This device's copy of the board (IndexedDB): on, off (refused or removed) or opening. */
	readonly offlineCopy: OfflineCopy;
	/** Local edits the server has not confirmed yet. */
	readonly saves: SaveTracker;
	/**
	 * Register a handler for a permanent refusal by the server, told the token the refused socket
	 * had opened with; returns an unsubscribe function.
	 */
	onFatal(handler: (reason: FatalReason, socketToken: string | undefined) => void): () => void;
	/** Use another token from now on (the link was reset here): the next socket opens with it. */
	setToken(token: string): void;
	/** Connect again after a refusal (the provider stopped reconnecting). */
	reconnect(): void;
	destroy(): void;
}

/** The websocket base URL of the sync endpoint on the page's own host (`ws(s)://host/sync`). */
export function syncBaseUrl(location: Pick<Location, 'protocol' | 'host'>): string {
	return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

/** Map a websocket close code to a permanent refusal, or null for transient closes. */
export function fatalReasonOf(code: number): FatalReason | null {
	if (code === 4401) return 'bad-token';
	if (code === 4404) return 'unknown-board';
	if (code === 4422) return 'damaged-board';
	return null;
}

/**
 * Open a board: connect to `/sync/<boardId>?token=` and keep an offline copy in IndexedDB.
 * `cached: false` says this browser has no copy yet (it never opened the board): the copy is then
 * started once the server's copy has arrived, so applying a large first sync does not also pay
 * for re-encoding it into IndexedDB before the board is shown.
 */
export function connectBoard(options: { boardId: string; token: string; cached?: boolean; doc?: Y.Doc }): BoardConnection {
	const doc = options.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(syncBaseUrl(window.location), options.boardId, doc, {
		params: { token: options.token },
		// backs off 0.2, 0.4 … 3.2 s, then retries every 5 s; the network coming back or the tab
		// coming to the front retries at once (reconnect.ts)
		maxBackoffTime: 5000
	});
	// what the server relays is held back a moment before the copy stores it (many updates as one)
	const offlineCopy = new OfflineCopy(options.boardId, doc, (origin) => origin === provider);
	let whenCached: Promise<void> = offlineCopy.whenLoaded;
	if (options.cached === false) {
		// nothing to load: keep the copy from the first sync on (it starts empty, not waited for)
		whenCached = Promise.resolve();
		const afterSync = (synced: boolean) => {
			if (!synced) return;
			provider.off('sync', afterSync);
			// after this turn, so the board is drawn first
			setTimeout(() => void offlineCopy.start(), 0);
		};
		provider.on('sync', afterSync);
	} else {
		void offlineCopy.start();
	}
	const saves = new SaveTracker({ boardId: options.boardId, doc, provider, whenCached, storage: localStorageOrUndefined() });
	const stopReconnecting = keepReconnecting(provider);
	let destroyed = false;
	const fatalHandlers = new Set<(reason: FatalReason, socketToken: string | undefined) => void>();
	/** The token the current (or last) socket opened with. */
	let socketToken: string | undefined = options.token;
	provider.on('status', ({ status }: { status: string }) => {
		if (status === 'connecting') socketToken = provider.params.token;
	});
	provider.on('closed', (event) => {
		const reason = fatalReasonOf(event.code);
		if (reason) for (const handler of fatalHandlers) handler(reason, socketToken);
	});
	return {
		boardId: options.boardId,
		doc,
		provider,
		awareness: provider.awareness,
		whenCached,
		offlineCopy,
		saves,
		onFatal(handler) {
			fatalHandlers.add(handler);
			return () => fatalHandlers.delete(handler);
		},
		setToken(token) {
			provider.params = { ...provider.params, token };
		},
		reconnect() {
			if (!destroyed) provider.connect();
		},
		destroy() {
			fatalHandlers.clear();
			stopReconnecting();
			saves.destroy();
			provider.awareness.setLocalState(null);
			destroyed = true;
			provider.destroy();
			offlineCopy.destroy();
			doc.destroy();
		}
	};
}

function localStorageOrUndefined(): Storage | undefined {
	try {
		return window.localStorage;
	} catch {
		return undefined;
	}
}
