/** Find (Ctrl/Cmd+K) also finds the decisions and action items of reviews by their owner. */
import { test, expect } from './fixtures.ts';
import { boardPath, createBoard, openBoard, pageErrors } from './board-helpers.ts';

const META = { title: '深圳新零售', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24 };
const AT = '2027-01-05T09:00:00.000Z';

test('find: an owner finds their action items; choosing one opens the decisions slide with it open', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		plan: {
			...META,
			cards: [{ id: 'r1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: '2027-01' }],
			reviews: {
				checkpoints: [],
				items: [
					{ id: 'd1', kind: 'decision', text: '先开深圳店', createdAt: AT },
					{ id: 'a1', kind: 'action', text: '联系房东谈租金', owner: '王芳', dueMonth: '2027-02', createdAt: AT },
					{ id: 'a2', kind: 'action', text: '招聘店长', owner: 'Li Wei', createdAt: AT }
				]
			}
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	await page.keyboard.press('ControlOrMeta+k');
	await page.keyboard.type('王芳');
	const items = page.getByTestId('find-item-result');
	await expect(items).toHaveCount(1);
	await expect(items).toContainText('联系房东谈租金');
	await expect(items).toContainText('Owner: 王芳');
	await expect(page.getByTestId('find-result')).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('find-owner.png') });
	// a card title and an owner in one query: the card first, then the item
	await page.getByTestId('find-input').fill('店长');
	await expect(page.getByTestId('find-result')).toHaveCount(1);
	await expect(items).toHaveCount(1);
	await expect(items).toContainText('招聘店长');
	await page.getByTestId('find-input').fill('wei');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/present\?.*slide=decisions/);
	const slide = page.getByTestId('present').getByTestId('slide');
	await expect(slide).toHaveAttribute('data-kind', 'decisions');
	await expect(slide.getByTestId('review-item')).toHaveCount(3);
	const dialog = page.getByTestId('review-item-dialog');
	await expect(dialog).toBeVisible();
	await expect(dialog.locator('#item-owner')).toHaveValue('Li Wei');
	await page.screenshot({ path: test.info().outputPath('find-owner-present.png') });
	expect(pageErrors(page)).toEqual([]);
});
