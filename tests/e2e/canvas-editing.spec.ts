/** Editing the board the way canvas users expect: selection, clipboard, keyboard and pointer, zones, find. */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { boardPath, createBoard, openBoard, pageErrors, planJson } from './board-helpers.ts';

const META = { title: '深圳新零售', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24 };
/** Two roles side by side at the top of Team: 店长 (r1) and 店员 (r2). */
const STORE_MANAGER = { id: 'r1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: '2027-01', x: 24, y: 72 };
const SHOP_ASSISTANTS = { id: 'r2', kind: 'role', title: '店员', headcount: 4, monthlyCost: 800_000, startMonth: '2027-01', x: 260, y: 72 };

type PlanCard = { id: string; kind: string; title: string; x: number; y: number; goalId?: string; notes?: string };

async function cardsOf(request: Parameters<typeof planJson>[0], server: Parameters<typeof planJson>[1], board: Parameters<typeof planJson>[2]): Promise<PlanCard[]> {
	return ((await planJson(request, server, board)) as { plan: { cards: PlanCard[] } }).plan.cards;
}

/** Centre of a card on screen. */
async function centre(page: Page, id: string): Promise<{ x: number; y: number }> {
	const box = (await page.locator(`[data-card-id="${id}"]`).boundingBox())!;
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('box select, move together, one undo puts both back', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			...META,
			cards: [
				STORE_MANAGER,
				SHOP_ASSISTANTS,
				{ id: 'r3', kind: 'role', title: '区域经理', headcount: 1, monthlyCost: 4_000_000, startMonth: '2027-01', x: 24, y: 372 }
			]
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	const r1 = (await page.locator('[data-card-id="r1"]').boundingBox())!;
	const r2 = (await page.locator('[data-card-id="r2"]').boundingBox())!;
	// drag a box from the empty space above-left of r1 to the middle of r2 (not reaching r3)
	await page.mouse.move(r1.x - 10, r1.y - 12);
	await page.mouse.down();
	await page.mouse.move(r1.x + 40, r1.y + 30, { steps: 3 });
	await expect(page.getByTestId('select-box')).toBeVisible();
	await page.mouse.move(r2.x + 30, r2.y + 40, { steps: 3 });
	await page.mouse.up();
	await expect(page.locator('[data-card-id="r1"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('[data-card-id="r2"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('[data-card-id="r3"]')).toHaveAttribute('aria-pressed', 'false');
	// Shift+click adds r3, Shift+click again removes it
	await page.locator('[data-card-id="r3"]').click({ modifiers: ['Shift'] });
	await expect(page.locator('[data-card-id="r3"]')).toHaveAttribute('aria-pressed', 'true');
	await page.locator('[data-card-id="r3"]').click({ modifiers: ['Shift'] });
	await expect(page.locator('[data-card-id="r3"]')).toHaveAttribute('aria-pressed', 'false');
	await page.screenshot({ path: 'test-results/canvas-selection.png' });

	// drag r1: both selected cards move by the same amount
	const from = await centre(page, 'r1');
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(from.x + 20, from.y + 150, { steps: 6 });
	await page.mouse.move(from.x + 20, from.y + 300, { steps: 6 });
	await page.mouse.up();
	await expect(page.locator('[data-card-id="r1"]'), pageErrors(page).join('\n')).not.toHaveAttribute('data-y', '72');
	const y1 = Number(await page.locator('[data-card-id="r1"]').getAttribute('data-y'));
	const y2 = Number(await page.locator('[data-card-id="r2"]').getAttribute('data-y'));
	expect(y1).toBeGreaterThan(200);
	expect(y2).toBe(y1);
	await expect.poll(async () => (await cardsOf(request, server, board)).find((c) => c.id === 'r2')?.y).toBe(y2);

	// one undo step puts both back
	await page.keyboard.press('ControlOrMeta+z');
	await expect(page.locator('[data-card-id="r1"]')).toHaveAttribute('data-y', '72');
	await expect(page.locator('[data-card-id="r2"]')).toHaveAttribute('data-y', '72');
	await expect(page.locator('[data-card-id="r2"]')).toHaveAttribute('data-x', '260');

	// arrows nudge the selection (Shift = further), one undo each
	await page.keyboard.press('ArrowDown');
	await expect(page.locator('[data-card-id="r1"]')).toHaveAttribute('data-y', '80');
	await page.keyboard.press('Shift+ArrowDown');
	await expect(page.locator('[data-card-id="r2"]')).toHaveAttribute('data-y', '144');
	await page.keyboard.press('ControlOrMeta+z');
	await expect(page.locator('[data-card-id="r2"]')).toHaveAttribute('data-y', '80');

	// Ctrl+A selects all, Delete removes all as one change, one undo brings all back
	await page.keyboard.press('ControlOrMeta+a');
	await expect(page.locator('[aria-pressed="true"][data-card-id]')).toHaveCount(3);
	await page.keyboard.press('Delete');
	await expect(page.locator('[data-card-id]')).toHaveCount(0);
	await page.keyboard.press('ControlOrMeta+z');
	await expect(page.locator('[data-card-id]')).toHaveCount(3);
	expect(pageErrors(page)).toEqual([]);
});

test('a selection dragged against its zone’s edge stops there together instead of piling up', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			...META,
			cards: [STORE_MANAGER, SHOP_ASSISTANTS]
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	await page.keyboard.press('ControlOrMeta+a');
	const from = await centre(page, 'r1');
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(from.x + 100, from.y + 10, { steps: 5 });
	await page.mouse.move(from.x + 200, from.y + 20, { steps: 5 });
	await page.mouse.up();
	// r2 stops at Team's right edge and r1 stays 236 px left of it, as they were
	await expect(page.locator('[data-card-id="r2"]')).toHaveAttribute('data-x', '284');
	await expect(page.locator('[data-card-id="r1"]')).toHaveAttribute('data-x', '48');
	await expect.poll(async () => (await cardsOf(request, server, board)).map((c) => [c.id, c.x])).toEqual([
		['r1', 48],
		['r2', 284]
	]);
	const [y1, y2] = (await cardsOf(request, server, board)).map((c) => c.y);
	expect(y1).toBe(y2);
	// Ctrl+D next to the edge: the copies keep their spacing too
	await page.keyboard.press('ControlOrMeta+d');
	await expect.poll(async () => (await cardsOf(request, server, board)).length).toBe(4);
	const copies = (await cardsOf(request, server, board)).filter((c) => c.id !== 'r1' && c.id !== 'r2');
	expect(copies.map((c) => c.x).sort((a, b) => a - b)).toEqual([48, 284]);
	expect(pageErrors(page)).toEqual([]);
});

test('another person sees my selection in my colour', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { ...META, cards: [{ id: 'g', kind: 'goal', title: '覆盖十个城市' }, { id: 'k', kind: 'risk', title: '租金上涨', likelihood: 3, impact: 4 }] }
	});
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));
	await alice.locator('[data-card-id="g"]').click();
	await alice.locator('[data-card-id="k"]').click({ modifiers: ['ControlOrMeta'] });
	await expect(bob.locator('[data-card-id="g"]')).toHaveClass(/watched/);
	await expect(bob.locator('[data-card-id="k"]')).toHaveClass(/watched/);
	await expect(bob.locator('[data-card-id="k"]')).toHaveAttribute('title', /Selected by/);
	await alice.keyboard.press('Escape');
	await expect(bob.locator('[data-card-id="k"]')).not.toHaveClass(/watched/);
});

test('copy and paste cards between two boards in two tabs keeps notes and goal links; Ctrl+D duplicates', async ({ browser, request, server }) => {
	const source = await createBoard(request, server, {
		plan: {
			...META,
			cards: [
				{ id: 'goal1', kind: 'goal', title: '覆盖十个城市', notes: '先做**深圳**' },
				{ id: 'ms1', kind: 'milestone', title: '第一家店', goalId: 'goal1', order: 1, status: 'doing' },
				{ id: 'sp1', kind: 'spend', title: '装修', category: 'operations', amount: 80_000_000, recurrence: 'once', startMonth: '2027-02' }
			]
		}
	});
	const target = await createBoard(request, server, { plan: { ...META, title: '杭州', cards: [{ id: 'r1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: '2027-01' }] } });
	const context = await browser.newContext();
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	const a = await context.newPage();
	await a.goto(boardPath(server, source));
	await expect(a.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	const b = await context.newPage();
	await b.goto(boardPath(server, target));
	await expect(b.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });

	await a.bringToFront();
	await a.locator('[data-card-id="goal1"]').click();
	await a.locator('[data-card-id="ms1"]').click({ modifiers: ['Shift'] });
	await a.locator('[data-card-id="sp1"]').click({ modifiers: ['Shift'] });
	await expect(a.locator('[data-card-id].selected')).toHaveCount(3);
	await a.keyboard.press('ControlOrMeta+c');
	await expect(a.getByTestId('canvas-hint')).toHaveText('Copied 3 cards');
	// the markdown form is on the clipboard as text for documents
	const text = await a.evaluate(() => navigator.clipboard.readText());
	expect(text).toContain('覆盖十个城市');
	expect(text).toContain('## Spending');

	await b.bringToFront();
	await b.locator('[data-testid="canvas"]').click({ position: { x: 700, y: 500 } });
	await b.keyboard.press('ControlOrMeta+v');
	await expect(b.getByTestId('canvas-hint')).toContainText('Pasted 3 cards');
	await expect(b.locator('[aria-pressed="true"][data-card-id]')).toHaveCount(3);
	await expect.poll(async () => (await cardsOf(request, server, target)).length).toBe(4);
	const cards = await cardsOf(request, server, target);
	const goal = cards.find((c) => c.kind === 'goal')!;
	const step = cards.find((c) => c.kind === 'milestone')!;
	expect(goal.id).not.toBe('goal1');
	expect(goal.notes).toBe('先做**深圳**');
	expect(step.goalId).toBe(goal.id);
	expect(cards.find((c) => c.kind === 'spend')).toMatchObject({ title: '装修', amount: 80_000_000 });

	// Ctrl+D duplicates the pasted selection in place, offset, as one undo step
	await b.keyboard.press('ControlOrMeta+d');
	await expect.poll(async () => (await cardsOf(request, server, target)).length).toBe(7);
	const after = await cardsOf(request, server, target);
	const goals = after.filter((c) => c.kind === 'goal');
	expect(goals).toHaveLength(2);
	const copy = goals.find((c) => c.id !== goal.id)!;
	expect(copy.x - goal.x).toBe(24);
	expect(copy.y - goal.y).toBe(24);
	expect(after.filter((c) => c.kind === 'milestone').find((c) => c.id !== step.id)?.goalId).toBe(copy.id);
	await b.keyboard.press('ControlOrMeta+z');
	await expect.poll(async () => (await cardsOf(request, server, target)).length).toBe(4);
	await context.close();
});

test('Ctrl+X cuts and says so; pasting twice gives two visible copies, not one hidden under the other', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			...META,
			cards: [STORE_MANAGER, SHOP_ASSISTANTS]
		}
	});
	const context = await browser.newContext();
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	const page = await context.newPage();
	await page.goto(boardPath(server, board));
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('ControlOrMeta+x');
	await expect(page.getByTestId('canvas-hint')).toHaveText('Cut 2 cards');
	await expect(page.locator('[data-card-id]')).toHaveCount(0);
	await page.keyboard.press('ControlOrMeta+v');
	await expect.poll(async () => (await cardsOf(request, server, board)).length).toBe(2);
	await page.keyboard.press('ControlOrMeta+v');
	await expect.poll(async () => (await cardsOf(request, server, board)).length).toBe(4);
	const spots = new Set((await cardsOf(request, server, board)).map((c) => `${c.x},${c.y}`));
	expect(spots.size).toBe(4); // no card exactly on top of another
	await context.close();
});

test('two-finger scroll pans, Ctrl+wheel zooms', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: { ...META, cards: [{ id: 'g', kind: 'goal', title: '覆盖十个城市' }] } });
	const page = await openBoard(browser, boardPath(server, board));
	const canvas = page.getByTestId('canvas');
	const zoom = await canvas.getAttribute('data-zoom');
	const before = (await page.locator('[data-card-id="g"]').boundingBox())!;
	await page.mouse.move(700, 500);
	await page.mouse.wheel(0, 120); // scroll down: the board moves up
	await expect.poll(async () => (await page.locator('[data-card-id="g"]').boundingBox())!.y).toBeLessThan(before.y - 60);
	await page.mouse.wheel(80, 0); // sideways
	await expect.poll(async () => (await page.locator('[data-card-id="g"]').boundingBox())!.x).toBeLessThan(before.x - 40);
	await expect(canvas).toHaveAttribute('data-zoom', zoom!);
	await page.keyboard.down('Control');
	await page.mouse.wheel(0, -100); // pinch out / Ctrl+wheel up: zoom in
	await page.keyboard.up('Control');
	await expect.poll(async () => Number(await canvas.getAttribute('data-zoom'))).toBeGreaterThan(Number(zoom));
});

test('keyboard only: Tab and arrows walk every card in reading order, also those not drawn yet; Enter opens', async ({ browser, request, server }) => {
	// 30 roles run far below the first screen; a goal and a spend follow in reading order
	const roles = Array.from({ length: 30 }, (_, i) => ({ id: `r${String(i).padStart(2, '0')}`, kind: 'role', title: `岗位 ${i}`, headcount: 1, monthlyCost: 1_000_000, startMonth: '2027-01' }));
	const board = await createBoard(request, server, {
		plan: { ...META, cards: [...roles, { id: 'goal', kind: 'goal', title: '覆盖十个城市' }, { id: 'spend', kind: 'spend', title: '装修', category: 'operations', amount: 80_000_000, recurrence: 'once', startMonth: '2027-02' }] }
	});
	const page = await openBoard(browser, boardPath(server, board));
	const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-card-id') ?? document.activeElement?.getAttribute('aria-label') ?? '');
	const rendered = Number(await page.getByTestId('canvas').getAttribute('data-rendered-cards'));
	expect(rendered).toBeLessThan(32); // not every card is drawn
	// Tab from the toolbar's last button into the canvas lands on the first card
	await page.getByRole('button', { name: 'Add spend' }).focus();
	await page.keyboard.press('Tab');
	await expect.poll(focused).toBe('r00');
	await expect(page.locator('[data-card-id="r00"]')).toHaveAccessibleName('Role: 岗位 0, 1 person at ¥10,000 a month');
	const seen: string[] = ['r00'];
	for (let i = 0; i < 31; i++) {
		await page.keyboard.press('Tab');
		await expect.poll(focused).not.toBe(seen[seen.length - 1]);
		seen.push(await focused());
	}
	expect(seen).toEqual([...roles.map((r) => r.id), 'goal', 'spend']);
	// the view followed the focus: the last card is on screen
	const spend = (await page.locator('[data-card-id="spend"]').boundingBox())!;
	expect(spend.y).toBeGreaterThan(0);
	expect(spend.y + spend.height).toBeLessThan(900);
	await expect(page.locator('[data-card-id="spend"]')).toHaveAccessibleName('Spend: 装修, ¥800,000 once');
	await page.keyboard.press('Shift+Tab');
	await expect.poll(focused).toBe('goal');
	// arrows: left goes back in reading order, up/down move within the column
	await page.keyboard.press('ArrowLeft');
	await expect.poll(focused).toBe('r29');
	await page.keyboard.press('ArrowUp');
	await expect.poll(focused).toBe('r27');
	await page.keyboard.press('ArrowRight');
	await expect.poll(focused).toBe('r28');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('card-panel')).toBeVisible();
	await expect(page.getByTestId('card-title-input')).toHaveValue('岗位 28');
	await page.screenshot({ path: 'test-results/canvas-keyboard.png' });
});

test('a card dropped outside its zone goes back with a hint; the context menu duplicates and adds a milestone', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { ...META, cards: [STORE_MANAGER, { id: 'g', kind: 'goal', title: '覆盖十个城市', x: 584, y: 72 }] }
	});
	const page = await openBoard(browser, boardPath(server, board));
	const from = await centre(page, 'r1');
	const goal = await centre(page, 'g');
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(goal.x + 120, from.y + 200, { steps: 8 }); // into Strategy
	await page.mouse.up();
	await expect(page.getByTestId('canvas-hint')).toContainText('Role “店长” → Team');
	await page.screenshot({ path: 'test-results/canvas-zone-hint.png' });
	const x = Number(await page.locator('[data-card-id="r1"]').getAttribute('data-x'));
	expect(x).toBeLessThanOrEqual(512 - 220); // back inside Team's column
	await expect.poll(async () => (await cardsOf(request, server, board)).find((c) => c.id === 'r1')?.x).toBe(x);

	// right-click the goal: its menu
	await page.locator('[data-card-id="g"]').click({ button: 'right' });
	const menu = page.getByTestId('card-menu');
	await expect(menu).toBeVisible();
	await expect(menu.getByRole('menuitem')).toHaveText([/Duplicate/, /Copy/, /Bring into view/, /Add milestone/, /Delete/]);
	await page.screenshot({ path: 'test-results/canvas-context-menu.png' });
	await menu.getByRole('menuitem', { name: /Add milestone/ }).click();
	await expect(page.getByTestId('card-title-input')).toBeFocused();
	await page.keyboard.type('第一家店');
	await page.keyboard.press('Escape');
	await expect(page.locator('[data-card-id="g"]')).toContainText('0 of 1 steps done');
	// keyboard: Shift+F10 on the focused goal opens the menu, arrows + Enter pick Duplicate
	await page.locator('[data-card-id="g"]').focus();
	await page.keyboard.press('Shift+F10');
	await expect(menu).toBeVisible();
	await expect(menu.getByRole('menuitem').first()).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(menu).toHaveCount(0);
	await expect(page.locator('[data-kind="goal"]')).toHaveCount(2);
	expect(pageErrors(page)).toEqual([]);
});

test('the canvas hint stays clear of the card panel on a laptop and above the card sheet on a phone', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { ...META, cards: [STORE_MANAGER, { id: 'g', kind: 'goal', title: '覆盖十个城市', x: 576, y: 72 }] }
	});
	const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
		a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
	// a laptop: the role dropped into Strategy goes back, its details open at the right
	const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await laptop.newPage();
	await page.goto(boardPath(server, board));
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	const from = await centre(page, 'r1');
	const goal = await centre(page, 'g');
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(goal.x + 60, from.y + 200, { steps: 8 });
	await page.mouse.up();
	const hint = page.getByTestId('canvas-hint');
	await expect(hint).toContainText('→ Team');
	await expect(page.getByTestId('card-panel')).toBeVisible();
	expect(overlap((await hint.boundingBox())!, (await page.getByTestId('card-panel').boundingBox())!)).toBe(false);
	expect(overlap((await hint.boundingBox())!, (await page.getByTestId('zoom-level').locator('..').boundingBox())!)).toBe(false);
	await laptop.close();
	// a phone: a tapped card's details open as a sheet over the lower part; a copy's hint shows above it
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
	const small = await phone.newPage();
	await small.goto(boardPath(server, board));
	await expect(small.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await small.locator('[data-card-id="r1"]').tap();
	const sheet = small.getByTestId('card-panel');
	await expect(sheet).toBeVisible();
	await small.keyboard.press('ControlOrMeta+c');
	await expect(small.getByTestId('canvas-hint')).toHaveText('Copied 1 card');
	const shown = (await small.getByTestId('canvas-hint').boundingBox())!;
	expect(shown.y + shown.height).toBeLessThanOrEqual((await sheet.boundingBox())!.y);
	await phone.close();
});

test('find: Ctrl+K and the search button find cards by title, note text and amount, and bring the choice into view selected', async ({ browser, request, server }) => {
	const roles = Array.from({ length: 24 }, (_, i) => ({ id: `r${i}`, kind: 'role', title: `岗位 ${i}`, headcount: 1, monthlyCost: 1_000_000, startMonth: '2027-01' }));
	const board = await createBoard(request, server, {
		plan: {
			...META,
			cards: [...roles, { id: 'far', kind: 'role', title: '区域经理', headcount: 2, monthlyCost: 3_500_000, startMonth: '2027-01', notes: '负责华南**十家店**' }]
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	await page.keyboard.press('ControlOrMeta+k');
	const dialog = page.getByTestId('find-dialog');
	await expect(dialog).toBeVisible();
	await expect(page.getByTestId('find-input')).toBeFocused();
	await page.keyboard.type('华南');
	await expect(page.getByTestId('find-result')).toHaveCount(1);
	await expect(page.getByTestId('find-result')).toContainText('区域经理');
	await page.screenshot({ path: 'test-results/canvas-find.png' });
	await page.getByTestId('find-input').fill('7万'); // 2 × 35,000 a month
	await expect(page.getByTestId('find-result')).toHaveCount(1);
	await expect(page.getByTestId('find-result')).toContainText('Amount: ¥70,000');
	// amounts as money fields read them, and the cost over the plan the card shows (¥168万)
	for (const [query, shown] of [['３.５万', '¥35,000'], ['35000/月', '¥35,000'], ['168万', '¥1,680,000']]) {
		await page.getByTestId('find-input').fill(query);
		await expect(page.getByTestId('find-result'), query).toHaveCount(1);
		await expect(page.getByTestId('find-result'), query).toContainText(`Role · Amount: ${shown}`);
	}
	await page.getByTestId('find-input').fill('没有这张卡');
	await expect(dialog).toContainText('No card matches');
	await page.getByTestId('find-input').fill('区域');
	await page.keyboard.press('Enter');
	await expect(dialog).toHaveCount(0);
	const far = page.locator('[data-card-id="far"]');
	await expect(far).toHaveAttribute('aria-pressed', 'true');
	await expect(far).toBeInViewport();
	await expect(page.getByTestId('card-panel')).toBeVisible();
	await page.keyboard.press('Escape');
	await page.getByTestId('find-button').click();
	await expect(dialog).toBeVisible();
});
