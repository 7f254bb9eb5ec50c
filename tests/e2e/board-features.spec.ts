/**
 * Board features around the cards: sharing, settings, names, goals' steps and the keyboard.
 */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard } from './board-helpers.ts';

test('share dialog gives edit and view links; settings and names reach the other browser', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { title: 'Launch', budget: 1_000_000_000, currency: 'CNY' });
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));

	// share: both links, each opening the right access; Escape closes the dialog
	await alice.getByRole('button', { name: 'Share' }).click();
	const dialog = alice.getByTestId('share-dialog');
	await expect(dialog.getByTestId('share-edit-link')).toHaveValue(`${server.url}/b/${board.id}?token=${board.editToken}`);
	await expect(dialog.getByTestId('share-view-link')).toHaveValue(`${server.url}/b/${board.id}?token=${board.viewToken}`);
	await dialog.getByRole('button', { name: 'Copy view link' }).click();
	await expect(dialog.getByRole('button', { name: 'Copy view link' })).toContainText('Copied');
	await alice.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);

	// settings: budget and title change for everyone
	await alice.getByRole('button', { name: 'Board settings' }).click();
	const budget = alice.getByLabel('Total budget');
	await budget.fill('2,500,000');
	await budget.press('Enter');
	await alice.getByLabel('Title').fill('Launch in Shanghai');
	await alice.getByRole('button', { name: 'Done' }).click();
	await expect(bob.getByTestId('budget-total')).toContainText('2,500,000');
	await expect(bob.getByTestId('board-title')).toHaveText('Launch in Shanghai');

	// my name: edited locally, seen by the other person
	await alice.getByRole('button', { name: /^You are / }).click();
	await alice.getByLabel('Your name, as others see it').fill('Alice Zhang');
	await alice.getByRole('button', { name: 'Save' }).click();
	await expect(bob.getByTestId('peer-avatar')).toHaveAttribute('title', 'Alice Zhang');
	await expect(bob.getByTestId('peer-avatar')).toHaveText(/AZ/);
});

test('a milestone added while its goal is selected becomes the next step; goals show progress', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			title: 'Steps', currency: 'USD', budget: 100_000_00, startMonth: '2027-01', horizonMonths: 12,
			cards: [
				{ id: 'goal', kind: 'goal', title: 'Reach 50 stores' },
				{ id: 'm1', kind: 'milestone', title: 'First store', goalId: 'goal', order: 1, status: 'done' }
			]
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	await expect(page.locator('[data-card-id="goal"]')).toContainText('1 of 1 steps done');
	await page.locator('[data-card-id="goal"]').click();
	await page.getByRole('button', { name: 'Add milestone' }).click();
	await page.keyboard.type('Ten stores');
	const step = page.locator('[data-kind=milestone]', { hasText: 'Ten stores' });
	await expect(step).toContainText('Step 2 of 2');
	await expect(step).toContainText('Reach 50 stores');
	await expect(page.locator('[data-card-id="goal"]')).toContainText('1 of 2 steps done');
	await page.getByTestId('card-panel').getByText('Done', { exact: true }).click();
	await expect(page.locator('[data-card-id="goal"]')).toContainText('2 of 2 steps done');
});

test('keyboard: Tab reaches the toolbar and cards, Enter opens a card, Escape closes it', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { title: 'Keys', currency: 'EUR', budget: 100_000_00, startMonth: '2027-01', horizonMonths: 12, cards: [{ id: 'o1', kind: 'opportunity', title: 'Partner channel' }] }
	});
	const page = await openBoard(browser, boardPath(server, board));
	const reached = new Set<string>();
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		const label = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			// a card's accessible name is its visually hidden announcement
			return el?.getAttribute('aria-label') || el?.querySelector(':scope > .visually-hidden')?.textContent?.trim() || el?.textContent?.trim() || '';
		});
		reached.add(label);
		if (label === 'Opportunity: Partner channel') break;
	}
	expect(reached).toContain('Add role');
	expect(reached).toContain('Add spend');
	expect(reached).toContain('Opportunity: Partner channel');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('card-panel')).toBeVisible();
	await expect(page.getByTestId('card-title-input')).toBeFocused();
	await page.keyboard.press('Escape'); // leaves the title
	await page.keyboard.press('Escape'); // closes the details
	await expect(page.getByTestId('card-panel')).toHaveCount(0);
});

test('rich-text notes are shared live, with the other person’s caret', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { title: 'Notes', currency: 'USD', budget: 100_000_00, startMonth: '2027-01', horizonMonths: 12, cards: [{ id: 'g', kind: 'goal', title: 'Goal', notes: 'First line' }] }
	});
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));
	await alice.locator('[data-card-id="g"]').click();
	await bob.locator('[data-card-id="g"]').click();
	const aliceNotes = alice.getByRole('textbox', { name: /Notes for Goal/ });
	const bobNotes = bob.getByRole('textbox', { name: /Notes for Goal/ });
	await expect(bobNotes).toContainText('First line');
	await aliceNotes.click();
	await alice.keyboard.press('ControlOrMeta+End');
	await alice.keyboard.press('Enter');
	await alice.keyboard.type('Second line from Alice');
	await expect(bobNotes).toContainText('Second line from Alice');
	await expect(bob.locator('.collaboration-carets__label')).toHaveCount(1);
	// the card shows who else has it open
	await expect(bob.locator('[data-card-id="g"] .editing-tag')).toHaveCount(1);
	await expect
		.poll(async () => {
			const body = (await (await request.get(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)).json()) as { plan: { cards: { notes?: string }[] } };
			return body.plan.cards[0].notes;
		})
		.toContain('Second line from Alice');
});
