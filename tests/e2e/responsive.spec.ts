/**
 * Phones, tablets and small laptops: the main flows at 390×844 (touch, isMobile), 768×1024
 * (touch) and 1024×768 (mouse) — open a board, add a card (from the Add menu where the toolbar
 * collapses), edit it in the details panel (a bottom sheet on the phone), pan and pinch (touch) or
 * wheel, Ctrl+wheel and box-select (mouse), open the budget details and the spend chart, a dialog,
 * the home page and present mode. Asserts geometry rather than pixels: nothing sticks out of the
 * viewport or is cut off by a clipping box, the top bar's items never overlap. Screenshots of each
 * step go to the test's output folder (and to screenshots/responsive/ with SCREENSHOTS=1).
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, CDPSession, Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, type CreatedBoard } from './board-helpers.ts';

interface Size {
	name: string;
	width: number;
	height: number;
	touch: boolean;
}
const SIZES: Size[] = [
	{ name: 'phone', width: 390, height: 844, touch: true },
	{ name: 'tablet', width: 768, height: 1024, touch: true },
	{ name: 'laptop', width: 1024, height: 768, touch: false }
];

const shotsDir = fileURLToPath(new URL('../../screenshots/responsive/', import.meta.url));

const START = '2027-01';
const PLAN = {
	title: '上海咖啡店试点 — 第一家门店开业计划（2027 年第一季度）',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: START,
	horizonMonths: 24,
	cards: [
		{ id: 'lead', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: START },
		{ id: 'barista', kind: 'role', title: '咖啡师', headcount: 4, monthlyCost: 900_000, startMonth: '2027-03' },
		{ id: 'goal', kind: 'goal', title: '第一年开出三家店' },
		{ id: 'm1', kind: 'milestone', title: '签下第一家店的租约', goalId: 'goal', order: 1, status: 'doing', dueMonth: '2027-02' },
		{ id: 'risk', kind: 'risk', title: '客流低于预期', likelihood: 3, impact: 4 },
		{ id: 'rent', kind: 'spend', title: '门店租金', category: 'operations', amount: 4_500_000, recurrence: 'monthly', startMonth: START },
		{ id: 'fit', kind: 'spend', title: '装修', category: 'product', amount: 30_000_000, recurrence: 'once', startMonth: '2027-02' }
	]
};

async function newContext(browser: import('@playwright/test').Browser, size: Size): Promise<BrowserContext> {
	return browser.newContext({
		viewport: { width: size.width, height: size.height },
		hasTouch: size.touch,
		isMobile: size.touch,
		deviceScaleFactor: 1
	});
}

async function shot(page: Page, info: TestInfo, size: Size, step: string): Promise<void> {
	const name = `${size.name}-${step}.png`;
	await page.screenshot({ path: info.outputPath(name) });
	if (process.env.SCREENSHOTS) {
		mkdirSync(shotsDir, { recursive: true });
		await page.screenshot({ path: `${shotsDir}${name}` });
	}
}

/**
 * Every visible element (outside the canvas's world) that sticks out of the viewport, or out of an
 * ancestor that clips it sideways (a toolbar or bar that would hide its end). Vertical scrollers
 * (a menu, the card panel, a dialog body) may hold more than they show: only the viewport counts
 * there. Returns a description of each offender, so a failure says what and where.
 */
async function outOfBounds(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const W = window.innerWidth;
		const H = window.innerHeight;
		const problems: string[] = [];
		const root = document.documentElement;
		if (root.scrollWidth > W + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} px wide)`);
		const pageScrolls = root.scrollHeight > H + 1; // a long page (home) may run below the fold
		const describe = (el: Element, r: DOMRect) =>
			`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}" at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`;
		for (const el of document.body.querySelectorAll('*')) {
			if (el.closest('[data-testid=canvas], [data-testid=board-preview], svg')) continue;
			const r = el.getBoundingClientRect();
			if (r.width <= 1 || r.height <= 1) continue; // not drawn, or visually hidden for screen readers
			const style = getComputedStyle(el);
			if (style.visibility === 'hidden' || style.display === 'contents') continue;
			let scrolledY = pageScrolls;
			let clipped = false;
			let hidden = false; // inside a box cut to nothing for screen readers only
			for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
				const s = getComputedStyle(a);
				if (s.clip !== 'auto' || s.clipPath !== 'none') hidden = true;
				if (a === el) continue;
				if (s.overflowY === 'auto' || s.overflowY === 'scroll') scrolledY = true;
				if (s.overflowX !== 'visible') {
					const c = a.getBoundingClientRect();
					if (r.left < c.left - 1 || r.right > c.right + 1) clipped = true;
				}
			}
			if (hidden) continue;
			const outside = r.left < -1 || r.right > W + 1 || (!scrolledY && (r.top < -1 || r.bottom > H + 1));
			if (outside || clipped) problems.push(`${outside ? 'outside the viewport' : 'cut off'}: ${describe(el, r)}`);
		}
		return problems;
	});
}

/**
 * Pairs of top-bar items (home, title, badge, status, presence, buttons) — and of the present
 * page's toolbar — whose boxes overlap.
 */
async function topBarOverlaps(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const items = [...document.querySelectorAll('header.topbar .left > *, header.topbar .right > *, nav[aria-label=Presentation] :is(button, .title, .position)')]
			.map((el) => ({ el, r: el.getBoundingClientRect() }))
			.filter(({ r }) => r.width > 1 && r.height > 1);
		const out: string[] = [];
		for (let i = 0; i < items.length; i++) {
			for (let j = i + 1; j < items.length; j++) {
				const a = items[i]!.r;
				const b = items[j]!.r;
				const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
				const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
				if (w > 0.5 && h > 0.5) out.push(`${items[i]!.el.className} overlaps ${items[j]!.el.className}`);
			}
		}
		return out;
	});
}

async function expectTidy(page: Page, where: string): Promise<void> {
	expect(await outOfBounds(page), `out of bounds (${where})`).toEqual([]);
	expect(await topBarOverlaps(page), `top bar overlaps (${where})`).toEqual([]);
}

/** Box of a locator (it must be drawn). */
async function box(locator: Locator) {
	const b = await locator.boundingBox();
	expect(b).not.toBeNull();
	return b!;
}

/** One- or two-finger gestures through Chromium's touch input (real touch, pointer and touch events). */
class Fingers {
	constructor(private readonly cdp: CDPSession) {}
	static async on(page: Page): Promise<Fingers> {
		return new Fingers(await page.context().newCDPSession(page));
	}
	/** Fingers from `from` to `to` (one point per finger) in `steps` moves, then lift. */
	async drag(from: { x: number; y: number }[], to: { x: number; y: number }[], steps = 8): Promise<void> {
		const at = (t: number) => from.map((p, i) => ({ id: i, x: p.x + (to[i]!.x - p.x) * t, y: p.y + (to[i]!.y - p.y) * t }));
		// fingers come down one after the other, as people's do
		for (let n = 1; n <= from.length; n++) await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0).slice(0, n) });
		for (let s = 1; s <= steps; s++) await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(s / steps) });
		await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	}
}

const zoomOf = async (page: Page) => Number(await page.getByTestId('canvas').getAttribute('data-zoom'));
/** A card's world position as the server has it. */
async function cardPosition(page: Page, server: { url: string }, board: CreatedBoard, id: string): Promise<{ x: number; y: number }> {
	const plan = (await (await page.request.get(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)).json()) as { plan: { cards: { id: string; x?: number; y?: number }[] } };
	const card = plan.plan.cards.find((c) => c.id === id)!;
	return { x: card.x ?? 0, y: card.y ?? 0 };
}

for (const size of SIZES) {
	test.describe(`${size.name} ${size.width}×${size.height}`, () => {
		test('board: add, edit, pan and zoom, budget details, chart and a dialog fit the screen', async ({ browser, request, server }, info) => {
			test.setTimeout(150_000); // a dozen steps, each with a geometry sweep and a screenshot, on a shared machine
			const board = await createBoard(request, server, { plan: PLAN });
			const context = await newContext(browser, size);
			const page = await context.newPage();
			const tap = (l: Locator) => (size.touch ? l.tap() : l.click());
			await page.goto(boardPath(server, board));
			await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
			await expect(page.locator('[data-card-id="lead"]')).toBeVisible();
			await shot(page, info, size, '1-board');
			await expectTidy(page, 'board');

			// the title gives way (ellipsis) but keeps room to be read; every action stays on screen
			const title = page.getByTestId('board-title');
			const titleBox = await box(title);
			expect(titleBox.width).toBeGreaterThan(size.width < 600 ? 90 : 200);
			expect(await title.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
			expect(await title.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true); // a long title
			for (const name of ['Find a card', 'Share', 'More']) await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
			// the first view is readable: on the phone the first zone fills the width (not 20 %)
			expect(await zoomOf(page)).toBeGreaterThanOrEqual(size.width < 600 ? 0.6 : 0.4);

			// the budget bar: budget, remaining and runway always show
			for (const id of ['budget-total', 'budget-remaining', 'budget-runway']) {
				const stat = page.getByTestId(id).locator('xpath=..');
				await expect(stat).toBeInViewport({ ratio: 1 });
			}
			await expect(page.getByTestId('budget-runway')).toHaveText('Lasts the horizon');
			const runway = page.getByTestId('budget-runway');
			expect(await runway.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true); // not cut short

			// add a card: from the Add menu where the toolbar has collapsed, else the toolbar
			const addMenu = page.getByTestId('add-menu-button');
			if (size.width < 1000) {
				await expect(page.getByRole('toolbar', { name: 'Add cards' })).toBeHidden();
				await tap(addMenu);
				const menu = page.getByTestId('add-menu');
				await expect(menu.getByRole('menuitem')).toHaveCount(6);
				await shot(page, info, size, '2-add-menu');
				await expectTidy(page, 'add menu');
				await tap(menu.getByRole('menuitem', { name: 'Add risk' }));
				await expect(menu).toBeHidden();
			} else {
				await expect(addMenu).toBeHidden();
				await page.getByRole('toolbar', { name: 'Add cards' }).getByRole('button', { name: 'Add risk' }).click();
			}
			const panel = page.getByTestId('card-panel');
			await expect(panel).toBeVisible();
			const newId = (await panel.getAttribute('data-panel-card-id'))!;
			const titleInput = page.getByTestId('card-title-input');
			await expect(titleInput).toBeFocused();
			await titleInput.fill('供应商交货延迟 4.5 周');
			const newCard = page.locator(`[data-card-id="${newId}"]`);
			await expect(newCard).toContainText('供应商交货延迟 4.5 周');
			await tap(panel.getByRole('group', { name: /^Impact/ }).getByText('5', { exact: true }));
			await expect(newCard).toContainText('Impact 5');
			await shot(page, info, size, '3-panel');
			await expectTidy(page, 'card panel');
			const panelBox = await box(panel);
			const cardBox = await box(newCard);
			const barBox = await box(page.getByTestId('budget-bar'));
			if (size.width < 600) {
				// a bottom sheet across the screen, above the budget bar, under the new card
				expect(panelBox.x).toBeLessThanOrEqual(1);
				expect(panelBox.width).toBeGreaterThanOrEqual(size.width - 2);
				expect(Math.abs(panelBox.y + panelBox.height - barBox.y)).toBeLessThanOrEqual(2);
				expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(panelBox.y + 1);
			} else {
				// a panel at the right; the new card stays visible left of it
				expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(size.width);
				expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(panelBox.x + 1);
			}
			expect(cardBox.y).toBeGreaterThanOrEqual((await box(page.locator('header.topbar'))).height);
			// with the panel open at 1024 px the toolbar has no room: it becomes the Add menu
			if (size.width >= 1000) await expect(addMenu).toBeVisible();
			await tap(panel.getByRole('button', { name: 'Close details' }));
			await expect(panel).toBeHidden();
			if (size.width >= 1000) await expect(addMenu).toBeHidden();

			// pan and zoom
			const canvas = page.getByTestId('canvas');
			const canvasBox = await box(canvas);
			// a card on screen next to the new one (in the Strategy zone the view moved to)
			const lead = page.locator('[data-card-id="risk"]');
			await expect(lead).toBeInViewport({ ratio: 1 });
			const zoom0 = await zoomOf(page);
			if (size.touch) {
				const fingers = await Fingers.on(page);
				// one finger on the background pans
				const empty = { x: canvasBox.x + canvasBox.width / 2, y: canvasBox.y + canvasBox.height - 240 };
				const before = await box(lead);
				await fingers.drag([empty], [{ x: empty.x, y: empty.y + 90 }]);
				await expect.poll(async () => Math.round((await box(lead)).y - before.y)).toBeGreaterThan(60);
				expect(await zoomOf(page)).toBe(zoom0);
				// one finger on a card that is not selected pans too (the card stays where it is)
				const leadAt = await cardPosition(page, server, board, 'risk');
				const b1 = await box(lead);
				const on = { x: Math.max(10, b1.x) + 30, y: b1.y + 30 };
				await fingers.drag([on], [{ x: on.x, y: on.y + 80 }]);
				await expect.poll(async () => Math.round((await box(lead)).y - b1.y)).toBeGreaterThan(60);
				await expect(page.getByTestId('card-panel')).toBeHidden();
				// a tap on a card selects it (the panel opens)
				await lead.tap();
				await expect(page.getByTestId('card-panel')).toHaveAttribute('data-panel-card-id', 'risk');
				await tap(page.getByTestId('card-panel').getByRole('button', { name: 'Close details' }));
				await expect(page.getByTestId('card-panel')).toBeHidden();
				// two fingers spreading zoom in around them, also when the first lands on a card
				const b2 = await box(lead);
				const c = { x: Math.max(10, b2.x) + 20, y: b2.y + 20 };
				await fingers.drag([c, { x: c.x + 60, y: c.y + 60 }], [{ x: c.x - 40, y: c.y - 40 }, { x: c.x + 130, y: c.y + 130 }]);
				await expect.poll(() => zoomOf(page)).toBeGreaterThan(zoom0 * 1.4);
				expect(await cardPosition(page, server, board, 'risk')).toEqual(leadAt);
				await expect(page.getByTestId('sync-status')).toHaveText('Saved');
				// pinching in again
				const zoom1 = await zoomOf(page);
				const mid = { x: canvasBox.x + canvasBox.width / 2, y: canvasBox.y + canvasBox.height / 2 };
				await fingers.drag([{ x: mid.x - 100, y: mid.y - 100 }, { x: mid.x + 100, y: mid.y + 100 }], [{ x: mid.x - 40, y: mid.y - 40 }, { x: mid.x + 40, y: mid.y + 40 }]);
				await expect.poll(() => zoomOf(page)).toBeLessThan(zoom1 * 0.7);
			} else {
				// the wheel pans, Ctrl+wheel zooms, a background drag draws a selection box
				const before = await box(lead);
				await page.mouse.move(canvasBox.x + canvasBox.width / 2, canvasBox.y + canvasBox.height / 2);
				await page.mouse.wheel(0, 120);
				await expect.poll(async () => Math.round((await box(lead)).y - before.y)).toBeLessThan(-60);
				expect(await zoomOf(page)).toBe(zoom0);
				await page.keyboard.down('Control');
				await page.mouse.wheel(0, -200);
				await page.keyboard.up('Control');
				await expect.poll(() => zoomOf(page)).toBeGreaterThan(zoom0);
				await page.getByRole('button', { name: 'Fit' }).click();
				const l = await box(lead);
				await page.mouse.move(l.x - 12, l.y - 12);
				await page.mouse.down();
				await page.mouse.move(l.x + 40, l.y + 40, { steps: 5 });
				await expect(page.getByTestId('select-box')).toBeVisible();
				await page.mouse.up();
				await expect(lead).toHaveAttribute('aria-pressed', 'true');
				await page.keyboard.press('Escape');
			}
			await expect(page.getByTestId('card-panel')).toBeHidden();

			// budget details
			const toggle = page.getByTestId('budget-toggle');
			if (size.width < 1000) {
				await expect(page.getByTestId('budget-allocated')).toBeHidden();
				// a tap anywhere on the bar opens it
				await tap(page.getByTestId('budget-bar').getByText('Remaining'));
				await expect(toggle).toHaveAttribute('aria-expanded', 'true');
			} else {
				await expect(toggle).toBeHidden();
			}
			for (const id of ['budget-total', 'budget-allocated', 'budget-remaining', 'budget-average-burn', 'budget-peak-burn', 'budget-runway', 'budget-team']) {
				await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
			}
			await expect(page.getByTestId('budget-total')).toHaveText('¥10,000,000');
			await expect(page.getByTestId('budget-bar').getByText('Horizon', { exact: true })).toBeInViewport({ ratio: 1 });
			const chartButton = page.getByRole('button', { name: 'Monthly spend' });
			await expect(chartButton).toBeInViewport({ ratio: 1 });
			await shot(page, info, size, '4-budget');
			await expectTidy(page, 'budget details');
			if (size.width < 1000) {
				await tap(toggle);
				await expect(toggle).toHaveAttribute('aria-expanded', 'false');
				await expect(page.getByTestId('budget-allocated')).toBeHidden();
				await tap(toggle);
			}

			// the spend chart: fits, its axis text at a readable size
			await tap(chartButton);
			const chart = page.getByTestId('chart-dialog');
			await expect(chart).toBeVisible();
			await expect(chart.getByTestId('spend-chart')).toBeVisible();
			const axis = chart.locator('text.axis').first();
			expect((await box(axis)).height).toBeGreaterThanOrEqual(10);
			await shot(page, info, size, '5-chart');
			await expectTidy(page, 'chart');
			await tap(chart.getByRole('button', { name: 'Close' }));
			await expect(chart).toBeHidden();

			// a dialog from the top bar
			await tap(page.getByRole('button', { name: 'Share', exact: true }));
			const share = page.getByRole('dialog');
			await expect(share).toBeVisible();
			await shot(page, info, size, '6-share');
			await expectTidy(page, 'share dialog');
			await page.keyboard.press('Escape');
			await expect(share).toBeHidden();

			// the ⋯ menu: on the phone it holds Present, Undo, Redo and Board settings
			await tap(page.getByRole('button', { name: 'More' }));
			const menu = page.getByRole('menu', { name: 'Board menu' });
			await expect(menu).toBeVisible();
			if (size.width < 600) {
				for (const name of ['Undo', 'Board settings', 'Present']) await expect(menu.getByRole('menuitem', { name })).toBeVisible();
				await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden();
			} else {
				await expect(menu.getByRole('menuitem', { name: 'Undo' })).toBeHidden();
			}
			await shot(page, info, size, '7-menu');
			await expectTidy(page, 'board menu');
			if (size.width < 600) {
				// undo from the menu takes the new card's title back
				await tap(menu.getByRole('menuitem', { name: 'Undo' }));
				await expect(newCard).not.toContainText('供应商交货延迟 4.5 周');
			} else {
				await page.keyboard.press('Escape');
			}
			await context.close();
		});

		test('home page and present mode fit the screen', async ({ browser, request, server }, info) => {
			const board = await createBoard(request, server, { plan: PLAN });
			const context = await newContext(browser, size);
			const page = await context.newPage();
			await page.goto(server.url);
			await expect(page.getByLabel('Plan title')).toBeVisible();
			// the budget amount shows whole, not cut off in its field
			const budget = page.locator('#new-budget');
			await expect(budget).toHaveValue('10,000,000');
			expect(await budget.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
			await shot(page, info, size, '8-home');
			await expectTidy(page, 'home');
			await page.goto(`${server.url}/b/${board.id}/present?token=${board.editToken}`);
			const slide = page.getByTestId('present').getByTestId('slide');
			await expect(slide).toBeVisible({ timeout: 15_000 });
			// slide text is readable: a phone held upright reflows the slide rather than shrink it
			const body = await slide.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
			expect(body, 'slide font size (px)').toBeGreaterThanOrEqual(12);
			await shot(page, info, size, '9-present');
			await expectTidy(page, 'present');
			await page.keyboard.press('ArrowRight');
			await page.keyboard.press('ArrowRight');
			await shot(page, info, size, '9-present-3');
			await expectTidy(page, 'present, third slide');
			await context.close();
		});
	});
}

/** WCAG 2 A/AA violations (axe-core), as readable lines. */
async function violations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test('phone: the collapsed and opened layouts, and a view link, pass an axe WCAG 2 A/AA audit', async ({ browser, request, server }) => {
	test.setTimeout(180_000);
	const size = SIZES[0]!;
	const board = await createBoard(request, server, { plan: PLAN });
	const context = await newContext(browser, size);
	const page = await context.newPage();
	await page.goto(boardPath(server, board));
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	expect.soft(await violations(page), 'board').toEqual([]);
	await page.getByTestId('add-menu-button').tap();
	await expect(page.getByTestId('add-menu')).toBeVisible();
	expect.soft(await violations(page), 'add menu').toEqual([]);
	await page.getByRole('menuitem', { name: 'Add goal' }).tap();
	await expect(page.getByTestId('card-panel')).toBeVisible();
	expect.soft(await violations(page), 'card sheet').toEqual([]);
	await page.getByRole('button', { name: 'Close details' }).tap();
	await page.getByTestId('budget-toggle').tap();
	await expect(page.getByTestId('budget-allocated')).toBeVisible();
	expect.soft(await violations(page), 'budget details').toEqual([]);
	await page.getByRole('button', { name: 'More' }).tap();
	await expect(page.getByRole('menu', { name: 'Board menu' })).toBeVisible();
	expect.soft(await violations(page), 'board menu').toEqual([]);

	// a view link on the phone: the badge is its eye, the title keeps its room, nothing overlaps
	await page.goto(boardPath(server, board, 'view'));
	await expect(page.getByTestId('sync-status')).toHaveText('View only', { timeout: 15_000 });
	await expect(page.getByTestId('view-only-badge')).toBeVisible();
	expect((await box(page.getByTestId('board-title'))).width).toBeGreaterThan(90);
	await expectTidy(page, 'view link');
	expect.soft(await violations(page), 'view link').toEqual([]);
	await context.close();
});
