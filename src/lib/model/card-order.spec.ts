import { describe, expect, it } from 'vitest';
import { planToMarkdown } from '../markdown/export.ts';
import { markdownToPlan } from '../markdown/import.ts';
import { compareCardsByPosition, compareCardsCanonically, inBoardOrder } from './card-order.ts';
import type { Card } from './types.ts';

const goal = (id: string, x?: number, y?: number): Card => ({ id, kind: 'goal', title: id, ...(x === undefined ? {} : { x }), ...(y === undefined ? {} : { y }) });
const role = (id: string, x: number, y: number): Card => ({ id, kind: 'role', title: id, headcount: 1, monthlyCost: 0, startMonth: '2027-01', x, y });

describe('board order', () => {
	it('lists zones in order, then placed cards by y, x and id, then unplaced cards in the order given', () => {
		const cards = [goal('u2'), goal('b', 10, 50), role('r', 900, 900), goal('u1'), goal('a', 10, 50), goal('c', 0, 50), goal('d', 500, 0)];
		expect(inBoardOrder(cards).map((c) => c.id)).toEqual(['r', 'd', 'c', 'a', 'b', 'u2', 'u1']);
		// the same cards in another order give the same placed order; unplaced keep theirs
		expect([...cards].reverse().sort(compareCardsByPosition).map((c) => c.id)).toEqual(['r', 'd', 'c', 'a', 'b', 'u1', 'u2']);
	});

	it('takes a card with one coordinate as unplaced', () => {
		expect(inBoardOrder([goal('half', 5), goal('placed', 0, 900)]).map((c) => c.id)).toEqual(['placed', 'half']);
	});

	it('keeps a hand-written document\'s order through import and export (new ids every import)', () => {
		const md = '# 开店计划\n\n## Strategy\n\n### Goal: 第三个目标\n\n### Goal: 第一个目标\n\n### Goal: 第二个目标\n';
		const first = markdownToPlan(md);
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		const again = markdownToPlan(planToMarkdown(first.plan));
		expect(again.ok && again.plan.cards.map((c) => c.title)).toEqual(['第三个目标', '第一个目标', '第二个目标']);
	});
});

describe('canonical board order', () => {
	it('is board order with unplaced cards by id, whatever the order given', () => {
		const cards = [goal('u2'), goal('b', 10, 50), goal('u1'), goal('a', 10, 50)];
		expect([...cards].sort(compareCardsCanonically).map((c) => c.id)).toEqual(['a', 'b', 'u1', 'u2']);
		expect([...cards].reverse().sort(compareCardsCanonically).map((c) => c.id)).toEqual(['a', 'b', 'u1', 'u2']);
	});
});
