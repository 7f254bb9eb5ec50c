/** Validation of a plan's `reviews` (checkpoint records and review items) for validatePlan. */
import * as v from 'valibot';
import { checkId, FIELD_CONFIG, problemsByField } from './fields.ts';
import { CHECKPOINT_FIGURES_SCHEMA, CHECKPOINT_SCHEMA, MAX_CHECKPOINTS, MAX_REVIEW_ITEMS, REVIEW_ITEM_SCHEMA } from './review-fields.ts';
import type { CheckpointRecord, PlanReviews, ReviewItem } from './types.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sort: createdAt, then id. */
function byCreated(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
	return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * `raw` through an object `schema` (unknown fields dropped); its broken fields are reported under
 * `path` (a missing required one `is required`), in the schema's order. Undefined when any broke.
 */
function parseFields<S extends v.ObjectSchema<v.ObjectEntries, undefined>>(
	schema: S,
	raw: Record<string, unknown>,
	path: string,
	fail: (path: string, message: string) => void
): v.InferOutput<S> | undefined {
	const result = v.safeParse(schema, raw, FIELD_CONFIG);
	if (result.success) return result.output;
	for (const [field, message] of problemsByField(result.issues)) fail(`${path}.${field}`, message);
	return undefined;
}

/**
 * The id of entry `index` of list `list` (its path `list[index]`), when valid and not taken by an
 * earlier entry (`seen`: id → index, updated); else reports why and returns undefined.
 */
function uniqueId(
	raw: unknown,
	seen: Map<string, number>,
	index: number,
	list: string,
	report: (path: string, message: string) => void
): string | undefined {
	const path = `${list}[${index}].id`;
	const error = raw === undefined ? 'is required' : checkId(raw);
	if (error || typeof raw !== 'string') return void report(path, error ?? 'must be a string');
	const earlier = seen.get(raw);
	if (earlier !== undefined) return void report(path, `duplicate id "${raw}" (also ${list}[${earlier}])`);
	seen.set(raw, index);
	return raw;
}

/**
 * Checks an untrusted `reviews` value (path `reviews`): `{ checkpoints: [...], items: [...] }`,
 * ids unique per list, an item's `checkpointId` naming a checkpoint of the plan. Unknown fields
 * are dropped. Returns the clean reviews (both lists sorted by createdAt, then id), or undefined
 * when there were errors (reported through `fail`) or both lists are empty.
 */
export function validateReviews(input: unknown, fail: (path: string, message: string) => void): PlanReviews | undefined {
	if (!isRecord(input)) {
		fail('reviews', 'must be an object { checkpoints, items }');
		return undefined;
	}
	let errors = 0;
	const report = (path: string, message: string) => {
		errors++;
		fail(path, message);
	};
	const list = (key: 'checkpoints' | 'items', max: number): unknown[] => {
		const value = input[key];
		if (value === undefined) return [];
		if (!Array.isArray(value)) report(`reviews.${key}`, 'must be an array');
		else if (value.length > max) report(`reviews.${key}`, `must hold at most ${max} entries`);
		else return value;
		return [];
	};

	const checkpoints: CheckpointRecord[] = [];
	const seenCheckpoints = new Map<string, number>();
	for (const [i, raw] of list('checkpoints', MAX_CHECKPOINTS).entries()) {
		const path = `reviews.checkpoints[${i}]`;
		if (!isRecord(raw)) {
			report(path, 'must be an object');
			continue;
		}
		const id = uniqueId(raw.id, seenCheckpoints, i, `reviews.checkpoints`, report);
		const fields = parseFields(CHECKPOINT_SCHEMA, raw, path, report);
		let figures: v.InferOutput<typeof CHECKPOINT_FIGURES_SCHEMA> | undefined;
		if (!isRecord(raw.figures)) report(`${path}.figures`, raw.figures === undefined ? 'is required' : 'must be an object');
		else figures = parseFields(CHECKPOINT_FIGURES_SCHEMA, raw.figures, `${path}.figures`, report);
		if (fields && figures && id !== undefined) checkpoints.push({ id, ...fields, figures: { ...figures, runsOutIn: figures.runsOutIn ?? null } });
	}

	const items: ReviewItem[] = [];
	const seenItems = new Map<string, number>();
	for (const [i, raw] of list('items', MAX_REVIEW_ITEMS).entries()) {
		const path = `reviews.items[${i}]`;
		if (!isRecord(raw)) {
			report(path, 'must be an object');
			continue;
		}
		const id = uniqueId(raw.id, seenItems, i, `reviews.items`, report);
		const fields = parseFields(REVIEW_ITEM_SCHEMA, raw, path, report);
		// checked when valid, whatever else of the item is broken
		const checkpointId = raw.checkpointId;
		if (typeof checkpointId === 'string' && checkId(checkpointId) === null && !seenCheckpoints.has(checkpointId)) {
			report(`${path}.checkpointId`, `names no checkpoint of reviews.checkpoints ("${checkpointId}")`);
		}
		if (fields && id !== undefined) items.push({ id, ...fields });
	}

	if (errors > 0 || (checkpoints.length === 0 && items.length === 0)) return undefined;
	return { checkpoints: checkpoints.sort(byCreated), items: items.sort(byCreated) };
}
