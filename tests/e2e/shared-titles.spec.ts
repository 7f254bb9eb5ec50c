/** Titles are shared text: two people typing in one title at once both keep their words. */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { boardPath, createBoard, openBoard, pageErrors, planJson } from './board-helpers.ts';

const META = { title: '深圳新零售', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24 };

type Plan = { title: string; cards: { id: string; title: string }[] };

async function planOf(...args: Parameters<typeof planJson>): Promise<Plan> {
	return ((await planJson(...args)) as { plan: Plan }).plan;
}

/** Open card `id`'s details and put the caret in its title, at the start or the end. */
async function caretInCardTitle(page: Page, id: string, where: 'Home' | 'End'): Promise<void> {
	await page.locator(`[data-card-id="${id}"]`).click();
	const input = page.getByTestId('card-title-input');
	await input.click();
	await page.keyboard.press(where);
}

test('two people typing into the same card title at once both keep their words; undo takes back only mine', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { ...META, cards: [{ id: 'r1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: '2027-01', x: 24, y: 72 }] }
	});
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));
	await caretInCardTitle(alice, 'r1', 'End');
	await caretInCardTitle(bob, 'r1', 'Home');

	// both type at the same time, key by key: each keystroke reaches the other while they type
	await Promise.all([alice.keyboard.type('（兼职）', { delay: 60 }), bob.keyboard.type('资深 ', { delay: 60 })]);

	const both = '资深 店长（兼职）';
	await expect(alice.getByTestId('card-title-input')).toHaveValue(both);
	await expect(bob.getByTestId('card-title-input')).toHaveValue(both);
	await expect.poll(async () => (await planOf(request, server, board)).cards[0].title).toBe(both);
	// the card faces show it too
	await expect(alice.locator('[data-card-id="r1"] .title')).toHaveText(both);
	await expect(bob.locator('[data-card-id="r1"] .title')).toHaveText(both);
	// the caret stayed where each one typed
	expect(await alice.getByTestId('card-title-input').evaluate((el: HTMLTextAreaElement) => el.selectionEnd)).toBe(both.length);
	expect(await bob.getByTestId('card-title-input').evaluate((el: HTMLTextAreaElement) => el.selectionEnd)).toBe('资深 '.length);
	await alice.screenshot({ path: test.info().outputPath('shared-title-alice.png') });

	// Ctrl+Z on the board takes back Alice's words only
	await alice.keyboard.press('Escape'); // leaves the field
	await alice.keyboard.press('ControlOrMeta+z');
	await expect.poll(async () => (await planOf(request, server, board)).cards[0].title).toBe('资深 店长');
	await expect(bob.getByTestId('card-title-input')).toHaveValue('资深 店长');
	expect(pageErrors(alice)).toEqual([]);
	expect(pageErrors(bob)).toEqual([]);
});

test('two people typing into the board title at once — one in the top bar, one in the settings — both keep their words', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: { ...META, cards: [] } });
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));
	// Alice renames in place: a click on the title in the top bar
	await alice.getByTestId('board-title').click();
	const aliceInput = alice.getByTestId('topbar-title-input');
	await expect(aliceInput).toBeFocused();
	await alice.keyboard.press('End');
	// Bob in the board settings
	await bob.getByRole('button', { name: 'Board settings' }).click();
	await expect(bob.getByTestId('settings-dialog')).toBeVisible();
	const bobInput = bob.getByTestId('board-title-input');
	await bobInput.click();
	await bob.keyboard.press('Home');

	await Promise.all([alice.keyboard.type(' 二期', { delay: 60 }), bob.keyboard.type('【草稿】', { delay: 60 })]);
	const both = '【草稿】深圳新零售 二期';
	await expect(aliceInput).toHaveValue(both);
	await expect(bobInput).toHaveValue(both);
	await expect.poll(async () => (await planOf(request, server, board)).title).toBe(both);
	await alice.screenshot({ path: test.info().outputPath('shared-board-title-alice.png') });
	await bob.screenshot({ path: test.info().outputPath('shared-board-title-bob.png') });
	// Enter ends renaming; the title shows it, focused for the keyboard
	await alice.keyboard.press('Enter');
	await expect(alice.getByTestId('board-title')).toHaveText(both);
	await expect(alice.getByTestId('board-title')).toBeFocused();
	expect(pageErrors(alice)).toEqual([]);
	expect(pageErrors(bob)).toEqual([]);
});

test('typing pinyin (an input method composing) is not disturbed by a collaborator, and both words are kept', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { ...META, cards: [{ id: 'r1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: '2027-01', x: 24, y: 72 }] }
	});
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));
	await caretInCardTitle(alice, 'r1', 'End');
	await caretInCardTitle(bob, 'r1', 'Home');
	const ime = await alice.context().newCDPSession(alice);
	const aliceInput = alice.getByTestId('card-title-input');
	// Alice starts composing 助理 with a pinyin input method
	await ime.send('Input.imeSetComposition', { text: 'zhu', selectionStart: 3, selectionEnd: 3 });
	await expect(aliceInput).toHaveValue('店长zhu');
	// Bob types meanwhile; it reaches Alice's board (the card face) but not her composing field
	await bob.keyboard.type('资深');
	await expect(alice.locator('[data-card-id="r1"] .title')).toHaveText('资深店长');
	await expect.poll(async () => (await planOf(request, server, board)).cards[0].title).toBe('资深店长');
	await expect(aliceInput).toHaveValue('店长zhu');
	// Alice picks 助理: the composed words land after 店长, with Bob's words kept
	await ime.send('Input.imeSetComposition', { text: 'zhuli', selectionStart: 5, selectionEnd: 5 });
	await ime.send('Input.insertText', { text: '助理' });
	const both = '资深店长助理';
	await expect(aliceInput).toHaveValue(both);
	await expect(bob.getByTestId('card-title-input')).toHaveValue(both);
	await expect.poll(async () => (await planOf(request, server, board)).cards[0].title).toBe(both);
	expect(await aliceInput.evaluate((el: HTMLTextAreaElement) => el.selectionEnd)).toBe(both.length);
	expect(pageErrors(alice)).toEqual([]);
});
