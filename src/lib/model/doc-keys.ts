/**
 * The Yjs shape of a board. The top-level maps and the notes key are named here and nowhere else;
 * the keys inside them are the schemas' field names (cards: fields.ts; meta: meta.ts, plus
 * `schemaVersion`, which migrations.ts owns; review items and checkpoints: review-fields.ts):
 * - `doc.getMap('meta')`: schemaVersion, title (Y.Text), currency, budget, startMonth, horizonMonths, language?;
 * - `doc.getMap('cards')`: card id → Y.Map of the card's fields (`kind`, `title` → Y.Text, `x`, `y`, kind
 *   fields) plus `notes` → Y.XmlFragment (Tiptap rich text);
 * - `doc.getMap('reviewItems')`: item id → Y.Map of a review item's fields (kind, text, owner,
 *   dueMonth, slide, checkpointId, createdAt);
 * - `doc.getMap('checkpoints')`: checkpoint id → Y.Map (name, createdAt, and the budget figures
 *   then: currency, budget, allocated, remaining, peakMonthlyBurn, runsOutIn).
 */
import * as Y from 'yjs';

/** Key of a card's title and of the board's title in meta (a Y.Text; see title-text.ts). */
export const TITLE_KEY = 'title';

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

/** The board's review items: id → item Y.Map (decisions and action items). */
export function reviewItemsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>('reviewItems');
}

/** The board's checkpoint records: checkpoint id → record Y.Map. */
export function checkpointsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>('checkpoints');
}
