/**
 * Lets a server-rendered page paint before the app starts. SvelteKit's boot script imports the
 * app at the end of the body; the modules are preloaded, so they often run (and hydrate) before
 * the browser has painted a single frame with the whole page, which then waits for all of it.
 * `afterFirstPaint` rewrites that boot script so the imports start after the next frame, in a
 * posted-message task: tasks the frame itself queued run first (a `setTimeout` could run before
 * them, and the app's start is one long task). It only
 * touches the exact `Promise.all([ import(…), import(…) ]).then(` shape; anything else is
 * returned unchanged (the page then boots as usual).
 */
const BOOT = /(\n\s*)Promise\.all\(\[(\s*import\("[^"]+"\),\s*import\("[^"]+"\)\s*)\]\)\.then\(/;

/** The page's HTML with the app's start deferred until a frame has been painted. */
export function afterFirstPaint(html: string): string {
	return html.replace(
		BOOT,
		(_, indent: string, imports: string) =>
			`${indent}new Promise((r) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); })).then(() => Promise.all([${imports}])).then(`
	);
}
