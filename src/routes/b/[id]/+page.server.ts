import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { boardPageSource, type BoardPage } from '$lib/server/board-page.ts';
import { displayLocale } from '$lib/display/format.ts';

/** Status and message of a board link the server refused (the error page draws the full text). */
const REFUSED = {
	'bad-token': { status: 401, message: 'This link does not open the board' },
	'unknown-board': { status: 404, message: 'This board does not exist' },
	'damaged-board': { status: 500, message: 'This board’s saved data is damaged' }
} as const;

/**
 * Board id and `?token=` from the URL and, on a full page load with a token, the board's access
 * and first screen from the server process, so the HTML already shows the top of the board (the
 * page then connects and takes over). A link the server refuses ends here with Kit's `error()`:
 * +error.svelte beside this page draws the screen and the response carries its status. Client-side
 * navigations skip the first screen: the app is already loaded and the page looks the board up
 * itself, as it does when no server is attached.
 */
export const load: PageServerLoad = async ({ params, url, isDataRequest, setHeaders }) => {
	const token = url.searchParams.get('token') ?? undefined;
	let page: Extract<BoardPage, { ok: true }> | null = null;
	const source = boardPageSource();
	if (token && !isDataRequest && source) {
		const answer = await source(params.id, token);
		// the HTML carries board content: never cache it in shared caches
		setHeaders({ 'cache-control': 'private, no-store' });
		if (!answer.ok) error(REFUSED[answer.reason].status, { message: REFUSED[answer.reason].message, reason: answer.reason });
		page = answer;
	}
	return { boardId: params.id, token, page, locale: page ? displayLocale() : undefined };
};
