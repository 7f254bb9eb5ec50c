import { describe, expect, it } from 'vitest';
import { CheckpointPlanCache, defaultCheckpointName, newCheckpointId } from './checkpoints.ts';
import type { PlanWithBudget } from './boards.ts';

const answer = (title: string) => ({ plan: { title } }) as unknown as PlanWithBudget;

describe('checkpoint helpers', () => {
	it('CheckpointPlanCache loads each checkpoint once and drops the least recently used', async () => {
		const cache = new CheckpointPlanCache(2);
		const loads: string[] = [];
		const get = (board: string, cp: string) =>
			cache.get(board, cp, () => {
				loads.push(`${board}/${cp}`);
				return answer(cp);
			});
		expect((await get('b', 'one')).plan.title).toBe('one');
		expect((await get('b', 'one')).plan.title).toBe('one');
		await get('b', 'two');
		await get('b', 'one'); // now the most recent: 'two' goes first
		await get('c', 'one'); // another board, same checkpoint id: its own entry
		await get('b', 'one');
		await get('b', 'two');
		expect(loads).toEqual(['b/one', 'b/two', 'c/one', 'b/two']);
		expect(cache.size).toBe(2);
		await expect(cache.get('b', 'bad', () => { throw new Error('no such checkpoint'); })).rejects.toThrow('no such checkpoint');
		expect(cache.size).toBe(2);
	});

	it('names a checkpoint "Review <UTC date>" and gives it 96 random bits', () => {
		expect(defaultCheckpointName(Date.UTC(2027, 0, 15, 23, 30))).toBe('Review 2027-01-15');
		const ids = new Set(Array.from({ length: 200 }, newCheckpointId));
		expect(ids.size).toBe(200);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
	});
});
