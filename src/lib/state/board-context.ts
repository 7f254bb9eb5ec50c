/** Context get/set pair for the open board, so deep components reach it without prop drilling. */
import { createContext } from 'svelte';
import type { BoardController } from './board-controller.svelte.ts';

const [getBoard, setBoard] = createContext<BoardController>();

/** The board controller of the nearest BoardApp; throws outside one. */
export const getBoardContext: () => BoardController = getBoard;
/** Provide the board controller to descendants (called once by BoardApp). */
export const setBoardContext: (board: BoardController) => BoardController = setBoard;
