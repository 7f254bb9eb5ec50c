/**
 * The board page arrives with its first screen rendered by the server: the top of the board is
 * drawn before any of the app's scripts run, exactly where the live board then shows it, and the
 * live board replaces it once it has the content. Bad links get their error page from the server.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, thousandCards } from './board-helpers.ts';

const VIEWPORT = { width: 1280, height: 800 };

/** A page whose app scripts never load: only the server's HTML, its inline CSS and inline script. */
async function withoutAppScripts(browser: Browser, url: string): Promise<Page> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	const page = await context.newPage();
	await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
	await page.goto(url);
	return page;
}

async function boxOf(page: Page, id: string) {
	const box = await page.locator(`[data-card-id="${id}"]`).boundingBox();
	expect(box).not.toBeNull();
	return { x: Math.round(box!.x), y: Math.round(box!.y), width: Math.round(box!.width) };
}

test('the first screen is drawn from the server, where the live board then shows it', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: { title: 'Coffee chain in Chengdu', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24, cards: thousandCards('2027-01') } });

	const bare = await withoutAppScripts(browser, boardPath(server, board));
	const preview = bare.getByTestId('board-preview');
	await expect(preview).toBeVisible();
	await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Coffee chain in Chengdu');
	await expect(preview.getByRole('status')).toHaveText('Connecting');
	// the first card of each zone is on screen, with its face (title and facts)
	await expect(bare.locator('[data-card-id="c0000"]')).toContainText('Role 0');
	await expect(bare.locator('[data-card-id="c0000"]')).toContainText('From Jan ’27');
	await expect(bare.locator('[data-card-id="c0001"]')).toContainText('Risk 1');
	await expect(bare.locator('[data-card-id="c0003"]')).toContainText('Spend 3');
	// only the top of the board: far fewer than 1,000 cards in the HTML
	const shown = await bare.locator('[data-card-id]').count();
	expect(shown).toBeGreaterThan(20);
	expect(shown).toBeLessThan(150);
	const before = await Promise.all(['c0000', 'c0001', 'c0003'].map((id) => boxOf(bare, id)));
	// the whole board's budget and zone totals, not only the top's
	const bar = preview.getByRole('contentinfo', { name: 'Budget' });
	const figures = await bar.locator('.stats').innerText();
	expect(figures).toMatch(/allocated\s+\d+%/i);
	const zoneLines = await preview.locator('[data-zone] .stat').allInnerTexts();
	expect(zoneLines.every((line) => line.length > 0)).toBe(true);
	await bare.context().close();

	const context = await browser.newContext({ viewport: VIEWPORT });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(boardPath(server, board));
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await expect(page.getByTestId('board-preview')).toHaveCount(0);
	// one copy of each card, in the same place and size as the server drew it
	await expect(page.locator('[data-card-id="c0000"]')).toHaveCount(1);
	const after = await Promise.all(['c0000', 'c0001', 'c0003'].map((id) => boxOf(page, id)));
	expect(after).toEqual(before);
	// with the same figures in the bar and the zone headers
	expect(await page.getByTestId('budget-bar').locator('.stats').innerText()).toBe(figures);
	expect(await page.locator('[data-zone] .stat').allInnerTexts()).toEqual(zoneLines);
	// and it is the live board: a card opens its details
	await page.locator('[data-card-id="c0001"]').click();
	await expect(page.getByTestId('card-panel')).toBeVisible();
	expect(errors).toEqual([]);
	await context.close();
});

test('view links get a view-only first screen; bad links get their error page from the server', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { title: 'Read me' });
	const viewer = await withoutAppScripts(browser, boardPath(server, board, 'view'));
	await expect(viewer.getByTestId('board-preview')).toContainText('View only');
	await expect(viewer.getByTestId('board-preview')).toContainText('No roles yet');
	await expect(viewer.getByTestId('board-preview')).not.toContainText('Use “Add role”');
	await viewer.context().close();

	const bad = await withoutAppScripts(browser, `${server.url}/b/${board.id}?token=${'x'.repeat(32)}`);
	await expect(bad.getByTestId('board-error')).toHaveAttribute('data-reason', 'bad-token');
	await expect(bad.getByTestId('board-preview')).toHaveCount(0);
	await bad.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA?token=${board.editToken}`);
	await expect(bad.getByTestId('board-error')).toHaveAttribute('data-reason', 'unknown-board');
	await bad.context().close();
	// and the status says so too
	expect((await request.get(`${server.url}/b/${board.id}?token=${'x'.repeat(32)}`)).status()).toBe(401);
	expect((await request.get(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA?token=${board.editToken}`)).status()).toBe(404);
	expect((await request.get(boardPath(server, board, 'view'))).status()).toBe(200);
});

test('the first screen formats money in the page’s language (English for a German browser), as the live board does', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: { title: 'Berlin', currency: 'EUR', budget: 100_000_000, startMonth: '2027-01', horizonMonths: 12, cards: thousandCards('2027-01').slice(0, 8) } });
	const bare = await (await browser.newContext({ viewport: VIEWPORT, locale: 'de-DE' })).newPage();
	await bare.route('**/_app/immutable/**/*.js', (route) => route.abort());
	await bare.goto(boardPath(server, board));
	const drawn = await bare.locator('[data-card-id="c0000"]').innerText();
	// the interface is English or Chinese; a German browser gets English, money included (not 1.000 €)
	expect(drawn).toMatch(/€1,000 \/ mo/);
	await bare.context().close();

	const page = await (await browser.newContext({ viewport: VIEWPORT, locale: 'de-DE' })).newPage();
	await page.goto(boardPath(server, board));
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await expect(page.getByTestId('board-preview')).toHaveCount(0);
	expect(await page.locator('[data-card-id="c0000"]').innerText()).toBe(drawn);
	await page.context().close();
});
