/**
 * The first screen of a board as plain data: what the server renders into the board page so the
 * cards at the top of the board are drawn before the browser has loaded the app or the document.
 * Reads only what that screen shows — every card's kind and position, full fields only for cards
 * in the band — so it stays cheap on boards of thousands of cards.
 */
import * as Y from 'yjs';
import { costCardsOf, readCard } from './cards.ts';
import { fitCostsWithinBound } from './cost-bound.ts';
import { cardsMap } from './doc-keys.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './layout.ts';
import { readMeta, type BoardMeta } from './meta.ts';
import { CARD_KINDS, type Card, type CardKind, type MilestoneCard } from './types.ts';

/** World px from the top of the board that the first screen covers (about 12 card rows). */
export const FIRST_SCREEN_HEIGHT = 1800;

/** World rectangle. */
export interface FirstScreenRect {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** See the file comment. Cards carry no notes. */
export interface FirstScreen {
	readonly meta: BoardMeta;
	/**
	 * Cards whose rectangle starts above {@link FIRST_SCREEN_HEIGHT}, top rows first (y, then x,
	 * then id): the page parses, and the browser draws, the cards of the first viewport before the
	 * ones below it.
	 */
	readonly cards: Card[];
	/** Steps (milestones, in step order) of every goal shown, and of the goal of every milestone shown. */
	readonly steps: Record<string, MilestoneCard[]>;
	/** Titles of those goals (a milestone shows its goal's title). */
	readonly goalTitles: Record<string, string>;
	/** Number of cards of each kind on the whole board. */
	readonly kindCounts: Record<CardKind, number>;
	/** Bounding box of every card on the board, or null when it has none. */
	readonly contentBounds: FirstScreenRect | null;
}

/** Step order of a goal's milestones: `order`, then id (the same rule as the live board). */
export function compareSteps(a: MilestoneCard, b: MilestoneCard): number {
	return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Reads the first screen of `doc` (see {@link FirstScreen}); `height` is the band in world px. */
export function readFirstScreen(doc: Y.Doc, height: number = FIRST_SCREEN_HEIGHT): FirstScreen {
	const kindCounts = Object.fromEntries(CARD_KINDS.map((k) => [k, 0])) as Record<CardKind, number>;
	const inBand: { id: string; x: number; y: number }[] = [];
	const milestonesByGoal = new Map<string, string[]>();
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const [id, map] of cardsMap(doc).entries()) {
		if (!(map instanceof Y.Map)) continue;
		const kind = map.get('kind') as CardKind;
		if (!(kind in kindCounts)) continue;
		kindCounts[kind]++;
		const rawX = map.get('x');
		const rawY = map.get('y');
		const x = typeof rawX === 'number' ? rawX : 0;
		const y = typeof rawY === 'number' ? rawY : 0;
		x0 = Math.min(x0, x);
		y0 = Math.min(y0, y);
		x1 = Math.max(x1, x + CARD_WIDTH);
		y1 = Math.max(y1, y + CARD_HEIGHT);
		if (y < height) inBand.push({ id, x, y });
		if (kind === 'milestone') {
			const goalId = map.get('goalId');
			if (typeof goalId === 'string') {
				const list = milestonesByGoal.get(goalId);
				if (list) list.push(id);
				else milestonesByGoal.set(goalId, [id]);
			}
		}
	}
	inBand.sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const cards = inBand.map(({ id }) => readCard(doc, id)).filter((c): c is Card => c !== undefined);

	const goals = new Set<string>();
	for (const card of cards) {
		if (card.kind === 'goal') goals.add(card.id);
		else if (card.kind === 'milestone' && card.goalId) goals.add(card.goalId);
	}
	const steps: Record<string, MilestoneCard[]> = {};
	const goalTitles: Record<string, string> = {};
	for (const goalId of goals) {
		const goal = readCard(doc, goalId);
		if (goal?.kind !== 'goal') continue;
		goalTitles[goalId] = goal.title;
		steps[goalId] = (milestonesByGoal.get(goalId) ?? [])
			.map((id) => readCard(doc, id))
			.filter((c): c is MilestoneCard => c?.kind === 'milestone')
			.sort(compareSteps);
	}
	const contentBounds = x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
	return { meta: readMeta(doc), cards, steps, goalTitles, kindCounts, contentBounds };
}

/**
 * Every role and spend card of `doc` (the cards that cost money), without notes, as the budget
 * maths counts them (clamped within the plan's cost limit, see cost-bound.ts).
 */
export function readCostCards(doc: Y.Doc): Card[] {
	return fitCostsWithinBound(costCardsOf(doc), readMeta(doc).horizonMonths);
}
