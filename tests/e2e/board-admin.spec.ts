/**
 * Taking links back and deleting boards, with several people on the board in their own browser
 * contexts: the editor who resets the edit link keeps working with the new one while another
 * holder of the old link is shut out; a deleted board sends its editor home (and out of the
 * recent boards) and shows everyone else that it is gone.
 */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard, pageErrors } from './board-helpers.ts';

const plan = {
	title: '杭州茶饮试点',
	currency: 'CNY',
	budget: 800_000_000,
	startMonth: '2027-03',
	horizonMonths: 12,
	cards: [{ id: 'g1', kind: 'goal', title: '三个月内开两家店' }]
};

test('resetting the edit link: this editor continues with the new link, the old link stops working', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const alice = await openBoard(browser, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));
	const carol = await openBoard(browser, boardPath(server, board, 'view'));

	await alice.getByRole('button', { name: 'Share' }).click();
	const dialog = alice.getByTestId('share-dialog');
	await dialog.getByTestId('reset-edit-link').click();
	await expect(dialog.getByTestId('reset-edit-confirm')).toContainText('stops working at once');
	await dialog.getByTestId('reset-edit-confirm-button').click();
	await expect(dialog.getByTestId('reset-edit-done')).toBeVisible();
	const newEditUrl = await dialog.getByTestId('share-edit-link').inputValue();
	const newToken = new URL(newEditUrl).searchParams.get('token')!;
	expect(newToken).not.toBe(board.editToken);
	await expect(dialog.getByTestId('share-view-link')).toHaveValue(`${server.url}/b/${board.id}?token=${board.viewToken}`);
	await alice.keyboard.press('Escape');

	// Alice: the new link in the address bar, connected again, still editing
	await expect.poll(() => new URL(alice.url()).searchParams.get('token')).toBe(newToken);
	await expect(alice.getByTestId('sync-status')).toHaveText('Saved');
	await alice.getByRole('button', { name: 'Add goal' }).click();
	await alice.keyboard.type('重置后的目标');
	await expect(carol.locator('[data-card-id]').filter({ hasText: '重置后的目标' })).toHaveCount(1);

	// Bob held the old link: shut out with a clear page; Carol (view link) stays
	await expect(bob.getByTestId('board-error')).toHaveAttribute('data-reason', 'bad-token');
	await expect(bob.getByTestId('board-error')).toContainText('reset the link');
	await expect(carol.getByTestId('sync-status')).toHaveText('View only');
	expect((await request.get(`${server.url}/api/boards/${board.id}?token=${board.editToken}`)).status()).toBe(401);
	expect(pageErrors(alice)).toEqual([]);
});

test('Delete board… asks for the title, then the editor is home without it and everyone else sees it is gone', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const alice = await openBoard(browser, boardPath(server, board));
	const carol = await openBoard(browser, boardPath(server, board, 'view'));
	// a view link has no delete
	await carol.getByRole('button', { name: 'More' }).click();
	await expect(carol.getByTestId('menu-delete-board')).toHaveCount(0);

	await alice.getByRole('button', { name: 'More' }).click();
	await alice.getByTestId('menu-delete-board').click();
	const dialog = alice.getByTestId('delete-board-dialog');
	await expect(dialog).toContainText('杭州茶饮试点');
	const submit = dialog.getByTestId('delete-board-submit');
	await expect(submit).toBeDisabled();
	await dialog.getByTestId('delete-board-confirm').fill('杭州');
	await expect(submit).toBeDisabled();
	await dialog.getByTestId('delete-board-confirm').fill('杭州茶饮试点');
	await expect(submit).toBeEnabled();
	await dialog.getByTestId('delete-board-confirm').press('Enter');

	await expect(alice).toHaveURL(`${server.url}/`);
	await expect(alice.locator(`[data-board-id="${board.id}"]`)).toHaveCount(0);
	await expect(carol.getByTestId('board-error')).toHaveAttribute('data-reason', 'unknown-board');
	expect((await request.get(`${server.url}/api/boards/${board.id}?token=${board.editToken}`)).status()).toBe(404);
	expect(pageErrors(alice)).toEqual([]);
});
