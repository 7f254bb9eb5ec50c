/**
 * boards.ts — whole plans in and out of a document, and with them the notes' markdown conversion
 * (Tiptap, marked) and the markdown import/export — loaded by the first request that needs one
 * (create, import, plan, export, checkpoints), not at start: a process that only relays boards
 * and renders first screens never holds them (`npm run bench -- --only rss`).
 */

/** boards.ts, imported once (the module system keeps it). */
export function plans(): Promise<typeof import('./boards.ts')> {
	return import('./boards.ts');
}

/** board-build.ts (validation and building of new boards, markdown import), imported once. */
export function builds(): Promise<typeof import('./board-build.ts')> {
	return import('./board-build.ts');
}

/** The markdown import/export answers (src/lib/markdown), imported once. */
export function markdown(): Promise<typeof import('../src/lib/markdown/index.ts')> {
	return import('../src/lib/markdown/index.ts');
}
