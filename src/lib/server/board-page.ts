/**
 * Contract between the server process and the board page's server render: the server provides a
 * function answering "what does the first screen of board `id` look like for `token`", and the
 * page's server load calls it, so the HTML already shows the top of the board. Both sides run in
 * the same Node process (the server imports the built SvelteKit handler, or runs Vite in dev), so
 * the function is handed over on `globalThis` under a registered symbol. No imports beyond types:
 * the server loads this file by relative path.
 */
import type { BudgetGlance } from '../budget/glance.ts';
import type { FirstScreen } from '../model/first-screen.ts';

/** What the board page draws before the live board arrives: the top of the board and its budget. */
export interface PageScreen {
	readonly first: FirstScreen;
	readonly budget: BudgetGlance;
}

/** Answer for one board page: access and first screen, or why the link cannot open the board. */
export type BoardPage =
	| ({ readonly ok: true; readonly access: 'edit' | 'view'; readonly viewToken?: string } & PageScreen)
	| { readonly ok: false; readonly reason: 'bad-token' | 'unknown-board' | 'damaged-board' };

/** Reads a board page; rejects only on server faults. */
export type BoardPageSource = (boardId: string, token: string) => Promise<BoardPage>;

const KEY = Symbol.for('groundwork.board-page-source');

/** Called by the server process: makes `source` available to the page render. Returns an undo function. */
export function provideBoardPages(source: BoardPageSource): () => void {
	const holder = globalThis as { [KEY]?: BoardPageSource };
	holder[KEY] = source;
	return () => {
		if (holder[KEY] === source) delete holder[KEY];
	};
}

/** The source provided by the server process, or undefined (no server in this process). */
export function boardPageSource(): BoardPageSource | undefined {
	return (globalThis as { [KEY]?: BoardPageSource })[KEY];
}
