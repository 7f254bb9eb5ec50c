import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard, createOrigin, deleteCard, initBoard, moveCard, toPlanData, updateCard, updateMeta, cardNotes } from '$lib/model';
import { summarizeBudget } from '$lib/budget';
import { PlanState } from './plan-state.svelte.ts';

const origin = createOrigin('user');

function board() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', currency: 'USD', budget: 1_000_000, startMonth: '2027-01', horizonMonths: 12 }, origin);
	return doc;
}

/** Count notifications per channel while `fn` runs. */
function counting(plan: PlanState, channels: Parameters<PlanState['listen']>[0][], fn: () => void): Record<string, number> {
	const counts: Record<string, number> = Object.fromEntries(channels.map((c) => [c, 0]));
	const stops = channels.map((c) => plan.listen(c, () => counts[c]++));
	fn();
	stops.forEach((stop) => stop());
	return counts;
}

describe('PlanState', () => {
	test('its cache and budget follow every write, and match the model', () => {
		const doc = board();
		const plan = new PlanState(doc);
		const a = addCard(doc, 'role', { title: 'Dev', headcount: 2, monthlyCost: 10_000, startMonth: '2027-03' }, origin);
		const b = addCard(doc, 'spend', { title: 'Ads', category: 'marketing', amount: 5_000, recurrence: 'monthly', startMonth: '2027-01' }, origin);
		addCard(doc, 'goal', { title: 'Win' }, origin);
		updateCard(doc, a, { headcount: 3 }, origin);
		deleteCard(doc, b, origin);
		updateMeta(doc, { horizonMonths: 6 }, origin);
		const fromDoc = toPlanData(doc);
		expect(plan.cardIds).toEqual(fromDoc.cards.map((c) => c.id).sort());
		expect(plan.card(a)).toMatchObject({ headcount: 3, title: 'Dev' });
		expect(plan.card(b)).toBeUndefined();
		expect(plan.meta.horizonMonths).toBe(6);
		expect(plan.summary).toEqual(summarizeBudget(fromDoc));
		expect(plan.summary.allocated).toBe(3 * 10_000 * 4); // March..June
		expect(plan.kindCounts).toMatchObject({ role: 1, goal: 1, spend: 0 });
		plan.destroy();
	});

	test('the budget, read after every write, equals the full recompute of the document', () => {
		const doc = board();
		const plan = new PlanState(doc);
		const same = () => expect(plan.summary).toEqual(summarizeBudget(toPlanData(doc)));
		same();
		const a = addCard(doc, 'role', { title: '工程师', headcount: 2, monthlyCost: 4_5000, startMonth: '2027-03' }, origin);
		same();
		const b = addCard(doc, 'spend', { title: '广告', category: 'marketing', amount: 5_000, recurrence: 'monthly', startMonth: '2026-11', endMonth: '2027-02' }, origin);
		same();
		updateCard(doc, a, { monthlyCost: 9_000, endMonth: '2027-08' }, origin);
		same();
		moveCard(doc, b, 300, 400, origin);
		same();
		updateMeta(doc, { startMonth: '2027-02', budget: 50_000 }, origin);
		same();
		updateMeta(doc, { budget: 10_000_000 }, origin);
		same();
		deleteCard(doc, a, origin);
		same();
		expect(plan.summary.partlyOutsideHorizon).toEqual([b]); // Nov..Feb against a horizon from Feb
		plan.destroy();
	});

	test('editing one card notifies that card only — not the others, not the id list', () => {
		const doc = board();
		const plan = new PlanState(doc);
		const a = addCard(doc, 'goal', { title: 'A' }, origin);
		const b = addCard(doc, 'risk', { title: 'B' }, origin);
		const counts = counting(plan, [`card:${a}`, `card:${b}`, 'ids', 'layout', 'summary', 'meta'], () => {
			updateCard(doc, b, { likelihood: 5 }, origin);
		});
		expect(counts).toEqual({ [`card:${a}`]: 0, [`card:${b}`]: 1, ids: 0, layout: 0, summary: 0, meta: 0 });
	});

	test('cost fields notify the budget; moves notify layout; adds notify the id list', () => {
		const doc = board();
		const plan = new PlanState(doc);
		const r = addCard(doc, 'role', { title: 'R', monthlyCost: 100 }, origin);
		expect(counting(plan, ['summary', 'layout', 'ids'], () => updateCard(doc, r, { monthlyCost: 200 }, origin))).toEqual({ summary: 1, layout: 0, ids: 0 });
		expect(counting(plan, ['summary', 'layout', 'ids'], () => moveCard(doc, r, 5000, 5000, origin))).toEqual({ summary: 1, layout: 1, ids: 0 });
		expect(plan.idsIn({ x: 4990, y: 4990, width: 50, height: 50 })).toEqual([r]);
		expect(counting(plan, ['ids'], () => addCard(doc, 'goal', {}, origin))).toEqual({ ids: 1 });
	});

	test('typing in a card’s notes does not re-render its face (typed fields unchanged)', () => {
		const doc = board();
		const plan = new PlanState(doc);
		const g = addCard(doc, 'goal', { title: 'G' }, origin);
		const fragment = cardNotes(doc, g)!;
		const counts = counting(plan, [`card:${g}`, 'summary'], () => {
			doc.transact(() => fragment.insert(0, [new Y.XmlText('hello')]), origin);
		});
		expect(counts).toEqual({ [`card:${g}`]: 0, summary: 0 });
	});

	test('a goal’s steps come in order and follow milestone edits', () => {
		const doc = board();
		const plan = new PlanState(doc);
		const goal = addCard(doc, 'goal', { title: 'G' }, origin);
		const m2 = addCard(doc, 'milestone', { title: 'Second', goalId: goal, order: 2 }, origin);
		const m1 = addCard(doc, 'milestone', { title: 'First', goalId: goal, order: 1 }, origin);
		expect(plan.steps(goal).map((s) => s.id)).toEqual([m1, m2]);
		const counts = counting(plan, [`goal:${goal}`], () => updateCard(doc, m2, { status: 'done' }, origin));
		expect(counts[`goal:${goal}`]).toBe(1);
		updateCard(doc, m1, { order: 3 }, origin);
		expect(plan.steps(goal).map((s) => s.id)).toEqual([m2, m1]);
		deleteCard(doc, goal, origin);
		expect(plan.steps(goal)).toEqual([]);
		expect(plan.goals).toEqual([]);
	});
});
