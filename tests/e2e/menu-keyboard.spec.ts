/**
 * The menus' shared keyboard behaviour (menu-keys.ts): focus goes to the first item a person can
 * reach, ↓/↑ wrap, Home/End, Escape closes and gives focus back, Tab closes, a press outside
 * closes — for the board menu, the Add menu and a card's menu.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, pageErrors } from './board-helpers.ts';

const plan = {
	title: '华东区新店计划',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	cards: [
		{ id: 'g1', kind: 'goal', title: '开出第一家店' },
		{ id: 'r1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 4_500_000, startMonth: '2027-01' }
	]
};

async function open(browser: Browser, url: string, phone: boolean): Promise<Page> {
	const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } : { viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	(page as Page & { errors?: string[] }).errors = errors;
	await page.goto(url);
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	return page;
}

test('board menu: first item focused, arrows wrap, Home/End, Escape gives focus back to its button', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const page = await open(browser, boardPath(server, board), false);
	const more = page.getByRole('button', { name: 'More' });
	await more.click();
	const menu = page.getByRole('menu', { name: 'Board menu' });
	await expect(menu).toBeVisible();
	await expect(more).toHaveAttribute('aria-expanded', 'true');
	const fit = menu.getByRole('menuitem', { name: 'Fit the whole plan' });
	const remove = menu.getByRole('menuitem', { name: 'Delete board…' });
	await expect(fit).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await expect(remove).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(fit).toBeFocused();
	await page.keyboard.press('End');
	await expect(remove).toBeFocused();
	await page.keyboard.press('Home');
	await expect(fit).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(menu).toHaveCount(0);
	await expect(more).toBeFocused();
	await expect(more).toHaveAttribute('aria-expanded', 'false');
	// a press elsewhere closes it too
	await more.click();
	await expect(menu).toBeVisible();
	await page.mouse.click(640, 500);
	await expect(menu).toHaveCount(0);
	expect(pageErrors(page)).toEqual([]);
});

test('board menu on a phone: focus skips the disabled Undo and Redo to the first item that works', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const page = await open(browser, boardPath(server, board), true);
	await page.getByRole('button', { name: 'More' }).click();
	const menu = page.getByRole('menu', { name: 'Board menu' });
	await expect(menu.getByRole('menuitem', { name: 'Undo' })).toBeDisabled();
	await expect(menu.getByRole('menuitem', { name: 'Board settings' })).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(menu.getByRole('menuitem', { name: 'Present' })).toBeFocused();
	// the arrow keys stay in the menu: the board behind did not move its focus to a card
	expect(await page.evaluate(() => document.activeElement?.closest('[data-card-id]') ?? null)).toBeNull();
	await page.keyboard.press('Escape');
	await expect(menu).toHaveCount(0);
	expect(pageErrors(page)).toEqual([]);
});

test('Add menu: arrows and End, Escape back to the Add button, Tab closes it, a choice adds the card', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const page = await open(browser, boardPath(server, board), true);
	const add = page.getByTestId('add-menu-button');
	const menu = page.getByTestId('add-menu');
	await add.click();
	await expect(menu.getByRole('group')).toHaveCount(3);
	await expect(menu.getByRole('menuitem', { name: 'Add role' })).toBeFocused();
	await page.keyboard.press('End');
	await expect(menu.getByRole('menuitem', { name: 'Add spend' })).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(menu.getByRole('menuitem', { name: 'Add role' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(menu).toHaveCount(0);
	await expect(add).toBeFocused();
	await add.click();
	await expect(menu.getByRole('menuitem', { name: 'Add role' })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(menu).toHaveCount(0);
	await add.click();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	await expect(menu).toHaveCount(0);
	await expect(page.locator('[data-kind="goal"]')).toHaveCount(2);
	await expect(page.getByTestId('card-title-input')).toBeFocused();
	expect(pageErrors(page)).toEqual([]);
});

test("a card's menu: Escape and Tab close it and give focus back to the card", async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const page = await open(browser, boardPath(server, board), false);
	const card = page.locator('[data-card-id="g1"]');
	const menu = page.getByTestId('card-menu');
	await card.focus();
	await page.keyboard.press('Shift+F10');
	await expect(menu.getByRole('menuitem').first()).toBeFocused();
	await page.keyboard.press('End');
	await expect(menu.getByRole('menuitem', { name: /Delete/ })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(menu).toHaveCount(0);
	await expect(card).toBeFocused();
	await page.keyboard.press('Shift+F10');
	await expect(menu).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(menu).toHaveCount(0);
	await expect(card).toBeFocused();
	expect(pageErrors(page)).toEqual([]);
});
