/** Board meta: typed read, defaults, validation and writes. */
import * as v from 'valibot';
import type * as Y from 'yjs';
import { isCurrencyCode } from './currency.ts';
import { costCardsOf } from './cards.ts';
import { costUpperBound, MAX_PLAN_COST } from './cost-bound.ts';
import { metaMap } from './doc-keys.ts';
import { checkOf, moneySchema, monthSchema, readWithDefaults, titleSchema, type FieldCheck } from './fields.ts';
import { currentMonth } from './month.ts';
import type { WriteOrigin } from './origin.ts';
import type { Card } from './types.ts';

const CURRENCY = 'must be an ISO 4217 code such as CNY, USD or EUR';

/** Longest horizon, in months. */
export const MAX_HORIZON_MONTHS = 120;

const HORIZON = `must be an integer 1..${MAX_HORIZON_MONTHS}`;

/**
 * The plan-level settings of a board, declared once: `title`; `currency`, an ISO 4217 code
 * (changing it relabels amounts; minor-unit integers are not converted); `budget`, the fixed
 * total in minor units; `startMonth`, the first month of the horizon; `horizonMonths`, 1..120.
 */
export const META_SCHEMA = v.object({
	title: titleSchema,
	currency: v.pipe(v.string(CURRENCY), v.check<string, string>(isCurrencyCode, CURRENCY)),
	budget: moneySchema,
	startMonth: monthSchema,
	horizonMonths: v.pipe(v.number(HORIZON), v.integer(HORIZON), v.minValue(1, HORIZON), v.maxValue(MAX_HORIZON_MONTHS, HORIZON))
});

/** The plan-level settings of a board (see {@link META_SCHEMA}). */
export type BoardMeta = v.InferOutput<typeof META_SCHEMA>;

/** Meta values of a new board: startMonth is the current UTC month at call time. */
export function defaultMeta(): BoardMeta {
	return {
		title: 'Untitled plan',
		currency: 'CNY',
		budget: 1_000_000_000,
		startMonth: currentMonth(),
		horizonMonths: 24
	};
}

const META_KEYS = Object.keys(META_SCHEMA.entries) as (keyof BoardMeta)[];

/** Per-field checks of {@link BoardMeta}: an error message or null. */
export const META_CHECKS = Object.fromEntries(
	META_KEYS.map((key) => [key, checkOf(META_SCHEMA.entries[key])])
) as Readonly<Record<keyof BoardMeta, FieldCheck>>;

/** Throw a TypeError naming the first invalid or unknown key of a meta patch. */
export function assertMetaPatch(patch: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) continue;
		const check = META_CHECKS[key as keyof BoardMeta];
		if (!check) throw new TypeError(`${key}: not a board setting`);
		const error = check(value);
		if (error) throw new TypeError(`${key}: ${error}`);
	}
}

/** Typed meta of a board; missing or malformed values read as their defaults. */
export function readMeta(doc: Y.Doc): BoardMeta {
	const meta = metaMap(doc);
	const raw: Record<string, unknown> = {};
	for (const key of META_KEYS) raw[key] = meta.get(key);
	return readWithDefaults(META_SCHEMA, raw, defaultMeta) ?? defaultMeta();
}

/** Write meta values (caller holds a transaction); skips unchanged values. */
export function writeMeta(doc: Y.Doc, values: Partial<BoardMeta>): void {
	const meta = metaMap(doc);
	for (const key of META_KEYS) {
		const value = values[key];
		if (value !== undefined && meta.get(key) !== value) meta.set(key, value);
	}
}

/**
 * Throws a RangeError naming the longest horizon allowed when the costing `cards` over `months`
 * would pass the plan's cost limit (see cost-bound.ts).
 */
function assertHorizonFits(cards: readonly Card[], months: number): void {
	if (costUpperBound(cards, months) <= BigInt(MAX_PLAN_COST)) return;
	let longest = months;
	while (longest > 0 && costUpperBound(cards, longest) > BigInt(MAX_PLAN_COST)) longest--;
	throw new RangeError(
		`horizonMonths: must be at most ${longest} here: the plan's costs over its horizon must stay within ${MAX_PLAN_COST} minor units, where every total is exact`
	);
}

/**
 * Change board settings in one transaction. Throws TypeError for unknown keys or invalid values
 * (nothing is written then); `undefined` values are ignored.
 */
export function updateMeta(doc: Y.Doc, patch: Partial<BoardMeta>, origin: WriteOrigin): void {
	assertMetaPatch(patch as Record<string, unknown>);
	if (patch.horizonMonths !== undefined) assertHorizonFits(costCardsOf(doc), patch.horizonMonths);
	doc.transact(() => writeMeta(doc, patch), origin);
}
