/**
 * The server side of the board page's first screen (see src/lib/server/board-page.ts): checks the
 * token like the sync endpoint does and reads the first screen from the board's current document:
 * the live one when the board is open; for a board at rest, the first screen kept when its room
 * was last unloaded (the room is then loaded in the background for the socket that follows), or
 * else the stored document, loaded and kept open.
 */
import type * as Y from 'yjs';
import { readFirstScreen } from '../src/lib/model/core.ts';
import type { BoardPage, BoardPageSource, PageScreen } from '../src/lib/server/board-page.ts';
import { boardBudgetGlance } from './board-doc.ts';
import { checkAccess, viewTokenOf } from './auth.ts';
import type { Rooms } from './rooms.ts';
import { DamagedBoardError } from './storage-errors.ts';
import type { Store } from './store.ts';
import { transactionChanged } from './sync.ts';

/** First screens of open boards, each until its doc next changes. */
const current = new WeakMap<Y.Doc, PageScreen>();

/**
 * The first screen and budget of `doc`, read once per state of the doc: opening a board that
 * nobody is changing costs a lookup instead of walks over every card (~16 ms at 4,000 cards).
 * Dropped by the first transaction that changes the doc — watched with 'afterTransaction', not
 * 'update': a room's doc must have no 'update' listener (Yjs would encode every transaction for it).
 */
export function screenOf(doc: Y.Doc): PageScreen {
	let screen = current.get(doc);
	if (!screen) {
		screen = { first: readFirstScreen(doc), budget: boardBudgetGlance(doc) };
		current.set(doc, screen);
		const forget = (transaction: Y.Transaction) => {
			if (!transactionChanged(transaction)) return;
			current.delete(doc);
			doc.off('afterTransaction', forget);
		};
		doc.on('afterTransaction', forget);
	}
	return screen;
}

/** Boards at rest whose first screen is kept (the least recently kept are dropped first). */
export const FIRST_SCREENS_KEPT = 200;

/**
 * First screens of boards at rest, kept from the moment a board is created or its room unloads
 * until its room opens again, each with the board's seq it shows: a room on another instance may
 * change the board meanwhile, so a kept screen is used only while the stored board's `lastSeq`
 * is still that seq.
 */
export class FirstScreenCache {
	readonly #screens = new Map<string, { screen: PageScreen; seq: number }>();
	constructor(readonly capacity: number = FIRST_SCREENS_KEPT) {}

	/** `boardId` was just created (seq 0), or its room unloads holding the board through `seq`: keep its first screen. */
	atRest(boardId: string, doc: Y.Doc, seq: number): void {
		this.#screens.delete(boardId);
		this.#screens.set(boardId, { screen: screenOf(doc), seq });
		while (this.#screens.size > this.capacity) this.#screens.delete(this.#screens.keys().next().value as string);
	}

	/** The room of `boardId` opens: its board may change from now on. */
	awake(boardId: string): void {
		this.#screens.delete(boardId);
	}

	/** The board was deleted: drop its first screen. */
	forget(boardId: string): void {
		this.#screens.delete(boardId);
	}

	/** The kept first screen of a board at rest whose stored seq is `seq` (else it is stale: dropped), or undefined. */
	get(boardId: string, seq: number): PageScreen | undefined {
		const kept = this.#screens.get(boardId);
		if (kept && kept.seq !== seq) this.#screens.delete(boardId);
		return kept?.seq === seq ? kept.screen : undefined;
	}

	/** Number of boards kept. */
	get size(): number {
		return this.#screens.size;
	}
}

/** Builds the {@link BoardPageSource} of one server. */
export function boardPages({ store, rooms, screens }: { store: Store; rooms: Rooms; screens?: FirstScreenCache }): BoardPageSource {
	return async (boardId, token): Promise<BoardPage> => {
		const check = await checkAccess(boardId, token, (id) => store.getBoard(id));
		if (!check.ok) return { ok: false, reason: check.reason === 'unknown-board' ? 'unknown-board' : 'bad-token' };
		const { board, access } = check;
		let screen = rooms.connectionsOf(boardId) === undefined ? screens?.get(boardId, board.lastSeq) : undefined;
		if (screen) {
			// answer now; load the room right after, so the page's socket finds it ready
			setTimeout(() => void rooms.readDoc(boardId, () => undefined, { open: true }).catch(() => {}), 0);
		} else {
			try {
				screen = await rooms.readDoc(boardId, screenOf, { open: true });
			} catch (error) {
				if (error instanceof DamagedBoardError) return { ok: false, reason: 'damaged-board' };
				throw error;
			}
		}
		if (!screen) return { ok: false, reason: 'unknown-board' };
		// editors may share the view link, so they learn it; viewers never learn the edit token
		return access === 'edit' ? { ok: true, access, viewToken: viewTokenOf(board, token), ...screen } : { ok: true, access, ...screen };
	};
}
