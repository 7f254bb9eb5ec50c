/**
 * Taking links back and deleting boards: the store, the live rooms and the first-screen caches
 * changed together, so that an old token stops working at once (its open sockets closed with
 * 4401) and a deleted board is gone everywhere (its sockets closed with 4404, its rows removed).
 * The HTTP side (who may, what is answered) is in http.ts.
 */
import { resetCredentials, type Access } from './auth.ts';
import type { Logger } from './log.ts';
import type { Rooms } from './rooms.ts';
import type { BoardRecord, Store } from './store.ts';

/** Dependencies of {@link createBoardAdmin}. */
export interface BoardAdminDeps {
	readonly store: Store;
	readonly rooms: Rooms;
	readonly log: Logger;
	/** A board was deleted: drop anything kept about it (first screens). */
	readonly onDeleted?: (boardId: string) => void;
}

/** The board's tokens after a reset (the reset one new, the other unchanged). */
export interface BoardTokens {
	readonly editToken: string;
	readonly viewToken: string;
}

/** What an editor may do to a board as a whole. */
export interface BoardAdmin {
	/**
	 * Replaces the edit or view token of `board` (the caller checked `editToken` is its edit
	 * token) and closes every open socket that holds the old one with 4401, on every instance.
	 * Returns both tokens. Undefined when the board was deleted meanwhile.
	 */
	resetLink(board: BoardRecord, editToken: string, link: Access): Promise<BoardTokens | undefined>;
	/**
	 * Deletes a board: its sockets closed with 4404 and its room dropped on every instance, its
	 * rows and cached first screen removed. Resolves false when it did not exist.
	 */
	deleteBoard(boardId: string): Promise<boolean>;
}

/** Creates the board administration over one store and its rooms. */
export function createBoardAdmin({ store, rooms, log, onDeleted }: BoardAdminDeps): BoardAdmin {
	return {
		async resetLink(board, editToken, link) {
			const next = resetCredentials(board, editToken, link);
			if (!(await store.setLinks(board.id, next))) return undefined;
			// every socket of this access holds the one token it had: the old one
			const closed = rooms.linkReset(board.id, link);
			log.info('board link reset', { board: board.id, link, closedConnections: closed });
			return { editToken: next.editToken, viewToken: next.viewToken };
		},
		async deleteBoard(boardId) {
			const deleted = await store.deleteBoard(boardId);
			// after the rows are gone: a room that opens or commits meanwhile finds the board gone (seq 0) and closes too
			rooms.boardDeleted(boardId);
			onDeleted?.(boardId);
			if (deleted) log.info('board deleted', { board: boardId });
			return deleted;
		}
	};
}
