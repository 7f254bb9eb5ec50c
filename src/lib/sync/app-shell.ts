/**
 * The app shell the service worker keeps for offline use, and how the board page finds its board
 * when it was started from that shell. The board page is server-rendered per board and link
 * (with `Cache-Control: private, no-store`), so it is never cached; instead the worker keeps the
 * board page of a board that does not exist — this build's app, no board content, no token — and
 * serves it for any `/b/<id>` navigation the network cannot answer. The page then reads the board
 * and token from the address bar and opens the board from this device's copy.
 */

/** Board id of the shell page (never a real id: those are 22 base64url characters). */
export const BOARD_SHELL_ID = '_offline';

/** Path of the board page shell the service worker fetches at install. */
export const BOARD_SHELL_PATH = `/b/${BOARD_SHELL_ID}`;

/** Path of the home page (no server data: the same for everyone, cached as is). */
export const HOME_PATH = '/';

const BOARD_PAGE = /^\/b\/([^/]+)\/?$/;

/**
 * The cached page to serve for a navigation to `pathname` when the network fails: the board
 * shell for a board page, the home page for home, otherwise null (no offline answer).
 */
export function shellFor(pathname: string): string | null {
	if (pathname === HOME_PATH) return HOME_PATH;
	return BOARD_PAGE.test(pathname) ? BOARD_SHELL_PATH : null;
}

/** Board id and token of a board page address (`/b/<id>?token=…`), or null for other addresses. */
export function boardOfUrl(url: URL): { boardId: string; token: string | undefined } | null {
	const match = BOARD_PAGE.exec(url.pathname);
	if (!match) return null;
	let boardId: string;
	try {
		boardId = decodeURIComponent(match[1]);
	} catch {
		return null;
	}
	return { boardId, token: url.searchParams.get('token') ?? undefined };
}
