import type { Handle } from '@sveltejs/kit';
import { paintFirstResolveOptions } from '$lib/first-paint.ts';

/**
 * Security headers for every page. Board links carry their token in the query string, so pages
 * must never leak their URL to other sites through the Referer header. The board page, which
 * arrives with its first screen drawn, loads and starts its app only after that screen is painted; for a bad
 * or unknown link it draws its error screen with the status its load chose.
 */
export const handle: Handle = async ({ event, resolve }) => {
	let response = await resolve(event, event.route.id === '/b/[id]' ? paintFirstResolveOptions() : undefined);
	if (event.locals.pageStatus && response.status === 200) {
		response = new Response(response.body, { status: event.locals.pageStatus, headers: response.headers });
	}
	response.headers.set('referrer-policy', 'no-referrer');
	response.headers.set('x-content-type-options', 'nosniff');
	return response;
};
