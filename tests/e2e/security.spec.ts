/**
 * Web hardening in a real Chromium against the production server: every HTML answer carries the
 * security headers; the board works under its Content-Security-Policy (no violation, first screen
 * placed, live board connected); stored scripts and javascript: links in titles, notes and an
 * imported markdown file never run; a link followed from a board sends no Referer (tokens ride in
 * board URLs).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard, pageErrors } from './board-helpers.ts';

/** What a stored payload does if it ever runs: a dialog, and a marker on window. */
const PAYLOADS = [
	`<script>window.__pwned = 'script'; alert('script')</script>`,
	`<img src=x onerror="window.__pwned = 'img'; alert('img')">`,
	`<svg onload="window.__pwned = 'svg'; alert('svg')">`
].join(' ');
const NOTES = [
	'恶意备注 <script>window.__pwned = "notes"; alert("notes")</script>',
	'',
	'[点我看预算](javascript:window.__pwned="link";alert("link")) 和 <a href="javascript:alert(1)">另一个</a>',
	'',
	'[外部链接](https://outside.example/report?ref=board)'
].join('\n');

/** Records CSP violations (the init script runs outside the page's CSP) and dialogs. */
async function watch(page: Page): Promise<{ dialogs: string[] }> {
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	await page.addInitScript(() => {
		const seen: string[] = [];
		const w = window as unknown as { __cspViolations: string[]; __worldAtParse: string | null };
		w.__cspViolations = seen;
		document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
		// before the app starts (it waits for the first frame): what the first screen's inline script did
		document.addEventListener('DOMContentLoaded', () => {
			const world = document.querySelector<HTMLElement>('[data-world]');
			w.__worldAtParse = world ? `${world.style.visibility} ${world.style.transform}` : null;
		});
	});
	return { dialogs };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null);

function expectSecurityHeaders(headers: Record<string, string>): void {
	const csp = headers['content-security-policy'] ?? '';
	expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'sha256-[^']+'/);
	expect(csp).not.toContain('unsafe-inline\' \'nonce'); // scripts: nonce or hash only
	expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("object-src 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('no-referrer');
	expect(headers['x-frame-options']).toBe('DENY');
}

test('home, board, error and bad-link pages all carry the security headers', async ({ request, server }) => {
	const board = await createBoard(request, server, { title: '安全头检查' });
	for (const [path, status] of [
		['/', 200],
		[`/b/${board.id}?token=${board.editToken}`, 200],
		[`/b/${board.id}?token=${board.viewToken}`, 200],
		[`/b/${board.id}?token=${'x'.repeat(32)}`, 401],
		[`/b/${'A'.repeat(22)}?token=${board.editToken}`, 404],
		['/no/such/page', 404]
	] as const) {
		const response = await request.get(`${server.url}${path}`);
		expect(response.status(), path).toBe(status);
		expect(response.headers()['content-type'], path).toContain('text/html');
		expectSecurityHeaders(response.headers());
	}
	// the app's scripts and styles are never sniffed either
	const home = await (await request.get(`${server.url}/`)).text();
	const asset = /"(\.{0,2}\/?_app\/immutable\/[^"]+\.js)"/.exec(home)?.[1];
	expect(asset).toBeDefined();
	const script = await request.get(new URL(asset!, `${server.url}/`).href);
	expect(script.status()).toBe(200);
	expect(script.headers()['x-content-type-options']).toBe('nosniff');
});

test('the board opens and syncs under its CSP: no violation, first screen placed by the hashed script', async ({ page, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			title: '上海咖啡试点',
			currency: 'CNY',
			budget: 1_000_000_000,
			startMonth: '2027-01',
			horizonMonths: 12,
			cards: [{ id: 'r1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 3_000_000, startMonth: '2027-01' }]
		}
	});
	await watch(page);
	await page.goto(boardPath(server, board));
	// the server-rendered world is hidden until its inline script places it: placed = the script ran
	const world = await page.evaluate(() => (window as unknown as { __worldAtParse: string | null }).__worldAtParse);
	expect(world).toMatch(/^visible translate\(-?[\d.]+px, -?[\d.]+px\) scale\([\d.]+\)$/);
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await expect(page.locator('[data-card-id="r1"]').first()).toContainText('店长');
	expect(await violations(page)).toEqual([]);
});

test('stored scripts and javascript: links in titles, notes and imported markdown never run', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			title: `董事会计划 ${PAYLOADS}`,
			currency: 'CNY',
			budget: 500_000_000,
			startMonth: '2027-01',
			horizonMonths: 12,
			cards: [
				{ id: 'g1', kind: 'goal', title: `目标 ${PAYLOADS}`, notes: NOTES },
				{ id: 's1', kind: 'spend', title: `广告 ${PAYLOADS}`, category: 'marketing', amount: 100_000, recurrence: 'once', startMonth: '2027-02', notes: NOTES }
			]
		}
	});
	const markdown = [
		`# 导入的计划 ${PAYLOADS}`,
		'',
		'## Strategy',
		'',
		`### Goal: 拿下市场 ${PAYLOADS}`,
		'',
		...NOTES.split('\n').map((line) => `> ${line}`.trimEnd()),
		''
	].join('\n');
	const imported = await request.post(`${server.url}/api/boards/import`, { headers: { 'content-type': 'text/markdown' }, data: markdown });
	expect(imported.status()).toBe(201);
	const importedBoard = (await imported.json()) as { id: string; editToken: string; viewToken: string; editUrl: string; viewUrl: string };

	for (const url of [boardPath(server, board), boardPath(server, board, 'view'), importedBoard.editUrl, importedBoard.viewUrl]) {
		const context = await browser.newContext();
		const page = await context.newPage();
		const { dialogs } = await watch(page);
		await page.goto(url);
		// an edit link is Saved once synced, a view link View only
		await expect(page.getByTestId('sync-status')).toHaveText(url.includes(board.viewToken) || url === importedBoard.viewUrl ? 'View only' : 'Saved', { timeout: 15_000 });
		const goal = page.locator('[data-card-id]').filter({ hasText: /目标|拿下市场/ }).first();
		// typed HTML is shown as text (the markdown importer keeps only the text of raw HTML)
		await expect(goal).toContainText(url.includes(board.id) ? "<script>window.__pwned = 'script'" : "window.__pwned = 'script'");
		await goal.click();
		const notes = page.getByRole('textbox', { name: /Notes for/ });
		await expect(notes).toContainText('恶意备注');
		// the javascript: links lost their link; clicking their text does nothing
		await expect(notes.locator('a[href^="javascript:" i]')).toHaveCount(0);
		await notes.getByText('点我看预算').click();
		await notes.getByText('另一个').click();
		expect(await pwned(page)).toBeNull();
		expect(dialogs).toEqual([]);
		expect(await violations(page)).toEqual([]);
		expect(pageErrors(page)).toEqual([]);
		await context.close();
	}
});

test('a link followed from a board sends no Referer (the board URL carries its token)', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: { title: '引用来源', currency: 'CNY', budget: 100_000_000, startMonth: '2027-01', horizonMonths: 12, cards: [{ id: 'g1', kind: 'goal', title: '目标', notes: NOTES }] }
	});
	const page = await openBoard(browser, boardPath(server, board, 'view'));
	const outside: Record<string, string>[] = [];
	await page.context().route('https://outside.example/**', async (route) => {
		outside.push(route.request().headers());
		await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>outside</p>' });
	});
	await page.locator('[data-card-id="g1"]').click();
	const link = page.getByRole('textbox', { name: /Notes for/ }).getByRole('link', { name: '外部链接' });
	await expect(link).toHaveAttribute('href', 'https://outside.example/report?ref=board');
	await link.click(); // opens in a new tab
	await expect.poll(() => outside.length).toBeGreaterThan(0);
	for (const headers of outside) {
		expect(headers['referer']).toBeUndefined();
		expect(JSON.stringify(headers)).not.toContain(board.viewToken);
	}
});
