/** The browser path works end to end: the built app, the API and the sync socket on one port. */
import { expect, test } from './fixtures.ts';

test('loads / in Chromium from the production server', async ({ page, server }) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	const response = await page.goto(`${server.url}/`);
	expect(response?.status()).toBe(200);
	expect(response?.headers()['referrer-policy']).toBe('no-referrer');
	await expect(page).toHaveTitle(/Groundwork/);
	await expect(page.locator('body')).not.toBeEmpty();
	expect(errors).toEqual([]);
});

test('the page can create a board and open its sync socket on the same port', async ({ page, server }) => {
	await page.goto(`${server.url}/`);
	const result = await page.evaluate(async () => {
		const res = await fetch('/api/boards', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Smoke test' })
		});
		const board = (await res.json()) as { id: string; editToken: string };
		const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync/${board.id}`;
		const open = (token: string) =>
			new Promise<{ firstFrameType: number | null; closeCode: number | null }>((resolve) => {
				const ws = new WebSocket(`${wsUrl}?token=${token}`);
				ws.binaryType = 'arraybuffer';
				ws.onmessage = (event) => {
					resolve({ firstFrameType: new Uint8Array(event.data as ArrayBuffer)[0], closeCode: null });
					ws.close();
				};
				ws.onclose = (event) => resolve({ firstFrameType: null, closeCode: event.code });
			});
		return { status: res.status, good: await open(board.editToken), bad: await open('x'.repeat(32)) };
	});
	expect(result.status).toBe(201);
	expect(result.good.firstFrameType).toBe(0); // sync step 1 from the server
	expect(result.bad.closeCode).toBe(4401);
});
