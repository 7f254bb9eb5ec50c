// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/**
			 * HTTP status of a page that draws its own error screen: the board page answers a bad or
			 * unknown link with its error screen and 401 / 404 (set by its load, applied in hooks).
			 */
			pageStatus?: number;
		}
	}
}

export {};
