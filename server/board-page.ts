/**
 * The server side of the board page's first screen (see src/lib/sync/board-page.ts): checks the
 * token like the sync endpoint does and reads the first screen from the board's current document
 * (the live one when the board is open, else the stored one).
 */
import { readFirstScreen } from '../src/lib/model/index.ts';
import type { BoardPage, BoardPageSource } from '../src/lib/sync/board-page.ts';
import { accessFor, isBoardId, viewTokenFor } from './auth.ts';
import type { Rooms } from './rooms.ts';
import type { Store } from './store.ts';

/** Builds the {@link BoardPageSource} of one server. */
export function boardPages({ store, rooms }: { store: Store; rooms: Rooms }): BoardPageSource {
	return async (boardId, token): Promise<BoardPage> => {
		const board = isBoardId(boardId) ? store.getBoard(boardId) : undefined;
		if (!board) return { ok: false, reason: 'unknown-board' };
		const access = token ? accessFor(board, token) : null;
		if (!access) return { ok: false, reason: 'bad-token' };
		const first = await rooms.readDoc(boardId, (doc) => readFirstScreen(doc), { open: true });
		if (!first) return { ok: false, reason: 'unknown-board' };
		// editors may share the view link, so they learn it; viewers never learn the edit token
		return access === 'edit' ? { ok: true, access, viewToken: viewTokenFor(token), first } : { ok: true, access, first };
	};
}
