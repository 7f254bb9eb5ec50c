import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createOrigin, initBoard, moveCard } from './index.ts';
import { readFirstScreen } from './first-screen.ts';

const api = createOrigin('api');

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Launch Hangzhou', currency: 'EUR' }, createOrigin('server'));
	return doc;
}

describe('readFirstScreen', () => {
	it('is empty but complete for a board without cards', () => {
		const first = readFirstScreen(board());
		expect(first.meta.title).toBe('Launch Hangzhou');
		expect(first.meta.currency).toBe('EUR');
		expect(first.cards).toEqual([]);
		expect(first.contentBounds).toBeNull();
		expect(Object.values(first.kindCounts).every((n) => n === 0)).toBe(true);
	});

	it('keeps the cards of the band, counts every card and bounds them all', () => {
		const doc = board();
		const top = addCard(doc, 'role', { title: 'Head of sales', x: 24, y: 72 }, api);
		const low = addCard(doc, 'spend', { title: 'Office fit-out', x: 1128, y: 5000 }, api);
		const first = readFirstScreen(doc, 2400);
		expect(first.cards.map((c) => c.id)).toEqual([top]);
		expect(first.cards[0]).toMatchObject({ kind: 'role', title: 'Head of sales', x: 24, y: 72 });
		expect(first.kindCounts.role).toBe(1);
		expect(first.kindCounts.spend).toBe(1);
		expect(first.contentBounds).toEqual({ x: 24, y: 72, width: 1128 + 220 - 24, height: 5000 + 132 - 72 });
		moveCard(doc, low, 1128, 100, api);
		expect(readFirstScreen(doc, 2400).cards.map((c) => c.id).sort()).toEqual([top, low].sort());
	});

	it('lists the band top rows first (y, then x), so the first viewport is parsed first', () => {
		const doc = board();
		const lowLeft = addCard(doc, 'role', { title: 'C', x: 24, y: 520 }, api);
		const topRight = addCard(doc, 'spend', { title: 'B', x: 1128, y: 72 }, api);
		const topLeft = addCard(doc, 'goal', { title: 'A', x: 24, y: 72 }, api);
		const midRight = addCard(doc, 'risk', { title: 'D', x: 900, y: 300 }, api);
		expect(readFirstScreen(doc, 2400).cards.map((c) => c.id)).toEqual([topLeft, topRight, midRight, lowLeft]);
	});

	it('brings the steps and title of every goal a shown card needs, in step order', () => {
		const doc = board();
		const goal = addCard(doc, 'goal', { title: 'First 100 customers', x: 552, y: 5000 }, api);
		const second = addCard(doc, 'milestone', { title: 'Pilot', goalId: goal, order: 2, x: 552, y: 300 }, api);
		const firstStep = addCard(doc, 'milestone', { title: 'Signed LOIs', goalId: goal, order: 1, x: 552, y: 6000 }, api);
		const first = readFirstScreen(doc, 2400);
		expect(first.cards.map((c) => c.id)).toEqual([second]);
		expect(first.goalTitles).toEqual({ [goal]: 'First 100 customers' });
		expect(first.steps[goal]!.map((s) => s.id)).toEqual([firstStep, second]);
	});
});
