/** Board meta: typed read, defaults, validation and writes. */
import * as v from 'valibot';
import type * as Y from 'yjs';
import { isCurrencyCode } from './currency.ts';
import { costFiguresOf } from './cards.ts';
import { costUpperBound, MAX_PLAN_COST, type CostFigures } from './cost-bound.ts';
import { metaMap } from './doc-keys.ts';
import { checkOf, moneySchema, monthSchema, readWithDefaults, titleSchema, type FieldCheck } from './fields.ts';
import { currentMonth } from './month.ts';
import type { WriteOrigin } from './origin.ts';
import { TITLE_KEY, titleEquals, titleValue, writeTitle } from './title-text.ts';
import type { Card, Money, Month } from './types.ts';

const CURRENCY = 'must be an ISO 4217 code such as CNY, USD or EUR';

/** Longest horizon, in months. */
export const MAX_HORIZON_MONTHS = 120;

const HORIZON = `must be an integer 1..${MAX_HORIZON_MONTHS}`;

/** Languages a board can be written in. */
export const BOARD_LANGUAGES = ['en', 'zh-CN'] as const;
export type BoardLanguage = (typeof BOARD_LANGUAGES)[number];

const LANGUAGE = `must be one of ${BOARD_LANGUAGES.join(', ')}`;

/**
 * The plan-level settings of a board, declared once: `title`; `currency`, an ISO 4217 code
 * (changing it relabels amounts; minor-unit integers are not converted); `budget`, the fixed
 * total in minor units; `startMonth`, the first month of the horizon; `horizonMonths`, 1..120;
 * `language`, optional (see below).
 */
export const META_SCHEMA = v.object({
	title: titleSchema,
	currency: v.pipe(v.string(CURRENCY), v.check<string, string>(isCurrencyCode, CURRENCY)),
	budget: moneySchema,
	startMonth: monthSchema,
	horizonMonths: v.pipe(v.number(HORIZON), v.integer(HORIZON), v.minValue(1, HORIZON), v.maxValue(MAX_HORIZON_MONTHS, HORIZON)),
	/**
	 * The board's own language: starter cards and the markdown export are written in it. Set from
	 * the creator's UI language when the board is made; absent (boards made before it) means 'en'.
	 */
	language: v.optional(v.picklist(BOARD_LANGUAGES, LANGUAGE))
});

/** The plan-level settings of a board (see {@link META_SCHEMA}). */
export type BoardMeta = v.InferOutput<typeof META_SCHEMA>;

/** A board's language, 'en' when it has none. */
export function boardLanguageOf(meta: Pick<BoardMeta, 'language'>): BoardLanguage {
	return meta.language ?? 'en';
}

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
	for (const key of META_KEYS) {
		const value = key === TITLE_KEY ? titleValue(meta.get(key)) : meta.get(key);
		// absent stays absent (an optional setting such as `language` is not read as `undefined`)
		if (value !== undefined) raw[key] = value;
	}
	return readWithDefaults(META_SCHEMA, raw, defaultMeta) ?? defaultMeta();
}

/** Write meta values (caller holds a transaction); skips unchanged values. The title is shared text. */
export function writeMeta(doc: Y.Doc, values: Partial<BoardMeta>): void {
	const meta = metaMap(doc);
	for (const key of META_KEYS) {
		const value = values[key];
		if (value === undefined) continue;
		if (key === TITLE_KEY) {
			if (!titleEquals(meta, value as string)) writeTitle(meta, value as string);
		} else if (meta.get(key) !== value) meta.set(key, value);
	}
	if (values.language !== undefined && meta.get('language') !== values.language) meta.set('language', values.language);
}

/**
 * Throws a RangeError naming the longest horizon allowed when the costing `cards` over `months`
 * would pass the plan's cost limit (see cost-bound.ts).
 */
function assertHorizonFits(cards: readonly CostFigures[], months: number): void {
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
	if (patch.horizonMonths !== undefined) assertHorizonFits(costFiguresOf(doc), patch.horizonMonths);
	doc.transact(() => writeMeta(doc, patch), origin);
}
