import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	arrowDirection,
	boxBetween,
	boxSelection,
	neighbourIn,
	nudgeDelta,
	readingOrder,
	selectionAfterClick,
	stepInOrder,
	NUDGE_FAR,
	NUDGE_STEP,
	type PlacedCard
} from './selection.ts';
import { slotPosition } from '$lib/model/layout.ts';

describe('selectionAfterClick', () => {
	it('a plain click selects only the clicked card', () => {
		expect(selectionAfterClick(['a', 'b'], 'c', false)).toEqual(['c']);
		expect(selectionAfterClick(['a', 'b'], 'a', false)).toEqual(['a']);
	});
	it('a modifier click toggles the card in and out, keeping the others', () => {
		expect(selectionAfterClick(['a'], 'b', true)).toEqual(['a', 'b']);
		expect(selectionAfterClick(['a', 'b'], 'a', true)).toEqual(['b']);
		expect(selectionAfterClick([], 'a', true)).toEqual(['a']);
	});
	it('toggling twice gives back the selection (property)', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 })), fc.string({ minLength: 1, maxLength: 3 }), (sel, id) => {
				const twice = selectionAfterClick(selectionAfterClick(sel, id, true), id, true);
				expect(new Set(twice)).toEqual(new Set(sel));
			})
		);
	});
});

describe('box selection', () => {
	it('spans two points in any corner order', () => {
		expect(boxBetween({ x: 10, y: 50 }, { x: -10, y: 20 })).toEqual({ x: -10, y: 20, width: 20, height: 30 });
	});
	it('replaces the selection, or adds to it without duplicates when additive', () => {
		expect(boxSelection(['a'], ['b', 'c'], false)).toEqual(['b', 'c']);
		expect(boxSelection(['a', 'b'], ['b', 'c'], true)).toEqual(['a', 'b', 'c']);
		expect(boxSelection(['a'], [], true)).toEqual(['a']);
	});
});

describe('readingOrder', () => {
	const at = (id: string, kind: PlacedCard['kind'], zoneCol: number, row: number): PlacedCard => {
		const zone = kind === 'role' ? 'team' : kind === 'spend' ? 'spending' : 'strategy';
		return { id, kind, ...slotPosition(zone, zoneCol, row) };
	};
	it('goes zone by zone, row by row, left to right', () => {
		const cards = [at('s1', 'spend', 0, 0), at('r3', 'role', 0, 1), at('r2', 'role', 1, 0), at('r1', 'role', 0, 0), at('g1', 'goal', 1, 0), at('m1', 'milestone', 0, 0)];
		expect(readingOrder(cards)).toEqual(['r1', 'r2', 'r3', 'm1', 'g1', 's1']);
	});
	it('treats slightly uneven tops as one row', () => {
		const cards: PlacedCard[] = [
			{ id: 'right', kind: 'role', x: 300, y: 90 },
			{ id: 'left', kind: 'role', x: 20, y: 100 }
		];
		expect(readingOrder(cards)).toEqual(['left', 'right']);
	});
	it('is a permutation that does not depend on input order (property)', () => {
		const card = fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), kind: fc.constantFrom('role', 'goal', 'spend' as const), x: fc.integer({ min: -500, max: 3000 }), y: fc.integer({ min: -500, max: 3000 }) });
		fc.assert(
			fc.property(fc.uniqueArray(card, { selector: (c) => c.id, maxLength: 30 }), (cards) => {
				const order = readingOrder(cards as PlacedCard[]);
				expect([...order].sort()).toEqual(cards.map((c) => c.id).sort());
				expect(readingOrder([...cards].reverse() as PlacedCard[])).toEqual(order);
			})
		);
	});
});

describe('stepInOrder', () => {
	const order = ['a', 'b', 'c'];
	it('steps forward and back and stops at the ends', () => {
		expect(stepInOrder(order, 'a', 1)).toBe('b');
		expect(stepInOrder(order, 'b', -1)).toBe('a');
		expect(stepInOrder(order, 'c', 1)).toBeNull();
		expect(stepInOrder(order, 'a', -1)).toBeNull();
	});
	it('starts from the matching end when nothing (or an unknown id) has focus', () => {
		expect(stepInOrder(order, null, 1)).toBe('a');
		expect(stepInOrder(order, 'gone', -1)).toBe('c');
	});
});

describe('arrows', () => {
	it('map keys to directions and nudges (Shift = further)', () => {
		expect(arrowDirection('ArrowUp')).toBe('up');
		expect(arrowDirection('a')).toBeNull();
		expect(nudgeDelta('left', false)).toEqual({ dx: -NUDGE_STEP, dy: 0 });
		expect(nudgeDelta('down', true)).toEqual({ dx: 0, dy: NUDGE_FAR });
	});
	it('find the nearest card in a direction, preferring the one in line', () => {
		const r = (x: number, y: number) => ({ x, y, width: 220, height: 132 });
		const from = r(0, 0);
		const cards: [string, ReturnType<typeof r>][] = [
			['below', r(0, 150)],
			['below-right', r(236, 140)],
			['right', r(236, 0)],
			['above', r(0, -150)]
		];
		expect(neighbourIn('down', from, cards)).toBe('below');
		expect(neighbourIn('right', from, cards)).toBe('right');
		expect(neighbourIn('up', from, cards)).toBe('above');
		expect(neighbourIn('left', from, cards)).toBeNull();
	});
});
