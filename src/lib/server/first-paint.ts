import type { ResolveOptions } from '@sveltejs/kit';

/**
 * Lets a server-rendered page paint before the app starts. SvelteKit's boot script imports the
 * app at the end of the body, and its `Link: rel=modulepreload` header makes the browser fetch and
 * compile every module of the app while it is still parsing and drawing the page: on a two-core
 * machine that work competes with the first frame (measured: the board's first screen drew later
 * with the header than without). `afterFirstPaint` rewrites the boot script so that, after the
 * next frame, in a posted-message task (tasks the frame itself queued run first; a `setTimeout`
 * could run before them, and the app's start is one long task), it preloads the given modules
 * all at once (no import waterfall) and then imports the app. It only touches the exact
 * `Promise.all([ import(…), import(…) ]).then(` shape; anything else is returned unchanged (the
 * page then boots as usual).
 */
const BOOT = /(\n\s*)Promise\.all\(\[(\s*import\("[^"]+"\),\s*import\("[^"]+"\)\s*)\]\)\.then\(/;

/** JSON that is safe inside an inline `<script>`. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The page's HTML with the app's start deferred until a frame has been painted; `preloads` (the
 * module URLs, relative to the page as SvelteKit writes them) are preloaded at that moment.
 */
export function afterFirstPaint(html: string, preloads: readonly string[] = []): string {
	const preload = preloads.length
		? `for (const href of ${scriptJson(preloads)}) { const l = document.createElement('link'); l.rel = 'modulepreload'; l.href = href; document.head.append(l); } `
		: '';
	return html.replace(
		BOOT,
		(_, indent: string, imports: string) =>
			`${indent}new Promise((r) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); })).then(() => { ${preload}return Promise.all([${imports}]); }).then(`
	);
}

/**
 * Resolve options for a page that must paint before its app starts: SvelteKit's module preloads
 * are taken out of the response (no `Link` header for them) and issued by the boot script after
 * the first frame instead (see `afterFirstPaint`). Other preloads keep SvelteKit's default
 * (stylesheets). One object per request: it collects that page's module list.
 */
export function paintFirstResolveOptions(): Pick<ResolveOptions, 'preload' | 'transformPageChunk'> {
	const modules: string[] = [];
	return {
		preload: ({ type, path }) => {
			if (type === 'js') {
				modules.push(path);
				return false;
			}
			return type === 'css';
		},
		// SvelteKit asks about every preload while rendering the head, before the page's HTML is final
		transformPageChunk: ({ html }) => afterFirstPaint(html, modules)
	};
}
