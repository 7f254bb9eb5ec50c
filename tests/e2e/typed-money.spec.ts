/**
 * tests/e2e/typed-money.spec.ts: money fields read amounts as Chinese product leads type them
 * (`4.5万`, `１２０万`, `1.2亿`) into exact minor units; text they cannot read shows the reason inline
 * and stores nothing (the board keeps its value, the create form does not create).
 */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard, planJson } from './board-helpers.ts';

interface PlanAnswer {
	plan: { budget: number; cards: { id: string; monthlyCost?: number; amount?: number }[] };
}

test('card fields: 4.5万 stores ¥45,000.00; unreadable text shows why and stores nothing', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			title: '上海咖啡', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 12,
			cards: [
				{ id: 'r1', kind: 'role', title: '咖啡师', headcount: 2, monthlyCost: 1_200_000, startMonth: '2027-01' },
				{ id: 's1', kind: 'spend', title: '门店装修', category: 'operations', amount: 100_000, recurrence: 'once', startMonth: '2027-02' }
			]
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	const cardValue = async (id: string) => ((await planJson(request, server, board)) as PlanAnswer).plan.cards.find((c) => c.id === id)!;

	await page.locator('[data-card-id="r1"]').click();
	const cost = page.getByLabel(/Monthly cost per person/);
	await cost.fill('4.5万');
	await expect(page.getByText(/^= (CN)?¥45,000$/)).toBeVisible();
	await page.getByRole('complementary', { name: 'Role details' }).screenshot({ path: 'test-results/typed-money-preview.png' });
	await cost.press('Enter');
	await expect(cost).toHaveValue('45,000');
	await expect.poll(async () => (await cardValue('r1')).monthlyCost).toBe(4_500_000);

	await cost.fill('4.5x');
	await cost.press('Enter');
	const error = page.getByRole('alert').filter({ hasText: 'is not an amount' });
	await expect(error).toContainText('“4.5x” is not an amount');
	await expect(cost).toHaveAttribute('aria-invalid', 'true');
	await page.getByRole('complementary', { name: 'Role details' }).screenshot({ path: 'test-results/typed-money-error.png' });
	// blur keeps the refused text and its error on screen; the stored value is unchanged
	await page.keyboard.press('Tab');
	await expect(error).toBeVisible();
	await expect(cost).toHaveValue('4.5x');
	expect((await cardValue('r1')).monthlyCost).toBe(4_500_000);
	await cost.fill('１２０万');
	await cost.press('Enter');
	await expect(error).toHaveCount(0);
	await expect.poll(async () => (await cardValue('r1')).monthlyCost).toBe(120_000_000);

	// Escape reverts nothing here (the field is committed) and then closes the panel
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await expect(page.getByRole('complementary', { name: 'Role details' })).toHaveCount(0);
	await page.locator('[data-card-id="s1"]').click();
	const amount = page.getByLabel(/^Amount/);
	await amount.fill('￥8，000。50');
	await amount.press('Enter');
	await expect.poll(async () => (await cardValue('s1')).amount).toBe(800_050);
	await page.screenshot({ path: 'test-results/typed-money-card.png' });
});

test('create form: 1.2亿 becomes the budget; an unreadable budget does not create a board', async ({ browser, request, server }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(server.url);
	await page.getByLabel('Plan title').fill('新业务');
	const budget = page.getByLabel('Total budget');
	await budget.fill('一千万');
	await page.getByRole('button', { name: 'Create board' }).click();
	await expect(page.getByRole('alert')).toContainText('Write the number in digits');
	await expect(page).not.toHaveURL(/\/b\//);
	await page.screenshot({ path: 'test-results/typed-money-create-error.png' });

	await budget.fill('1.2亿');
	await page.getByRole('button', { name: 'Create board' }).click();
	await expect(page).toHaveURL(/\/b\/[^/?]+\?token=/);
	const id = new URL(page.url()).pathname.split('/')[2];
	const token = new URL(page.url()).searchParams.get('token')!;
	const answer = await request.get(`${server.url}/api/boards/${id}/plan.json?token=${token}`);
	expect(((await answer.json()) as PlanAnswer).plan.budget).toBe(12_000_000_000);
	await context.close();
});
