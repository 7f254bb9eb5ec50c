/**
 * Another person's edit reaches this tab, which goes offline and reloads before its copy has
 * stored that edit: the copy holds remote updates for a moment to store many as one
 * (src/lib/sync/deferred-updates.ts), and IndexedDB is kept busy here (another tab holds a write
 * transaction on the copy), so the edit is not in IndexedDB when the page goes away. It is put in
 * Web Storage with the page's unconfirmed edits and the reloaded page, still offline, shows it.
 */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard } from './board-helpers.ts';
import { holdCopy, openWithCopy, riskPlan as plan } from './offline-copy-helpers.ts';

test("another person's edit received right before an offline reload is kept by this device's copy", async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const context = await browser.newContext();
	const page = await openWithCopy(context, boardPath(server, board), board.id);
	const other = await context.newPage();
	await other.goto(`${server.url}/`);
	const bob = await openBoard(browser, boardPath(server, board));

	await holdCopy(other, board.id);
	await bob.locator('[data-card-id="risk1"]').click();
	await bob.getByTestId('card-title-input').fill('租金上涨 4.5万/月（鲍勃）');
	await bob.keyboard.press('Escape');
	await expect(page.locator('[data-card-id="risk1"]')).toContainText('租金上涨 4.5万/月（鲍勃）');

	await context.setOffline(true);
	await expect(page.getByTestId('sync-status')).toHaveText('Offline', { timeout: 2_000 });
	page.on('dialog', (dialog) => void dialog.accept());
	await page.reload({ waitUntil: 'commit' });
	await other.evaluate(() => ((window as unknown as { holding: boolean }).holding = false));
	await expect(page.locator('[data-card-id="risk1"]')).toContainText('租金上涨 4.5万/月（鲍勃）', { timeout: 15_000 });

	// and once IndexedDB is free, the copy holds it too: a second offline reload still shows it
	await expect(page.getByTestId('sync-status')).toHaveText(/Offline|Saved|kept/i, { timeout: 15_000 });
	await page.reload({ waitUntil: 'commit' });
	await expect(page.locator('[data-card-id="risk1"]')).toContainText('租金上涨 4.5万/月（鲍勃）', { timeout: 15_000 });
	await context.close();
});
