/** Plain rectangle maths shared by the canvas, culling and "bring into view". Pure. */

/** An axis-aligned rectangle; `width`/`height` ≥ 0. Units depend on use (world or screen px). */
export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** True when the two rectangles overlap (touching edges do not count). */
export function intersects(a: Rect, b: Rect): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** True when `inner` lies completely inside `outer`. */
export function contains(outer: Rect, inner: Rect): boolean {
	return (
		inner.x >= outer.x &&
		inner.y >= outer.y &&
		inner.x + inner.width <= outer.x + outer.width &&
		inner.y + inner.height <= outer.y + outer.height
	);
}

/** `rect` grown by `margin` on every side. */
export function inflate(rect: Rect, margin: number): Rect {
	return { x: rect.x - margin, y: rect.y - margin, width: rect.width + 2 * margin, height: rect.height + 2 * margin };
}

/** Smallest rectangle containing all of `rects`, or null when there are none. */
export function union(rects: Iterable<Rect>): Rect | null {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const r of rects) {
		minX = Math.min(minX, r.x);
		minY = Math.min(minY, r.y);
		maxX = Math.max(maxX, r.x + r.width);
		maxY = Math.max(maxY, r.y + r.height);
	}
	return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
