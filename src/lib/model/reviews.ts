/**
 * Review items (decisions, action items) and checkpoint records on the Y.Doc: typed reads and the
 * named writes, each one `doc.transact(fn, origin)`. Writes throw TypeError for invalid input
 * before writing anything. Each item field is its own Y.Map key, so two people editing different
 * fields of one item never conflict (the same field is last-writer-wins), and the board's
 * UndoManager (over the whole doc) undoes them like card edits.
 */
import type * as v from 'valibot';
import * as Y from 'yjs';
import { checkpointsMap, reviewItemsMap } from './doc-keys.ts';
import { checkId, readWithDefaults } from './fields.ts';
import { newId } from './ids.ts';
import type { WriteOrigin } from './origin.ts';
import {
	CHECKPOINT_FIELDS,
	CHECKPOINT_FIGURE_FIELDS,
	CHECKPOINT_FIGURES_SCHEMA,
	CHECKPOINT_SCHEMA,
	MAX_CHECKPOINTS,
	MAX_REVIEW_ITEMS,
	REVIEW_ITEM_FIELDS,
	REVIEW_ITEM_SCHEMA
} from './review-fields.ts';
import type { CheckpointRecord, PlanReviews, ReviewItem, ReviewItemKind } from './types.ts';

/** What {@link addReviewItem} takes: kind and text required; id and createdAt default to new/now. */
export interface NewReviewItem {
	kind: ReviewItemKind;
	text: string;
	owner?: string;
	dueMonth?: string;
	slide?: number;
	checkpointId?: string;
	/** Kept when valid and free; else a new id. */
	id?: string;
	/** ISO 8601 UTC; defaults to now. */
	createdAt?: string;
}

/** Fields {@link updateReviewItem} may change; `undefined` removes an optional one. */
export type ReviewItemPatch = Partial<Pick<ReviewItem, 'kind' | 'text' | 'owner' | 'dueMonth' | 'slide' | 'checkpointId'>>;

/** Sort: createdAt, then id (the same order on every client). */
function byCreated(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
	return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Checks `fields` against `rules`; throws TypeError naming the first bad field. Returns the fields to write. */
function checkAgainst(
	rules: Readonly<Record<string, { check: (v: unknown) => string | null; optional: boolean }>>,
	fields: Record<string, unknown>,
	what: string,
	requireAll: boolean
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(fields)) {
		const rule = rules[field];
		if (!rule) throw new TypeError(`${field}: a ${what} has no such field`);
		if (value === undefined) {
			if (!rule.optional) throw new TypeError(`${field}: is required on a ${what}`);
			out[field] = undefined;
			continue;
		}
		const error = rule.check(value);
		if (error) throw new TypeError(`${field}: ${error}`);
		out[field] = value;
	}
	if (requireAll) {
		for (const [field, rule] of Object.entries(rules)) {
			if (!rule.optional && out[field] === undefined) throw new TypeError(`${field}: is required on a ${what}`);
		}
	}
	return out;
}

/**
 * The fields `schema` declares, read from `map` through it: a malformed optional field (a damaged
 * doc, a merge of two writers) is dropped; undefined when a required one is missing or malformed.
 */
function readFields<S extends v.ObjectSchema<v.ObjectEntries, undefined>>(map: Y.Map<unknown>, schema: S): v.InferOutput<S> | undefined {
	const raw: Record<string, unknown> = {};
	for (const field of Object.keys(schema.entries)) {
		const value = map.get(field);
		if (value !== undefined && value !== null) raw[field] = value;
	}
	return readWithDefaults<v.InferOutput<S>>(schema, raw, () => ({}));
}

/** The review item `id`, or undefined (also when its stored fields are unreadable). */
export function readReviewItem(doc: Y.Doc, id: string): ReviewItem | undefined {
	const map = reviewItemsMap(doc).get(id);
	if (!(map instanceof Y.Map)) return undefined;
	const fields = readFields(map, REVIEW_ITEM_SCHEMA);
	return fields ? { id, ...fields } : undefined;
}

/** Every readable review item, in recording order (createdAt, then id). */
export function readReviewItems(doc: Y.Doc): ReviewItem[] {
	const items: ReviewItem[] = [];
	for (const id of reviewItemsMap(doc).keys()) {
		const item = readReviewItem(doc, id);
		if (item) items.push(item);
	}
	return items.sort(byCreated);
}

/** The checkpoint record `id`, or undefined. */
export function readCheckpoint(doc: Y.Doc, id: string): CheckpointRecord | undefined {
	const map = checkpointsMap(doc).get(id);
	if (!(map instanceof Y.Map)) return undefined;
	const fields = readFields(map, CHECKPOINT_SCHEMA);
	const figures = readFields(map, CHECKPOINT_FIGURES_SCHEMA);
	if (!fields || !figures) return undefined;
	return { id, ...fields, figures: { ...figures, runsOutIn: figures.runsOutIn ?? null } };
}

/** Every readable checkpoint record, oldest first (createdAt, then id). */
export function readCheckpoints(doc: Y.Doc): CheckpointRecord[] {
	const out: CheckpointRecord[] = [];
	for (const id of checkpointsMap(doc).keys()) {
		const record = readCheckpoint(doc, id);
		if (record) out.push(record);
	}
	return out.sort(byCreated);
}

/**
 * The board's reviews as plain data, or undefined when it has no checkpoint and no item. An
 * item's `checkpointId` naming no recorded checkpoint is dropped from the result (the item then
 * belongs to the current review), like a milestone whose goal is gone.
 */
export function readReviews(doc: Y.Doc): PlanReviews | undefined {
	const checkpoints = readCheckpoints(doc);
	const items = readReviewItems(doc);
	if (checkpoints.length === 0 && items.length === 0) return undefined;
	const known = new Set(checkpoints.map((c) => c.id));
	for (const item of items) if (item.checkpointId !== undefined && !known.has(item.checkpointId)) delete item.checkpointId;
	return { checkpoints, items };
}

function itemMap(fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
	return map;
}

function checkpointMap(record: CheckpointRecord): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	map.set('name', record.name);
	map.set('createdAt', record.createdAt);
	for (const [key, value] of Object.entries(record.figures)) if (value !== null && value !== undefined) map.set(key, value);
	return map;
}

/** Throws TypeError naming the first invalid field of a checkpoint record. */
export function assertCheckpointRecord(record: CheckpointRecord): void {
	const error = checkId(record?.id);
	if (error) throw new TypeError(`id: ${error}`);
	checkAgainst(CHECKPOINT_FIELDS, { name: record.name, createdAt: record.createdAt }, 'checkpoint', true);
	if (typeof record.figures !== 'object' || record.figures === null) throw new TypeError('figures: must be an object');
	const { runsOutIn, ...rest } = record.figures;
	checkAgainst(CHECKPOINT_FIGURE_FIELDS, { ...rest, runsOutIn: runsOutIn ?? undefined }, 'checkpoint', true);
}

/**
 * Record a decision or action item. Throws TypeError for an unknown kind, empty or over-long text
 * (2,000 chars) or owner (100), a bad due month, slide (1..1000), checkpointId, id or createdAt;
 * at most 5,000 items per board. Returns the item id.
 */
export function addReviewItem(doc: Y.Doc, item: NewReviewItem, origin: WriteOrigin): string {
	const { id: givenId, ...fields } = item;
	const checked = checkAgainst(
		REVIEW_ITEM_FIELDS,
		{ ...fields, createdAt: fields.createdAt ?? new Date().toISOString() },
		'review item',
		true
	);
	const items = reviewItemsMap(doc);
	if (items.size >= MAX_REVIEW_ITEMS) throw new RangeError(`a board holds at most ${MAX_REVIEW_ITEMS} review items`);
	let id = newId();
	if (givenId !== undefined) {
		const error = checkId(givenId);
		if (error) throw new TypeError(`id: ${error}`);
		if (items.has(givenId)) throw new TypeError(`id: ${givenId} is taken`);
		id = givenId;
	}
	doc.transact(() => items.set(id, itemMap(checked)), origin);
	return id;
}

/**
 * Change fields of review item `id` in one transaction (`undefined` removes owner, dueMonth,
 * slide or checkpointId). Unchanged values are not rewritten. Returns false (writing nothing)
 * when the item does not exist, e.g. a collaborator just removed it. Throws TypeError for invalid
 * values or fields that cannot change (id, createdAt).
 */
export function updateReviewItem(doc: Y.Doc, id: string, patch: ReviewItemPatch, origin: WriteOrigin): boolean {
	const map = reviewItemsMap(doc).get(id);
	if (!(map instanceof Y.Map)) return false;
	const raw = patch as Record<string, unknown>;
	if ('id' in raw || 'createdAt' in raw) throw new TypeError(`${'id' in raw ? 'id' : 'createdAt'}: cannot be changed`);
	const checked = checkAgainst(REVIEW_ITEM_FIELDS, raw, 'review item', false);
	doc.transact(() => {
		for (const [key, value] of Object.entries(checked)) {
			if (value === undefined) {
				if (map.has(key)) map.delete(key);
			} else if (map.get(key) !== value) map.set(key, value);
		}
	}, origin);
	return true;
}

/** Remove review item `id`. Returns false when there was no such item. */
export function removeReviewItem(doc: Y.Doc, id: string, origin: WriteOrigin): boolean {
	const items = reviewItemsMap(doc);
	if (!items.has(id)) return false;
	doc.transact(() => items.delete(id), origin);
	return true;
}

/**
 * Record a saved checkpoint on the board (the server does this when it stores the snapshot) so
 * every client and the markdown export list it. Returns false (writing nothing) when a record
 * with that id exists already; throws TypeError for an invalid record; at most 1,000 per board.
 */
export function recordCheckpoint(doc: Y.Doc, record: CheckpointRecord, origin: WriteOrigin): boolean {
	assertCheckpointRecord(record);
	const checkpoints = checkpointsMap(doc);
	if (checkpoints.has(record.id)) return false;
	if (checkpoints.size >= MAX_CHECKPOINTS) throw new RangeError(`a board holds at most ${MAX_CHECKPOINTS} checkpoints`);
	doc.transact(() => checkpoints.set(record.id, checkpointMap(record)), origin);
	return true;
}

/**
 * Replace every review item and checkpoint record by `reviews` (the caller holds a transaction and
 * has validated them; undefined clears both). Used by applyPlanData.
 */
export function writeReviews(doc: Y.Doc, reviews: PlanReviews | undefined): void {
	const items = reviewItemsMap(doc);
	const checkpoints = checkpointsMap(doc);
	for (const id of [...items.keys()]) items.delete(id);
	for (const id of [...checkpoints.keys()]) checkpoints.delete(id);
	if (!reviews) return;
	for (const record of reviews.checkpoints) checkpoints.set(record.id, checkpointMap(record));
	for (const { id, ...fields } of reviews.items) items.set(id, itemMap(fields));
}

/**
 * Call `cb` once after every transaction that changed review items or checkpoint records (with
 * the transaction origin). Returns an unsubscribe function.
 */
export function observeReviews(doc: Y.Doc, cb: (origin: unknown) => void): () => void {
	const items = reviewItemsMap(doc);
	const checkpoints = checkpointsMap(doc);
	let changed = false;
	const mark = () => {
		changed = true;
	};
	const onAfter = (transaction: Y.Transaction) => {
		if (!changed) return;
		changed = false;
		cb(transaction.origin);
	};
	items.observeDeep(mark);
	checkpoints.observeDeep(mark);
	doc.on('afterTransaction', onAfter);
	return () => {
		items.unobserveDeep(mark);
		checkpoints.unobserveDeep(mark);
		doc.off('afterTransaction', onAfter);
	};
}
