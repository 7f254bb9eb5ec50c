/**
 * The camera a board opens with, in one place for the live canvas and for the server-rendered
 * first screen: the three zones (and any card outside them) fill the canvas width, top aligned,
 * at most at 100 %. The first screen is drawn before the app's scripts load, so it is placed by a
 * small inline script made from {@link placeFirstView}; a unit test keeps it equal to `fitView`.
 */
import { CARD_HEIGHT, ZONES, ZONE_HEADER } from '$lib/model/layout.ts';
import { READABLE_ZOOM } from './viewport.ts';
import type { Rect } from './geometry.ts';

/** Screen px kept free at the top of the canvas for the floating toolbar. */
export const FIRST_VIEW_TOP = 72;
/** Screen px of margin left and right of the fitted content. */
export const FIRST_VIEW_PADDING = 32;
/** World px a phone's first view shows across (the first zone), see `fitView`'s `readable`. */
export const FIRST_VIEW_READABLE = ZONES.team.width;

/**
 * The world rectangle the board opens on: every zone's width (widened by cards outside them) and,
 * with `widthOnly`, just the first card row's height; otherwise down to the lowest card.
 */
export function firstViewRect(bounds: Rect | null, widthOnly: boolean): Rect {
	const zones = Object.values(ZONES);
	const left = Math.min(...zones.map((z) => z.x));
	const right = Math.max(...zones.map((z) => z.x + z.width));
	const top = Math.min(...zones.map((z) => z.y));
	const minimum = top + ZONE_HEADER + CARD_HEIGHT + 40;
	const bottom = widthOnly ? minimum : Math.max(minimum, bounds ? bounds.y + bounds.height + 24 : 0);
	const x0 = Math.min(left, bounds?.x ?? left);
	const x1 = Math.max(right, bounds ? bounds.x + bounds.width : right);
	const y0 = Math.min(top, bounds?.y ?? top);
	return { x: x0, y: y0, width: x1 - x0, height: bottom - y0 };
}

/**
 * Places a server-rendered canvas like `fitView(rect, w, h, 32, 1, { top: 72, align: 'top',
 * readable })` would (`readable` and `readableZoom` ride in `rect`): sets the transform of its `[data-world]` child (and makes it visible) and the CSS
 * variable `--zoom`.
 * Self-contained on purpose (no imports, no closures, literal constants): it is shipped as the
 * source of an inline script.
 */
export function placeFirstView(
	canvas: HTMLElement,
	rect: { x: number; y: number; width: number; height: number; readable?: number; readableZoom?: number }
): { x: number; y: number; zoom: number } {
	const width = canvas.clientWidth;
	const height = canvas.clientHeight;
	const availW = Math.max(1, width - 2 * 32);
	const availH = Math.max(1, height - 72 - 32);
	let fitted = Math.min(1, availW / Math.max(1, rect.width), availH / Math.max(1, rect.height));
	if (rect.readable && rect.readableZoom && fitted < rect.readableZoom) fitted = Math.max(fitted, Math.min(1, availW / rect.readable));
	const zoom = Math.min(2.5, Math.max(0.1, Math.max(0, fitted)));
	const x = rect.readable && rect.width * zoom > availW + 0.5 ? 32 - rect.x * zoom : width / 2 - (rect.x + rect.width / 2) * zoom;
	const y = 72 - rect.y * zoom;
	const world = canvas.querySelector('[data-world]') as HTMLElement | null;
	if (world) {
		world.style.transform = 'translate(' + x + 'px, ' + y + 'px) scale(' + zoom + ')';
		world.style.visibility = 'visible';
	}
	canvas.style.setProperty('--zoom', String(zoom));
	return { x: x, y: y, zoom: zoom };
}

/**
 * The body of the inline script that places the server-rendered first screen: always the same
 * text (the rectangle rides in the script element's `data-rect` attribute), so the page's
 * Content-Security-Policy allows exactly this script by its SHA-256 hash and no other inline script.
 */
export const FIRST_VIEW_SCRIPT = `(${placeFirstView.toString()})(document.currentScript.parentElement.parentElement, JSON.parse(document.currentScript.dataset.rect));`;

/**
 * The inline script placed as the first child of the server-rendered `[data-world]` element
 * (inside the canvas): it runs before any card is parsed, so the browser draws the cards of the
 * first chunk of HTML at their final place instead of waiting for the whole first screen. Its body
 * is {@link FIRST_VIEW_SCRIPT}; `rect` (numbers only) goes in its `data-rect` attribute.
 */
export function firstViewScript(rect: Rect): string {
	const data = JSON.stringify({ x: rect.x, y: rect.y, width: rect.width, height: rect.height, readable: FIRST_VIEW_READABLE, readableZoom: READABLE_ZOOM });
	return `<script data-rect='${data}'>${FIRST_VIEW_SCRIPT}</script>`;
}
