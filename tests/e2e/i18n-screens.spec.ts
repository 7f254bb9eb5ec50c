/**
 * Screenshots for review of the board, the card panel and present mode in 简体中文 and English at
 * 1280×800, 390×844 (touch) and 768×1024 (touch), into screenshots/i18n/. Opt-in: SCREENSHOTS=1.
 * Beyond the pictures it checks that the page is in the language asked for.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { createBoard } from './board-helpers.ts';

const dir = fileURLToPath(new URL('../../screenshots/i18n/', import.meta.url));

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to write review screenshots');

const SIZES = [
	{ name: 'desktop', width: 1280, height: 800, touch: false },
	{ name: 'phone', width: 390, height: 844, touch: true },
	{ name: 'tablet', width: 768, height: 1024, touch: true }
];
const START = '2027-01';
const PLAN = {
	title: '上海咖啡店试点',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: START,
	horizonMonths: 24,
	cards: [
		{ id: 'lead', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: START },
		{ id: 'barista', kind: 'role', title: '咖啡师', headcount: 4, monthlyCost: 900_000, startMonth: '2027-03' },
		{ id: 'goal', kind: 'goal', title: '第一年开出三家店' },
		{ id: 'm1', kind: 'milestone', title: '签下第一家店的租约', goalId: 'goal', order: 1, status: 'doing', dueMonth: '2027-02' },
		{ id: 'm2', kind: 'milestone', title: '第三家店开业', goalId: 'goal', order: 2, status: 'todo', dueMonth: '2027-11' },
		{ id: 'risk', kind: 'risk', title: '客流低于预期', likelihood: 3, impact: 4, mitigation: '先做会员预售' },
		{ id: 'rent', kind: 'spend', title: '门店租金', category: 'operations', amount: 4_500_000, recurrence: 'monthly', startMonth: START },
		{ id: 'fit', kind: 'spend', title: '装修', category: 'product', amount: 30_000_000, recurrence: 'once', startMonth: '2027-02' }
	]
};

for (const locale of ['zh-CN', 'en-US']) {
	for (const size of SIZES) {
		test(`${locale} at ${size.width}×${size.height}: board, card panel, present mode`, async ({ browser, request, server }) => {
			mkdirSync(dir, { recursive: true });
			const name = (step: string) => `${dir}${locale}-${size.name}-${step}.png`;
			const board = await createBoard(request, server, { plan: PLAN });
			const context = await browser.newContext({
				locale,
				viewport: { width: size.width, height: size.height },
				hasTouch: size.touch,
				isMobile: size.touch,
				deviceScaleFactor: 1
			});
			const page = await context.newPage();
			await page.goto(`${server.url}/b/${board.id}?token=${board.editToken}`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale === 'en-US' ? 'en' : 'zh-CN');
			await expect(page.getByTestId('sync-status')).toHaveText(locale === 'en-US' ? 'Saved' : '已保存', { timeout: 15_000 });
			await page.screenshot({ path: name('1-board'), animations: 'disabled' });
			await page.locator('[data-card-id]').first().click();
			await expect(page.getByTestId('card-panel')).toBeVisible();
			await page.screenshot({ path: name('2-card-panel'), animations: 'disabled' });
			await page.goto(`${server.url}/b/${board.id}/present?token=${board.editToken}`);
			const slide = page.getByTestId('present').getByTestId('slide');
			for (let i = 1; i <= 5; i++) {
				await expect(slide).toBeVisible({ timeout: 15_000 });
				await page.screenshot({ path: name(`3-present-${i}`), animations: 'disabled' });
				await page.keyboard.press('ArrowRight');
			}
			await context.close();
		});
	}
}
