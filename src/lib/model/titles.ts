/**
 * Editing a title as shared text: the card panel and the board settings bind their inputs to the
 * title's Y.Text and write each keystroke as the smallest change (see title-text.ts).
 */
import * as Y from 'yjs';
import { cardsMap, metaMap } from './doc-keys.ts';
import { checkOf, titleSchema } from './fields.ts';
import type { WriteOrigin } from './origin.ts';
import { applyTextChange, TITLE_KEY } from './title-text.ts';

const checkTitle = checkOf(titleSchema);

/** The map holding a title: card `cardId`'s map, or the board's meta when `cardId` is null. */
function titleHolder(doc: Y.Doc, cardId: string | null): Y.Map<unknown> | undefined {
	if (cardId === null) return metaMap(doc);
	const card = cardsMap(doc).get(cardId);
	return card instanceof Y.Map ? card : undefined;
}

/**
 * The shared text of card `cardId`'s title (the board's title when null), or undefined when the
 * card does not exist or its title is not text yet (a doc not migrated, or an older client wrote
 * a string: {@link editTitle} turns it into text).
 */
export function titleText(doc: Y.Doc, cardId: string | null): Y.Text | undefined {
	const value = titleHolder(doc, cardId)?.get(TITLE_KEY);
	return value instanceof Y.Text ? value : undefined;
}

/**
 * Make the title of card `cardId` (of the board when null) read `value`, as the smallest change
 * to its shared text, in one transaction with `origin`; `caret` (where the caret is in `value`)
 * places an ambiguous insertion. Returns false (writing nothing) when the card does not exist;
 * throws TypeError for a value that is not a valid title (except one no longer than the stored
 * text, which concurrent typing may have taken past the limit: it can always be shortened).
 */
export function editTitle(doc: Y.Doc, cardId: string | null, value: string, origin: WriteOrigin, caret?: number): boolean {
	const holder = titleHolder(doc, cardId);
	const current = holder?.get(TITLE_KEY);
	const error = checkTitle(value);
	// a title that concurrent typing made too long may still be shortened
	const shortening = typeof value === 'string' && current instanceof Y.Text && value.length <= current.length;
	if (error && !shortening) throw new TypeError(`title: ${error}`);
	if (!holder || (cardId !== null && typeof holder.get('kind') !== 'string')) return false;
	doc.transact(() => {
		if (current instanceof Y.Text) applyTextChange(current, value, caret);
		else if (current !== value) holder.set(TITLE_KEY, new Y.Text(value));
	}, origin);
	return true;
}
