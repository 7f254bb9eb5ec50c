// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/**
			 * Why a board link cannot open its board, when the board page's load refused it with
			 * `error()` (401 / 404 / 500); its +error.svelte draws the matching screen.
			 */
			reason?: 'bad-token' | 'unknown-board' | 'damaged-board';
		}
	}
}

export {};
