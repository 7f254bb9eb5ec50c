/**
 * A card's notes as markdown: the rich text (a Y.XmlFragment edited by Tiptap) converted through
 * the shared Tiptap schema. Kept apart from cards.ts so the browser's board, which edits notes
 * with Tiptap directly, does not load the markdown converters with the model.
 */
import * as Y from 'yjs';
import { fragmentToMarkdown, markdownToFragment } from '../rich-text/convert.ts';
import { addCards } from './card-batch.ts';
import type { Card } from './types.ts';
import { checkNotes } from './cards.ts';
import { cardsMap, NOTES_KEY } from './doc-keys.ts';
import type { WriteOrigin } from './origin.ts';

/**
 * Replace the notes of card `id` with `markdown`, in one transaction. Returns false (writing
 * nothing) when the card does not exist; throws TypeError for notes that are not a string or
 * too long.
 */
export function setCardNotes(doc: Y.Doc, id: string, markdown: string, origin: WriteOrigin): boolean {
	const notes = checkNotes(markdown);
	const map = cardsMap(doc).get(id);
	if (!(map instanceof Y.Map)) return false;
	doc.transact(() => {
		let fragment = map.get(NOTES_KEY);
		if (!(fragment instanceof Y.XmlFragment)) {
			fragment = new Y.XmlFragment();
			map.set(NOTES_KEY, fragment);
		}
		markdownToFragment(notes, fragment as Y.XmlFragment);
	}, origin);
	return true;
}

/** The notes of card `id` as markdown ('' when empty or when there is no such card). */
export function cardNotesMarkdown(doc: Y.Doc, id: string): string {
	const fragment = cardsMap(doc).get(id)?.get(NOTES_KEY);
	return fragment instanceof Y.XmlFragment ? fragmentToMarkdown(fragment) : '';
}

/**
 * Add cards with their notes (markdown) in one transaction: one change for everyone, one undo
 * step. Cards are expected valid (validatePlan) with free ids; see addCards. Returns their ids.
 */
export function addCardsWithNotes(doc: Y.Doc, cards: readonly Card[], origin: WriteOrigin): string[] {
	return addCards(doc, cards, origin, (id, card) => {
		if (card.notes) setCardNotes(doc, id, card.notes, origin);
	});
}
