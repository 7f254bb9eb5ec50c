/**
 * validatePlan: untrusted JSON in, a clean PlanData or path-named errors out. Unknown fields are
 * ignored (dropped from the result); known fields are strictly typed.
 */
import { costUpperBound, MAX_PLAN_COST } from './cost-bound.ts';
import { checkId, fieldsOf, MAX_CARDS, MAX_NOTES_CHARS } from './fields.ts';
import { META_CHECKS, OPTIONAL_META_CHECKS, type BoardMeta } from './meta.ts';
import { monthIndex, monthFromIndex } from './month.ts';
import { CARD_KINDS, type Card, type CardKind, type PlanData, type PlanReviews } from './types.ts';
import { validateReviews } from './validate-reviews.ts';

/** At most this many errors are reported (the rest are summarised in one line). */
export const MAX_REPORTED_ERRORS = 50;

/** Result of {@link validatePlan}. */
export type PlanValidation = { ok: true; plan: PlanData } | { ok: false; errors: string[] };

const LAST_MONTH_INDEX = monthIndex('9999-12');

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Check an untrusted plan. Errors name the path: `cards[3].headcount: must be a non-negative
 * integer`. Rejects: missing/ill-typed fields, unknown card kinds, malformed months, non-integer
 * or negative money, horizon outside 1..120 (or past 9999-12), bad currency codes, duplicate card
 * ids, a milestone goalId naming no goal card, endMonth before startMonth, over-long strings
 * and more than MAX_CARDS cards; optional `reviews` (checkpoint records and review items) are
 * checked by validateReviews (paths `reviews.items[2].text`…) and dropped when both lists are empty. On success `plan` holds only known fields, in input order.
 */
export function validatePlan(input: unknown): PlanValidation {
	const errors: string[] = [];
	const fail = (path: string, message: string) => {
		errors.push(`${path}: ${message}`);
	};
	if (!isRecord(input)) return { ok: false, errors: ['plan: must be a JSON object'] };

	const meta: Record<string, unknown> = {};
	for (const [key, check] of Object.entries(META_CHECKS)) {
		const value = input[key];
		if (value === undefined) fail(key, 'is required');
		else {
			const error = check(value);
			if (error) fail(key, error);
			else meta[key] = value;
		}
	}
	for (const [key, check] of Object.entries(OPTIONAL_META_CHECKS)) {
		const value = input[key];
		if (value === undefined) continue;
		const error = check(value);
		if (error) fail(key, error);
		else meta[key] = value;
	}
	if (
		typeof meta.startMonth === 'string' &&
		typeof meta.horizonMonths === 'number' &&
		monthIndex(meta.startMonth) + meta.horizonMonths - 1 > LAST_MONTH_INDEX
	) {
		fail('horizonMonths', `the horizon must end by ${monthFromIndex(LAST_MONTH_INDEX)}`);
	}

	const cards: Card[] = [];
	const rawCards = input.cards;
	if (!Array.isArray(rawCards)) fail('cards', 'must be an array');
	else if (rawCards.length > MAX_CARDS) fail('cards', `must hold at most ${MAX_CARDS} cards`);
	else {
		const firstIndexOf = new Map<string, number>();
		const goals = new Set<string>();
		const rawIndex: number[] = []; // input index of each accepted card
		for (const [i, raw] of rawCards.entries()) {
			const path = `cards[${i}]`;
			if (!isRecord(raw)) {
				fail(path, 'must be an object');
				continue;
			}
			const kind = raw.kind;
			if (typeof kind !== 'string' || !(CARD_KINDS as readonly string[]).includes(kind)) {
				fail(`${path}.kind`, `must be one of ${CARD_KINDS.join(', ')}`);
				continue;
			}
			const card: Record<string, unknown> = { kind };
			const idError = raw.id === undefined ? 'is required' : checkId(raw.id);
			if (idError) fail(`${path}.id`, idError);
			else {
				const id = raw.id as string;
				const first = firstIndexOf.get(id);
				if (first !== undefined) fail(`${path}.id`, `duplicate id "${id}" (also cards[${first}])`);
				else firstIndexOf.set(id, i);
				if (kind === 'goal') goals.add(id);
				card.id = id;
			}
			for (const [field, rule] of Object.entries(fieldsOf(kind as CardKind))) {
				const value = raw[field];
				if (value === undefined) {
					if (!rule.optional) fail(`${path}.${field}`, 'is required');
					continue;
				}
				const error = rule.check(value);
				if (error) fail(`${path}.${field}`, error);
				else card[field] = value;
			}
			if (raw.notes !== undefined) {
				if (typeof raw.notes !== 'string') fail(`${path}.notes`, 'must be a string (markdown)');
				else if (raw.notes.length > MAX_NOTES_CHARS) {
					fail(`${path}.notes`, `must be at most ${MAX_NOTES_CHARS} characters`);
				} else if (raw.notes !== '') card.notes = raw.notes;
			}
			if (
				typeof card.startMonth === 'string' &&
				typeof card.endMonth === 'string' &&
				card.endMonth < card.startMonth
			) {
				fail(`${path}.endMonth`, 'must not be before startMonth');
			}
			cards.push(card as unknown as Card);
			rawIndex.push(i);
		}
		for (const [i, card] of cards.entries()) {
			if (card.kind === 'milestone' && card.goalId !== undefined && !goals.has(card.goalId)) {
				fail(`cards[${rawIndex[i]}].goalId`, `names no goal card ("${card.goalId}")`);
			}
		}
	}

	let reviews: PlanReviews | undefined;
	if (input.reviews !== undefined && input.reviews !== null) reviews = validateReviews(input.reviews, fail);

	if (errors.length === 0 && typeof meta.horizonMonths === 'number') {
		const bound = costUpperBound(cards, meta.horizonMonths);
		if (bound > BigInt(MAX_PLAN_COST)) {
			fail('cards', `costs could reach ${bound} minor units over the horizon, more than the ${MAX_PLAN_COST} the budget maths keeps exact; lower the amounts`);
		}
	}

	if (errors.length > 0) {
		const shown = errors.slice(0, MAX_REPORTED_ERRORS);
		if (errors.length > MAX_REPORTED_ERRORS) shown.push(`… and ${errors.length - MAX_REPORTED_ERRORS} more errors`);
		return { ok: false, errors: shown };
	}
	const plan: PlanData = { ...(meta as unknown as BoardMeta), cards };
	if (reviews) plan.reviews = reviews;
	return { ok: true, plan };
}
