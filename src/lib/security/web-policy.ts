/**
 * The web security policy of every HTML answer, in one pure module shared by the server's
 * configuration (validation at start) and the app's hooks (the headers): which sites may frame the
 * pages (`FRAME_ANCESTORS`), which origins may open the sync socket (`ALLOWED_ORIGINS`), and how
 * SvelteKit's Content-Security-Policy header is completed (the hash of our one inline script and
 * `frame-ancestors`, which depends on the environment and so cannot sit in svelte.config.js).
 */

/** `frame-ancestors` when `FRAME_ANCESTORS` is unset: no site may frame the pages (clickjacking). */
export const DEFAULT_FRAME_ANCESTORS = "'none'";

/** An origin the way browsers send it: `scheme://host[:port]`, no path. */
export type Origin = string;

/** The origin of an absolute http(s) URL or origin, or null when `text` is not one. */
export function originOf(text: string): Origin | null {
	try {
		const url = new URL(text);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
		return url.origin;
	} catch {
		return null;
	}
}

/** A parsed setting: the value, or one sentence saying what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Parses `FRAME_ANCESTORS`: empty = {@link DEFAULT_FRAME_ANCESTORS}; `'none'`, `'self'` or a list
 * of http(s) origins (separated by spaces or commas; `https://*.example.com` allowed) and `'self'`.
 * Returns the CSP source list.
 */
export function parseFrameAncestors(raw: string | undefined): Parsed<string> {
	const items = (raw ?? '').split(/[\s,]+/).filter(Boolean);
	if (items.length === 0) return { ok: true, value: DEFAULT_FRAME_ANCESTORS };
	const keyword = (item: string) => item.replace(/^'|'$/g, '').toLowerCase();
	if (items.length === 1 && keyword(items[0]) === 'none') return { ok: true, value: "'none'" };
	const sources: string[] = [];
	for (const item of items) {
		if (keyword(item) === 'self') {
			sources.push("'self'");
			continue;
		}
		const wildcard = /^(https?:\/\/)\*\.([A-Za-z0-9.-]+(:\d{1,5})?)$/.exec(item);
		const origin = wildcard ? (originOf(`${wildcard[1]}${wildcard[2]}`) && `${wildcard[1]}*.${wildcard[2].toLowerCase()}`) : originOf(item);
		if (!origin) {
			return {
				ok: false,
				problem: `FRAME_ANCESTORS must be 'none', 'self' or http(s) origins like https://wiki.example.com (got ${JSON.stringify(item)})`
			};
		}
		sources.push(origin);
	}
	return { ok: true, value: sources.join(' ') };
}

/** Parses `ALLOWED_ORIGINS`: http(s) origins separated by spaces or commas (empty = none). */
export function parseOriginList(raw: string | undefined): Parsed<Origin[]> {
	const origins: Origin[] = [];
	for (const item of (raw ?? '').split(/[\s,]+/).filter(Boolean)) {
		const origin = originOf(item);
		if (!origin) return { ok: false, problem: `ALLOWED_ORIGINS must list http(s) origins like https://plan.example.com (got ${JSON.stringify(item)})` };
		origins.push(origin);
	}
	return { ok: true, value: origins };
}

/**
 * The origins allowed to open the sync socket: PUBLIC_URL's origin plus `ALLOWED_ORIGINS`, or
 * null (any origin) when neither is set.
 */
export function syncOrigins(publicUrl: string | undefined, allowed: readonly Origin[]): ReadonlySet<Origin> | null {
	const origins = new Set(allowed);
	const own = publicUrl ? originOf(new URL(publicUrl).origin) : null;
	if (own) origins.add(own);
	return origins.size > 0 ? origins : null;
}

/**
 * Whether a WebSocket upgrade with this `Origin` header may proceed. Browsers always send Origin
 * on a WebSocket, so a request without one is not a page (a script or a server, which needs a
 * token all the same) and passes; with an allow-list, any other origin is refused.
 */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<Origin> | null): boolean {
	if (!allowed || origin === undefined) return true;
	return allowed.has(origin.toLowerCase());
}

/**
 * Completes SvelteKit's Content-Security-Policy (nonce mode): `scriptHashes` (e.g.
 * `'sha256-…'`) join `script-src`, and `frame-ancestors` is set. Returns the new header value.
 */
export function completeContentSecurityPolicy(csp: string, scriptHashes: readonly string[], frameAncestors: string): string {
	const directives = csp
		.split(';')
		.map((d) => d.trim())
		.filter((d) => d && !/^frame-ancestors(\s|$)/i.test(d))
		.map((d) => (/^script-src(\s|$)/i.test(d) && scriptHashes.length ? `${d} ${scriptHashes.join(' ')}` : d));
	directives.push(`frame-ancestors ${frameAncestors}`);
	return directives.join('; ');
}
