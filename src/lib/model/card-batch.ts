/**
 * Writes that change many cards at once — move, delete, duplicate, add — each in ONE transaction,
 * so a multi-card edit is one change for everyone and one step of the user's undo.
 */
import * as Y from 'yjs';
import { addCard, readCard } from './cards.ts';
import { cardsMap, NOTES_KEY } from './doc-keys.ts';
import { checkCoordinate } from './fields.ts';
import { newId } from './ids.ts';
import type { WriteOrigin } from './origin.ts';
import type { Card } from './types.ts';

/** A card's new top-left corner (canvas px). */
export interface CardMove {
	id: string;
	x: number;
	y: number;
}

/**
 * Move several cards in one transaction (rounded to whole px; unchanged ones are not rewritten;
 * ids of cards that no longer exist are skipped). Throws RangeError, writing nothing, for a
 * non-finite or huge coordinate. Returns how many cards exist among `moves`.
 */
export function moveCards(doc: Y.Doc, moves: readonly CardMove[], origin: WriteOrigin): number {
	for (const m of moves) {
		const error = checkCoordinate(m.x) ?? checkCoordinate(m.y);
		if (error) throw new RangeError(`x/y of ${m.id}: ${error}`);
	}
	const cards = cardsMap(doc);
	let found = 0;
	doc.transact(() => {
		for (const m of moves) {
			const map = cards.get(m.id);
			if (!map) continue;
			found++;
			const x = Math.round(m.x);
			const y = Math.round(m.y);
			if (map.get('x') !== x) map.set('x', x);
			if (map.get('y') !== y) map.set('y', y);
		}
	}, origin);
	return found;
}

/**
 * Delete several cards (with their notes) in one transaction. Milestones of a deleted goal that
 * stay on the board lose their `goalId` in the same transaction. Returns how many were deleted.
 */
export function deleteCards(doc: Y.Doc, ids: readonly string[], origin: WriteOrigin): number {
	const cards = cardsMap(doc);
	const doomed = new Set(ids.filter((id) => cards.has(id)));
	if (doomed.size === 0) return 0;
	doc.transact(() => {
		const goals = new Set([...doomed].filter((id) => cards.get(id)?.get('kind') === 'goal'));
		if (goals.size > 0) {
			for (const [id, card] of cards.entries()) {
				if (doomed.has(id)) continue;
				const goalId = card.get('goalId');
				if (card.get('kind') === 'milestone' && typeof goalId === 'string' && goals.has(goalId)) card.delete('goalId');
			}
		}
		for (const id of doomed) cards.delete(id);
	}, origin);
	return doomed.size;
}

/**
 * Copy cards `ids` of this board in one transaction: new ids, typed fields and notes (rich text
 * cloned as is), each at `place(card)` (its new top-left corner). A copied milestone whose goal
 * is copied too belongs to the goal's copy; otherwise it keeps its goal. Returns the new ids in
 * the order of `ids` (missing cards skipped).
 */
export function duplicateCards(
	doc: Y.Doc,
	ids: readonly string[],
	place: (card: Card) => { x: number; y: number },
	origin: WriteOrigin
): string[] {
	const cards = cardsMap(doc);
	const sources = ids.map((id) => readCard(doc, id)).filter((c): c is Card => c !== undefined);
	const newIds = new Map(sources.map((c) => [c.id, newId()]));
	doc.transact(() => {
		for (const card of sources) {
			const source = cards.get(card.id)!;
			const map = new Y.Map<unknown>();
			for (const [key, value] of source.entries()) {
				if (key === NOTES_KEY) continue;
				map.set(key, value instanceof Y.AbstractType ? value.clone() : value);
			}
			const { x, y } = place(card);
			map.set('x', Math.round(x));
			map.set('y', Math.round(y));
			const goalId = source.get('goalId');
			if (typeof goalId === 'string' && newIds.has(goalId)) map.set('goalId', newIds.get(goalId));
			const notes = source.get(NOTES_KEY);
			map.set(NOTES_KEY, notes instanceof Y.XmlFragment ? notes.clone() : new Y.XmlFragment());
			cards.set(newIds.get(card.id)!, map);
		}
	}, origin);
	return sources.map((c) => newIds.get(c.id)!);
}

/**
 * Add several cards in one transaction (see addCard for the field rules; each card's own `id`
 * must be free). `withNotes(id, card)` runs inside the same transaction after a card is added,
 * to write its notes. Goals come first so milestones can name them. Cards are expected to be
 * valid (check them with validatePlan first): a refused card throws, and the cards added before
 * it stay. Returns the ids in input order.
 */
export function addCards(
	doc: Y.Doc,
	cards: readonly Card[],
	origin: WriteOrigin,
	withNotes?: (id: string, card: Card) => void
): string[] {
	const ordered = [...cards].sort((a, b) => Number(b.kind === 'goal') - Number(a.kind === 'goal'));
	doc.transact(() => {
		for (const card of ordered) {
			const { notes: _notes, ...fields } = card;
			void _notes;
			const id = addCard(doc, card.kind, fields as Partial<Card>, origin);
			withNotes?.(id, card);
		}
	}, origin);
	return cards.map((c) => c.id);
}
