/** Automated WCAG 2 A/AA audit (axe-core) of the home page, a board, the card panel and every dialog. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { boardPath, createBoard, openBoard } from './board-helpers.ts';

/** WCAG 2.0/2.1/2.2 level A and AA violations on the page (or inside `include`), as readable lines. */
async function violations(page: Page, include?: string): Promise<string[]> {
	let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
	if (include) builder = builder.include(include);
	const result = await builder.analyze();
	return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`));
}

test('home, board, card panel and every dialog pass an axe WCAG 2 A/AA audit', async ({ browser, request, server }) => {
	test.setTimeout(300_000); // fourteen axe runs take about a minute on a busy two-core machine
	const board = await createBoard(request, server, {
		plan: {
			title: '深圳新零售',
			currency: 'CNY',
			budget: 1_000_000_000,
			startMonth: '2027-01',
			horizonMonths: 24,
			cards: [
				{ id: 'r', kind: 'role', title: '店长', headcount: 2, monthlyCost: 2_000_000, startMonth: '2027-01' },
				{ id: 'g', kind: 'goal', title: '覆盖十个城市', notes: '先做深圳' },
				{ id: 'm', kind: 'milestone', title: '第一家店', goalId: 'g', order: 1, status: 'doing' },
				{ id: 'k', kind: 'risk', title: '租金上涨', likelihood: 4, impact: 5 },
				{ id: 'o', kind: 'opportunity', title: '会员体系' },
				{ id: 's', kind: 'spend', title: '装修', category: 'operations', amount: 80_000_000, recurrence: 'once', startMonth: '2027-02' }
			]
		}
	});
	const home = await (await browser.newContext()).newPage();
	await home.goto(server.url);
	await expect(home.getByRole('heading').first()).toBeVisible();
	expect.soft(await violations(home), 'home').toEqual([]);

	const page = await openBoard(browser, boardPath(server, board));
	expect.soft(await violations(page), 'board').toEqual([]);

	await page.locator('[data-card-id="r"]').click();
	await expect(page.getByTestId('card-panel')).toBeVisible();
	expect.soft(await violations(page), 'card panel (role)').toEqual([]);
	await page.locator('[data-card-id="m"]').click();
	expect.soft(await violations(page, '[data-testid="card-panel"]'), 'card panel (milestone)').toEqual([]);
	await page.keyboard.press('Escape');

	await page.locator('[data-card-id="g"]').click({ button: 'right' });
	await expect(page.getByTestId('card-menu')).toBeVisible();
	expect.soft(await violations(page, '[data-testid="card-menu"]'), 'card menu').toEqual([]);
	await page.keyboard.press('Escape');

	/** Open a dialog from the board's ⋯ menu. */
	const fromMenu = (item: string) => async () => {
		await page.getByRole('button', { name: 'More' }).click();
		await page.getByRole('menuitem', { name: item }).click();
	};
	const dialogs: [string, () => Promise<void>][] = [
		['share', () => page.getByRole('button', { name: 'Share' }).click()],
		['settings', () => page.getByRole('button', { name: 'Board settings' }).click()],
		['shortcuts', () => page.keyboard.press('?')],
		['find', () => page.getByTestId('find-button').click()],
		['chart', () => page.getByRole('button', { name: 'Monthly spend' }).click()],
		['checkpoints', fromMenu('Checkpoints')],
		['delete board', fromMenu('Delete board…')],
		['remove offline copies', fromMenu('Remove offline copies')]
	];
	for (const [name, open] of dialogs) {
		const dialog = page.locator('dialog[open]');
		// the previous dialog's close event arrives a task after Escape: retry opening until it has
		await expect(async () => {
			await open();
			await expect(dialog, name).toBeVisible({ timeout: 1000 });
		}).toPass();
		if (name === 'find') await page.getByTestId('find-input').fill('店');
		expect.soft(await violations(page, 'dialog[open]'), `${name} dialog`).toEqual([]);
		if (name === 'find') {
			// results found by an amount show the amount that matched
			await page.getByTestId('find-input').fill('2万');
			await expect(page.getByTestId('find-result')).toContainText('¥20,000');
			expect.soft(await violations(page, 'dialog[open]'), 'find dialog, amount results').toEqual([]);
		}
		await page.keyboard.press('Escape');
		await expect(dialog, `${name} closes on Escape`).toHaveCount(0);
	}
});
