import { describe, expect, it, vi } from 'vitest';
import { ViewportState } from './viewport-state.svelte.ts';

describe('ViewportState queued camera changes', () => {
	it('sums queued pans and applies them as one view change on flush', () => {
		const vp = new ViewportState();
		const before = vp.view;
		vp.queuePan(5, -3);
		vp.queuePan(10, 4);
		expect(vp.view).toBe(before); // nothing applied until the frame
		expect(vp.latest).toEqual({ x: 15, y: 1, zoom: 1 });
		vp.flush();
		expect(vp.view).toEqual({ x: 15, y: 1, zoom: 1 });
		vp.flush(); // idempotent
		expect(vp.view).toEqual({ x: 15, y: 1, zoom: 1 });
	});

	it('composes queued zoom with queued pan in order, keeping the anchor point fixed', () => {
		const vp = new ViewportState();
		vp.queuePan(100, 50);
		vp.queueZoomTo(2, 300, 200);
		vp.flush();
		// the world point that was under (300, 200) after the pan is still there
		expect(vp.toWorld(300, 200)).toEqual({ x: 200, y: 150 });
		expect(vp.view.zoom).toBe(2);
	});

	it('applies pending changes before an immediate change', () => {
		const vp = new ViewportState();
		vp.queuePan(20, 0);
		vp.panBy(0, 30);
		expect(vp.view).toEqual({ x: 20, y: 30, zoom: 1 });
	});

	it('applies the queue by itself on the next frame and reports it', () => {
		// no requestAnimationFrame under Node: the frame is a timer, run here by the fake clock
		vi.useFakeTimers();
		try {
			const vp = new ViewportState();
			let frames = 0;
			vp.onFrame = () => frames++;
			vp.queuePan(7, 7);
			vp.queuePan(1, 1);
			expect(vp.view).toEqual({ x: 0, y: 0, zoom: 1 });
			expect(vi.getTimerCount()).toBe(1);
			vi.runAllTimers();
			expect(vp.view).toEqual({ x: 8, y: 8, zoom: 1 });
			expect(frames).toBe(1);
			expect(vi.getTimerCount()).toBe(0);
		} finally {
			vi.useRealTimers();
		}
	});
});
