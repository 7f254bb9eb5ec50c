/**
 * The card schema: every field of every card kind declared once, with its rule and the message a
 * caller sees when a value breaks it. The card types (types.ts) are inferred from these schemas,
 * and the same schemas drive validatePlan, addCard, updateCard and the typed reads, so the API,
 * the doc and the UI agree on what is valid. A new field is added here and nowhere else.
 *
 * Schemas are valibot's (tree-shakable: the browser bundle carries only the few rules used here).
 * Rules run with {@link FIELD_CONFIG}: a field reports its first broken rule only.
 */
import * as v from 'valibot';
import { isMonth } from './month.ts';
import { MILESTONE_STATUSES, SPEND_CATEGORIES, type Card, type CardKind } from './types.ts';

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

/** How field schemas run: stop at a field's first broken rule, so each field says one thing. */
export const FIELD_CONFIG = { abortPipeEarly: true } as const;

/** Check of one value: an error message (without the path) or null when valid. */
export type FieldCheck = (value: unknown) => string | null;

/** One typed field of a card kind. */
export interface FieldRule {
	check: FieldCheck;
	/** Optional fields may be absent; `undefined` in a patch removes them. */
	optional: boolean;
}

/** A schema's verdict on one value as a {@link FieldCheck}: its first message, or null. */
export function checkOf(schema: v.GenericSchema): FieldCheck {
	return (value) => {
		const result = v.safeParse(schema, value, FIELD_CONFIG);
		return result.success ? null : result.issues[0].message;
	};
}

/** A string of at most `max` UTF-16 code units. */
export function textSchema(max: number, type = 'must be a string') {
	return v.pipe(v.string(type), v.maxLength(max, `must be at most ${max} characters`));
}

const MONEY = 'must be a non-negative integer (minor units)';
/** A non-negative integer money amount in minor units, at most {@link MAX_MONEY}. */
export const moneySchema = v.pipe(
	v.number(MONEY),
	v.integer(MONEY),
	v.minValue(0, MONEY),
	v.maxValue(MAX_MONEY, `must be at most ${MAX_MONEY}`)
);

const MONTH = 'must be a month YYYY-MM';
/** A `YYYY-MM` month. */
export const monthSchema = v.pipe(v.string(MONTH), v.check<string, string>(isMonth, MONTH));

/** A plan or card title. */
export const titleSchema = textSchema(MAX_TITLE_LENGTH);

const FINITE = 'must be a finite number';
const WITHIN = `must be within ±${MAX_COORDINATE}`;
/** A canvas coordinate: finite number within ±{@link MAX_COORDINATE}. */
export const coordinateSchema = v.pipe(
	v.number(FINITE),
	v.finite(FINITE),
	v.minValue(-MAX_COORDINATE, WITHIN),
	v.maxValue(MAX_COORDINATE, WITHIN)
);

const ID = 'must be 1-64 characters of A-Z a-z 0-9 _ -';
/** A card (or review item, checkpoint) id. */
export const idSchema = v.pipe(v.string(ID), v.regex(ID_PATTERN, ID));

/** Card notes: markdown, at most {@link MAX_NOTES_CHARS} characters. */
export const notesSchema = textSchema(MAX_NOTES_CHARS, 'must be a string (markdown)');

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
	v.picklist(values, `must be one of ${values.join(', ')}`);

/** Likelihood / impact of a risk, 1 (low) to 5 (high). */
const scoreSchema = v.picklist([1, 2, 3, 4, 5], 'must be an integer 1..5');

const HEADCOUNT = 'must be a non-negative integer';
const headcountSchema = v.pipe(
	v.number(HEADCOUNT),
	v.integer(HEADCOUNT),
	v.minValue(0, HEADCOUNT),
	v.maxValue(MAX_HEADCOUNT, `must be at most ${MAX_HEADCOUNT}`)
);

/** A milestone's step number (ascending), any finite number up to ±10^9. */
const orderSchema = v.pipe(v.number(FINITE), v.finite(FINITE), v.minValue(-1e9, FINITE), v.maxValue(1e9, FINITE));

/**
 * Fields every card has, in the order they are reported and listed: `kind`, `id`, then `title`
 * and the canvas position `x`/`y` (px); `notes` (markdown) come last, after the kind's own fields.
 */
function card<K extends CardKind, F extends v.ObjectEntries>(kind: K, fields: F) {
	return v.object({
		kind: v.literal(kind),
		id: idSchema,
		title: titleSchema,
		x: v.optional(coordinateSchema),
		y: v.optional(coordinateSchema),
		...fields,
		notes: v.optional(notesSchema)
	});
}

/** The schema of each card kind: the one declaration of its fields (types.ts infers the types). */
export const CARD_SCHEMAS = {
	/** A hire (or group of identical hires): costs headcount × monthlyCost every active month. */
	role: card('role', {
		headcount: headcountSchema,
		/** Fully loaded cost per head per month, minor units. */
		monthlyCost: moneySchema,
		startMonth: monthSchema,
		endMonth: v.optional(monthSchema),
		level: v.optional(textSchema(MAX_SHORT_TEXT_LENGTH))
	}),
	/** A goal, reached through its ordered milestones. */
	goal: card('goal', {}),
	/** One ordered step towards a goal (`order` ascending). */
	milestone: card('milestone', {
		goalId: v.optional(idSchema),
		order: orderSchema,
		dueMonth: v.optional(monthSchema),
		status: oneOf(MILESTONE_STATUSES)
	}),
	/** A risk with likelihood and impact scores. */
	risk: card('risk', {
		likelihood: scoreSchema,
		impact: scoreSchema,
		mitigation: v.optional(textSchema(MAX_LONG_TEXT_LENGTH))
	}),
	/** An opportunity (or a note on the competitive environment). */
	opportunity: card('opportunity', {}),
	/** A budget line: one-off in `startMonth`, or monthly from `startMonth` to `endMonth`. */
	spend: card('spend', {
		category: oneOf(SPEND_CATEGORIES),
		amount: moneySchema,
		recurrence: oneOf(['once', 'monthly']),
		startMonth: monthSchema,
		endMonth: v.optional(monthSchema)
	})
} as const;

/** Fields of a schema that are not typed fields of the card (written and checked on their own). */
const NOT_TYPED_FIELDS = new Set(['id', 'kind', 'notes']);

/**
 * The fields of an object schema as {@link FieldRule}s (leaving out `skip`): an optional (or
 * nullish) field's check is its wrapped schema's, so `undefined` is for the caller to handle.
 */
export function rulesOfSchema(schema: v.ObjectSchema<v.ObjectEntries, undefined>, skip: ReadonlySet<string> = new Set()): Readonly<Record<string, FieldRule>> {
	const rules: Record<string, FieldRule> = {};
	for (const [field, entry] of Object.entries(schema.entries)) {
		if (skip.has(field)) continue;
		const optional = entry.type === 'optional' || entry.type === 'nullish';
		rules[field] = { check: checkOf(optional ? (entry as v.OptionalSchema<v.GenericSchema, undefined>).wrapped : entry), optional };
	}
	return Object.freeze(rules);
}

const rulesOf = (kind: CardKind) => rulesOfSchema(CARD_SCHEMAS[kind], NOT_TYPED_FIELDS);

const FIELDS_BY_KIND = new Map<CardKind, Readonly<Record<string, FieldRule>>>();

/** All typed fields (common + kind) of a card kind, excluding id, kind and notes. Shared: do not change. */
export function fieldsOf(kind: CardKind): Readonly<Record<string, FieldRule>> {
	let fields = FIELDS_BY_KIND.get(kind);
	if (!fields) {
		fields = rulesOf(kind);
		FIELDS_BY_KIND.set(kind, fields);
	}
	return fields;
}

/** A card (or review item, checkpoint) id: error message or null. */
export const checkId: FieldCheck = checkOf(idSchema);
/** A non-negative integer money amount: error message or null. */
export const checkMoney: FieldCheck = checkOf(moneySchema);
/** A `YYYY-MM` month: error message or null. */
export const checkMonth: FieldCheck = checkOf(monthSchema);
/** A canvas coordinate: error message or null. */
export const checkCoordinate: FieldCheck = checkOf(coordinateSchema);

/**
 * The first problem of each field named by `issues` (a valibot result of an object schema), in
 * the schema's order: a missing required field `is required`, any other its rule's message.
 */
export function problemsByField(issues: readonly v.BaseIssue<unknown>[]): Map<string, string> {
	const problems = new Map<string, string>();
	for (const issue of issues) {
		const step = issue.path?.[0];
		const field = step && 'key' in step ? String(step.key) : '';
		if (!problems.has(field)) problems.set(field, step?.origin === 'key' ? 'is required' : issue.message);
	}
	return problems;
}

/**
 * `raw` read through an object `schema` the way the doc is read: a field that breaks its rule
 * (a damaged doc, a merge of two writers) takes its value from `defaults()` when required and
 * is dropped when optional. Undefined only when even the defaults do not pass.
 */
export function readWithDefaults<T>(
	schema: v.GenericSchema<unknown, T>,
	raw: Record<string, unknown>,
	defaults: () => Readonly<Record<string, unknown>>
): T | undefined {
	const first = v.safeParse(schema, raw, FIELD_CONFIG);
	if (first.success) return first.output;
	const fallback = defaults();
	const repaired = { ...raw };
	for (const field of problemsByField(first.issues).keys()) {
		if (field in fallback) repaired[field] = fallback[field];
		else delete repaired[field];
	}
	const second = v.safeParse(schema, repaired, FIELD_CONFIG);
	return second.success ? second.output : undefined;
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

/** A kind's schema with the id taken as it is (a card's id is its key in the doc), listed first. */
function stored<E extends v.ObjectEntries & { id: unknown }>(schema: v.ObjectSchema<E, undefined>) {
	const { id: _checkedId, ...fields } = schema.entries;
	return v.object({ id: v.string(), ...fields });
}

const STORED_SCHEMAS = {
	role: stored(CARD_SCHEMAS.role),
	goal: stored(CARD_SCHEMAS.goal),
	milestone: stored(CARD_SCHEMAS.milestone),
	risk: stored(CARD_SCHEMAS.risk),
	opportunity: stored(CARD_SCHEMAS.opportunity),
	spend: stored(CARD_SCHEMAS.spend)
} satisfies Record<CardKind, v.GenericSchema<unknown, Card>>;

/**
 * A card of `kind` as the doc holds it: the kind's schema, but with the id taken as it is (a
 * card's id is its key in the doc, never rewritten by a read).
 */
export function storedCardSchema(kind: CardKind): v.GenericSchema<unknown, Card> {
	return STORED_SCHEMAS[kind];
}
