/**
 * Board reading order of cards (pure: no Yjs): the one order in which every list of cards is
 * given — plan data (toPlanData), the markdown export, slides and the plan diff.
 */
import { ZONE_ORDER } from './layout.ts';
import { ZONE_OF_KIND, type Card } from './types.ts';

const ZONE_RANK = new Map(ZONE_ORDER.map((zone, i) => [zone, i]));

function isPlaced(card: Card): boolean {
	return typeof card.x === 'number' && typeof card.y === 'number';
}

/**
 * Board reading order: zone (team, strategy, spending); in a zone, cards with a position top to
 * bottom (`y`), then left to right (`x`), ties by id; cards without a position after them, in
 * the order given (the sort is stable). Cards on a board always have a position; plain data read
 * from a person's markdown may not, and keeping their order is what makes re-importing an export
 * give the same plan back (their ids are new on every import, so ordering by id would not).
 */
export function compareCardsByPosition(a: Card, b: Card): number {
	const zone = ZONE_RANK.get(ZONE_OF_KIND[a.kind])! - ZONE_RANK.get(ZONE_OF_KIND[b.kind])!;
	if (zone !== 0) return zone;
	const placedA = isPlaced(a);
	const placedB = isPlaced(b);
	if (!placedA || !placedB) return placedA === placedB ? 0 : placedA ? -1 : 1;
	return a.y! - b.y! || a.x! - b.x! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `cards` in board order (a new array). */
export function inBoardOrder<T extends Card>(cards: readonly T[]): T[] {
	return [...cards].sort(compareCardsByPosition);
}

/**
 * Board order made independent of the order given: unplaced cards by id. For lists computed from
 * two plans whose card order means nothing (the plan diff).
 */
export function compareCardsCanonically(a: Card, b: Card): number {
	return compareCardsByPosition(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
