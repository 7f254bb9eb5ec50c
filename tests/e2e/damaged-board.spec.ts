/**
 * A board whose stored data is damaged shows the person a clear, final error — from the live
 * socket (close code 4422, no reconnect loop) and from the server render (status 500) — and
 * other boards keep working.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard } from './board-helpers.ts';

const shots = fileURLToPath(new URL('../../screenshots/', import.meta.url));

test('a damaged board explains itself instead of reconnecting forever', async ({ browser, request, server }) => {
	const damaged = await createBoard(request, server, { title: '损坏的看板' });
	const healthy = await createBoard(request, server, { title: '正常的看板' });
	const db = new Database(join(server.dataDir, 'groundwork.sqlite'));
	db.prepare('UPDATE snapshots SET data = ? WHERE board_id = ?').run(Buffer.from('not a yjs update at all'), damaged.id);
	db.close();

	const context = await browser.newContext();
	const page = await context.newPage();
	const sockets: string[] = [];
	page.on('websocket', (ws) => sockets.push(ws.url()));
	await page.goto(boardPath(server, damaged));
	const error = page.getByTestId('board-error');
	await expect(error).toBeVisible();
	await expect(error).toHaveAttribute('data-reason', 'damaged-board');
	await expect(page.getByRole('heading', { name: 'This board’s saved data is damaged' })).toBeVisible();
	await expect(page.getByText('Your other boards are not affected')).toBeVisible();
	if (process.env.SCREENSHOTS) await page.screenshot({ path: `${shots}damaged-board-live.png` });
	expect(sockets.length).toBe(1); // 4422 is final: the provider did not try again

	// a later visit gets the same page straight from the server render, with status 500
	const second = await context.newPage();
	await second.setViewportSize({ width: 390, height: 844 });
	const response = await second.goto(boardPath(server, damaged, 'view'));
	expect(response?.status()).toBe(500);
	await expect(second.getByTestId('board-error')).toHaveAttribute('data-reason', 'damaged-board');
	if (process.env.SCREENSHOTS) await second.screenshot({ path: `${shots}damaged-board-phone.png` });
	await context.close();

	const ok = await openBoard(browser, boardPath(server, healthy));
	await expect(ok.getByTestId('sync-status')).toHaveText('Saved');
	await ok.context().close();
});
