/**
 * Names and removal of a board's offline copy in IndexedDB (kept by y-indexeddb in connection.ts).
 * Separate from the connection so pages can forget a board without loading Yjs.
 */

/** IndexedDB database name of a board's offline cache. */
export function cacheName(boardId: string): string {
	return `groundwork:board:${boardId}`;
}

/** Forget a board's offline cache (used when the server says the board is gone or the link is bad). */
export async function clearBoardCache(boardId: string): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await new Promise<void>((resolve) => {
		const request = indexedDB.deleteDatabase(cacheName(boardId));
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
}
