/**
 * Field rules of every card kind and of the plan meta: one table drives validatePlan, addCard,
 * updateCard and the typed reads, so the API, the doc and the UI agree on what is valid.
 */
import { isMonth } from './month.ts';
import {
	MILESTONE_STATUSES,
	SPEND_CATEGORIES,
	type CardKind
} from './types.ts';

/** Longest plan or card title, in UTF-16 code units. */
export const MAX_TITLE_LENGTH = 200;
/** Longest short text field (role level). */
export const MAX_SHORT_TEXT_LENGTH = 100;
/** Longest long plain-text field (risk mitigation). */
export const MAX_LONG_TEXT_LENGTH = 5_000;
/** Longest card notes markdown. */
export const MAX_NOTES_CHARS = 100_000;
/** Most cards a plan may hold. */
export const MAX_CARDS = 20_000;
/** Largest money value accepted (minor units): 10^15, i.e. 10 trillion in a 2-digit currency. */
export const MAX_MONEY = 1_000_000_000_000_000;
/** Largest headcount of one role card. */
export const MAX_HEADCOUNT = 1_000_000;
/** Largest absolute canvas coordinate (px). */
export const MAX_COORDINATE = 10_000_000;
/** Card ids: 1..64 url-safe characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Check of one value: an error message (without the path) or null when valid. */
export type FieldCheck = (value: unknown) => string | null;

/** One typed field of a card kind. */
export interface FieldRule {
	check: FieldCheck;
	/** Optional fields may be absent; `undefined` in a patch removes them. */
	optional: boolean;
}

const text =
	(max: number, allowEmpty = true): FieldCheck =>
	(v) =>
		typeof v !== 'string'
			? 'must be a string'
			: !allowEmpty && v.trim() === ''
				? 'must not be empty'
				: v.length > max
					? `must be at most ${max} characters`
					: null;

/** A non-negative integer money amount in minor units, at most {@link MAX_MONEY}. */
export const checkMoney: FieldCheck = (v) =>
	typeof v !== 'number' || !Number.isInteger(v) || v < 0
		? 'must be a non-negative integer (minor units)'
		: v > MAX_MONEY
			? `must be at most ${MAX_MONEY}`
			: null;

/** A `YYYY-MM` month. */
export const checkMonth: FieldCheck = (v) => (isMonth(v) ? null : 'must be a month YYYY-MM');

/** A plan or card title. */
export const checkTitle: FieldCheck = text(MAX_TITLE_LENGTH);

/** A canvas coordinate: finite number within ±{@link MAX_COORDINATE}. */
export const checkCoordinate: FieldCheck = (v) =>
	typeof v !== 'number' || !Number.isFinite(v)
		? 'must be a finite number'
		: Math.abs(v) > MAX_COORDINATE
			? `must be within ±${MAX_COORDINATE}`
			: null;

/** A card id. */
export const checkId: FieldCheck = (v) =>
	typeof v === 'string' && ID_PATTERN.test(v) ? null : 'must be 1-64 characters of A-Z a-z 0-9 _ -';

const oneOf =
	(values: readonly string[]): FieldCheck =>
	(v) =>
		typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;

const score: FieldCheck = (v) =>
	typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? null : 'must be an integer 1..5';

const headcount: FieldCheck = (v) =>
	typeof v !== 'number' || !Number.isInteger(v) || v < 0
		? 'must be a non-negative integer'
		: v > MAX_HEADCOUNT
			? `must be at most ${MAX_HEADCOUNT}`
			: null;

const order: FieldCheck = (v) =>
	typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e9 ? null : 'must be a finite number';

const req = (check: FieldCheck): FieldRule => ({ check, optional: false });
const opt = (check: FieldCheck): FieldRule => ({ check, optional: true });

/** Fields every card has besides id/kind/notes. */
export const COMMON_FIELDS: Record<string, FieldRule> = {
	title: req(checkTitle),
	x: opt(checkCoordinate),
	y: opt(checkCoordinate)
};

/** Kind-specific fields. */
export const KIND_FIELDS: Record<CardKind, Record<string, FieldRule>> = {
	role: {
		headcount: req(headcount),
		monthlyCost: req(checkMoney),
		startMonth: req(checkMonth),
		endMonth: opt(checkMonth),
		level: opt(text(MAX_SHORT_TEXT_LENGTH))
	},
	goal: {},
	milestone: {
		goalId: opt(checkId),
		order: req(order),
		dueMonth: opt(checkMonth),
		status: req(oneOf(MILESTONE_STATUSES))
	},
	risk: {
		likelihood: req(score),
		impact: req(score),
		mitigation: opt(text(MAX_LONG_TEXT_LENGTH))
	},
	opportunity: {},
	spend: {
		category: req(oneOf(SPEND_CATEGORIES)),
		amount: req(checkMoney),
		recurrence: req(oneOf(['once', 'monthly'])),
		startMonth: req(checkMonth),
		endMonth: opt(checkMonth)
	}
};

const FIELDS_BY_KIND = new Map<string, Readonly<Record<string, FieldRule>>>();
const FIELD_ENTRIES_BY_KIND = new Map<string, readonly (readonly [string, FieldRule])[]>();

/** All typed fields (common + kind) of a card kind, excluding id, kind and notes. Shared: do not change. */
export function fieldsOf(kind: CardKind): Readonly<Record<string, FieldRule>> {
	let fields = FIELDS_BY_KIND.get(kind);
	if (!fields) {
		fields = Object.freeze({ ...COMMON_FIELDS, ...KIND_FIELDS[kind] });
		FIELDS_BY_KIND.set(kind, fields);
	}
	return fields;
}

/** {@link fieldsOf} as [field, rule] pairs, built once per kind (reading a card walks them). */
export function fieldEntriesOf(kind: CardKind): readonly (readonly [string, FieldRule])[] {
	let entries = FIELD_ENTRIES_BY_KIND.get(kind);
	if (!entries) {
		entries = Object.freeze(Object.entries(fieldsOf(kind)));
		FIELD_ENTRIES_BY_KIND.set(kind, entries);
	}
	return entries;
}

/** Default title of a new card of each kind. */
export const DEFAULT_TITLES: Record<CardKind, string> = {
	role: 'New role',
	goal: 'New goal',
	milestone: 'New milestone',
	risk: 'New risk',
	opportunity: 'New opportunity',
	spend: 'New spending'
};
