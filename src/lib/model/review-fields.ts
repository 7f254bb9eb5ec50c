/**
 * Field rules of review items and checkpoint records: one table drives validatePlan, the named
 * writes in reviews.ts and the typed reads, so the API, the doc and the UI agree on what is valid.
 */
import { checkId, checkMoney, checkMonth, type FieldCheck, type FieldRule } from './fields.ts';
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

const trimmedText =
	(max: number): FieldCheck =>
	(v) =>
		typeof v !== 'string'
			? 'must be a string'
			: v.trim() === ''
				? 'must not be empty'
				: v.length > max
					? `must be at most ${max} characters`
					: null;

/** An ISO 8601 UTC timestamp exactly as `Date.prototype.toISOString` writes it. */
export const checkTimestamp: FieldCheck = (v) => {
	if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v)) {
		return 'must be an ISO 8601 UTC timestamp like 2027-01-31T09:30:00.000Z';
	}
	const time = Date.parse(v);
	return Number.isFinite(time) && new Date(time).toISOString() === v ? null : 'is not a real date and time';
};

/** A signed integer amount in minor units within ±2^53 − 1 (remaining money may be negative). */
export const checkSignedMoney: FieldCheck = (v) =>
	typeof v === 'number' && Number.isSafeInteger(v) ? null : 'must be an integer (minor units)';

/** A computed non-negative total in minor units (may exceed a card's MAX_MONEY, stays exact). */
const checkTotal: FieldCheck = (v) =>
	typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? null : 'must be a non-negative integer (minor units)';

const slide: FieldCheck = (v) =>
	typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_SLIDE ? null : `must be an integer 1..${MAX_SLIDE}`;

const kind: FieldCheck = (v) =>
	typeof v === 'string' && (REVIEW_ITEM_KINDS as readonly string[]).includes(v)
		? null
		: `must be one of ${REVIEW_ITEM_KINDS.join(', ')}`;

const req = (check: FieldCheck): FieldRule => ({ check, optional: false });
const opt = (check: FieldCheck): FieldRule => ({ check, optional: true });

/** Fields of a review item besides its id. */
export const REVIEW_ITEM_FIELDS: Readonly<Record<string, FieldRule>> = Object.freeze({
	kind: req(kind),
	text: req(trimmedText(MAX_REVIEW_TEXT_LENGTH)),
	owner: opt(trimmedText(MAX_OWNER_LENGTH)),
	dueMonth: opt(checkMonth),
	slide: opt(slide),
	checkpointId: opt(checkId),
	createdAt: req(checkTimestamp)
});

/** Fields of a checkpoint record besides its id and figures. */
export const CHECKPOINT_FIELDS: Readonly<Record<string, FieldRule>> = Object.freeze({
	name: req(trimmedText(MAX_CHECKPOINT_NAME_LENGTH)),
	createdAt: req(checkTimestamp)
});

/** Fields of a checkpoint's budget figures (`runsOutIn` null or absent = lasts the horizon). */
export const CHECKPOINT_FIGURE_FIELDS: Readonly<Record<string, FieldRule>> = Object.freeze({
	currency: req((v) => (isCurrencyCode(v) ? null : 'must be an ISO 4217 code such as CNY, USD or EUR')),
	budget: req(checkMoney),
	allocated: req(checkTotal),
	remaining: req(checkSignedMoney),
	peakMonthlyBurn: req(checkTotal),
	runsOutIn: opt(checkMonth)
});
