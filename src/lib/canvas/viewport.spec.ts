import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { clampZoom, fitView, MAX_ZOOM, MIN_ZOOM, panIntoView, screenToWorld, visibleWorld, wheelZoomFactor, worldToScreen, zoomAround } from './viewport.ts';
import { contains } from './geometry.ts';

const view = fc.record({
	x: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
	y: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
	zoom: fc.double({ min: MIN_ZOOM, max: MAX_ZOOM, noNaN: true })
});
const close = (a: number, b: number) => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('viewport maths', () => {
	test('screen ↔ world are inverse', () => {
		fc.assert(
			fc.property(view, fc.double({ min: -2000, max: 2000, noNaN: true }), fc.double({ min: -2000, max: 2000, noNaN: true }), (v, sx, sy) => {
				const w = screenToWorld(v, sx, sy);
				const s = worldToScreen(v, w.x, w.y);
				expect(close(s.x, sx) && close(s.y, sy)).toBe(true);
			})
		);
	});

	test('zooming keeps the world point under the pointer fixed and stays in bounds', () => {
		fc.assert(
			fc.property(view, fc.double({ min: 0.01, max: 10, noNaN: true }), fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 0, max: 900 }), (v, factor, sx, sy) => {
				const before = screenToWorld(v, sx, sy);
				const next = zoomAround(v, v.zoom * factor, sx, sy);
				const after = screenToWorld(next, sx, sy);
				expect(next.zoom).toBeGreaterThanOrEqual(MIN_ZOOM);
				expect(next.zoom).toBeLessThanOrEqual(MAX_ZOOM);
				expect(close(before.x, after.x) && close(before.y, after.y)).toBe(true);
			})
		);
	});

	test('fit shows the whole target when it fits at the zoom limits', () => {
		const target = { x: 0, y: 0, width: 3024, height: 1200 };
		const v = fitView(target, 1400, 800, 32, 1);
		expect(contains(visibleWorld(v, 1400, 800), target)).toBe(true);
		expect(v.zoom).toBeCloseTo((1400 - 64) / 3024, 5);
		// small content is not blown up past maxZoom
		expect(fitView({ x: 0, y: 0, width: 100, height: 100 }, 1400, 800, 32, 1).zoom).toBe(1);
		// top alignment puts the target's top at `top`
		const top = fitView(target, 1400, 800, 32, 1, { top: 72, align: 'top' });
		expect(worldToScreen(top, 0, 0).y).toBeCloseTo(72, 6);
	});

	test('bringing a rect into view moves as little as needed and leaves visible rects alone', () => {
		fc.assert(
			fc.property(view, fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -5000, max: 5000 }), (v, x, y) => {
				const rect = { x, y, width: 220, height: 132 };
				const next = panIntoView(v, rect, 1400, 900, 48);
				expect(next.zoom).toBe(v.zoom);
				const small = rect.width * v.zoom + 96 <= 1400 && rect.height * v.zoom + 96 <= 900;
				if (small) expect(contains(visibleWorld(next, 1400, 900), rect)).toBe(true);
				expect(panIntoView(next, rect, 1400, 900, 48)).toBe(next);
			})
		);
	});

	test('wheel zoom factors are bounded and symmetric', () => {
		expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1, 10);
		expect(wheelZoomFactor(-100000)).toBe(wheelZoomFactor(-100));
		expect(wheelZoomFactor(-50)).toBeGreaterThan(1);
		expect(clampZoom(100)).toBe(MAX_ZOOM);
		expect(clampZoom(0)).toBe(MIN_ZOOM);
	});
});
