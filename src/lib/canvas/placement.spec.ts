import { describe, expect, test } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, ZONES, slotPosition } from '$lib/model';
import { findFreeSlot } from './placement.ts';
import { SpatialGrid } from './spatial-grid.ts';
import { contains, type Rect } from './geometry.ts';

const rectAt = (p: { x: number; y: number }): Rect => ({ ...p, width: CARD_WIDTH, height: CARD_HEIGHT });

describe('findFreeSlot', () => {
	test('prefers a free cell of the zone that is fully on screen', () => {
		const grid = new SpatialGrid();
		grid.set('a', rectAt(slotPosition('team', 0, 3)));
		const visible = { x: 0, y: slotPosition('team', 0, 3).y - 10, width: 800, height: 600 };
		const spot = findFreeSlot('team', visible, (area) => grid.query(area).length > 0);
		expect(contains(visible, rectAt(spot))).toBe(true);
		expect(spot).toEqual(slotPosition('team', 1, 3));
	});

	test('falls back to the zone’s first free cell when the zone is off screen', () => {
		const grid = new SpatialGrid();
		grid.set('a', rectAt(slotPosition('spending', 0, 0)));
		const visible = { x: ZONES.team.x, y: 0, width: 400, height: 400 };
		expect(findFreeSlot('spending', visible, (area) => grid.query(area).length > 0)).toEqual(slotPosition('spending', 1, 0));
	});
});
