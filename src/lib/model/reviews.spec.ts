import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addReviewItem,
	applyPlanData,
	createOrigin,
	initBoard,
	observeReviews,
	readCheckpoints,
	readReviewItem,
	readReviewItems,
	readReviews,
	recordCheckpoint,
	removeReviewItem,
	toPlanData,
	updateReviewItem,
	validatePlan,
	type CheckpointRecord,
	type PlanData
} from './index.ts';

const user = createOrigin('user');
const server = createOrigin('server');

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: '上海咖啡试点', startMonth: '2027-01' }, createOrigin('server'));
	return doc;
}

function checkpoint(id: string, createdAt: string, runsOutIn: string | null = null): CheckpointRecord {
	return {
		id,
		name: `评审 ${createdAt.slice(0, 10)}`,
		createdAt,
		figures: { currency: 'CNY', budget: 1_000_000_000, allocated: 300_000_000, remaining: 700_000_000, peakMonthlyBurn: 20_000_000, runsOutIn }
	};
}

describe('review items', () => {
	it('adds, updates and removes decisions and action items, each in one transaction with its origin', () => {
		const doc = board();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
		const decision = addReviewItem(doc, { kind: 'decision', text: '先开人民广场店', slide: 7, createdAt: '2027-01-15T09:00:00.000Z' }, user);
		const action = addReviewItem(doc, { kind: 'action', text: '谈下租约', owner: '王芳', dueMonth: '2027-02', createdAt: '2027-01-15T09:05:00.000Z' }, user);
		expect(origins).toEqual([user, user]);
		expect(readReviewItems(doc)).toEqual([
			{ id: decision, kind: 'decision', text: '先开人民广场店', slide: 7, createdAt: '2027-01-15T09:00:00.000Z' },
			{ id: action, kind: 'action', text: '谈下租约', owner: '王芳', dueMonth: '2027-02', createdAt: '2027-01-15T09:05:00.000Z' }
		]);
		expect(updateReviewItem(doc, action, { owner: '李雷', dueMonth: undefined, text: '谈下租约（五年）' }, user)).toBe(true);
		expect(readReviewItem(doc, action)).toEqual({ id: action, kind: 'action', text: '谈下租约（五年）', owner: '李雷', createdAt: '2027-01-15T09:05:00.000Z' });
		expect(removeReviewItem(doc, decision, user)).toBe(true);
		expect(removeReviewItem(doc, decision, user)).toBe(false);
		expect(updateReviewItem(doc, decision, { text: 'gone' }, user)).toBe(false);
		expect(readReviewItems(doc).map((i) => i.id)).toEqual([action]);
		expect(origins).toHaveLength(4); // the refused writes wrote nothing
	});

	it('defaults createdAt to now and a new id; refuses bad input before writing', () => {
		const doc = board();
		const id = addReviewItem(doc, { kind: 'decision', text: 'Go' }, user);
		expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(Date.parse(readReviewItem(doc, id)!.createdAt)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00.000Z'));
		const bad: [Parameters<typeof addReviewItem>[1], RegExp][] = [
			[{ kind: 'wish' as 'decision', text: 'x' }, /^kind: must be one of decision, action/],
			[{ kind: 'decision', text: '   ' }, /^text: must not be empty/],
			[{ kind: 'decision', text: 'x'.repeat(2001) }, /^text: must be at most 2000/],
			[{ kind: 'action', text: 'x', dueMonth: '2027-13' }, /^dueMonth: must be a month/],
			[{ kind: 'action', text: 'x', slide: 0 }, /^slide: must be an integer 1\.\.1000/],
			[{ kind: 'action', text: 'x', createdAt: 'yesterday' }, /^createdAt: must be an ISO 8601/],
			[{ kind: 'action', text: 'x', id }, /^id: .* is taken/],
			[{ kind: 'action', text: 'x', colour: 'red' } as never, /^colour: a review item has no such field/]
		];
		for (const [input, message] of bad) expect(() => addReviewItem(doc, input, user)).toThrow(message);
		expect(() => updateReviewItem(doc, id, { createdAt: '2027-01-01T00:00:00.000Z' } as never, user)).toThrow(/createdAt: cannot be changed/);
		expect(() => updateReviewItem(doc, id, { text: undefined }, user)).toThrow(/text: is required/);
		expect(readReviewItems(doc)).toHaveLength(1);
	});

	it('two editors change different fields of one item concurrently: both changes survive', () => {
		const a = board();
		const id = addReviewItem(a, { kind: 'action', text: '招聘店长', createdAt: '2027-01-15T09:00:00.000Z' }, user);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		updateReviewItem(a, id, { owner: '王芳' }, user);
		updateReviewItem(b, id, { dueMonth: '2027-03' }, createOrigin('user'));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readReviewItem(a, id)).toEqual(readReviewItem(b, id));
		expect(readReviewItem(a, id)).toMatchObject({ owner: '王芳', dueMonth: '2027-03' });
	});

	it('undo covers my review writes only', () => {
		const doc = board();
		const mine = createOrigin('user');
		const theirs = createOrigin('user');
		const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([mine]), captureTimeout: 0 });
		const a = addReviewItem(doc, { kind: 'decision', text: '我的决定' }, mine);
		const b = addReviewItem(doc, { kind: 'decision', text: '别人的决定' }, theirs);
		updateReviewItem(doc, a, { text: '改过的决定' }, mine);
		undo.undo();
		expect(readReviewItem(doc, a)?.text).toBe('我的决定');
		undo.undo();
		expect(readReviewItem(doc, a)).toBeUndefined();
		expect(readReviewItem(doc, b)?.text).toBe('别人的决定');
		undo.redo();
		expect(readReviewItem(doc, a)?.text).toBe('我的决定');
	});

	it('observeReviews fires once per transaction that touched reviews, with its origin', () => {
		const doc = board();
		const seen: unknown[] = [];
		const stop = observeReviews(doc, (origin) => seen.push(origin));
		const id = addReviewItem(doc, { kind: 'decision', text: 'x' }, user);
		updateReviewItem(doc, id, { owner: 'y' }, user);
		recordCheckpoint(doc, checkpoint('cp1', '2027-01-01T00:00:00.000Z'), server);
		doc.getMap('meta').set('title', 'not a review change');
		expect(seen).toEqual([user, user, server]);
		stop();
		removeReviewItem(doc, id, user);
		expect(seen).toHaveLength(3);
	});
});

describe('checkpoint records', () => {
	it('records once per id, reads oldest first, and validates', () => {
		const doc = board();
		expect(recordCheckpoint(doc, checkpoint('cp2', '2027-02-01T00:00:00.000Z', '2028-03'), server)).toBe(true);
		expect(recordCheckpoint(doc, checkpoint('cp1', '2027-01-01T00:00:00.000Z'), server)).toBe(true);
		expect(recordCheckpoint(doc, checkpoint('cp1', '2027-03-01T00:00:00.000Z'), server)).toBe(false);
		expect(readCheckpoints(doc)).toEqual([checkpoint('cp1', '2027-01-01T00:00:00.000Z'), checkpoint('cp2', '2027-02-01T00:00:00.000Z', '2028-03')]);
		expect(() => recordCheckpoint(doc, { ...checkpoint('cp3', '2027-01-01T00:00:00.000Z'), name: '' }, server)).toThrow(/^name: must not be empty/);
		const badFigures = checkpoint('cp4', '2027-01-01T00:00:00.000Z');
		badFigures.figures.allocated = 1.5;
		expect(() => recordCheckpoint(doc, badFigures, server)).toThrow(/^allocated: must be a non-negative integer/);
		expect(readCheckpoints(doc)).toHaveLength(2);
	});
});

describe('reviews in PlanData', () => {
	it('toPlanData omits reviews on a board without any, and round-trips them through applyPlanData', () => {
		const doc = board();
		expect(toPlanData(doc)).not.toHaveProperty('reviews');
		recordCheckpoint(doc, checkpoint('cp1', '2027-01-01T00:00:00.000Z'), server);
		addReviewItem(doc, { id: 'i2', kind: 'action', text: '谈下租约', owner: '王芳', dueMonth: '2027-02', checkpointId: 'cp1', slide: 7, createdAt: '2027-01-01T10:00:00.000Z' }, user);
		addReviewItem(doc, { id: 'i1', kind: 'decision', text: '先开一家店', createdAt: '2027-01-02T10:00:00.000Z' }, user);
		const plan = toPlanData(doc);
		expect(plan.reviews).toEqual({
			checkpoints: [checkpoint('cp1', '2027-01-01T00:00:00.000Z')],
			items: [
				{ id: 'i2', kind: 'action', text: '谈下租约', owner: '王芳', dueMonth: '2027-02', checkpointId: 'cp1', slide: 7, createdAt: '2027-01-01T10:00:00.000Z' },
				{ id: 'i1', kind: 'decision', text: '先开一家店', createdAt: '2027-01-02T10:00:00.000Z' }
			]
		});
		expect(validatePlan(JSON.parse(JSON.stringify(plan)))).toEqual({ ok: true, plan });
		const copy = new Y.Doc();
		applyPlanData(copy, plan, createOrigin('api'));
		expect(toPlanData(copy)).toEqual(plan);
		// applying a plan without reviews clears them (it replaces the whole board)
		const { reviews: _r, ...bare } = plan;
		applyPlanData(copy, bare, createOrigin('api'));
		expect(toPlanData(copy)).not.toHaveProperty('reviews');
	});

	it("an item whose checkpoint is not recorded reads as the current review's", () => {
		const doc = board();
		addReviewItem(doc, { kind: 'decision', text: 'x', checkpointId: 'not-synced-yet' }, user);
		expect(readReviews(doc)!.items[0]).not.toHaveProperty('checkpointId');
		expect(readReviewItems(doc)[0].checkpointId).toBe('not-synced-yet');
	});

	it('validatePlan names the path of every bad review field and accepts old plans without reviews', () => {
		const base: PlanData = { title: 't', currency: 'CNY', budget: 1, startMonth: '2027-01', horizonMonths: 12, cards: [] };
		expect(validatePlan(base)).toEqual({ ok: true, plan: base });
		expect(validatePlan({ ...base, reviews: { checkpoints: [], items: [] } })).toEqual({ ok: true, plan: base });
		const result = validatePlan({
			...base,
			reviews: {
				checkpoints: [{ id: 'cp1', name: 'R', createdAt: '2027-01-01T00:00:00.000Z', figures: { currency: 'CNY', budget: 1, allocated: 0, remaining: 1, peakMonthlyBurn: 0, runsOutIn: null } }, { id: 'cp1', name: '', createdAt: 'x' }],
				items: [{ id: 'i1', kind: 'decision', text: '好', createdAt: '2027-01-01T00:00:00.000Z', checkpointId: 'nope' }, { id: 'i2', kind: 'todo', text: 5, createdAt: '2027-01-01T00:00:00.000Z', owner: 'x'.repeat(101) }, 'x']
			}
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual([
			'reviews.checkpoints[1].id: duplicate id "cp1" (also reviews.checkpoints[0])',
			'reviews.checkpoints[1].name: must not be empty',
			'reviews.checkpoints[1].createdAt: must be an ISO 8601 UTC timestamp like 2027-01-31T09:30:00.000Z',
			'reviews.checkpoints[1].figures: is required',
			'reviews.items[0].checkpointId: names no checkpoint of reviews.checkpoints ("nope")',
			'reviews.items[1].kind: must be one of decision, action',
			'reviews.items[1].text: must be a string',
			'reviews.items[1].owner: must be at most 100 characters',
			'reviews.items[2]: must be an object'
		]);
		expect(validatePlan({ ...base, reviews: [] })).toEqual({ ok: false, errors: ['reviews: must be an object { checkpoints, items }'] });
	});
});
