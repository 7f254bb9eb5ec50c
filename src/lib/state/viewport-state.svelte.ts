/** The canvas camera as rune state: pan offset, zoom and the canvas size in screen px. */
import {
	clampZoom,
	fitView,
	panIntoView,
	screenToWorld,
	visibleWorld,
	zoomAround,
	type View
} from '../canvas/viewport.ts';
import type { Rect } from '../canvas/geometry.ts';

/** Camera of one canvas. All maths lives in viewport.ts; this only holds state. */
export class ViewportState {
	/** Current camera. Replaced as a whole (never mutated) so readers see one consistent value. */
	view = $state.raw<View>({ x: 0, y: 0, zoom: 1 });
	/** Canvas element size, screen px. */
	width = $state(0);
	height = $state(0);
	/** Screen px on the right covered by a docked panel; "bring into view" avoids it. */
	insetRight = $state(0);
	/** Screen px at the bottom covered by a bottom sheet (the card panel on phones); avoided likewise. */
	insetBottom = $state(0);
	/** True while the camera moves continuously (drag, wheel): cards may skip expensive detail. */
	moving = $state(false);
	/** True while two fingers pinch the canvas: a card drag the first finger began lets go. */
	pinching = false;

	/** The world rectangle currently on screen. */
	get visible(): Rect {
		return visibleWorld(this.view, this.width, this.height);
	}

	/**
	 * The world rectangle on screen minus floating chrome: `top` screen px (toolbars), `right`
	 * screen px (a docked panel; defaults to the current `insetRight`) and `bottom` screen px (a
	 * bottom sheet; defaults to the current `insetBottom`).
	 */
	usable(top = 64, right = this.insetRight, bottom = this.insetBottom): Rect {
		const { x, y, zoom } = this.view;
		const width = Math.max(1, this.width - right);
		const height = Math.max(1, this.height - top - bottom);
		return { x: -x / zoom, y: (top - y) / zoom, width: width / zoom, height: height / zoom };
	}

	/** Camera changes queued by `queuePan`/`queueZoom`, not yet applied; null when none. */
	#pending: View | null = null;
	/** requestAnimationFrame (or timer) handle of the scheduled flush; 0 when none. */
	#frame = 0;
	/** Called after each frame's queued change is applied (e.g. to mark the camera moving). */
	onFrame: (() => void) | null = null;

	/** The camera including queued changes: what `view` will be after the next frame. */
	get latest(): View {
		return this.#pending ?? this.view;
	}

	/**
	 * Queue a pan by a screen-px delta. Deltas from many pointer events are summed and applied
	 * as one `view` change per animation frame, so a drag costs one reactive update per frame.
	 */
	queuePan(dx: number, dy: number): void {
		const v = this.latest;
		this.#pending = { ...v, x: v.x + dx, y: v.y + dy };
		this.#schedule();
	}

	/** Queue a zoom to `zoom` (clamped) around a screen point; applied with the next frame. */
	queueZoomTo(zoom: number, sx = this.width / 2, sy = this.height / 2): void {
		this.#pending = zoomAround(this.latest, zoom, sx, sy);
		this.#schedule();
	}

	/** Queue a zoom by `factor` around a screen point; applied with the next frame. */
	queueZoom(factor: number, sx = this.width / 2, sy = this.height / 2): void {
		this.queueZoomTo(this.latest.zoom * factor, sx, sy);
	}

	/** Apply queued changes now (gesture end, or before an immediate camera change). */
	flush(): void {
		if (this.#frame) {
			if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.#frame);
			else clearTimeout(this.#frame);
			this.#frame = 0;
		}
		const next = this.#pending;
		if (!next) return;
		this.#pending = null;
		this.view = next;
	}

	#schedule(): void {
		if (this.#frame) return;
		const run = () => {
			this.#frame = 0;
			this.flush();
			this.onFrame?.();
		};
		this.#frame =
			typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : (setTimeout(run, 16) as unknown as number);
	}

	/** Move the camera by a screen-px delta (immediately; queued changes are applied first). */
	panBy(dx: number, dy: number): void {
		this.flush();
		this.view = { ...this.view, x: this.view.x + dx, y: this.view.y + dy };
	}

	/** Zoom by `factor` around a screen point (default: the canvas centre). */
	zoomBy(factor: number, sx = this.width / 2, sy = this.height / 2): void {
		this.flush();
		this.view = zoomAround(this.view, this.view.zoom * factor, sx, sy);
	}

	/** Set an exact zoom around the canvas centre. */
	setZoom(zoom: number): void {
		this.flush();
		this.view = zoomAround(this.view, clampZoom(zoom), this.width / 2, this.height / 2);
	}

	/**
	 * Show `rect` (world px) as large as fits, up to `maxZoom` and at least `minZoom` (content
	 * taller than the screen then starts at the top). `top` keeps room for floating toolbars;
	 * `readable` (world px) is what a phone shows across rather than everything unreadably small.
	 */
	fit(rect: Rect, maxZoom = 1, minZoom = 0, top = 72, align: 'center' | 'top' = 'top', readable?: number): void {
		if (this.width === 0 || this.height === 0) return;
		this.flush();
		this.view = fitView(rect, this.width, this.height, 32, maxZoom, { top, minZoom, align, readable });
	}

	/**
	 * Pan just enough to show `rect` (world px) outside a docked panel or bottom sheet; zooms in
	 * to at least 0.6 so it is readable.
	 */
	reveal(rect: Rect): void {
		if (this.width === 0 || this.height === 0) return;
		this.flush();
		const base = this.view.zoom < 0.6 ? zoomAround(this.view, 0.6, this.width / 2, this.height / 2) : this.view;
		this.view = panIntoView(base, rect, Math.max(200, this.width - this.insetRight), Math.max(200, this.height - this.insetBottom), 72);
	}

	/** World point under a screen point. */
	toWorld(sx: number, sy: number): { x: number; y: number } {
		return screenToWorld(this.view, sx, sy);
	}
}
