/**
 * Where a new card goes: the first free cell of its zone's grid (model layout) that is fully on
 * screen, so the card appears where the user is looking; failing that, the zone's first free cell
 * from the top. Pure apart from the `occupied` callback.
 */
import { CARD_GAP, CARD_HEIGHT, CARD_WIDTH, GRID_COLUMNS, ZONES, slotPosition, type Zone } from '$lib/model/core.ts';
import { contains, intersects, type Rect } from './geometry.ts';

/**
 * First free grid cell of `zone` fully inside `visible` (rows top-down, then columns); otherwise
 * the first free cell from the top of the zone. `occupied(rect)` says whether a card overlaps it.
 */
export function findFreeSlot(
	zone: Zone,
	visible: Rect,
	occupied: (area: Rect) => boolean,
	maxRows = 10_000
): { x: number; y: number } {
	const pitchY = CARD_HEIGHT + CARD_GAP;
	const top = slotPosition(zone, 0, 0).y;
	const cell = (col: number, row: number): Rect => ({ ...slotPosition(zone, col, row), width: CARD_WIDTH, height: CARD_HEIGHT });
	const z = ZONES[zone];
	const column: Rect = { x: z.x, y: z.y, width: z.width, height: Number.MAX_SAFE_INTEGER / 4 };
	if (intersects(column, visible)) {
		const firstRow = Math.max(0, Math.floor((visible.y - top) / pitchY));
		const lastRow = Math.min(maxRows, Math.ceil((visible.y + visible.height - top) / pitchY));
		for (let row = firstRow; row <= lastRow; row++) {
			for (let col = 0; col < GRID_COLUMNS; col++) {
				const rect = cell(col, row);
				if (contains(visible, rect) && !occupied(rect)) return { x: rect.x, y: rect.y };
			}
		}
	}
	for (let row = 0; row < maxRows; row++) {
		for (let col = 0; col < GRID_COLUMNS; col++) {
			const rect = cell(col, row);
			if (!occupied(rect)) return { x: rect.x, y: rect.y };
		}
	}
	return slotPosition(zone, 0, maxRows);
}
