import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stepMounts, stepRedraws } from './mount-schedule.ts';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const never = () => false;

describe('stepMounts', () => {
	it('returns the same array and settled when mounted already equals wanted', () => {
		const mounted = ['a', 'b', 'c'];
		const step = stepMounts(mounted, ['c', 'a', 'b'], never, 2);
		expect(step.next).toBe(mounted);
		expect(step.settled).toBe(true);
	});

	it('mounts every urgent card at once, whatever the budget', () => {
		const wanted = ids('v', 30);
		const step = stepMounts([], wanted, (id) => id.startsWith('v'), 0);
		expect(step.next).toEqual(wanted);
		expect(step.settled).toBe(true);
	});

	it('mounts at most `urgentBudget` urgent cards per step, nearest first, and no off-screen card until they are all in', () => {
		const wanted = [...ids('v', 10), 'off'];
		const distance = (id: string) => (id === 'off' ? 0 : 100 - Number(id.slice(1)));
		const onScreen = (id: string) => id.startsWith('v');
		const first = stepMounts([], wanted, onScreen, 4, distance, 4);
		expect(first.next).toEqual(['v9', 'v8', 'v7', 'v6']);
		expect(first.settled).toBe(false);
		let step = first;
		let steps = 1;
		while (!step.settled) {
			step = stepMounts(step.next, wanted, onScreen, 4, distance, 4);
			steps++;
		}
		expect(new Set(step.next)).toEqual(new Set(wanted));
		expect(step.next.indexOf('off')).toBe(wanted.length - 1); // after every urgent card
		expect(steps).toBe(3); // 4 + 4 + (2 urgent, then the off-screen one in the same step)
	});

	it('adds at most `budget` off-screen cards per step, nearest first', () => {
		const wanted = ['far', 'near', 'mid', 'on'];
		const distance: Record<string, number> = { far: 900, near: 10, mid: 300, on: 0 };
		const first = stepMounts([], wanted, (id) => id === 'on', 1, (id) => distance[id]);
		expect(first.next).toEqual(['on', 'near']);
		expect(first.settled).toBe(false);
		const second = stepMounts(first.next, wanted, (id) => id === 'on', 1, (id) => distance[id]);
		expect(second.next).toEqual(['on', 'near', 'mid']);
		const third = stepMounts(second.next, wanted, (id) => id === 'on', 1, (id) => distance[id]);
		expect(third.next).toEqual(['on', 'near', 'mid', 'far']);
		expect(third.settled).toBe(true);
	});

	it('removes at most `budget` unwanted cards per step and keeps the order of the rest', () => {
		const step = stepMounts(['x1', 'a', 'x2', 'b', 'x3'], ['a', 'b'], never, 2);
		expect(step.next).toEqual(['a', 'b', 'x3']);
		expect(step.settled).toBe(false);
		const last = stepMounts(step.next, ['a', 'b'], never, 2);
		expect(last.next).toEqual(['a', 'b']);
		expect(last.settled).toBe(true);
	});

	it('reaches exactly the wanted set, without duplicates, within the expected number of steps', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }),
				fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }),
				fc.integer({ min: 1, max: 6 }),
				(from, to, budget) => {
					const wanted = to.map(String);
					const urgent = (id: string) => Number(id) % 3 === 0;
					let mounted: readonly string[] = from.map(String);
					const bound = Math.ceil(Math.max(from.length, to.length) / budget) + 1;
					let steps = 0;
					for (;;) {
						const step = stepMounts(mounted, wanted, urgent, budget, (id) => Number(id));
						expect(new Set(step.next).size).toBe(step.next.length);
						// every urgent wanted card is in after the first step
						for (const id of wanted) if (urgent(id)) expect(step.next).toContain(id);
						mounted = step.next;
						steps++;
						if (step.settled) break;
						expect(steps).toBeLessThanOrEqual(bound);
					}
					expect([...mounted].sort()).toEqual([...wanted].sort());
				}
			)
		);
	});
});

describe('stepRedraws', () => {
	const drawn = (list: [string, string][]) => list.map(([id, detail]) => ({ id, detail }));

	it('is settled with nothing to redraw when every card is at the target detail', () => {
		const step = stepRedraws(drawn([['a', 'block'], ['b', 'block']]), 'block', () => true, 4);
		expect([...step.redraw]).toEqual([]);
		expect(step.urgent).toBe(0);
		expect(step.settled).toBe(true);
	});

	it('redraws at most `urgentBudget` urgent cards per step, nearest first, and no other card until they are all redrawn', () => {
		const cards = drawn([['off', 'full'], ...ids('v', 10).map((id): [string, string] => [id, 'full'])]);
		const onScreen = (id: string) => id.startsWith('v');
		const distance = (id: string) => (id === 'off' ? 0 : 100 - Number(id.slice(1)));
		const first = stepRedraws(cards, 'block', onScreen, 4, distance, 4);
		expect([...first.redraw]).toEqual(['v9', 'v8', 'v7', 'v6']);
		expect(first.urgent).toBe(4);
		expect(first.settled).toBe(false);
		// what the canvas does with a step: the redrawn cards are then at the target
		let current = cards.map((c) => (first.redraw.has(c.id) ? { ...c, detail: 'block' } : c));
		let step = first;
		let steps = 1;
		while (!step.settled) {
			step = stepRedraws(current, 'block', onScreen, 4, distance, 4);
			current = current.map((c) => (step.redraw.has(c.id) ? { ...c, detail: 'block' } : c));
			steps++;
		}
		expect(current.every((c) => c.detail === 'block')).toBe(true);
		expect(steps).toBe(3); // 4 + 4 + (2 urgent, then the off-screen one in the same step)
		expect(step.urgent).toBe(2);
	});

	it('redraws at most `budget` cards off screen per step', () => {
		const cards = drawn(ids('o', 10).map((id): [string, string] => [id, 'compact']));
		const step = stepRedraws(cards, 'full', never, 3, (id) => Number(id.slice(1)));
		expect([...step.redraw]).toEqual(['o0', 'o1', 'o2']);
		expect(step.urgent).toBe(0);
		expect(step.settled).toBe(false);
	});

	it('redraws every urgent card at once without an urgent budget', () => {
		const cards = drawn(ids('v', 30).map((id): [string, string] => [id, 'full']));
		const step = stepRedraws(cards, 'block', () => true, 0);
		expect(step.redraw.size).toBe(30);
		expect(step.settled).toBe(true);
	});
});
