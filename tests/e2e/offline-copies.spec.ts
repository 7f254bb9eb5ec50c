/**
 * This device's copies of boards: view links are kept too (read-only, nothing queued), the home
 * page lists what is kept and opens it offline, "Remove offline copies" forgets a board here, and
 * a browser that refuses to store keeps the board working online and says copies are off.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard } from './board-helpers.ts';

const plan = {
	title: '成都分公司筹备',
	currency: 'CNY',
	budget: 500_000_000,
	startMonth: '2027-03',
	horizonMonths: 18,
	cards: [
		{ id: 'role1', kind: 'role', title: '分公司总经理', headcount: 1, monthlyCost: 4_000_000, startMonth: '2027-03' },
		{ id: 'opp1', kind: 'opportunity', title: '本地政府补贴' }
	]
};

async function open(context: BrowserContext, url: string, expected: string): Promise<Page> {
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	(page as Page & { errors?: string[] }).errors = errors;
	await page.goto(url);
	await expect(page.getByTestId('sync-status')).toHaveText(expected, { timeout: 15_000 });
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	return page;
}

const errorsOf = (page: Page) => (page as Page & { errors?: string[] }).errors ?? [];

test('a view link is kept too: offline it reopens read-only from this device and queues nothing', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const context = await browser.newContext();
	const page = await open(context, boardPath(server, board, 'view'), 'View only');
	await expect(page.getByRole('button', { name: 'Add role' })).toHaveCount(0);

	await context.setOffline(true);
	await expect(page.getByTestId('sync-status')).toHaveText('Offline', { timeout: 2_000 });
	await page.reload();
	await expect(page.locator('[data-card-id="role1"]')).toContainText('分公司总经理', { timeout: 15_000 });
	await expect(page.getByTestId('sync-status')).toHaveText('Offline');
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-unsent', '0');
	await expect(page.getByTestId('view-only-badge')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Add role' })).toHaveCount(0);

	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toHaveText('View only', { timeout: 15_000 });
	expect(errorsOf(page)).toEqual([]);
	await context.close();
});

test('the home page lists the boards kept on this device and opens them offline', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const context = await browser.newContext();
	const page = await open(context, boardPath(server, board), 'Saved');
	await page.goto(`${server.url}/`);
	const entry = page.locator(`[data-board-id="${board.id}"]`);
	await expect(entry.getByTestId('kept-offline')).toBeVisible();

	await context.setOffline(true);
	await page.reload(); // the home page itself comes from the service worker
	await expect(page.getByTestId('home-offline')).toBeVisible();
	await expect(entry).toContainText('成都分公司筹备');
	await expect(entry.getByTestId('kept-offline')).toBeVisible();
	await entry.click();
	await expect(page.locator('[data-card-id="opp1"]')).toContainText('本地政府补贴', { timeout: 15_000 });
	await expect(page.getByTestId('sync-status')).toHaveText('Offline');
	expect(errorsOf(page)).toEqual([]);
	await context.close();
});

test('Remove offline copies forgets the board on this device, the server keeps it', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const context = await browser.newContext();
	const page = await open(context, boardPath(server, board), 'Saved');
	await page.getByRole('button', { name: 'More' }).click();
	await expect(page.getByText('Kept on this device', { exact: true })).toBeVisible();
	await page.getByRole('menuitem', { name: 'Remove offline copies' }).click();
	const dialog = page.getByTestId('remove-offline-copy-dialog');
	await expect(dialog).toContainText('成都分公司筹备');
	await dialog.getByRole('button', { name: 'Remove from this device' }).click();

	await expect(page).toHaveURL(`${server.url}/`);
	await expect(page.locator(`[data-board-id="${board.id}"]`)).toHaveCount(0);
	const names = await page.evaluate(() => indexedDB.databases().then((dbs) => dbs.map((d) => d.name)));
	expect(names).not.toContain(`groundwork:board:${board.id}`);
	const response = await request.get(`${server.url}/api/boards/${board.id}?token=${board.viewToken}`);
	expect(response.status()).toBe(200);
	expect(errorsOf(page)).toEqual([]);
	await context.close();
});

test('a browser that refuses storage: the board works online and says offline copies are off', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const context = await browser.newContext();
	// what private modes and locked-down profiles do: opening any IndexedDB database fails
	await context.addInitScript(() => {
		IDBFactory.prototype.open = function () {
			throw new DOMException('The user denied permission to access the database.', 'InvalidStateError');
		};
	});
	const page = await open(context, boardPath(server, board), 'Saved');
	await expect(page.getByTestId('sync-status').locator('..')).toHaveAttribute('title', /Offline copies are off/);
	await page.getByRole('button', { name: 'More' }).click();
	await expect(page.getByTestId('offline-copies-off')).toHaveText('Offline copies are off in this browser');
	await expect(page.getByRole('menuitem', { name: 'Remove offline copies' })).toHaveCount(0);
	await page.keyboard.press('Escape');

	// edits still reach the server
	await page.locator('[data-card-id="opp1"]').click();
	await page.getByTestId('card-title-input').fill('本地政府补贴（已申请）');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('sync-status')).toHaveText('Saved');
	await expect
		.poll(async () => {
			const body = (await (await request.get(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)).json()) as { plan: { cards: { id: string; title: string }[] } };
			return body.plan.cards.find((c) => c.id === 'opp1')?.title;
		})
		.toBe('本地政府补贴（已申请）');

	// offline, the status is honest about where the change lives
	await context.setOffline(true);
	await page.locator('[data-card-id="role1"]').click();
	await page.getByTestId('card-title-input').fill('分公司总经理（候选）');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('sync-status')).toHaveText('Offline — 1 change only in this tab', { timeout: 2_000 });
	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	expect(errorsOf(page)).toEqual([]);
	await context.close();
});

test('a browser out of storage quota: writes fail, offline copies turn off, the board goes on online', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan });
	const context = await browser.newContext();
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	// the browser's own quota enforcement, with this origin's quota cut to one byte: opening
	// IndexedDB works, every write is refused (QuotaExceededError)
	const cdp = await context.newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 1 });
	await page.goto(boardPath(server, board));
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await page.locator('[data-card-id="opp1"]').click();
	await page.getByTestId('card-title-input').fill('本地政府补贴——申请材料已经准备好了');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('sync-status').locator('..')).toHaveAttribute('title', /Offline copies are off/);
	await expect(page.getByTestId('sync-status')).toHaveText('Saved');
	await page.getByRole('button', { name: 'More' }).click();
	await expect(page.getByTestId('offline-copies-off')).toHaveText('Offline copies are off: this browser is out of storage space');
	await expect
		.poll(async () => {
			const body = (await (await request.get(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)).json()) as { plan: { cards: { id: string; title: string }[] } };
			return body.plan.cards.find((c) => c.id === 'opp1')?.title;
		})
		.toBe('本地政府补贴——申请材料已经准备好了');
	expect(errors).toEqual([]);
	await context.close();
});
