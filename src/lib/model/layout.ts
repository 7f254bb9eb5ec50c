/**
 * Fixed board geometry shared by the UI and the model: three zone columns side by side (team,
 * strategy, spending), each with a header band and a grid of {@link GRID_COLUMNS} card columns
 * growing downwards without limit. Coordinates are canvas px; a card's x/y is its top-left corner.
 */
import type { Zone } from './types.ts';

/** Card width (px). */
export const CARD_WIDTH = 220;
/** Card height (px); cards do not grow, longer content scrolls or is clipped by the UI. */
export const CARD_HEIGHT = 132;
/** Space between grid cells (px). */
export const CARD_GAP = 16;
/** Card columns per zone. */
export const GRID_COLUMNS = 2;
/** Padding inside a zone left/right of the grid (px). */
export const ZONE_PADDING = 24;
/** Height of a zone's header band above its first card row (px). */
export const ZONE_HEADER = 72;
/** Horizontal space between zones (px). */
export const ZONE_GAP = 48;
/** Zones left to right. */
export const ZONE_ORDER: readonly Zone[] = ['team', 'strategy', 'spending'];

const ZONE_WIDTH = 2 * ZONE_PADDING + GRID_COLUMNS * CARD_WIDTH + (GRID_COLUMNS - 1) * CARD_GAP;
const PITCH_X = CARD_WIDTH + CARD_GAP;
const PITCH_Y = CARD_HEIGHT + CARD_GAP;

/** Zone columns: left edge x, top y, width (px; height unbounded) and display label. */
export const ZONES: Record<Zone, { x: number; y: number; width: number; label: string }> = {
	team: { x: 0, y: 0, width: ZONE_WIDTH, label: 'Team' },
	strategy: { x: ZONE_WIDTH + ZONE_GAP, y: 0, width: ZONE_WIDTH, label: 'Strategy' },
	spending: { x: 2 * (ZONE_WIDTH + ZONE_GAP), y: 0, width: ZONE_WIDTH, label: 'Spending' }
};

/** Top-left corner of grid cell (`column`, `row`) of a zone. */
export function slotPosition(zone: Zone, column: number, row: number): { x: number; y: number } {
	const z = ZONES[zone];
	return { x: z.x + ZONE_PADDING + column * PITCH_X, y: z.y + ZONE_HEADER + row * PITCH_Y };
}

/**
 * Grid occupancy of the board, for placing many cards quickly: O(1) per occupied card, amortised
 * O(1) per placement (placing never frees cells, so each zone keeps a forward cursor).
 */
export class LayoutGrid {
	private readonly occupied = new Map<Zone, Set<number>>(ZONE_ORDER.map((z) => [z, new Set<number>()]));
	private readonly cursor = new Map<Zone, number>(ZONE_ORDER.map((z) => [z, 0]));

	/** Start from existing card positions (top-left corners). */
	constructor(positions: Iterable<{ x: number; y: number }> = []) {
		for (const p of positions) this.occupy(p.x, p.y);
	}

	/** Mark every grid cell a card at (x, y) overlaps as taken. */
	occupy(x: number, y: number): void {
		if (!Number.isFinite(x) || !Number.isFinite(y)) return;
		for (const zone of ZONE_ORDER) {
			const lx = x - (ZONES[zone].x + ZONE_PADDING);
			const ly = y - (ZONES[zone].y + ZONE_HEADER);
			const c0 = Math.max(0, Math.floor((lx - CARD_WIDTH) / PITCH_X) + 1);
			const c1 = Math.min(GRID_COLUMNS - 1, Math.ceil((lx + CARD_WIDTH) / PITCH_X) - 1);
			const r0 = Math.max(0, Math.floor((ly - CARD_HEIGHT) / PITCH_Y) + 1);
			const r1 = Math.ceil((ly + CARD_HEIGHT) / PITCH_Y) - 1;
			const cells = this.occupied.get(zone)!;
			for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells.add(r * GRID_COLUMNS + c);
		}
	}

	/** Take the first free cell of `zone` in reading order and return its top-left corner. */
	next(zone: Zone): { x: number; y: number } {
		const cells = this.occupied.get(zone)!;
		let k = this.cursor.get(zone)!;
		while (cells.has(k)) k++;
		this.cursor.set(zone, k + 1);
		const pos = slotPosition(zone, k % GRID_COLUMNS, Math.floor(k / GRID_COLUMNS));
		this.occupy(pos.x, pos.y);
		return pos;
	}
}

/**
 * The first free grid cell of `zone` (reading order) given the cards of a doc or a list of card
 * positions. For many placements at once use a {@link LayoutGrid}.
 */
export function nextFreePosition(positions: Iterable<{ x: number; y: number }>, zone: Zone): { x: number; y: number } {
	return new LayoutGrid(positions).next(zone);
}

/** Where a card dropped at (x, y) belongs, by {@link placeInZone}. */
export interface ZonePlacement {
	/** Top-left corner inside the zone column, below its header (whole px). */
	x: number;
	y: number;
	/** True when the card's centre was outside its zone column (it visibly goes back). */
	strayed: boolean;
	/** True when (x, y) had to change at all. */
	moved: boolean;
}

/**
 * The nearest position to (x, y) (a card's top-left corner, canvas px) that keeps the whole card
 * inside `zone`'s column and below its header band, so zone counts and totals describe what
 * people see. `strayed` tells a drop outside the zone (worth a hint) from a nudge past its edge.
 */
export function placeInZone(zone: Zone, x: number, y: number): ZonePlacement {
	const z = ZONES[zone];
	const nx = Math.round(Math.min(Math.max(x, z.x), z.x + z.width - CARD_WIDTH));
	const ny = Math.round(Math.max(y, z.y + ZONE_HEADER));
	const centre = x + CARD_WIDTH / 2;
	return { x: nx, y: ny, strayed: centre < z.x || centre > z.x + z.width, moved: nx !== x || ny !== y };
}

/** One card of a group moved together: its zone and the top-left corner it was dropped at. */
export interface GroupMove {
	id: string;
	zone: Zone;
	x: number;
	y: number;
}

/**
 * Where cards moved together (a drag, a nudge, a duplicate or a paste of several) land: the
 * cards of each zone keep their layout and are shifted as one — the least that puts every one
 * inside the zone column and below its header — so a group pushed against a zone's edge stops
 * there instead of piling up on top of itself. A zone's cards spread wider than the column (not
 * made by this app) fall back to {@link placeInZone} card by card. `strayed` and `moved` are
 * per card, as placeInZone gives them; the result is in the order of `moves`.
 */
export function placeGroupInZones(moves: readonly GroupMove[]): (GroupMove & { strayed: boolean; moved: boolean })[] {
	const shift = new Map<Zone, { dx: number; dy: number } | null>();
	for (const zone of new Set(moves.map((m) => m.zone))) {
		const group = moves.filter((m) => m.zone === zone);
		const z = ZONES[zone];
		const minX = Math.min(...group.map((m) => m.x));
		const maxX = Math.max(...group.map((m) => m.x));
		const minY = Math.min(...group.map((m) => m.y));
		const lo = z.x;
		const hi = z.x + z.width - CARD_WIDTH;
		if (maxX - minX > hi - lo) {
			shift.set(zone, null);
			continue;
		}
		const dx = minX < lo ? lo - minX : maxX > hi ? hi - maxX : 0;
		const dy = minY < z.y + ZONE_HEADER ? z.y + ZONE_HEADER - minY : 0;
		shift.set(zone, { dx, dy });
	}
	return moves.map((m) => {
		const single = placeInZone(m.zone, m.x, m.y);
		const s = shift.get(m.zone);
		if (!s) return { ...m, x: single.x, y: single.y, strayed: single.strayed, moved: single.moved };
		const x = Math.round(m.x + s.dx);
		const y = Math.round(m.y + s.dy);
		return { ...m, x, y, strayed: single.strayed, moved: x !== m.x || y !== m.y };
	});
}
