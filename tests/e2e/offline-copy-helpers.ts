/**
 * Helpers of the offline e2e specs that need the board's copy on this device (IndexedDB) written,
 * and IndexedDB kept busy so the page's own writes are still queued when it goes away.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** A small Chinese plan with one risk card (`risk1`). */
export const riskPlan = {
	title: '华东区新店计划',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	cards: [{ id: 'risk1', kind: 'risk', title: '租金上涨', likelihood: 3, impact: 4 }]
};

/** Open a board, wait until it is saved, its copy on this device is written and the service worker runs. */
export async function openWithCopy(context: BrowserContext, url: string, boardId: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(url);
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await expect.poll(() => page.evaluate((name) => indexedDB.databases().then((all) => all.some((d) => d.name === name)), `groundwork:board:${boardId}`)).toBe(true);
	return page;
}

/**
 * In `page` (same origin), hold a write transaction on board `boardId`'s copy until {@link release}:
 * every other write to it waits in line meanwhile.
 */
export async function holdCopy(page: Page, boardId: string): Promise<void> {
	await page.evaluate(
		(name) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const transaction = open.result.transaction(['updates'], 'readwrite');
					const store = transaction.objectStore('updates');
					const w = window as unknown as { holding: boolean };
					w.holding = true;
					// a transaction stays open while it has requests: keep asking until released
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

export async function release(page: Page): Promise<void> {
	await page.evaluate(() => ((window as unknown as { holding: boolean }).holding = false));
}
