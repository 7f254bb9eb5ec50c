/**
 * Two people on one board, each in their own browser context: what one does appears in the
 * other live; budget figures follow; undo is per person; view links change nothing. How fast an
 * edit reaches the others is measured by `npm run bench` (fan-out), not bounded here: a wall-clock
 * bound in a test fails whenever the machine is busy.
 */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, monthlySpend, openBoard, pageErrors, planJson } from './board-helpers.ts';

test('a card added, edited and moved in one browser appears in the other live', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { budget: 1_000_000_000, currency: 'CNY' });
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));

	// add: the new card is selected with its title focused, ready to type
	await alice.getByRole('button', { name: 'Add role' }).click();
	await expect(alice.getByTestId('card-title-input')).toBeFocused();
	await alice.keyboard.type('Head of sales');
	const card = alice.locator('[data-card-id]', { hasText: 'Head of sales' });
	await expect(card).toHaveCount(1);
	const id = await card.getAttribute('data-card-id');
	const bobCard = bob.locator(`[data-card-id="${id}"]`);
	await expect(bobCard).toContainText('Head of sales');

	// edit a typed field: the budget moves in both browsers
	const allocatedBefore = await bob.getByTestId('budget-allocated').textContent();
	const cost = alice.getByLabel(/Monthly cost per person/);
	await cost.fill('50,000');
	await cost.press('Enter');
	await expect(alice.getByTestId('budget-allocated')).not.toHaveText(allocatedBefore ?? '');
	await expect(bob.getByTestId('budget-allocated')).toHaveText(await alice.getByTestId('budget-allocated').innerText());
	await expect(bobCard).toContainText('50,000');

	// move: drag the card on Alice's canvas
	const box = (await card.boundingBox())!;
	const startX = Number(await card.getAttribute('data-x'));
	await alice.mouse.move(box.x + box.width / 2, box.y + 20);
	await alice.mouse.down();
	await alice.mouse.move(box.x + box.width / 2 + 120, box.y + 80, { steps: 8 });
	await alice.mouse.up();
	await expect(card).not.toHaveAttribute('data-x', String(startX));
	const movedX = await card.getAttribute('data-x');
	await expect(bobCard).toHaveAttribute('data-x', movedX!);
	await expect(bobCard).toHaveAttribute('data-y', (await card.getAttribute('data-y'))!);

	expect(pageErrors(alice)).toEqual([]);
	expect(pageErrors(bob)).toEqual([]);
});

test('budget figures recompute in both browsers, including over budget with links to the cards', async ({ browser, request, server }) => {
	const start = '2027-01';
	const board = await createBoard(request, server, {
		plan: {
			title: 'Budget sync',
			currency: 'USD',
			budget: 1_200_000, // 12,000.00
			startMonth: start,
			horizonMonths: 12,
			cards: [monthlySpend('rent', 'Office rent', 50_000, start)] // 500.00 × 12 = 6,000.00
		}
	});
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));
	for (const page of [alice, bob]) {
		await expect(page.getByTestId('budget-allocated')).toContainText('6,000');
		await expect(page.getByTestId('budget-remaining')).toContainText('6,000');
		await expect(page.getByTestId('budget-runway')).toHaveText('Lasts the horizon');
	}

	// Alice raises the rent to 1,500.00 a month: 18,000 allocated, over by 6,000
	await alice.locator('[data-card-id="rent"]').click();
	const amount = alice.getByLabel('Amount per month');
	await amount.fill('1500');
	await amount.press('Enter');
	for (const page of [alice, bob]) {
		await expect(page.getByTestId('budget-allocated')).toContainText('18,000');
		await expect(page.getByTestId('budget-remaining')).toContainText('-');
		await expect(page.getByTestId('budget-runway')).toHaveAttribute('data-month', '2027-09');
		await expect(page.getByTestId('budget-over')).toContainText('Over by');
	}

	// the over-budget strip names the card; its link brings it into view and selects it
	await bob.getByTestId('budget-over').getByRole('button', { name: /Office rent/ }).click();
	await expect(bob.getByTestId('card-panel')).toHaveAttribute('data-panel-card-id', 'rent');
	await expect(bob.locator('[data-card-id="rent"]')).toBeInViewport();
});

test('undo in one browser reverts only that person’s own change', async ({ browser, request, server }) => {
	const board = await createBoard(request, server);
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));

	await alice.getByRole('button', { name: 'Add role' }).click();
	await alice.keyboard.type('Alice role');
	await alice.keyboard.press('Escape'); // leave the title field
	await bob.getByRole('button', { name: 'Add goal' }).click();
	await bob.keyboard.type('Bob goal');
	await bob.keyboard.press('Escape');
	await expect(alice.locator('[data-card-id]', { hasText: 'Bob goal' })).toHaveCount(1);
	await expect(bob.locator('[data-card-id]', { hasText: 'Alice role' })).toHaveCount(1);

	// Alice undoes twice (her typing, then her card) with the keyboard
	await alice.keyboard.press('Escape');
	await alice.keyboard.press('ControlOrMeta+z');
	await expect(alice.locator('[data-kind=role]')).toContainText('New role');
	await alice.keyboard.press('ControlOrMeta+z');
	await expect(alice.locator('[data-kind=role]')).toHaveCount(0);
	await expect(bob.locator('[data-kind=role]')).toHaveCount(0);
	// Bob's goal is untouched in both browsers
	await expect(alice.locator('[data-kind=goal]', { hasText: 'Bob goal' })).toHaveCount(1);
	await expect(bob.locator('[data-kind=goal]', { hasText: 'Bob goal' })).toHaveCount(1);

	// redo brings Alice's card back (the button does the same as Ctrl/Cmd+Shift+Z)
	await alice.getByRole('button', { name: 'Redo' }).click();
	await expect(bob.locator('[data-kind=role]')).toHaveCount(1);
});

test('Delete removes the selected card and undo restores it', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { title: 'Delete', currency: 'EUR', budget: 100_000_00, startMonth: '2027-01', horizonMonths: 12, cards: [{ id: 'g1', kind: 'goal', title: 'Keep me' }] }
	});
	const page = await openBoard(browser, boardPath(server, board));
	await page.locator('[data-card-id="g1"]').click();
	await page.locator('[data-card-id="g1"]').focus();
	await page.keyboard.press('Delete');
	await expect(page.locator('[data-card-id="g1"]')).toHaveCount(0);
	await page.keyboard.press('ControlOrMeta+z');
	await expect(page.locator('[data-card-id="g1"]')).toContainText('Keep me');
});

test('the view link is read-only: no editing affordances, and the server plan is unchanged', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			title: 'Read only',
			currency: 'CNY',
			budget: 1_000_000_000,
			startMonth: '2027-01',
			horizonMonths: 24,
			cards: [
				{ id: 'r1', kind: 'role', title: 'Engineer', headcount: 2, monthlyCost: 4_000_000, startMonth: '2027-01' },
				{ id: 'k1', kind: 'risk', title: 'Churn', likelihood: 2, impact: 4 }
			]
		}
	});
	const before = await planJson(request, server, board);
	const editor = await openBoard(browser, boardPath(server, board));
	const viewer = await openBoard(browser, boardPath(server, board, 'view'));

	await expect(viewer.getByTestId('view-only-badge')).toBeVisible();
	await expect(viewer.getByTestId('sync-status')).toHaveText('View only');
	for (const name of ['Add role', 'Add goal', 'Add milestone', 'Add risk', 'Add opportunity', 'Add spend', 'Undo', 'Redo', 'Board settings']) {
		await expect(viewer.getByRole('button', { name, exact: true })).toHaveCount(0);
	}
	// opening a card shows facts, not inputs
	await viewer.locator('[data-card-id="r1"]').click();
	const panel = viewer.getByTestId('card-panel');
	await expect(panel).toContainText('Engineer');
	await expect(panel.locator('input, textarea, select')).toHaveCount(0);
	await expect(panel.getByRole('button', { name: 'Delete card' })).toHaveCount(0);
	await expect(panel.locator('[contenteditable="true"]')).toHaveCount(0);
	// keyboard and dragging change nothing
	await viewer.locator('[data-card-id="r1"]').focus();
	await viewer.keyboard.press('Delete');
	await viewer.keyboard.press('ControlOrMeta+z');
	const card = viewer.locator('[data-card-id="k1"]');
	const box = (await card.boundingBox())!;
	await viewer.mouse.move(box.x + 40, box.y + 40);
	await viewer.mouse.down();
	await viewer.mouse.move(box.x + 200, box.y + 160, { steps: 6 });
	await viewer.mouse.up();
	await expect(viewer.locator('[data-card-id="r1"]')).toHaveCount(1);
	await expect(viewer.locator('[data-card-id="k1"]')).toHaveAttribute('data-x', String(await editor.locator('[data-card-id="k1"]').getAttribute('data-x')));

	// presence still works: the viewer sees the editor and vice versa
	await expect(viewer.getByTestId('peer-avatar')).toHaveCount(1);
	await expect(editor.getByTestId('peer-avatar')).toHaveCount(1);

	// Barrier: the viewer selects both cards, a selection it never had before, so its awareness
	// message goes out on the same socket after everything it tried. Once the editor shows that
	// selection, the server has handled every earlier message of the viewer.
	await viewer.keyboard.press('ControlOrMeta+a');
	await expect(editor.locator('[data-card-id].watched')).toHaveCount(2);
	// after everything the viewer tried, the server's plan is exactly what it was
	expect(await planJson(request, server, board)).toEqual(before);
	// and it has nothing of its own waiting to be saved
	await expect(viewer.getByTestId('sync-status')).toHaveText('View only');
	await expect(viewer.getByTestId('sync-status')).toHaveAttribute('data-unsent', '0');

	// while the editor's changes do reach the viewer
	await editor.locator('[data-card-id="k1"]').click();
	await editor.getByTestId('card-title-input').fill('Churn after launch');
	await expect(viewer.locator('[data-card-id="k1"]')).toContainText('Churn after launch');
});

test('unknown boards and bad links get clear pages', async ({ page, request, server }) => {
	const board = await createBoard(request, server);
	await page.goto(`${server.url}/b/${board.id}?token=${'x'.repeat(32)}`);
	await expect(page.getByTestId('board-error')).toHaveAttribute('data-reason', 'bad-token');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not open the board');

	await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA?token=${board.editToken}`);
	await expect(page.getByTestId('board-error')).toHaveAttribute('data-reason', /unknown-board|bad-token/);

	await page.goto(`${server.url}/b/${board.id}`);
	await expect(page.getByTestId('board-error')).toHaveAttribute('data-reason', 'no-token');
});
