import type { PageLoad } from './$types';

/** The present page is drawn in the browser only (it shows the live board, nothing to pre-render). */
export const ssr = false;

/**
 * Board id, `?token=`, `?follow=<session>` when the board page hands a follower over, and
 * `?slide=<kind>` (`&item=<id>`) to open on a slide (with a decision or action item open: Find).
 */
export const load: PageLoad = ({ params, url }) => ({
	boardId: params.id,
	token: url.searchParams.get('token') ?? undefined,
	follow: url.searchParams.get('follow') ?? undefined,
	slide: url.searchParams.get('slide') ?? undefined,
	item: url.searchParams.get('item') ?? undefined
});
