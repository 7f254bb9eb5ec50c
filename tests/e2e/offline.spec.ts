/**
 * Losing the connection: the status says Offline, edits made meanwhile stay on the device, and
 * when the connection returns they reach the server and the other browser (status back to Saved).
 * The network drop is simulated by routing the sync WebSocket through Playwright and closing it.
 */
import type { WebSocketRoute } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard } from './board-helpers.ts';

test('offline edits are kept and sync when the connection returns', async ({ browser, request, server }) => {
	const board = await createBoard(request, server);
	const bob = await openBoard(browser, boardPath(server, board));

	const context = await browser.newContext();
	const alice = await context.newPage();
	let online = true;
	const sockets: WebSocketRoute[] = [];
	await alice.routeWebSocket(/\/sync\//, (ws) => {
		if (!online) {
			ws.close({ code: 1001, reason: 'offline' });
			return;
		}
		ws.connectToServer();
		sockets.push(ws);
	});
	await alice.goto(boardPath(server, board));
	const status = alice.getByTestId('sync-status');
	await expect(status).toHaveText('Saved', { timeout: 15_000 });

	// the network goes away
	online = false;
	for (const ws of sockets.splice(0)) await ws.close({ code: 1001, reason: 'offline' });
	await expect(status).toHaveText('Offline');

	// work continues locally
	await alice.getByRole('button', { name: 'Add opportunity' }).click();
	await alice.keyboard.type('Written offline');
	await alice.keyboard.press('Escape');
	await expect(alice.locator('[data-card-id]', { hasText: 'Written offline' })).toHaveCount(1);
	await expect(status).toHaveText('Offline');
	await expect(bob.locator('[data-card-id]', { hasText: 'Written offline' })).toHaveCount(0);

	// the network comes back: the provider reconnects by itself and sends what it kept
	online = true;
	await expect(status).toHaveText('Saved', { timeout: 15_000 });
	await expect(bob.locator('[data-card-id]', { hasText: 'Written offline' })).toHaveCount(1);
	const plan = (await (await request.get(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)).json()) as {
		plan: { cards: { title: string }[] };
	};
	expect(plan.plan.cards.map((c) => c.title)).toContain('Written offline');
});
