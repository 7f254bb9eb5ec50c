import { describe, expect, it } from 'vitest';
import {
	CARD_GAP, CARD_HEIGHT, CARD_WIDTH, GRID_COLUMNS, LayoutGrid, nextFreePosition, placeGroupInZones, slotPosition, ZONE_HEADER, ZONE_ORDER, ZONES
} from './layout.ts';

describe('layout', () => {
	it(`places zones side by side with a header band, grid of ${GRID_COLUMNS} columns each`, () => {
		for (const [i, zone] of ZONE_ORDER.entries()) {
			const z = ZONES[zone];
			if (i > 0) {
				const prev = ZONES[ZONE_ORDER[i - 1]];
				expect(z.x).toBeGreaterThan(prev.x + prev.width);
			}
			const first = slotPosition(zone, 0, 0);
			const last = slotPosition(zone, GRID_COLUMNS - 1, 0);
			expect(first.y).toBe(z.y + ZONE_HEADER);
			expect(first.x).toBeGreaterThan(z.x);
			expect(last.x + CARD_WIDTH).toBeLessThan(z.x + z.width);
		}
	});

	it('fills reading order and skips cells covered by off-grid cards', () => {
		expect(GRID_COLUMNS).toBeGreaterThanOrEqual(2);
		const cell = (k: number) => slotPosition('team', k % GRID_COLUMNS, Math.floor(k / GRID_COLUMNS));
		const a = slotPosition('team', 0, 0);
		// an off-grid card straddling the last two cells of row 0 blocks both of them
		const straddler = { x: slotPosition('team', GRID_COLUMNS - 2, 0).x + CARD_WIDTH / 2, y: a.y + 5 };
		const covered = new Set([0, GRID_COLUMNS - 2, GRID_COLUMNS - 1]);
		const free: number[] = [];
		for (let k = 0; free.length < 2; k++) if (!covered.has(k)) free.push(k);
		const grid = new LayoutGrid([a, straddler]);
		expect(grid.next('team')).toEqual(cell(free[0]));
		expect(grid.next('team')).toEqual(cell(free[1]));
		expect(grid.next('spending')).toEqual(slotPosition('spending', 0, 0));
		expect(nextFreePosition([a], 'team')).toEqual(slotPosition('team', 1, 0));
		expect(nextFreePosition([straddler], 'team')).toEqual(cell(GRID_COLUMNS > 2 ? 0 : GRID_COLUMNS));
		// the row is full after GRID_COLUMNS on-grid cards: the next card wraps to column 0 of row 1
		const row0 = Array.from({ length: GRID_COLUMNS }, (_, c) => slotPosition('team', c, 0));
		expect(nextFreePosition(row0, 'team')).toEqual(slotPosition('team', 0, 1));
		// a card just touching the gap below a cell does not block the next row
		const below = { x: a.x, y: a.y + CARD_HEIGHT + CARD_GAP };
		expect(nextFreePosition([below], 'team')).toEqual(a);
	});

	it('places thousands of cards in linear time without overlap', () => {
		const grid = new LayoutGrid();
		const seen = new Set<string>();
		for (let i = 0; i < 5000; i++) {
			const p = grid.next('strategy');
			seen.add(`${p.x},${p.y}`);
		}
		expect(seen.size).toBe(5000);
	});
});

describe('placeGroupInZones', () => {
	const team = ZONES.team;
	const right = team.x + team.width - CARD_WIDTH;
	it('shifts a group pushed past its zone edge as one, so its cards never pile up', () => {
		// two roles side by side, dragged 200 px right: the right one hits the edge, the left one stops with it
		const placed = placeGroupInZones([
			{ id: 'a', zone: 'team', x: 24 + 200, y: 72 },
			{ id: 'b', zone: 'team', x: 260 + 200, y: 72 }
		]);
		expect(placed.map((p) => [p.id, p.x, p.y])).toEqual([
			['a', right - 236, 72],
			['b', right, 72]
		]);
		expect(placed.map((p) => p.strayed)).toEqual([false, true]); // b's centre was past the edge
		// a group pasted above the header band keeps its rows apart
		const rows = placeGroupInZones([
			{ id: 'top', zone: 'strategy', x: ZONES.strategy.x + 24, y: 30 },
			{ id: 'below', zone: 'strategy', x: ZONES.strategy.x + 24, y: 30 + 148 }
		]);
		expect(rows.map((p) => p.y)).toEqual([ZONE_HEADER, ZONE_HEADER + 148]);
	});
	it('shifts each zone on its own, says which cards strayed, and leaves a group that fits alone', () => {
		const placed = placeGroupInZones([
			{ id: 'role', zone: 'team', x: ZONES.spending.x + 40, y: 300 },
			{ id: 'spend', zone: 'spending', x: ZONES.spending.x + 24, y: 300 },
			{ id: 'goal', zone: 'strategy', x: ZONES.strategy.x + 40, y: 400 }
		]);
		expect(placed[0]).toMatchObject({ x: right, y: 300, strayed: true, moved: true });
		expect(placed[1]).toMatchObject({ x: ZONES.spending.x + 24, y: 300, strayed: false, moved: false });
		expect(placed[2]).toMatchObject({ x: ZONES.strategy.x + 40, y: 400, strayed: false, moved: false });
	});
	it('falls back to card by card for cards spread wider than the zone', () => {
		const placed = placeGroupInZones([
			{ id: 'a', zone: 'team', x: -500, y: 100 },
			{ id: 'b', zone: 'team', x: 900, y: 100 }
		]);
		expect(placed.map((p) => p.x)).toEqual([team.x, right]);
	});
});
