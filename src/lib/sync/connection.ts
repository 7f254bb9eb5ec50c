/**
 * One open board in the browser: the Y.Doc, its y-websocket provider (unmodified, as the server
 * expects), an IndexedDB cache so the board opens and keeps edits offline, and the awareness used
 * for presence. Browser only.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';

/** Why the server refused this board for good (close codes 4401 and 4404). */
export type FatalReason = 'bad-token' | 'unknown-board';

/** A live board connection; call `destroy()` when leaving the page. */
export interface BoardConnection {
	readonly boardId: string;
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	readonly awareness: Awareness;
	/** Resolves once the local IndexedDB copy (if any) has been loaded into `doc`. */
	readonly whenCached: Promise<void>;
	/** Register a handler for a permanent refusal by the server; returns an unsubscribe function. */
	onFatal(handler: (reason: FatalReason) => void): () => void;
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
	return null;
}

/** IndexedDB database name of a board's offline cache. */
export function cacheName(boardId: string): string {
	return `groundwork:board:${boardId}`;
}

/** Open a board: load the offline cache and connect to `/sync/<boardId>?token=`. */
export function connectBoard(options: { boardId: string; token: string; doc?: Y.Doc }): BoardConnection {
	const doc = options.doc ?? new Y.Doc();
	const persistence =
		typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(cacheName(options.boardId), doc);
	const provider = new WebsocketProvider(syncBaseUrl(window.location), options.boardId, doc, {
		params: { token: options.token }
	});
	const fatalHandlers = new Set<(reason: FatalReason) => void>();
	provider.on('closed', (event) => {
		const reason = fatalReasonOf(event.code);
		if (reason) for (const handler of fatalHandlers) handler(reason);
	});
	return {
		boardId: options.boardId,
		doc,
		provider,
		awareness: provider.awareness,
		whenCached: persistence ? persistence.whenSynced.then(() => undefined, () => undefined) : Promise.resolve(),
		onFatal(handler) {
			fatalHandlers.add(handler);
			return () => fatalHandlers.delete(handler);
		},
		destroy() {
			fatalHandlers.clear();
			provider.awareness.setLocalState(null);
			provider.destroy();
			void persistence?.destroy();
			doc.destroy();
		}
	};
}

/** Forget a board's offline cache (used when the server says the board is gone or the link is bad). */
export async function clearBoardCache(boardId: string): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await new Promise<void>((resolve) => {
		const request = indexedDB.deleteDatabase(cacheName(boardId));
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
}
