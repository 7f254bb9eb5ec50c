/**
 * Review items and checkpoint records, declared once as valibot schemas (like the cards in
 * fields.ts and the settings in meta.ts): their types (types.ts) are inferred from these, and the
 * same schemas drive validatePlan, the named writes in reviews.ts and the typed reads, so the API,
 * the doc and the UI agree on what is valid. Rules run with FIELD_CONFIG: a field reports its
 * first broken rule only.
 */
import * as v from 'valibot';
import { idSchema, moneySchema, monthSchema, rulesOfSchema, type FieldRule } from './fields.ts';
import { isCurrencyCode } from './currency.ts';
import { REVIEW_ITEM_KINDS } from './types.ts';

/** Longest review item text (decision or action), in UTF-16 code units. */
export const MAX_REVIEW_TEXT_LENGTH = 2_000;
/** Longest owner name of an action item. */
export const MAX_OWNER_LENGTH = 100;
/** Longest checkpoint name. */
export const MAX_CHECKPOINT_NAME_LENGTH = 200;
/** Most review items a plan may hold. */
export const MAX_REVIEW_ITEMS = 5_000;
/** Most checkpoint records a plan may hold. */
export const MAX_CHECKPOINTS = 1_000;
/** Highest slide number an item may name. */
export const MAX_SLIDE = 1_000;

/** Plain text of at most `max` characters that is not only white space. */
const trimmedText = (max: number) =>
	v.pipe(
		v.string('must be a string'),
		v.check((text) => text.trim() !== '', 'must not be empty'),
		v.maxLength(max, `must be at most ${max} characters`)
	);

const TIMESTAMP_FORMAT = 'must be an ISO 8601 UTC timestamp like 2027-01-31T09:30:00.000Z';
/** An ISO 8601 UTC timestamp exactly as `Date.prototype.toISOString` writes it. */
export const timestampSchema = v.pipe(
	v.string(TIMESTAMP_FORMAT),
	v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, TIMESTAMP_FORMAT),
	v.check((text) => {
		const time = Date.parse(text);
		return Number.isFinite(time) && new Date(time).toISOString() === text;
	}, 'is not a real date and time')
);

const SIGNED_MONEY = 'must be an integer (minor units)';
/** A signed integer amount in minor units within ±2^53 − 1 (remaining money may be negative). */
export const signedMoneySchema = v.pipe(v.number(SIGNED_MONEY), v.safeInteger(SIGNED_MONEY));

const TOTAL = 'must be a non-negative integer (minor units)';
/** A computed non-negative total in minor units (may exceed a card's MAX_MONEY, stays exact). */
const totalSchema = v.pipe(v.number(TOTAL), v.safeInteger(TOTAL), v.minValue(0, TOTAL));

const SLIDE = `must be an integer 1..${MAX_SLIDE}`;
const slideSchema = v.pipe(v.number(SLIDE), v.integer(SLIDE), v.minValue(1, SLIDE), v.maxValue(MAX_SLIDE, SLIDE));

const CURRENCY = 'must be an ISO 4217 code such as CNY, USD or EUR';

/**
 * A decision or action item recorded during a review, besides its id (its key in the doc):
 * `kind`; `text`, plain, 1..2,000 characters; `owner`, who owns it (≤ 100 characters); `dueMonth`;
 * `slide`, the 1-based slide it was recorded on; `checkpointId`, the checkpoint (review) it
 * belongs to — without one, the current review not yet checkpointed; `createdAt`, ISO 8601 UTC.
 */
export const REVIEW_ITEM_SCHEMA = v.object({
	kind: v.picklist(REVIEW_ITEM_KINDS, `must be one of ${REVIEW_ITEM_KINDS.join(', ')}`),
	text: trimmedText(MAX_REVIEW_TEXT_LENGTH),
	owner: v.optional(trimmedText(MAX_OWNER_LENGTH)),
	dueMonth: v.optional(monthSchema),
	slide: v.optional(slideSchema),
	checkpointId: v.optional(idSchema),
	createdAt: timestampSchema
});

/** A checkpoint record besides its id and figures: its `name` and ISO 8601 UTC `createdAt`. */
export const CHECKPOINT_SCHEMA = v.object({
	name: trimmedText(MAX_CHECKPOINT_NAME_LENGTH),
	createdAt: timestampSchema
});

/**
 * The budget at a checkpoint, as computed when it was saved (integers, minor units of `currency`).
 * `runsOutIn` is the first month the money runs out; null or absent when it lasts the horizon
 * (the doc stores no null: the field is left out).
 */
export const CHECKPOINT_FIGURES_SCHEMA = v.object({
	currency: v.pipe(v.string(CURRENCY), v.check<string, string>(isCurrencyCode, CURRENCY)),
	budget: moneySchema,
	allocated: totalSchema,
	remaining: signedMoneySchema,
	peakMonthlyBurn: totalSchema,
	runsOutIn: v.nullish(monthSchema)
});

/** Fields of a review item besides its id. */
export const REVIEW_ITEM_FIELDS: Readonly<Record<string, FieldRule>> = rulesOfSchema(REVIEW_ITEM_SCHEMA);

/** Fields of a checkpoint record besides its id and figures. */
export const CHECKPOINT_FIELDS: Readonly<Record<string, FieldRule>> = rulesOfSchema(CHECKPOINT_SCHEMA);

/** Fields of a checkpoint's budget figures (`runsOutIn` null or absent = lasts the horizon). */
export const CHECKPOINT_FIGURE_FIELDS: Readonly<Record<string, FieldRule>> = rulesOfSchema(CHECKPOINT_FIGURES_SCHEMA);
