/**
 * One open board in the browser: the Y.Doc, its y-websocket provider (unmodified, as the server
 * expects), an IndexedDB cache so the board opens and keeps edits offline, and the awareness used
 * for presence. Browser only.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { cacheName } from './offline-cache.ts';

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
		params: { token: options.token }
	});
	let persistence: IndexeddbPersistence | null = null;
	let destroyed = false;
	const persist = (): Promise<void> => {
		if (destroyed) return Promise.resolve();
		persistence ??= new IndexeddbPersistence(cacheName(options.boardId), doc);
		return persistence.whenSynced.then(() => undefined, () => undefined);
	};
	let whenCached: Promise<void> = Promise.resolve();
	if (typeof indexedDB !== 'undefined') {
		if (options.cached === false) {
			const afterSync = (synced: boolean) => {
				if (!synced) return;
				provider.off('sync', afterSync);
				// after this turn, so the board is drawn first
				setTimeout(() => void persist(), 0);
			};
			provider.on('sync', afterSync);
		} else {
			whenCached = persist();
		}
	}
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
		whenCached,
		onFatal(handler) {
			fatalHandlers.add(handler);
			return () => fatalHandlers.delete(handler);
		},
		destroy() {
			fatalHandlers.clear();
			provider.awareness.setLocalState(null);
			destroyed = true;
			provider.destroy();
			void persistence?.destroy();
			doc.destroy();
		}
	};
}
