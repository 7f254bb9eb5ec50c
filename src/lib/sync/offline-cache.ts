/**
 * Names, listing and removal of boards' offline copies in IndexedDB (kept by y-indexeddb, see
 * offline-copy.ts). Separate from the connection so pages can list and forget boards without
 * loading Yjs.
 */
import { unsentKey } from './unsent-changes.ts';

const PREFIX = 'groundwork:board:';

/**
 * Web Storage key of a board's edits that IndexedDB had not committed when its last page went
 * away (see unstored-updates.ts).
 */
export function unstoredKey(boardId: string): string {
	return `groundwork:unstored:${boardId}`;
}

/** IndexedDB database name of a board's offline cache. */
export function cacheName(boardId: string): string {
	return `${PREFIX}${boardId}`;
}

/**
 * Ids of the boards that have a copy on this device, or null when the browser cannot tell
 * (no IndexedDB, no `indexedDB.databases()`, or storage refused).
 */
export async function boardsWithCopies(): Promise<Set<string> | null> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
	try {
		const databases = await indexedDB.databases();
		return new Set(databases.map((d) => d.name ?? '').filter((name) => name.startsWith(PREFIX)).map((name) => name.slice(PREFIX.length)));
	} catch {
		return null;
	}
}

/**
 * Forget a board's copy on this device: its IndexedDB database, the count of changes it held
 * for the server and the edits kept for it in Web Storage (used for "Remove offline copies",
 * forgetting a board, and when the server says the board is gone).
 */
export async function clearBoardCache(boardId: string): Promise<void> {
	try {
		globalThis.localStorage?.removeItem(unsentKey(boardId));
		globalThis.localStorage?.removeItem(unstoredKey(boardId));
	} catch {
		// storage unavailable: nothing kept there either
	}
	if (typeof indexedDB === 'undefined') return;
	await new Promise<void>((resolve) => {
		try {
			const request = indexedDB.deleteDatabase(cacheName(boardId));
			request.onsuccess = request.onerror = request.onblocked = () => resolve();
		} catch {
			resolve();
		}
	});
}
