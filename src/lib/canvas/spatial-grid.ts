/**
 * A uniform-grid spatial index of card rectangles, so the canvas can ask "which cards are in this
 * rectangle?" in time proportional to the area asked about, and a card move costs O(1) buckets.
 */
import { intersects, type Rect } from './geometry.ts';

/** Bucket edge length in world px; a few cards wide so typical views touch few buckets. */
export const GRID_CELL = 512;

/** Spatial index of named rectangles. */
export class SpatialGrid {
	#cell: number;
	#rects = new Map<string, Rect>();
	#buckets = new Map<string, Set<string>>();

	constructor(cell = GRID_CELL) {
		this.#cell = cell;
	}

	/** Number of rectangles indexed. */
	get size(): number {
		return this.#rects.size;
	}

	#keys(rect: Rect): string[] {
		const c = this.#cell;
		const x0 = Math.floor(rect.x / c);
		const y0 = Math.floor(rect.y / c);
		const x1 = Math.floor((rect.x + Math.max(rect.width, 0)) / c);
		const y1 = Math.floor((rect.y + Math.max(rect.height, 0)) / c);
		const keys: string[] = [];
		for (let gx = x0; gx <= x1; gx++) for (let gy = y0; gy <= y1; gy++) keys.push(`${gx}:${gy}`);
		return keys;
	}

	/** Insert or move `id` to `rect`. */
	set(id: string, rect: Rect): void {
		const old = this.#rects.get(id);
		if (old && old.x === rect.x && old.y === rect.y && old.width === rect.width && old.height === rect.height) return;
		if (old) this.delete(id);
		this.#rects.set(id, { ...rect });
		for (const key of this.#keys(rect)) {
			let bucket = this.#buckets.get(key);
			if (!bucket) this.#buckets.set(key, (bucket = new Set()));
			bucket.add(id);
		}
	}

	/** Remove `id` (no-op when absent). */
	delete(id: string): void {
		const old = this.#rects.get(id);
		if (!old) return;
		this.#rects.delete(id);
		for (const key of this.#keys(old)) {
			const bucket = this.#buckets.get(key);
			bucket?.delete(id);
			if (bucket && bucket.size === 0) this.#buckets.delete(key);
		}
	}

	/** The indexed rectangle of `id`. */
	get(id: string): Rect | undefined {
		return this.#rects.get(id);
	}

	/**
	 * Ids whose rectangles intersect `area`, sorted (stable render order). Cost is proportional to
	 * the buckets covered plus the ids found; a huge area falls back to scanning every rectangle.
	 */
	query(area: Rect): string[] {
		const found = new Set<string>();
		const c = this.#cell;
		const bucketCount = (Math.floor((area.x + area.width) / c) - Math.floor(area.x / c) + 1) *
			(Math.floor((area.y + area.height) / c) - Math.floor(area.y / c) + 1);
		if (bucketCount > this.#buckets.size) {
			for (const [id, rect] of this.#rects) if (intersects(rect, area)) found.add(id);
		} else {
			for (const key of this.#keys(area)) {
				const bucket = this.#buckets.get(key);
				if (!bucket) continue;
				for (const id of bucket) {
					if (!found.has(id) && intersects(this.#rects.get(id)!, area)) found.add(id);
				}
			}
		}
		return [...found].sort();
	}

	/** Every indexed rectangle (for "fit to content"). */
	rects(): IterableIterator<Rect> {
		return this.#rects.values();
	}
}
