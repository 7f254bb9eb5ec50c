/**
 * The Yjs shape of a board — the only place that names its keys:
 * - `doc.getMap('meta')`: schemaVersion, title, currency, budget, startMonth, horizonMonths;
 * - `doc.getMap('cards')`: card id → Y.Map of the card's fields (`kind`, `title`, `x`, `y`, kind
 *   fields) plus `notes` → Y.XmlFragment (Tiptap rich text).
 */
import * as Y from 'yjs';

/** Key of the card map entry holding its rich-text notes (a Y.XmlFragment). */
export const NOTES_KEY = 'notes';

/** The board's meta map. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>('meta');
}

/** The board's cards map: id → card Y.Map. */
export function cardsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>('cards');
}
