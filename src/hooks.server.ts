import type { Handle } from '@sveltejs/kit';

/**
 * Security headers for every page. Board links carry their token in the query string, so pages
 * must never leak their URL to other sites through the Referer header.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('referrer-policy', 'no-referrer');
	response.headers.set('x-content-type-options', 'nosniff');
	return response;
};
