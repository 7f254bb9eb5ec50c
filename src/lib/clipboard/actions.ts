import { m } from '$lib/paraglide/messages.js';
/**
 * Copy, cut and paste of cards through the system clipboard for one open board: the glue between
 * the browser's clipboard events, the pure conversions (clipboard.ts) and the model's writes.
 * Notes travel as markdown; their converter (Tiptap's schema) is loaded in the background when
 * the board opens, and a paste waits for it.
 */
import { newId } from '$lib/model/ids.ts';
import { CARD_HEIGHT, CARD_WIDTH } from '$lib/model/layout.ts';
import type { Card } from '$lib/model/types.ts';
import type { BoardController } from '../state/board-controller.svelte.ts';
import { CLIPBOARD_MIME, cardsToPaste, decodeClipboard, encodeClipboard, type ClipboardPayload } from './payload.ts';
import { union } from '../canvas/geometry.ts';

type NotesModule = typeof import('$lib/model/notes.ts');
let notesModule: NotesModule | null = null;
let loadingNotes: Promise<NotesModule> | null = null;

/** Load (once) the notes ⇄ markdown writers the clipboard needs. */
export function loadClipboardNotes(): Promise<NotesModule> {
	loadingNotes ??= import('$lib/model/notes.ts').then(
		(m) => (notesModule = m),
		(error: unknown) => {
			loadingNotes = null;
			throw error;
		}
	);
	return loadingNotes;
}

/** The selected cards as plain data, notes as markdown when the converter is loaded. */
function selectedCards(board: BoardController): Card[] {
	const doc = board.connection.doc;
	return board.selection.flatMap((id) => {
		const card = board.plan.card(id);
		if (!card) return [];
		const notes = notesModule?.cardNotesMarkdown(doc, id) ?? '';
		return [notes ? { ...card, notes } : { ...card }];
	});
}

/**
 * Put the selected cards on the clipboard of a copy (or cut: the hint says so) event. Returns
 * false, leaving the event alone, when nothing is selected.
 */
export function copySelection(board: BoardController, data: DataTransfer, cut = false): boolean {
	const cards = selectedCards(board);
	if (cards.length === 0) return false;
	const written = encodeClipboard(board.boardId, board.plan.meta, cards);
	data.setData(CLIPBOARD_MIME, written[CLIPBOARD_MIME]);
	data.setData('text/html', written['text/html']);
	data.setData('text/plain', written['text/plain']);
	board.showHint(cut ? m.board_cut({ count: cards.length }) : m.board_copied({ count: cards.length }));
	return true;
}

/** What a paste event offers, read at once (the DataTransfer is emptied after the event). */
export interface PastedData {
	custom: string;
	html: string;
	text: string;
}

/** Read a paste event's data. */
export function readPaste(data: DataTransfer): PastedData {
	return { custom: data.getData(CLIPBOARD_MIME), html: data.getData('text/html'), text: data.getData('text/plain') };
}

/** True when a paste offers Groundwork cards, or text that may be a Groundwork plan. */
export function mayHoldCards(data: PastedData): boolean {
	return data.custom !== '' || data.html.includes('data-groundwork-clipboard') || /^##\s/m.test(data.text);
}

/**
 * Add the cards of a paste to the board as one change: new ids, in view and in their zones,
 * goal links kept (see cardsToPaste); the pasted cards become the selection and come into view.
 * Returns how many were pasted (0 when the data held no cards).
 */
export async function pasteCards(board: BoardController, data: PastedData): Promise<number> {
	if (board.readOnly) return 0;
	let payload: ClipboardPayload | null = decodeClipboard({ custom: data.custom, html: data.html });
	if (!payload && data.text) payload = (await import('./markdown.ts')).clipboardFromMarkdown(data.text);
	if (!payload || payload.cards.length === 0) return 0;
	const notes = await loadClipboardNotes();
	const view = board.viewport.usable(72);
	let taken: Set<string> | null = null;
	const cards = cardsToPaste(payload, {
		boardId: board.boardId,
		top: view.y + 24 / board.viewport.view.zoom,
		hasGoal: (id) => board.plan.card(id)?.kind === 'goal',
		newId,
		occupied: (x, y) => {
			taken ??= new Set(
				board.plan.cardIds.flatMap((id) => {
					const card = board.plan.card(id);
					return card ? [`${card.x ?? 0},${card.y ?? 0}`] : [];
				})
			);
			return taken.has(`${x},${y}`);
		}
	});
	board.undo.stopCapturing();
	try {
		notes.addCardsWithNotes(board.connection.doc, cards, board.origin);
	} catch (error) {
		board.showHint(m.board_paste_failed({ reason: error instanceof Error ? error.message : String(error) }));
		return 0;
	}
	board.undo.stopCapturing();
	board.setSelection(cards.map((c) => c.id));
	const bounds = union(cards.map((c) => ({ x: c.x ?? 0, y: c.y ?? 0, width: CARD_WIDTH, height: CARD_HEIGHT })));
	if (bounds) board.viewport.reveal(bounds);
	const foreign = payload.meta.currency !== board.plan.meta.currency;
	board.showHint(foreign ? m.board_pasted_foreign({ count: cards.length, currency: payload.meta.currency }) : m.board_pasted({ count: cards.length }));
	return cards.length;
}
