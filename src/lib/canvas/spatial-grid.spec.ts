import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { SpatialGrid } from './spatial-grid.ts';
import { intersects, type Rect } from './geometry.ts';

const rect = fc.record({
	x: fc.integer({ min: -5000, max: 5000 }),
	y: fc.integer({ min: -5000, max: 5000 }),
	width: fc.integer({ min: 0, max: 3000 }),
	height: fc.integer({ min: 0, max: 3000 })
});

describe('SpatialGrid', () => {
	test('query equals a brute-force scan after any inserts, moves and deletes', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), rect, fc.boolean()), { maxLength: 80 }),
				rect,
				(ops, area) => {
					const grid = new SpatialGrid(256);
					const truth = new Map<string, Rect>();
					for (const [n, r, remove] of ops) {
						const id = `c${n}`;
						if (remove) {
							grid.delete(id);
							truth.delete(id);
						} else {
							grid.set(id, r);
							truth.set(id, r);
						}
					}
					const expected = [...truth].filter(([, r]) => intersects(r, area)).map(([id]) => id).sort();
					expect(grid.query(area)).toEqual(expected);
					expect(grid.size).toBe(truth.size);
				}
			),
			{ numRuns: 150 }
		);
	});

	test('a view over one corner of a big board touches only nearby cards', () => {
		const grid = new SpatialGrid();
		for (let i = 0; i < 1000; i++) grid.set(`c${i}`, { x: (i % 10) * 240, y: Math.floor(i / 10) * 150, width: 220, height: 132 });
		const found = grid.query({ x: 0, y: 0, width: 1000, height: 600 });
		expect(found.length).toBeGreaterThan(10);
		expect(found.length).toBeLessThan(60);
		expect(found).toContain('c0');
		expect(found).not.toContain('c999');
	});
});
