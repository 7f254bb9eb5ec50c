/**
 * Another person's edit reaches this tab, which goes offline and reloads before its copy has
 * stored that edit: the copy holds remote updates for a moment to store many as one
 * (src/lib/sync/deferred-updates.ts), and IndexedDB is kept busy here (another tab holds a write
 * transaction on the copy), so the edit is not in IndexedDB when the page goes away. It is put in
 * Web Storage with the page's unconfirmed edits and the reloaded page, still offline, shows it.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard } from './board-helpers.ts';

const plan = {
	title: '华东区新店计划',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	cards: [{ id: 'risk1', kind: 'risk', title: '租金上涨', likelihood: 3, impact: 4 }]
};

/** Open a board, wait until it is saved, its copy on this device is written and the service worker runs. */
async function openWithCopy(context: BrowserContext, url: string, boardId: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(url);
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await expect.poll(() => page.evaluate((name) => indexedDB.databases().then((all) => all.some((d) => d.name === name)), `groundwork:board:${boardId}`)).toBe(true);
	return page;
}

/** In `page` (same origin), hold a write transaction on board `boardId`'s copy until `holding` is cleared. */
async function holdCopy(page: Page, boardId: string): Promise<void> {
	await page.evaluate(
		(name) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const store = open.result.transaction(['updates'], 'readwrite').objectStore('updates');
					const w = window as unknown as { holding: boolean };
					w.holding = true;
					const spin = () => {
						if (w.holding) store.get(0).onsuccess = spin;
					};
					spin();
					resolve();
				};
			}),
		`groundwork:board:${boardId}`
	);
}

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
