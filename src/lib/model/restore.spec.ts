import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	addReviewItem,
	applyPlanData,
	createOrigin,
	deleteCard,
	readCard,
	readReviewItems,
	restorePlan,
	setCardNotes,
	toPlanData,
	updateCard,
	updateMeta,
	type PlanData
} from './index.ts';

const api = createOrigin('api');

function checkpointPlan(): PlanData {
	return {
		title: '上海咖啡试点',
		currency: 'CNY',
		budget: 1_000_000_000,
		startMonth: '2027-01',
		horizonMonths: 12,
		cards: [
			{ id: 'r-gm', kind: 'role', title: '店长', headcount: 1, monthlyCost: 3_000_000, startMonth: '2027-01', level: '资深', x: 24, y: 96, notes: '负责**招聘**咖啡师。' },
			{ id: 'g-1', kind: 'goal', title: '开第一家店', x: 576, y: 96 },
			{ id: 'm-1', kind: 'milestone', title: '签租约', goalId: 'g-1', order: 1, status: 'todo', dueMonth: '2027-02', x: 576, y: 252 },
			{ id: 's-rent', kind: 'spend', title: '房租', category: 'operations', amount: 2_500_000, recurrence: 'monthly', startMonth: '2027-01', x: 1128, y: 96 }
		]
	};
}

/** A board at the checkpoint, then edited by several people. */
function editedBoard(): { doc: Y.Doc; checkpoint: PlanData } {
	const doc = new Y.Doc();
	applyPlanData(doc, checkpointPlan(), api);
	const checkpoint = toPlanData(doc);
	const other = createOrigin('user');
	updateMeta(doc, { title: '上海咖啡 二期', budget: 800_000_000 }, other);
	updateCard(doc, 'r-gm', { headcount: 2, level: undefined }, other);
	setCardNotes(doc, 'r-gm', '改成两位店长。', other);
	updateCard(doc, 'm-1', { status: 'done', dueMonth: '2027-03' }, other);
	deleteCard(doc, 's-rent', other);
	addCard(doc, 'role', { id: 'r-new', title: '咖啡师', headcount: 3, monthlyCost: 1_200_000 }, other);
	addReviewItem(doc, { kind: 'decision', text: '二期暂缓' }, other);
	return { doc, checkpoint };
}

describe('restorePlan', () => {
	it('makes cards, notes and meta equal to the checkpoint again, keeping review items', () => {
		const { doc, checkpoint } = editedBoard();
		const result = restorePlan(doc, checkpoint, createOrigin('user'));
		expect(result).toEqual({ added: 1, removed: 1, changed: 2, metaChanged: true });
		const { reviews, ...restored } = toPlanData(doc);
		expect(restored).toEqual(checkpoint);
		expect(reviews?.items.map((i) => i.text)).toEqual(['二期暂缓']);
	});

	it('is one transaction with the given origin, undone in one step by that user', () => {
		const { doc, checkpoint } = editedBoard();
		const before = toPlanData(doc);
		const me = createOrigin('user');
		const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([me]), captureTimeout: 0 });
		const origins: unknown[] = [];
		doc.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
		restorePlan(doc, checkpoint, me);
		expect(origins).toEqual([me]);
		undo.undo();
		expect(toPlanData(doc)).toEqual(before);
		undo.redo();
		expect(toPlanData(doc).cards).toEqual(checkpoint.cards);
	});

	it('writes nothing when the board already equals the plan', () => {
		const doc = new Y.Doc();
		applyPlanData(doc, checkpointPlan(), api);
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		expect(restorePlan(doc, toPlanData(doc), createOrigin('user'))).toEqual({ added: 0, removed: 0, changed: 0, metaChanged: false });
		expect(updates).toEqual([]);
	});

	it('keeps a concurrent edit to a card the checkpoint does not change', () => {
		const { doc, checkpoint } = editedBoard();
		const remote = new Y.Doc();
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
		restorePlan(doc, checkpoint, createOrigin('user'));
		updateCard(remote, 'g-1', { title: '开第一家店（人民广场）' }, createOrigin('user'));
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
		expect(readCard(doc, 'g-1')?.title).toBe('开第一家店（人民广场）');
		expect(readCard(doc, 'r-gm')).toMatchObject({ headcount: 1 });
	});

	it('refuses an invalid plan without writing', () => {
		const { doc } = editedBoard();
		const before = toPlanData(doc);
		expect(() => restorePlan(doc, { ...checkpointPlan(), budget: -1 }, createOrigin('user'))).toThrow(/budget: must be a non-negative integer/);
		expect(toPlanData(doc)).toEqual(before);
		expect(readReviewItems(doc)).toHaveLength(1);
	});
});
