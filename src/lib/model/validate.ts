/**
 * validatePlan: untrusted JSON in, a clean PlanData or path-named errors out. Unknown fields are
 * ignored (dropped from the result); known fields are strictly typed.
 */
import * as v from 'valibot';
import { costUpperBound, MAX_PLAN_COST } from './cost-bound.ts';
import { CARD_SCHEMAS, FIELD_CONFIG, MAX_CARDS, problemsByField } from './fields.ts';
import { META_SCHEMA } from './meta.ts';
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

function isCardKind(value: unknown): value is CardKind {
	return typeof value === 'string' && (CARD_KINDS as readonly string[]).includes(value);
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

	const metaResult = v.safeParse(META_SCHEMA, present(input), FIELD_CONFIG);
	const metaProblems = metaResult.success ? NO_PROBLEMS : problemsByField(metaResult.issues);
	for (const [key, message] of metaProblems) fail(key, message);
	if (
		!metaProblems.has('startMonth') &&
		!metaProblems.has('horizonMonths') &&
		monthIndex(input.startMonth as string) + (input.horizonMonths as number) - 1 > LAST_MONTH_INDEX
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
		const goalLinks: [index: number, goalId: string][] = [];
		for (const [i, raw] of rawCards.entries()) {
			const path = `cards[${i}]`;
			if (!isRecord(raw)) {
				fail(path, 'must be an object');
				continue;
			}
			const kind = raw.kind;
			if (!isCardKind(kind)) {
				fail(`${path}.kind`, `must be one of ${CARD_KINDS.join(', ')}`);
				continue;
			}
			const result = v.safeParse(CARD_SCHEMAS[kind], present(raw), FIELD_CONFIG);
			const problems = result.success ? NO_PROBLEMS : problemsByField(result.issues);
			const idProblem = problems.get('id');
			if (idProblem) fail(`${path}.id`, idProblem);
			else {
				const id = raw.id as string;
				const first = firstIndexOf.get(id);
				if (first !== undefined) fail(`${path}.id`, `duplicate id "${id}" (also cards[${first}])`);
				else firstIndexOf.set(id, i);
				if (kind === 'goal') goals.add(id);
			}
			for (const [field, message] of problems) if (field !== 'id') fail(`${path}.${field}`, message);
			if (
				!problems.has('startMonth') &&
				!problems.has('endMonth') &&
				typeof raw.startMonth === 'string' &&
				typeof raw.endMonth === 'string' &&
				raw.endMonth < raw.startMonth
			) {
				fail(`${path}.endMonth`, 'must not be before startMonth');
			}
			if (kind === 'milestone' && typeof raw.goalId === 'string' && !problems.has('goalId')) goalLinks.push([i, raw.goalId]);
			if (result.success) cards.push(cleanCard(result.output));
		}
		for (const [i, goalId] of goalLinks) {
			if (!goals.has(goalId)) fail(`cards[${i}].goalId`, `names no goal card ("${goalId}")`);
		}
	}

	let reviews: PlanReviews | undefined;
	if (input.reviews !== undefined && input.reviews !== null) reviews = validateReviews(input.reviews, fail);

	if (errors.length === 0 && metaResult.success) {
		const bound = costUpperBound(cards, metaResult.output.horizonMonths);
		if (bound > BigInt(MAX_PLAN_COST)) {
			fail('cards', `costs could reach ${bound} minor units over the horizon, more than the ${MAX_PLAN_COST} the budget maths keeps exact; lower the amounts`);
		}
	}

	if (errors.length > 0 || !metaResult.success) {
		const shown = errors.slice(0, MAX_REPORTED_ERRORS);
		if (errors.length > MAX_REPORTED_ERRORS) shown.push(`… and ${errors.length - MAX_REPORTED_ERRORS} more errors`);
		return { ok: false, errors: shown };
	}
	const plan: PlanData = { ...metaResult.output, cards };
	if (reviews) plan.reviews = reviews;
	return { ok: true, plan };
}

const NO_PROBLEMS: ReadonlyMap<string, string> = new Map();

/** `record` without its undefined values (a field given as undefined is absent, as in JSON). */
function present(record: Record<string, unknown>): Record<string, unknown> {
	if (!Object.values(record).includes(undefined)) return record;
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** A parsed card as the plan holds it: empty notes are no notes. */
function cleanCard(card: Card): Card {
	if (card.notes !== '') return card;
	const { notes: _empty, ...rest } = card;
	return rest;
}
