/**
 * The live board (connection, state and the full board UI) as one module, so the board page can
 * load it after its server-rendered first screen is on screen instead of before.
 */
export { BoardController } from '$lib/state/board-controller.svelte.ts';
export { default as BoardApp } from './BoardApp.svelte';
