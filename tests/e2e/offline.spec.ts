/**
 * Working without a network. The sync socket dropping (routed through Playwright) and the browser
 * going offline (`context.setOffline`, which also cuts the service worker's fetches): the status
 * says Offline with the changes kept here, edits go on, a reload while offline opens the board
 * from the service worker's app shell and this device's copy, and on reconnect both browsers
 * converge. A server killed and restarted on the same port and data, and a new build deployed
 * while a tab is open, lose nothing.
 */
import type { BrowserContext, Page, WebSocketRoute } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard, type CreatedBoard } from './board-helpers.ts';
import { makeNextBuild, removeDir, startServerProcess, tempDataDir, type ServerProcess } from './server-process.ts';

const KEPT = /^Offline — \d+ changes? kept on this device$/;

interface PlanBody {
	plan: { title: string; cards: { id: string; kind: string; title: string; monthlyCost?: number }[] };
}

const newStorePlan = {
	title: '华东区新店计划',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	cards: [
		{ id: 'role1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 3_000_000, startMonth: '2027-01' },
		{ id: 'risk1', kind: 'risk', title: '租金上涨', likelihood: 3, impact: 4 },
		{ id: 'opp1', kind: 'opportunity', title: '社区团购' }
	]
};

async function serverPlan(baseUrl: string, board: CreatedBoard): Promise<PlanBody['plan']> {
	const response = await fetch(`${baseUrl}/api/boards/${board.id}/plan.json?token=${board.viewToken}`);
	expect(response.status).toBe(200);
	return ((await response.json()) as PlanBody).plan;
}

/** Card titles as a page shows them, by id. */
async function shownTitles(page: Page): Promise<Record<string, string>> {
	const cards = page.locator('[data-card-id] .title, [data-card-id] h3');
	await expect(cards.first()).toBeVisible();
	return page.evaluate(() => {
		const out: Record<string, string> = {};
		for (const el of document.querySelectorAll<HTMLElement>('[data-card-id]')) out[el.dataset.cardId!] = el.innerText;
		return out;
	});
}

async function setTitle(page: Page, cardId: string, title: string): Promise<void> {
	await page.locator(`[data-card-id="${cardId}"]`).click();
	const input = page.getByTestId('card-title-input');
	await input.fill(title);
	await page.keyboard.press('Escape'); // leave the field
	await page.keyboard.press('Escape'); // close the details
}

/** Open a board in its own context and wait until it is saved and this build's service worker runs the page's scope. */
async function openWithWorker(context: BrowserContext, url: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(url);
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	// installed (every file of this build and both shells cached) and active
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	return page;
}

/** Reload, accepting the leave prompt; returns the kind of dialog shown (or null). */
async function reloadAccepting(page: Page): Promise<string | null> {
	let shown: string | null = null;
	const onDialog = (dialog: import('@playwright/test').Dialog) => {
		shown = dialog.type();
		void dialog.accept();
	};
	page.on('dialog', onDialog);
	await page.reload();
	page.off('dialog', onDialog);
	return shown;
}

test('offline edits are kept and sync when the socket comes back', async ({ browser, request, server }) => {
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

	// the socket goes away (the browser still believes it is online)
	online = false;
	for (const ws of sockets.splice(0)) await ws.close({ code: 1001, reason: 'offline' });
	await expect(status).toHaveText('Offline');

	// work continues locally, counted
	await alice.getByRole('button', { name: 'Add opportunity' }).click();
	await alice.keyboard.type('Written offline');
	await alice.keyboard.press('Escape');
	await expect(alice.locator('[data-card-id]', { hasText: 'Written offline' })).toHaveCount(1);
	await expect(status).toHaveText(KEPT);
	await expect(bob.locator('[data-card-id]', { hasText: 'Written offline' })).toHaveCount(0);

	// the socket comes back: the provider reconnects by itself and sends what it kept
	online = true;
	await expect(status).toHaveText('Saved', { timeout: 15_000 });
	await expect(bob.locator('[data-card-id]', { hasText: 'Written offline' })).toHaveCount(1);
	expect((await serverPlan(server.url, board)).cards.map((c) => c.title)).toContain('Written offline');
	await context.close();
	await bob.context().close();
});

test('A goes offline, both edit the same and different cards, A reloads offline, comes back: both converge', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: newStorePlan });
	const aliceContext = await browser.newContext();
	const alice = await openWithWorker(aliceContext, boardPath(server, board));
	const bob = await openBoard(browser, boardPath(server, board));
	const aliceStatus = alice.getByTestId('sync-status');

	await aliceContext.setOffline(true);
	// the window's offline event, not a socket timeout: within 2 s
	await expect(aliceStatus).toHaveText('Offline', { timeout: 2_000 });

	// the same card: Alice renames the role, Bob changes its cost; then both rename the risk
	await setTitle(alice, 'role1', '华东区店长（离线）');
	await expect(aliceStatus).toHaveText(KEPT);
	await bob.locator('[data-card-id="role1"]').click();
	const cost = bob.getByLabel(/Monthly cost per person/);
	await cost.fill('42,000');
	await cost.press('Enter');
	await bob.keyboard.press('Escape');
	await setTitle(bob, 'risk1', '租金上涨（鲍勃）');
	await setTitle(alice, 'risk1', '租金上涨（爱丽丝）');
	// different cards: Bob edits the opportunity, Alice adds one
	await setTitle(bob, 'opp1', '社区团购试点');
	await alice.getByRole('button', { name: 'Add opportunity' }).click();
	// the new card's title field has focus (and is bound to its shared text) before typing starts
	await expect(alice.getByTestId('card-title-input')).toBeFocused();
	await alice.keyboard.type('离线时想到的合作渠道');
	await expect(alice.locator('[data-card-id]', { hasText: '离线时想到的合作渠道' })).toHaveCount(1);
	await alice.keyboard.press('Escape');
	await expect(aliceStatus).toHaveText(KEPT);
	const unsentBefore = Number(await aliceStatus.getAttribute('data-unsent'));
	expect(unsentBefore).toBeGreaterThanOrEqual(1);
	await expect(bob.locator('[data-card-id="role1"]')).not.toContainText('离线');
	await expect(bob.getByTestId('sync-status')).toHaveText('Saved');

	// reload while offline: the tab asks first, then the app opens from the service worker and the copy here
	expect(await reloadAccepting(alice)).toBe('beforeunload');
	await expect(alice.locator('[data-card-id="role1"]')).toContainText('华东区店长（离线）', { timeout: 15_000 });
	await expect(alice.locator('[data-card-id]', { hasText: '离线时想到的合作渠道' })).toHaveCount(1);
	await expect(aliceStatus).toHaveText(KEPT);
	expect(Number(await aliceStatus.getAttribute('data-unsent'))).toBe(unsentBefore);

	// back online: A sends what it kept and gets what B did
	await aliceContext.setOffline(false);
	await expect(aliceStatus).toHaveText('Saved', { timeout: 15_000 });
	await expect(alice.locator('[data-card-id="opp1"]')).toContainText('社区团购试点');
	await expect(bob.locator('[data-card-id]', { hasText: '离线时想到的合作渠道' })).toHaveCount(1);

	const plan = await serverPlan(server.url, board);
	const byId = Object.fromEntries(plan.cards.map((c) => [c.id, c]));
	expect(byId.role1).toMatchObject({ title: '华东区店长（离线）', monthlyCost: 4_200_000 });
	expect(byId.opp1.title).toBe('社区团购试点');
	// titles are shared text: both renamed the same title and both words are kept (in either order)
	expect(['租金上涨（鲍勃）（爱丽丝）', '租金上涨（爱丽丝）（鲍勃）']).toContain(byId.risk1.title);
	expect(plan.cards.map((c) => c.title)).toContain('离线时想到的合作渠道');
	// both browsers show exactly the server's plan
	const expected = Object.fromEntries(plan.cards.map((c) => [c.id, c.title]));
	await expect.poll(async () => Object.fromEntries(Object.entries(await shownTitles(alice)).map(([id, text]) => [id, expected[id] && text.includes(expected[id]) ? expected[id] : text]))).toEqual(expected);
	await expect.poll(async () => Object.fromEntries(Object.entries(await shownTitles(bob)).map(([id, text]) => [id, expected[id] && text.includes(expected[id]) ? expected[id] : text]))).toEqual(expected);
	await aliceContext.close();
	await bob.context().close();
});

test.describe('server restarts', () => {
	let dataDir: string;
	let running: ServerProcess | null = null;
	test.beforeEach(() => {
		dataDir = tempDataDir();
	});
	test.afterEach(async () => {
		await running?.kill();
		running = null;
		removeDir(dataDir);
	});

	test('the server killed and restarted mid-session: nothing lost, both reconnect by themselves', async ({ browser }) => {
		running = await startServerProcess({ dataDir });
		const first = running;
		const created = await fetch(`${first.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: newStorePlan }) });
		const board = (await created.json()) as CreatedBoard;
		const link = `${first.url}/b/${board.id}?token=${board.editToken}`;
		const aliceContext = await browser.newContext();
		const bobContext = await browser.newContext();
		const alice = await openWithWorker(aliceContext, link);
		const bob = await openWithWorker(bobContext, link);
		await setTitle(alice, 'role1', '区域经理');
		await expect(alice.getByTestId('sync-status')).toHaveText('Saved');
		await expect(bob.locator('[data-card-id="role1"]')).toContainText('区域经理');

		await first.kill();
		await expect(alice.getByTestId('sync-status')).toHaveText(/^Offline/);
		await expect(bob.getByTestId('sync-status')).toHaveText(/^Offline/);
		// edits go on while the server is down
		await setTitle(alice, 'risk1', '停机期间改的风险');
		await setTitle(bob, 'opp1', '停机期间改的机会');
		await expect(alice.getByTestId('sync-status')).toHaveText(KEPT);

		running = await startServerProcess({ dataDir, port: first.port });
		// no reload, no click: the providers' retries find the server again
		await expect(alice.getByTestId('sync-status')).toHaveText('Saved', { timeout: 20_000 });
		await expect(bob.getByTestId('sync-status')).toHaveText('Saved', { timeout: 20_000 });
		await expect(alice.locator('[data-card-id="opp1"]')).toContainText('停机期间改的机会');
		await expect(bob.locator('[data-card-id="risk1"]')).toContainText('停机期间改的风险');
		const plan = await serverPlan(running.url, board);
		const titles = Object.fromEntries(plan.cards.map((c) => [c.id, c.title]));
		expect(titles).toMatchObject({ role1: '区域经理', risk1: '停机期间改的风险', opp1: '停机期间改的机会' });
		await aliceContext.close();
		await bobContext.close();
	});

	test('a new build deployed while a tab is open: the notice appears, Reload picks it up, nothing lost', async ({ browser }) => {
		running = await startServerProcess({ dataDir });
		const first = running;
		const created = await fetch(`${first.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: newStorePlan }) });
		const board = (await created.json()) as CreatedBoard;
		const context = await browser.newContext();
		const page = await openWithWorker(context, `${first.url}/b/${board.id}?token=${board.editToken}`);
		const oldCaches = await page.evaluate(() => caches.keys());
		expect(oldCaches).toHaveLength(1);
		await expect(page.getByTestId('new-version')).toHaveCount(0);

		// deploy: stop the server, start the next build on the same port and data (see makeNextBuild)
		const next = makeNextBuild(`e2e-next-${Date.now()}`);
		try {
			await first.stop();
			await setTitle(page, 'role1', '部署期间的修改');
			running = await startServerProcess({ dataDir, port: first.port, buildDir: next.dir });
			await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 20_000 });
			// the page looks for a new version when its socket comes back; the new worker installs and waits
			await expect(page.getByTestId('new-version')).toBeVisible({ timeout: 20_000 });
			// while it waits, this page still runs on the old version's cache, beside the new one
			const both = await page.evaluate(() => caches.keys());
			expect(both).toHaveLength(2);
			expect(both).toContain(oldCaches[0]);
			expect(both).toContainEqual(expect.stringMatching(/e2e-next-/));

			await setTitle(page, 'opp1', '新版本通知出现后的修改');
			await page.getByTestId('new-version').getByRole('button', { name: 'Reload' }).click();
			await page.waitForURL(/\/b\//);
			await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 20_000 });
			await expect(page.getByTestId('new-version')).toHaveCount(0);
			// the new version's cache replaced the old one
			await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([expect.stringMatching(/e2e-next-/)]);
			expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
			await expect(page.locator('[data-card-id="role1"]')).toContainText('部署期间的修改');
			await expect(page.locator('[data-card-id="opp1"]')).toContainText('新版本通知出现后的修改');
			const titles = Object.fromEntries((await serverPlan(running.url, board)).cards.map((c) => [c.id, c.title]));
			expect(titles).toMatchObject({ role1: '部署期间的修改', opp1: '新版本通知出现后的修改' });
		} finally {
			await context.close();
			next.remove();
		}
	});
});
