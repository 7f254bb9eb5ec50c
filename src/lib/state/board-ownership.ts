/**
 * What an editor does to a board as a whole, from the browser: reset its edit or view link, or
 * delete it. Each calls the server, then brings this browser along (new links kept in the recent
 * boards and used by the open board; a deleted board forgotten with its offline copy).
 */
import { deleteBoardOnServer, resetBoardLink } from '$lib/sync/board-api.ts';
import { clearBoardCache } from '$lib/sync/offline-cache.ts';
import type { BoardController } from './board-controller.svelte.ts';
import { forgetBoard, rememberBoard } from './recent-boards.ts';

/**
 * Replaces the board's `link` (needs the edit link). Everyone using the old one is disconnected
 * at once by the server; this editor continues with the new links. Throws ApiError.
 */
export async function resetLink(board: BoardController, link: 'edit' | 'view'): Promise<void> {
	// the server closes this editor's own socket too when the edit link goes
	const done = link === 'edit' ? board.expectRefusal('bad-token') : () => {};
	try {
		const links = await resetBoardLink(board.boardId, board.token, link);
		board.useLinks(links.editToken, links.viewToken);
		rememberBoard({ id: board.boardId, editToken: links.editToken, viewToken: links.viewToken }, { touch: false });
	} finally {
		done();
	}
}

/**
 * Deletes the board for everyone (needs the edit link) and forgets it in this browser (recent
 * boards, offline copy). The caller then leaves the board. Throws ApiError; nothing changes then.
 */
export async function deleteBoard(board: BoardController): Promise<void> {
	const done = board.expectRefusal('unknown-board');
	try {
		await deleteBoardOnServer(board.boardId, board.token);
	} catch (error) {
		done();
		throw error;
	}
	// the board is gone: its 4404 is expected from now on
	forgetBoard(board.boardId);
	await clearBoardCache(board.boardId).catch(() => {});
}
