/**
 * Checkpoints of a board for reviews: saving one (the committed document state, stored, and a
 * record of it written into the live board), listing them, reading one as a plan, and the money
 * diff between two of them (or one and now). The HTTP layer (http-checkpoints.ts) maps these to
 * routes; Yjs keys stay inside src/lib/model.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { summarizeBudget } from '../src/lib/budget/index.ts';
import {
	assertCheckpointRecord,
	createOrigin,
	MAX_CHECKPOINTS,
	readCheckpoints,
	readCostCards,
	readMeta,
	recordCheckpoint,
	type CheckpointRecord,
	type PlanData
} from '../src/lib/model/core.ts';
import { diffPlans, type CheckpointInfo, type PlanDiff } from '../src/lib/review/index.ts';

export type { CheckpointInfo };
import { prepareBoardDoc } from './board-doc.ts';
import type { PlanWithBudget } from './boards.ts';
import { plans as planCodec } from './lazy-plans.ts';
import type { Rooms } from './rooms.ts';
import type { Store } from './store.ts';

/**
 * Recently read checkpoint plans. A checkpoint never changes, so its plan (decoded from the stored
 * state, notes converted to markdown: hundreds of ms for a big board on a busy machine) is kept for
 * the next diff or plan.json of the same checkpoint — the present page asks again as the board
 * changes. Least recently used entries go first.
 */
export class CheckpointPlanCache {
	readonly #entries = new Map<string, PlanWithBudget>();
	readonly #limit: number;

	/** Keeps at most `limit` plans. */
	constructor(limit = 16) {
		this.#limit = limit;
	}

	/** The cached plan of a board's checkpoint, else `load()`'s, kept (a failed load is not kept). */
	async get(boardId: string, checkpointId: string, load: () => Promise<PlanWithBudget> | PlanWithBudget): Promise<PlanWithBudget> {
		const key = `${boardId}/${checkpointId}`;
		let entry = this.#entries.get(key);
		if (entry) this.#entries.delete(key);
		else entry = await load();
		this.#entries.set(key, entry);
		while (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value!);
		return entry;
	}

	/** Number of plans kept (for tests). */
	get size(): number {
		return this.#entries.size;
	}
}

/** Dependencies of the checkpoint functions. */
export interface CheckpointDeps {
	readonly store: Store;
	readonly rooms: Rooms;
	/** Decoded checkpoint plans (one per server). */
	readonly plans: CheckpointPlanCache;
}

/** Why a checkpoint operation was refused (mapped to a 4xx by the HTTP layer). */
export class CheckpointError extends Error {
	readonly reason: 'unknown-board' | 'unknown-checkpoint' | 'too-many' | 'empty-board';
	constructor(reason: CheckpointError['reason'], message: string) {
		super(message);
		this.name = 'CheckpointError';
		this.reason = reason;
	}
}

/** The name a checkpoint gets when none is given: `Review YYYY-MM-DD` (UTC date of `now`). */
export function defaultCheckpointName(now: number): string {
	return `Review ${new Date(now).toISOString().slice(0, 10)}`;
}

/** A new checkpoint id: 96 random bits, 16 url-safe characters (like card ids). */
export function newCheckpointId(): string {
	return randomBytes(12).toString('base64url');
}

/**
 * Saves a checkpoint of board `boardId`: the board's committed state (from the live room, so every
 * committed update is in it) is stored under a new id, then a record of it (name, time and the
 * budget figures then) is written into the live board with a server origin — committed, then
 * relayed to everyone like any edit. `name` must be valid already (trimmed, 1..200 chars).
 * Throws CheckpointError for an unknown or empty board and past 1,000 checkpoints.
 */
export async function saveCheckpoint(
	{ store, rooms }: CheckpointDeps,
	boardId: string,
	name: string,
	now: number = Date.now()
): Promise<CheckpointInfo> {
	const stored = (await store.listCheckpoints(boardId)).length;
	const info = await rooms.writeDoc(boardId, async (doc): Promise<CheckpointInfo> => {
		if (readCheckpoints(doc).length >= MAX_CHECKPOINTS || stored >= MAX_CHECKPOINTS) {
			throw new CheckpointError('too-many', `a board keeps at most ${MAX_CHECKPOINTS} checkpoints`);
		}
		const state = Y.encodeStateAsUpdate(doc);
		const meta = readMeta(doc);
		// only the costing cards: the budget needs no notes (converting them is most of a plan read)
		const summary = summarizeBudget({ ...meta, cards: readCostCards(doc) });
		const record: CheckpointRecord = {
			id: newCheckpointId(),
			name,
			createdAt: new Date(now).toISOString(),
			figures: {
				currency: meta.currency,
				budget: summary.total,
				allocated: summary.allocated,
				remaining: summary.remaining,
				peakMonthlyBurn: summary.peakMonthlyBurn,
				runsOutIn: summary.runsOutIn
			}
		};
		assertCheckpointRecord(record); // before anything is stored
		await store.createCheckpoint({ boardId, id: record.id, name, createdAt: now, state });
		recordCheckpoint(doc, record, createOrigin('server', 'checkpoint'));
		return { id: record.id, name, createdAt: record.createdAt };
	});
	if (!info) throw new CheckpointError('unknown-board', 'no such board');
	return info;
}

/** The board's checkpoints, newest first. */
export async function listCheckpoints(store: Store, boardId: string): Promise<CheckpointInfo[]> {
	return (await store.listCheckpoints(boardId)).map((c) => ({ id: c.id, name: c.name, createdAt: new Date(c.createdAt).toISOString() }));
}

/** Reads a stored checkpoint's document (migrated to the current schema) with `read`. */
async function readCheckpointDoc<T>(store: Store, boardId: string, checkpointId: string, read: (doc: Y.Doc) => T): Promise<T> {
	const checkpoint = await store.getCheckpoint(boardId, checkpointId);
	if (!checkpoint) throw new CheckpointError('unknown-checkpoint', `no such checkpoint: ${checkpointId}`);
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, checkpoint.state);
		prepareBoardDoc(doc);
		return read(doc);
	} finally {
		doc.destroy();
	}
}

/** A checkpoint's plan and its budget, as the plan API answers for the live board (cached; do not modify). */
export function checkpointPlan({ store, plans }: Pick<CheckpointDeps, 'store' | 'plans'>, boardId: string, checkpointId: string): Promise<PlanWithBudget> {
	return plans.get(boardId, checkpointId, async () => readCheckpointDoc(store, boardId, checkpointId, (await planCodec()).planWithBudget));
}

/** Which plan a diff side names: a checkpoint id, or `now` (the board's current state). */
export type DiffSide = { checkpoint: string } | 'now';

/** The plan of one diff side. */
async function planOf(deps: CheckpointDeps, boardId: string, side: DiffSide): Promise<PlanData> {
	const { rooms } = deps;
	if (side !== 'now') return (await checkpointPlan(deps, boardId, side.checkpoint)).plan;
	const plan = await rooms.readDoc(boardId, (await planCodec()).boardPlan);
	if (!plan) throw new CheckpointError('empty-board', 'board has no content');
	return plan;
}

/** What changed on board `boardId` from `from` to `to` (see diffPlans). */
export async function boardDiff(deps: CheckpointDeps, boardId: string, from: DiffSide, to: DiffSide): Promise<PlanDiff> {
	const before = await planOf(deps, boardId, from);
	const after = await planOf(deps, boardId, to);
	return diffPlans(before, after);
}
