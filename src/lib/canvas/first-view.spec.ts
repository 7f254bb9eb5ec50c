import { describe, expect, it } from 'vitest';
import { FIRST_VIEW_READABLE, FIRST_VIEW_SCRIPT, firstViewRect, firstViewScript, placeFirstView } from './first-view.ts';
import { READABLE_ZOOM, fitView } from './viewport.ts';

/** A stand-in for the server-rendered canvas: its size, and the world child the script moves. */
function fakeCanvas(width: number, height: number) {
	const world = { style: { transform: '', visibility: 'hidden' } };
	const vars = new Map<string, string>();
	const canvas = {
		clientWidth: width,
		clientHeight: height,
		querySelector: (selector: string) => (selector === '[data-world]' ? world : null),
		style: { setProperty: (name: string, value: string) => vars.set(name, value) }
	};
	return { canvas, world, vars };
}

describe('first view', () => {
	const rects = [firstViewRect(null, true), firstViewRect({ x: -400, y: 72, width: 3000, height: 9000 }, true), firstViewRect({ x: 24, y: 72, width: 700, height: 300 }, false)];
	const sizes: [number, number][] = [[1400, 844], [390, 700], [2560, 1300], [800, 120], [40, 40]];

	it('places the server-rendered canvas exactly where the live board fits it', () => {
		for (const rect of rects) {
			for (const [w, h] of sizes) {
				const { canvas, world, vars } = fakeCanvas(w, h);
				const placed = placeFirstView(canvas as unknown as HTMLElement, rect);
				const live = fitView(rect, w, h, 32, 1, { top: 72, minZoom: 0, align: 'top' });
				expect(placed.zoom).toBeCloseTo(live.zoom, 12);
				expect(placed.x).toBeCloseTo(live.x, 9);
				expect(placed.y).toBeCloseTo(live.y, 9);
				expect(world.style.transform).toBe(`translate(${placed.x}px, ${placed.y}px) scale(${placed.zoom})`);
				expect(vars.get('--zoom')).toBe(String(placed.zoom));
				expect(world.style.visibility).toBe('visible');
			}
		}
	});

	it('on a phone shows the first zone across, placed as the live board does', () => {
		for (const rect of rects) {
			for (const [w, h] of sizes) {
				const { canvas } = fakeCanvas(w, h);
				const placed = placeFirstView(canvas as unknown as HTMLElement, { ...rect, readable: FIRST_VIEW_READABLE, readableZoom: READABLE_ZOOM });
				const live = fitView(rect, w, h, 32, 1, { top: 72, minZoom: 0, align: 'top', readable: FIRST_VIEW_READABLE });
				expect(placed.zoom).toBeCloseTo(live.zoom, 12);
				expect(placed.x).toBeCloseTo(live.x, 9);
				expect(placed.y).toBeCloseTo(live.y, 9);
			}
		}
		// 390 px wide: the Team zone fills the width (readable cards), starting at its left edge
		const phone = fitView(firstViewRect(null, true), 390, 700, 32, 1, { top: 72, align: 'top', readable: FIRST_VIEW_READABLE });
		expect(phone.zoom).toBeCloseTo((390 - 64) / FIRST_VIEW_READABLE, 9);
		expect(phone.x).toBeCloseTo(32, 9);
		// a laptop keeps all three zones in view
		const laptop = fitView(firstViewRect(null, true), 1400, 844, 32, 1, { top: 72, align: 'top', readable: FIRST_VIEW_READABLE });
		expect(laptop).toEqual(fitView(firstViewRect(null, true), 1400, 844, 32, 1, { top: 72, align: 'top' }));
	});

	it('ships as a self-contained inline script that does the same', () => {
		const rect = rects[1]!;
		const html = firstViewScript(rect);
		const parts = /^<script data-rect='([^'<>&]*)'>(.*)<\/script>$/s.exec(html);
		expect(parts).not.toBeNull();
		const [, data, body] = parts!;
		// one constant body for every board: the CSP allows it by its hash
		expect(body).toBe(FIRST_VIEW_SCRIPT);
		expect(firstViewScript(rects[0]!)).toContain(`>${FIRST_VIEW_SCRIPT}<`);
		expect(body).not.toContain('</');
		const { canvas, world } = fakeCanvas(1400, 844);
		new Function('document', body)({ currentScript: { dataset: { rect: data }, parentElement: { parentElement: canvas } } });
		const live = fitView(rect, 1400, 844, 32, 1, { top: 72, minZoom: 0, align: 'top', readable: FIRST_VIEW_READABLE });
		expect(world.style.transform).toBe(`translate(${live.x}px, ${live.y}px) scale(${live.zoom})`);
	});

	it('fits the zones by width on first open, the content too when asked', () => {
		const empty = firstViewRect(null, true);
		expect(empty.x).toBe(0);
		expect(empty.width).toBeGreaterThan(1500);
		const tall = firstViewRect({ x: 24, y: 72, width: 700, height: 5000 }, false);
		expect(tall.height).toBeGreaterThan(5000);
		expect(firstViewRect({ x: 24, y: 72, width: 700, height: 5000 }, true).height).toBe(empty.height);
	});
});
