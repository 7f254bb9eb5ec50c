import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createHash } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { paintFirstResolveOptions } from '$lib/server/first-paint.ts';
import { FIRST_VIEW_SCRIPT } from '$lib/canvas/first-view.ts';
import { defineCustomServerStrategy } from '$lib/paraglide/runtime.js';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { acceptLanguageTags, chineseFrom } from '$lib/i18n/chinese.ts';
import { completeContentSecurityPolicy, DEFAULT_FRAME_ANCESTORS, parseFrameAncestors } from '$lib/security/web-policy.ts';

/** CSP source of the board page's one inline script that SvelteKit does not write (see first-view.ts). */
const FIRST_VIEW_HASH = `'sha256-${createHash('sha256').update(FIRST_VIEW_SCRIPT, 'utf8').digest('base64')}'`;

/** Sites that may frame the pages (validated at server start; an invalid value here falls back to none). */
function frameAncestors(): string {
	const parsed = parseFrameAncestors(env.FRAME_ANCESTORS);
	return parsed.ok ? parsed.value : DEFAULT_FRAME_ANCESTORS;
}

/**
 * Security headers for every page. SvelteKit writes the Content-Security-Policy (svelte.config.js:
 * scripts only from this origin or with the response's nonce); here it gets the hash of the board
 * page's placing script and `frame-ancestors` (env FRAME_ANCESTORS, default none). Board links
 * carry their token in the query string, so pages must never leak their URL to other sites
 * through the Referer header. The board page, which arrives with its first screen drawn, loads
 * and starts its app only after that screen is painted.
 */
const securedPage: Handle = async ({ event, resolve }) => {
	const response = await resolve(event, event.route.id === '/b/[id]' ? paintFirstResolveOptions() : undefined);
	const ancestors = frameAncestors();
	const csp = response.headers.get('content-security-policy');
	if (csp) response.headers.set('content-security-policy', completeContentSecurityPolicy(csp, [FIRST_VIEW_HASH], ancestors));
	else if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
		response.headers.set('content-security-policy', completeContentSecurityPolicy("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'", [], ancestors));
	}
	if (ancestors === "'none'") response.headers.set('x-frame-options', 'DENY');
	response.headers.set('referrer-policy', 'no-referrer');
	response.headers.set('x-content-type-options', 'nosniff');
	return response;
};

/** Any Chinese Accept-Language picks 简体中文 (see i18n.config.js). */
defineCustomServerStrategy('custom-chinese', {
	getLocale: (request) => chineseFrom(acceptLanguageTags(request?.headers.get('accept-language')))
});

/**
 * The UI language of the request (Settings cookie, else Accept-Language; see i18n.config.js):
 * messages rendered on the server use it and `<html lang>` says it.
 */
const uiLanguage: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%gw.lang%', locale) });
	});

/** Language first, so everything the page renders (and its error screen) is in it. */
export const handle: Handle = sequence(uiLanguage, securedPage);
