/**
 * Selection rules of the canvas, as plain functions over card ids and rectangles: click with and
 * without a modifier, box selection, reading order for keyboard focus, arrow-key neighbours and
 * nudge steps. Pure: no DOM, no runes, no Yjs.
 */
import { ZONE_OF_KIND, type CardKind } from '$lib/model/types.ts';
import { ZONE_ORDER } from '$lib/model/layout.ts';
import type { Rect } from './geometry.ts';

/** World px one arrow key press nudges the selection (Shift: {@link NUDGE_FAR}). */
export const NUDGE_STEP = 8;
/** World px of a Shift+arrow nudge. */
export const NUDGE_FAR = 64;

/**
 * The selection after clicking card `id`: with `additive` (Shift/Ctrl/Cmd) the card is toggled in
 * or out; without, it becomes the only selected card. Order of the other ids is kept.
 */
export function selectionAfterClick(selection: readonly string[], id: string, additive: boolean): string[] {
	if (!additive) return [id];
	return selection.includes(id) ? selection.filter((s) => s !== id) : [...selection, id];
}

/** The rectangle spanned by two points (any corner order), width/height ≥ 0. */
export function boxBetween(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
	return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/**
 * The selection while box-dragging: the cards the box touches (`touched`), added to the selection
 * the drag started with (`base`) when the drag is additive (Shift held), else alone. No duplicates.
 */
export function boxSelection(base: readonly string[], touched: readonly string[], additive: boolean): string[] {
	if (!additive) return [...touched];
	const out = [...base];
	const seen = new Set(base);
	for (const id of touched) if (!seen.has(id)) out.push(id), seen.add(id);
	return out;
}

/** What reading order needs of a card: its kind (for its zone) and top-left corner. */
export interface PlacedCard {
	id: string;
	kind: CardKind;
	x?: number;
	y?: number;
}

const ZONE_RANK = new Map(ZONE_ORDER.map((zone, i) => [zone, i]));

/**
 * Card ids in reading order: zone by zone (Team, Strategy, Spending), then top to bottom, left
 * to right; cards whose tops are within `rowTolerance` px count as one row. Ties by id.
 */
export function readingOrder(cards: readonly PlacedCard[], rowTolerance = 24): string[] {
	const sorted = [...cards].sort(
		(a, b) =>
			ZONE_RANK.get(ZONE_OF_KIND[a.kind])! - ZONE_RANK.get(ZONE_OF_KIND[b.kind])! ||
			(a.y ?? 0) - (b.y ?? 0) ||
			(a.x ?? 0) - (b.x ?? 0) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	// group rows within a zone, then order each row by x
	const out: string[] = [];
	let row: PlacedCard[] = [];
	const flush = () => {
		row.sort((a, b) => (a.x ?? 0) - (b.x ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		for (const card of row) out.push(card.id);
		row = [];
	};
	for (const card of sorted) {
		const first = row[0];
		if (first && (ZONE_OF_KIND[first.kind] !== ZONE_OF_KIND[card.kind] || (card.y ?? 0) - (first.y ?? 0) > rowTolerance)) flush();
		row.push(card);
	}
	flush();
	return out;
}

/**
 * The id `step` places after `id` in `order` (negative: before), or null past either end. An id
 * not in the order starts from before the first (step > 0) or after the last (step < 0).
 */
export function stepInOrder(order: readonly string[], id: string | null, step: number): string | null {
	const at = id === null ? -1 : order.indexOf(id);
	const from = at >= 0 ? at : step > 0 ? -1 : order.length;
	const next = from + step;
	return next >= 0 && next < order.length ? order[next] : null;
}

/** An arrow key's direction. */
export type Direction = 'left' | 'right' | 'up' | 'down';

/** The direction of an arrow key (`event.key`), or null for any other key. */
export function arrowDirection(key: string): Direction | null {
	switch (key) {
		case 'ArrowLeft':
			return 'left';
		case 'ArrowRight':
			return 'right';
		case 'ArrowUp':
			return 'up';
		case 'ArrowDown':
			return 'down';
		default:
			return null;
	}
}

/** World-px move of one nudge in `direction` (`far`: Shift held). */
export function nudgeDelta(direction: Direction, far: boolean): { dx: number; dy: number } {
	const step = far ? NUDGE_FAR : NUDGE_STEP;
	switch (direction) {
		case 'left':
			return { dx: -step, dy: 0 };
		case 'right':
			return { dx: step, dy: 0 };
		case 'up':
			return { dx: 0, dy: -step };
		case 'down':
			return { dx: 0, dy: step };
	}
}

/**
 * The nearest card from `from` in `direction`, by centre: only cards whose centre lies further
 * in that direction count, and sideways distance weighs double (so Down finds the card below,
 * not one far off to the side). Null when there is none.
 */
export function neighbourIn(direction: Direction, from: Rect, candidates: Iterable<[string, Rect]>): string | null {
	const cx = from.x + from.width / 2;
	const cy = from.y + from.height / 2;
	let best: string | null = null;
	let bestScore = Infinity;
	for (const [id, rect] of candidates) {
		const dx = rect.x + rect.width / 2 - cx;
		const dy = rect.y + rect.height / 2 - cy;
		const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
		const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
		if (along <= 0.5) continue;
		const score = along + 2 * across;
		if (score < bestScore || (score === bestScore && best !== null && id < best)) {
			best = id;
			bestScore = score;
		}
	}
	return best;
}
