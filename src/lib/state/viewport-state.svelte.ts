/** The canvas camera as rune state: pan offset, zoom and the canvas size in screen px. */
import {
	clampZoom,
	fitView,
	panIntoView,
	screenToWorld,
	visibleWorld,
	zoomAround,
	type View
} from './viewport.ts';
import type { Rect } from './geometry.ts';

/** Camera of one canvas. All maths lives in viewport.ts; this only holds state. */
export class ViewportState {
	/** Current camera. Replaced as a whole so readers see one consistent value. */
	view = $state<View>({ x: 0, y: 0, zoom: 1 });
	/** Canvas element size, screen px. */
	width = $state(0);
	height = $state(0);
	/** Screen px on the right covered by a docked panel; "bring into view" avoids it. */
	insetRight = $state(0);
	/** True while the camera moves continuously (drag, wheel): cards may skip expensive detail. */
	moving = $state(false);

	/** The world rectangle currently on screen. */
	get visible(): Rect {
		return visibleWorld(this.view, this.width, this.height);
	}

	/**
	 * The world rectangle on screen minus floating chrome: `top` screen px (toolbars) and
	 * `right` screen px (a docked panel; defaults to the current `insetRight`).
	 */
	usable(top = 64, right = this.insetRight): Rect {
		const { x, y, zoom } = this.view;
		const width = Math.max(1, this.width - right);
		const height = Math.max(1, this.height - top);
		return { x: -x / zoom, y: (top - y) / zoom, width: width / zoom, height: height / zoom };
	}

	/** Move the camera by a screen-px delta. */
	panBy(dx: number, dy: number): void {
		this.view = { ...this.view, x: this.view.x + dx, y: this.view.y + dy };
	}

	/** Zoom by `factor` around a screen point (default: the canvas centre). */
	zoomBy(factor: number, sx = this.width / 2, sy = this.height / 2): void {
		this.view = zoomAround(this.view, this.view.zoom * factor, sx, sy);
	}

	/** Set an exact zoom around the canvas centre. */
	setZoom(zoom: number): void {
		this.view = zoomAround(this.view, clampZoom(zoom), this.width / 2, this.height / 2);
	}

	/**
	 * Show `rect` (world px) as large as fits, up to `maxZoom` and at least `minZoom` (content
	 * taller than the screen then starts at the top). `top` keeps room for floating toolbars.
	 */
	fit(rect: Rect, maxZoom = 1, minZoom = 0, top = 72, align: 'center' | 'top' = 'top'): void {
		if (this.width === 0 || this.height === 0) return;
		this.view = fitView(rect, this.width, this.height, 32, maxZoom, { top, minZoom, align });
	}

	/** Pan just enough to show `rect` (world px); zooms in to at least 0.6 so it is readable. */
	reveal(rect: Rect): void {
		if (this.width === 0 || this.height === 0) return;
		const base = this.view.zoom < 0.6 ? zoomAround(this.view, 0.6, this.width / 2, this.height / 2) : this.view;
		this.view = panIntoView(base, rect, Math.max(200, this.width - this.insetRight), this.height, 72);
	}

	/** World point under a screen point. */
	toWorld(sx: number, sy: number): { x: number; y: number } {
		return screenToWorld(this.view, sx, sy);
	}
}
