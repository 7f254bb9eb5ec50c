/**
 * A title typed offline into a new card survives a reload at once. The user types as soon as the
 * card is added (no pause for the panel to open) and reloads right after the last keystroke,
 * while IndexedDB is slow to commit: another tab holds a write transaction on the board's copy,
 * so the page's own writes are still queued when it goes away (a busy machine does the same by
 * chance). What IndexedDB had not committed is kept through the reload and nothing typed is lost.
 */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard } from './board-helpers.ts';
import { holdCopy, openWithCopy, release, riskPlan as plan } from './offline-copy-helpers.ts';

const TITLE = '离线时想到的合作渠道';

test('a new card titled at once offline, reloaded right after the last keystroke while IndexedDB is busy: the title is kept', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const context = await browser.newContext();
	const page = await openWithCopy(context, boardPath(server, board), board.id);
	const other = await context.newPage();
	await other.goto(`${server.url}/`);
	const status = page.getByTestId('sync-status');

	await context.setOffline(true);
	await expect(status).toHaveText('Offline', { timeout: 2_000 });
	await holdCopy(other, board.id);

	// type at once: no wait for the panel or the title field
	await page.getByRole('button', { name: 'Add opportunity' }).click();
	await page.keyboard.type(TITLE);
	await expect(page.getByTestId('card-title-input')).toHaveValue(TITLE);
	await expect(page.locator('[data-card-id]', { hasText: TITLE })).toHaveCount(1);

	// reload now (the tab asks first: changes are not on the server)
	page.on('dialog', (dialog) => void dialog.accept());
	await page.reload({ waitUntil: 'commit' });
	await release(other);
	await expect(page.locator('[data-card-id="risk1"]')).toContainText('租金上涨', { timeout: 15_000 });
	await expect(page.locator('[data-card-id]', { hasText: TITLE })).toHaveCount(1);
	await expect(status).toHaveText(/^Offline — \d+ changes? kept on this device$/);

	// and once more without anything held: still there (what was kept is in IndexedDB now)
	await page.reload();
	await expect(page.locator('[data-card-id]', { hasText: TITLE })).toHaveCount(1, { timeout: 15_000 });

	// back online: the server gets it
	await context.setOffline(false);
	await expect(status).toHaveText('Saved', { timeout: 15_000 });
	const response = await request.get(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`);
	const saved = (await response.json()) as { plan: { cards: { kind: string; title: string }[] } };
	expect(saved.plan.cards).toContainEqual(expect.objectContaining({ kind: 'opportunity', title: TITLE }));
	await context.close();
});
