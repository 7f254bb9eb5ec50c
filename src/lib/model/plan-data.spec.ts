import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	applyPlanData,
	cardNotes,
	createOrigin,
	deleteCard,
	initBoard,
	readCard,
	toPlanData,
	CARD_WIDTH,
	CARD_HEIGHT,
	ZONES,
	type Card,
	type PlanData
} from './index.ts';
import { summarizeBudget } from '../budget/index.ts';

const api = createOrigin('api');

function samplePlan(): PlanData {
	return {
		title: 'Open the Shenzhen office 深圳',
		currency: 'CNY',
		budget: 1_000_000_000,
		startMonth: '2027-01',
		horizonMonths: 24,
		cards: [
			{ id: 'r-eng', kind: 'role', title: 'Engineers', headcount: 4, monthlyCost: 4_500_000, startMonth: '2027-03', endMonth: '2028-06', level: 'senior', notes: '## Profile\n\n- Go / TS\n- **on-site**' },
			{ id: 'r-gm', kind: 'role', title: 'GM', headcount: 1, monthlyCost: 8_000_000, startMonth: '2027-01', x: 24, y: 72 },
			{ id: 'g-1', kind: 'goal', title: 'First 100 customers 🚀', notes: 'Reach *100* paying customers by [Q4](https://example.com/q4).' },
			{ id: 'm-2', kind: 'milestone', title: 'Pilot', goalId: 'g-1', order: 2, status: 'doing', dueMonth: '2027-06' },
			{ id: 'm-1', kind: 'milestone', title: 'Interviews', goalId: 'g-1', order: 1, status: 'done' },
			{ id: 'k-1', kind: 'risk', title: 'Competitor price war', likelihood: 4, impact: 5, mitigation: 'Lock annual contracts' },
			{ id: 'o-1', kind: 'opportunity', title: 'Gov subsidy', notes: '> 1\\. quote with `code`\n\n```\nraw <b> & stuff\n```' },
			{ id: 's-1', kind: 'spend', title: 'Launch', category: 'marketing', amount: 50_000_000, recurrence: 'once', startMonth: '2027-06' },
			{ id: 's-2', kind: 'spend', title: 'Cloud', category: 'infrastructure', amount: 500_000, recurrence: 'monthly', startMonth: '2027-01', endMonth: '2028-12' }
		]
	};
}

/** Compare plans ignoring card order and x/y. */
function normalise(plan: PlanData): PlanData {
	return {
		...plan,
		cards: plan.cards
			.map((c) => {
				const copy = { ...c } as Card;
				delete copy.x;
				delete copy.y;
				return copy;
			})
			.sort((a, b) => (a.id < b.id ? -1 : 1))
	};
}

describe('PlanData <-> Y.Doc', () => {
	it('round-trips a plan including notes (positions normalised)', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		const plan = samplePlan();
		applyPlanData(doc, plan, api);
		expect(origins).toEqual([api]);
		const back = toPlanData(doc);
		expect(normalise(back)).toEqual(normalise(plan));
		expect(summarizeBudget(back)).toEqual(summarizeBudget(plan));
		// and it is stable when re-applied to another doc
		const doc2 = new Y.Doc();
		applyPlanData(doc2, back, api);
		expect(toPlanData(doc2)).toEqual(back);
	});

	it('keeps given positions and lays the rest out per zone without overlap', () => {
		const doc = new Y.Doc();
		applyPlanData(doc, samplePlan(), api);
		const cards = toPlanData(doc).cards;
		expect(cards.find((c) => c.id === 'r-gm')).toMatchObject({ x: 24, y: 72 });
		for (const card of cards) {
			expect(typeof card.x).toBe('number');
			const zone = { role: ZONES.team, spend: ZONES.spending }[card.kind as 'role'] ?? ZONES.strategy;
			expect(card.x!).toBeGreaterThanOrEqual(zone.x);
			expect(card.x! + CARD_WIDTH).toBeLessThanOrEqual(zone.x + zone.width);
		}
		for (const a of cards) {
			for (const b of cards) {
				if (a === b) continue;
				const overlap = Math.abs(a.x! - b.x!) < CARD_WIDTH && Math.abs(a.y! - b.y!) < CARD_HEIGHT;
				expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
			}
		}
		// r-gm occupies the first team cell, so r-eng goes next to it
		expect(cards.find((c) => c.id === 'r-eng')).toMatchObject({ y: 72 });
		// reading order: team, strategy, spending
		expect(cards.map((c) => c.kind)).toEqual(['role', 'role', 'goal', 'milestone', 'milestone', 'risk', 'opportunity', 'spend', 'spend']);
	});

	it('replaces existing content and rejects invalid plans without writing', () => {
		const doc = new Y.Doc();
		initBoard(doc, {}, api);
		const stale = addCard(doc, 'goal', undefined, api);
		applyPlanData(doc, samplePlan(), api);
		expect(readCard(doc, stale)).toBeUndefined();
		const bad = { ...samplePlan(), horizonMonths: 0 };
		expect(() => applyPlanData(doc, bad, api)).toThrow(/horizonMonths/);
		expect(toPlanData(doc).horizonMonths).toBe(24);
		expect(cardNotes(doc, 'g-1')).toBeInstanceOf(Y.XmlFragment);
	});

	it('drops a dangling goalId (goal deleted concurrently) when reading', () => {
		const a = new Y.Doc();
		applyPlanData(a, samplePlan(), api);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		deleteCard(a, 'g-1', api); // clears goalId on the milestones a knows
		addCard(b, 'milestone', { id: 'm-3', goalId: 'g-1' } as never, api); // concurrently on b
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const plan = toPlanData(a);
		expect(plan).toEqual(toPlanData(b));
		expect(plan.cards.find((c) => c.id === 'm-3')).not.toHaveProperty('goalId');
	});
});
