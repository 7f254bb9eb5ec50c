/** Validation of a plan's `reviews` (checkpoint records and review items) for validatePlan. */
import { checkId, type FieldRule } from './fields.ts';
import {
	CHECKPOINT_FIELDS,
	CHECKPOINT_FIGURE_FIELDS,
	MAX_CHECKPOINTS,
	MAX_REVIEW_ITEMS,
	REVIEW_ITEM_FIELDS
} from './review-fields.ts';
import type { CheckpointRecord, PlanReviews, ReviewItem } from './types.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sort: createdAt, then id. */
function byCreated(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
	return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Copies the known fields of `raw` that pass their rule; reports the others under `path`. */
function pickFields(
	raw: Record<string, unknown>,
	rules: Readonly<Record<string, FieldRule>>,
	path: string,
	fail: (path: string, message: string) => void,
	nullable: ReadonlySet<string> = new Set()
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [field, rule] of Object.entries(rules)) {
		const value = raw[field];
		if (value === undefined || (value === null && nullable.has(field))) {
			if (!rule.optional) fail(`${path}.${field}`, 'is required');
			continue;
		}
		const error = rule.check(value);
		if (error) fail(`${path}.${field}`, error);
		else out[field] = value;
	}
	return out;
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
		const idError = raw.id === undefined ? 'is required' : checkId(raw.id);
		if (idError) report(`${path}.id`, idError);
		else if (seenCheckpoints.has(raw.id as string)) {
			report(`${path}.id`, `duplicate id "${raw.id}" (also reviews.checkpoints[${seenCheckpoints.get(raw.id as string)}])`);
		} else seenCheckpoints.set(raw.id as string, i);
		const fields = pickFields(raw, CHECKPOINT_FIELDS, path, report);
		let figures: Record<string, unknown> = {};
		if (!isRecord(raw.figures)) report(`${path}.figures`, raw.figures === undefined ? 'is required' : 'must be an object');
		else figures = pickFields(raw.figures, CHECKPOINT_FIGURE_FIELDS, `${path}.figures`, report, new Set(['runsOutIn']));
		checkpoints.push({
			id: raw.id as string,
			name: fields.name as string,
			createdAt: fields.createdAt as string,
			figures: { ...figures, runsOutIn: (figures.runsOutIn as string | undefined) ?? null } as CheckpointRecord['figures']
		});
	}

	const items: ReviewItem[] = [];
	const seenItems = new Map<string, number>();
	for (const [i, raw] of list('items', MAX_REVIEW_ITEMS).entries()) {
		const path = `reviews.items[${i}]`;
		if (!isRecord(raw)) {
			report(path, 'must be an object');
			continue;
		}
		const idError = raw.id === undefined ? 'is required' : checkId(raw.id);
		if (idError) report(`${path}.id`, idError);
		else if (seenItems.has(raw.id as string)) {
			report(`${path}.id`, `duplicate id "${raw.id}" (also reviews.items[${seenItems.get(raw.id as string)}])`);
		} else seenItems.set(raw.id as string, i);
		const fields = pickFields(raw, REVIEW_ITEM_FIELDS, path, report);
		if (typeof fields.checkpointId === 'string' && !seenCheckpoints.has(fields.checkpointId)) {
			report(`${path}.checkpointId`, `names no checkpoint of reviews.checkpoints ("${fields.checkpointId}")`);
		}
		items.push({ id: raw.id as string, ...fields } as ReviewItem);
	}

	if (errors > 0 || (checkpoints.length === 0 && items.length === 0)) return undefined;
	return { checkpoints: checkpoints.sort(byCreated), items: items.sort(byCreated) };
}
