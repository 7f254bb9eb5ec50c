import type { PageServerLoad } from './$types';
import { boardPageSource, type BoardPage } from '$lib/sync/board-page.ts';
import { displayLocale } from '$lib/state/format.ts';

/**
 * Board id and `?token=` from the URL and, on a full page load with a token, the board's access
 * and first screen from the server process, so the HTML already shows the top of the board (the
 * page then connects and takes over). Client-side navigations skip the first screen: the app is
 * already loaded and the page looks the board up itself, as it does when no server is attached.
 */
export const load: PageServerLoad = async ({ params, url, isDataRequest, setHeaders, locals }) => {
	const token = url.searchParams.get('token') ?? undefined;
	let page: BoardPage | null = null;
	const source = boardPageSource();
	if (token && !isDataRequest && source) {
		page = await source(params.id, token);
		// the HTML carries board content: never cache it in shared caches
		setHeaders({ 'cache-control': 'private, no-store' });
		// the page draws the error screen; the status says it too (link checkers, logs)
		if (!page.ok) locals.pageStatus = page.reason === 'unknown-board' ? 404 : page.reason === 'damaged-board' ? 500 : 401;
	}
	return { boardId: params.id, token, page, locale: page ? displayLocale() : undefined };
};
