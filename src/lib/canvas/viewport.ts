/**
 * Pan/zoom maths of the canvas. A view maps world coordinates (card x/y, px at zoom 1) to screen
 * coordinates inside the canvas element: screen = world × zoom + offset. Pure.
 */
import type { Rect } from './geometry.ts';

/** Camera: `x`/`y` are the screen position (px) of the world origin; `zoom` is the scale. */
export interface View {
	x: number;
	y: number;
	zoom: number;
}

/** Smallest zoom (whole 1,000-card boards fit) and largest (reading detail). */
export const MIN_ZOOM = 0.1;
/** Largest zoom. */
export const MAX_ZOOM = 2.5;

/** Clamp a zoom factor to [MIN_ZOOM, MAX_ZOOM]. */
export function clampZoom(zoom: number): number {
	return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** World point under a screen point. */
export function screenToWorld(view: View, sx: number, sy: number): { x: number; y: number } {
	return { x: (sx - view.x) / view.zoom, y: (sy - view.y) / view.zoom };
}

/** Screen point of a world point. */
export function worldToScreen(view: View, wx: number, wy: number): { x: number; y: number } {
	return { x: wx * view.zoom + view.x, y: wy * view.zoom + view.y };
}

/** Zoom to `zoom` (clamped) keeping the world point under screen point (sx, sy) fixed. */
export function zoomAround(view: View, zoom: number, sx: number, sy: number): View {
	const next = clampZoom(zoom);
	const world = screenToWorld(view, sx, sy);
	return { zoom: next, x: sx - world.x * next, y: sy - world.y * next };
}

/** The world rectangle visible in a canvas of `width` × `height` screen px. */
export function visibleWorld(view: View, width: number, height: number): Rect {
	return { x: -view.x / view.zoom, y: -view.y / view.zoom, width: width / view.zoom, height: height / view.zoom };
}

/** Below this zoom a fit with `readable` set shows that many world px across instead (see fitView). */
export const READABLE_ZOOM = 0.35;

/**
 * A view that shows `target` (world rect) in a `width` × `height` canvas with `padding` screen px
 * around it (`top` px above), at a zoom in [`minZoom`, `maxZoom`], centred horizontally; vertically centred, or aligned to the
 * top when `align` is 'top' or the target is taller than the screen. With `readable` (world px),
 * a fit that would zoom out below READABLE_ZOOM (a phone) shows that width across instead,
 * from the target's left edge.
 */
export function fitView(
	target: Rect,
	width: number,
	height: number,
	padding = 48,
	maxZoom = 1,
	options: { top?: number; minZoom?: number; align?: 'center' | 'top'; readable?: number } = {}
): View {
	const top = options.top ?? padding;
	const availW = Math.max(1, width - 2 * padding);
	const availH = Math.max(1, height - top - padding);
	let fitted = Math.min(maxZoom, availW / Math.max(1, target.width), availH / Math.max(1, target.height));
	// a phone: rather than everything too small to read, the first `readable` world px across
	if (options.readable && fitted < READABLE_ZOOM) fitted = Math.max(fitted, Math.min(maxZoom, availW / options.readable));
	const zoom = clampZoom(Math.max(options.minZoom ?? 0, fitted));
	// shown `readable` px across, the content starts at its left edge; otherwise it is centred
	const x = options.readable && target.width * zoom > availW + 0.5 ? padding - target.x * zoom : width / 2 - (target.x + target.width / 2) * zoom;
	// content taller than the screen starts at the top; shorter content is centred in the space left
	const y =
		options.align === 'top' || target.height * zoom > availH
			? top - target.y * zoom
			: top + availH / 2 - (target.y + target.height / 2) * zoom;
	return { zoom, x, y };
}

/**
 * The smallest pan that brings `target` (world rect) fully into view with `padding` screen px,
 * keeping the zoom; if it cannot fit at this zoom, it is centred instead. Unchanged when visible.
 */
export function panIntoView(view: View, target: Rect, width: number, height: number, padding = 48): View {
	const left = target.x * view.zoom + view.x;
	const top = target.y * view.zoom + view.y;
	const w = target.width * view.zoom;
	const h = target.height * view.zoom;
	let dx = 0;
	let dy = 0;
	const slack = 0.25; // tolerate rounding so a rect just brought into view counts as visible
	if (w + 2 * padding > width) dx = width / 2 - (left + w / 2);
	else if (left < padding - slack) dx = padding - left;
	else if (left + w > width - padding + slack) dx = width - padding - (left + w);
	if (h + 2 * padding > height) dy = height / 2 - (top + h / 2);
	else if (top < padding - slack) dy = padding - top;
	else if (top + h > height - padding + slack) dy = height - padding - (top + h);
	// sub-pixel corrections are rounding noise: leave the view alone
	if (Math.abs(dx) < 0.5) dx = 0;
	if (Math.abs(dy) < 0.5) dy = 0;
	return dx === 0 && dy === 0 ? view : { ...view, x: view.x + dx, y: view.y + dy };
}

/** Zoom factor for one wheel event (`deltaY` in px; negative zooms in). Smooth and bounded. */
export function wheelZoomFactor(deltaY: number): number {
	const clamped = Math.max(-100, Math.min(100, deltaY));
	return Math.exp(-clamped * 0.0025);
}
