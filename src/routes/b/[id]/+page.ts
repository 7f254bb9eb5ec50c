import type { PageLoad } from './$types';

/** The board runs only in the browser (Yjs, IndexedDB, websockets). */
export const ssr = false;

/** Board id from the path; the token is read from `?token=` by the page. */
export const load: PageLoad = ({ params, url }) => ({
	boardId: params.id,
	token: url.searchParams.get('token') ?? undefined
});
