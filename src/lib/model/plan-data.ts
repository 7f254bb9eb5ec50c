/** PlanData <-> Y.Doc: the whole plan as plain data (notes as markdown) and back. */
import * as Y from 'yjs';
import { fragmentToMarkdown, markdownToFragment } from '../rich-text/convert.ts';
import { cardNotes, readCards } from './cards.ts';
import { fitCostsWithinBound } from './cost-bound.ts';
import { cardsMap, metaMap, NOTES_KEY } from './doc-keys.ts';
import { fieldsOf } from './fields.ts';
import { compareCardsByPosition } from './card-order.ts';
import { LayoutGrid } from './layout.ts';
import { readMeta, writeMeta } from './meta.ts';
import { readReviews, writeReviews } from './reviews.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { TITLE_KEY } from './title-text.ts';
import type { WriteOrigin } from './origin.ts';
import { ZONE_OF_KIND, type Card, type PlanData } from './types.ts';
import { validatePlan } from './validate.ts';

export { compareCardsByPosition };

/**
 * The plan as plain data: meta, and every card with its typed fields, position and notes as
 * markdown (omitted when empty), in board reading order; `reviews` (checkpoint records and review
 * items) only when the board has some. A milestone whose goal was deleted concurrently is returned
 * without `goalId`.
 */
export function toPlanData(doc: Y.Doc): PlanData {
	const cards = readCards(doc);
	const goals = new Set(cards.filter((c) => c.kind === 'goal').map((c) => c.id));
	for (const card of cards) {
		if (card.kind === 'milestone' && card.goalId !== undefined && !goals.has(card.goalId)) {
			delete card.goalId;
		}
		const fragment = cardNotes(doc, card.id);
		const notes = fragment ? fragmentToMarkdown(fragment) : '';
		if (notes) card.notes = notes;
	}
	const meta = readMeta(doc);
	// a plan merged past the cost limit reads clamped, the same way on every device (cost-bound.ts)
	const plan: PlanData = { ...meta, cards: fitCostsWithinBound(cards.sort(compareCardsByPosition), meta.horizonMonths) };
	const reviews = readReviews(doc);
	if (reviews) plan.reviews = reviews;
	return plan;
}

/**
 * Replace the whole board with `plan` in one transaction (meta, schemaVersion, every card and its
 * notes, and the review items and checkpoint records — cleared when `plan.reviews` is absent). Card ids are kept; cards without both x and y are placed in the first free grid cells
 * of their zone, in input order, around the positioned ones. Throws TypeError listing the
 * validation errors when `plan` is not valid (nothing written).
 */
export function applyPlanData(doc: Y.Doc, plan: PlanData, origin: WriteOrigin): void {
	const result = validatePlan(plan);
	if (!result.ok) throw new TypeError(`invalid plan: ${result.errors.join('; ')}`);
	const clean = result.plan;
	const grid = new LayoutGrid(
		clean.cards.filter((c) => c.x !== undefined && c.y !== undefined) as { x: number; y: number }[]
	);
	doc.transact(() => {
		const meta = metaMap(doc);
		const { cards: planCards, reviews, ...settings } = clean;
		writeReviews(doc, reviews);
		writeMeta(doc, settings);
		if (meta.get('schemaVersion') !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
		const cards = cardsMap(doc);
		for (const id of [...cards.keys()]) cards.delete(id);
		for (const card of planCards) insertCardMap(cards, card, grid);
	}, origin);
}

/**
 * Adds `card` (plain data, validated) to the cards map as a new card Y.Map with its typed fields,
 * a position (its own, else the next free slot of its zone in `grid`) and its notes as rich text.
 * Call inside a transaction.
 */
export function insertCardMap(cards: Y.Map<Y.Map<unknown>>, card: Card, grid: LayoutGrid): void {
	const map = new Y.Map<unknown>();
	map.set('kind', card.kind);
	const fields: Readonly<Record<string, unknown>> = card;
	for (const key of Object.keys(fieldsOf(card.kind))) {
		if (key === TITLE_KEY) map.set(key, new Y.Text(card.title));
		else if (fields[key] !== undefined) map.set(key, fields[key]);
	}
	if (card.x === undefined || card.y === undefined) {
		const pos = grid.next(ZONE_OF_KIND[card.kind]);
		map.set('x', pos.x);
		map.set('y', pos.y);
	}
	const fragment = new Y.XmlFragment();
	map.set(NOTES_KEY, fragment);
	cards.set(card.id, map);
	if (card.notes) markdownToFragment(card.notes, fragment);
}
