/**
 * A 1,000-card board (created through the API with a plan) opens, draws only what is in view,
 * pans to new cards and zooms out without falling over.
 */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard, pageErrors, thousandCards } from './board-helpers.ts';

test('a 1,000-card board renders only what is in view and pans to more', async ({ browser, request, server }) => {
	const start = '2027-01';
	const board = await createBoard(request, server, {
		plan: { title: 'Thousand cards', currency: 'CNY', budget: 1_000_000_000, startMonth: start, horizonMonths: 24, cards: thousandCards(start) }
	});
	const page = await openBoard(browser, boardPath(server, board));
	const canvas = page.getByTestId('canvas');
	const cards = page.locator('[data-card-id]');

	// 250 roles × 1,000.00 × 24 months + 250 × 500.00 once = 6,125,000.00 allocated
	await expect(page.getByTestId('budget-allocated')).toContainText('6,125,000');
	await expect(page.getByTestId('budget-team')).toContainText('250');

	await expect(cards.first()).toBeVisible();
	const drawn = await cards.count();
	expect(drawn).toBeGreaterThan(10);
	expect(drawn).toBeLessThan(400); // culled: far fewer than 1,000 in the DOM
	const before = new Set(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-card-id'))));

	// scroll down several screens (wheel / two-finger scroll pans; a background drag selects)
	await page.mouse.move(700, 500);
	for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 600);
	await expect
		.poll(async () => (await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-card-id')))).some((id) => !before.has(id)))
		.toBe(true);
	expect(await cards.count()).toBeLessThan(400);

	// zoom all the way out: cards become simple blocks, the page keeps working
	await page.getByRole('button', { name: 'Fit' }).click();
	await expect(canvas).toHaveAttribute('data-zoom', /^0\.1/);
	await expect(cards.first()).toBeVisible();
	expect(pageErrors(page)).toEqual([]);
});
