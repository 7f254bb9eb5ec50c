/**
 * Screenshots of the main screens for review (home, empty board, template board, over-budget
 * board, view-only board, card details, spend chart) into screenshots/. Opt-in: SCREENSHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard, thousandCards } from './board-helpers.ts';

const dir = fileURLToPath(new URL('../../screenshots/', import.meta.url));

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to write review screenshots');

test('screenshots of the main screens', async ({ browser, request, server }) => {
	mkdirSync(dir, { recursive: true });
	// animations disabled: transitions are finished, so what is shot does not depend on when
	const shot = (page: import('@playwright/test').Page, name: string) => page.screenshot({ path: `${dir}${name}.png`, animations: 'disabled' });

	// home with two remembered boards
	const home = await (await browser.newContext()).newPage();
	await home.goto(server.url);
	await home.getByLabel('Plan title').fill('Open the Singapore office');
	await home.getByRole('button', { name: 'Create board' }).click();
	await expect(home.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await expect(home.locator('[data-card-id]').first()).toBeVisible();
	await shot(home, 'template-board');
	const templateUrl = home.url();

	await home.goto(server.url);
	await home.getByLabel('Plan title').fill('Blank plan');
	await home.getByText('Blank board', { exact: true }).click();
	await home.getByRole('button', { name: 'Create board' }).click();
	await expect(home.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	// the new board is drawn (no cards held before it: a count of 0 alone would pass at once)
	await expect(home.getByTestId('board-title')).toHaveText('Blank plan');
	await expect(home.locator('[data-card-id]')).toHaveCount(0);
	await shot(home, 'empty-board');
	await home.goto(server.url);
	await expect(home.locator('[data-board-id]')).toHaveCount(2);
	await shot(home, 'home');

	// the server-rendered first screen, as it looks before the app's scripts have run
	const bare = await (await browser.newContext()).newPage();
	await bare.route('**/_app/immutable/**/*.js', (route) => route.abort());
	await bare.goto(templateUrl);
	await expect(bare.getByTestId('board-preview')).toBeVisible();
	await shot(bare, 'first-screen');
	await bare.context().close();

	// template board: card details and the spend chart
	const editor = await openBoard(browser, templateUrl);
	await editor.locator('[data-kind=milestone]').nth(1).click();
	await expect(editor.getByTestId('card-panel')).toBeVisible();
	await shot(editor, 'card-details');
	await editor.keyboard.press('Escape');
	await editor.getByRole('button', { name: 'Monthly spend' }).click();
	await expect(editor.getByTestId('spend-chart')).toBeVisible();
	await shot(editor, 'spend-chart');
	await editor.keyboard.press('Escape');

	// view-only board while an editor works on a card (presence, cursor, marker)
	const info = await (await request.get(`${server.url}/api/boards/${new URL(templateUrl).pathname.split('/')[2]}?token=${new URL(templateUrl).searchParams.get('token')}`)).json();
	const viewer = await openBoard(browser, `${server.url}/b/${info.id}?token=${info.viewToken}`);
	await editor.locator('[data-kind=role]').first().click();
	const target = (await editor.locator('[data-kind=goal]').first().boundingBox())!;
	await editor.mouse.move(target.x + 60, target.y + 60, { steps: 4 });
	await expect(viewer.locator('[data-card-id].watched')).toHaveCount(1);
	await expect(viewer.getByTestId('remote-cursor')).toBeVisible();
	await shot(viewer, 'view-only-board');

	// over budget
	const start = '2027-01';
	const over = await createBoard(request, server, {
		plan: {
			title: 'Retail expansion',
			currency: 'USD',
			budget: 500_000_000,
			startMonth: start,
			horizonMonths: 18,
			cards: [
				{ id: 'eng', kind: 'role', title: 'Engineering team', headcount: 8, monthlyCost: 1_800_000, startMonth: start },
				{ id: 'ops', kind: 'role', title: 'Store managers', headcount: 6, monthlyCost: 900_000, startMonth: '2027-03' },
				{ id: 'lead', kind: 'role', title: 'Country lead', headcount: 1, monthlyCost: 2_500_000, startMonth: start },
				{ id: 'lease', kind: 'spend', title: 'Flagship store lease', category: 'operations', amount: 6_000_000, recurrence: 'monthly', startMonth: start },
				{ id: 'fit', kind: 'spend', title: 'Store fit-out', category: 'product', amount: 45_000_000, recurrence: 'once', startMonth: '2027-02' },
				{ id: 'ads', kind: 'spend', title: 'Launch campaign', category: 'marketing', amount: 4_000_000, recurrence: 'monthly', startMonth: '2027-04', endMonth: '2027-09' },
				{ id: 'goal', kind: 'goal', title: 'Profitable flagship by month 12' },
				{ id: 'm1', kind: 'milestone', title: 'Lease signed', goalId: 'goal', order: 1, status: 'done', dueMonth: '2027-02' },
				{ id: 'm2', kind: 'milestone', title: 'Grand opening', goalId: 'goal', order: 2, status: 'doing', dueMonth: '2027-05' },
				{ id: 'risk', kind: 'risk', title: 'Foot traffic below forecast', likelihood: 4, impact: 5, mitigation: 'Pop-up events and local partnerships' }
			]
		}
	});
	const overPage = await openBoard(browser, boardPath(server, over));
	await expect(overPage.getByTestId('budget-over')).toBeVisible();
	await shot(overPage, 'over-budget-board');


	// a 1,000-card board: first view, then fitted (cards drawn as blocks)
	const big = await createBoard(request, server, {
		plan: { title: 'Thousand cards', currency: 'CNY', budget: 1_000_000_000, startMonth: start, horizonMonths: 24, cards: thousandCards(start) }
	});
	const bigPage = await openBoard(browser, boardPath(server, big));
	await expect(bigPage.locator('[data-card-id]').first()).toBeVisible();
	await shot(bigPage, 'large-board');
	await bigPage.getByRole('button', { name: 'Fit' }).click();
	// fitted, 1,000 cards are drawn as blocks
	await expect(bigPage.locator('[data-card-id].detail-block').first()).toBeVisible();
	await shot(bigPage, 'large-board-fit');
});
