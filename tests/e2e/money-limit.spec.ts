/** The amount field says how much it may hold: the plan's costs stay within what is counted exactly. */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard, planJson } from './board-helpers.ts';

test('an amount past the plan cost limit is refused in the field with “At most …”', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			title: '十年计划',
			currency: 'CNY',
			budget: 1_000_000_000,
			startMonth: '2027-01',
			horizonMonths: 120,
			cards: [{ id: 's1', kind: 'spend', title: '租金', category: 'operations', amount: 10_000_000, recurrence: 'monthly', startMonth: '2027-01' }]
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	await page.locator('[data-card-id="s1"]').click();
	const amount = page.getByLabel('Amount per month');
	await amount.fill('9,999,999,999,999.99');
	await amount.press('Enter');
	// 2^53 − 1 minor units over 120 months: 75,059,993,789,508 fen a month
	await expect(page.getByTestId('money-limit')).toHaveText('At most ¥750,599,937,895.08 here, so every total stays exact');
	await amount.fill('750,599,937,895.08');
	await amount.press('Enter');
	await expect(page.getByTestId('money-limit')).toHaveCount(0);
	await expect
		.poll(async () => ((await planJson(request, server, board)) as { budget: { allocated: number } }).budget.allocated)
		.toBe(75_059_993_789_508 * 120);
});
