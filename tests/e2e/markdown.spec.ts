/**
 * tests/e2e/markdown.spec.ts (UI helper / lead): Export → Markdown downloads "<title>.md" with the
 * same bytes as the API; "New board from markdown" on home creates a board from pasted markdown.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard, openBoard } from './board-helpers.ts';

test('Export → Markdown downloads <title>.md with the board as markdown', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		title: '上海 coffee',
		plan: {
			title: '上海 coffee', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 12,
			cards: [{ id: 'r1', kind: 'role', title: 'Barista', headcount: 3, monthlyCost: 1_200_000, startMonth: '2027-02' }]
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	await page.getByRole('button', { name: 'More' }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
	expect(download.suggestedFilename()).toBe('上海 coffee.md');
	const text = await readFile((await download.path())!, 'utf8');
	const api = await request.get(`${server.url}/api/boards/${board.id}/export.md?token=${board.viewToken}`);
	expect(text).toBe(await api.text());
	expect(text).toContain('| Barista <!-- id=r1 ');
});

test('Export → Markdown of a Chinese board downloads it in Chinese', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, {
		title: '成都咖啡',
		plan: {
			title: '成都咖啡', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 12, language: 'zh-CN',
			cards: [{ id: 'r1', kind: 'role', title: '咖啡师', headcount: 3, monthlyCost: 4_500_000, startMonth: '2027-02' }]
		}
	});
	const page = await openBoard(browser, boardPath(server, board));
	await page.getByRole('button', { name: 'More' }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
	const text = await readFile((await download.path())!, 'utf8');
	expect(text).toContain('\n## 团队\n\n| 角色 | 级别 | 人数 | 每人月成本 | 开始 | 结束 | 总成本 |\n');
	expect(text).toContain('| 咖啡师 <!-- id=r1 ');
	expect(text).toContain('45,000.00 CNY');
	expect(text).not.toContain('## Team');
});

test('home: New board from markdown creates the board and opens it', async ({ browser, server }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(server.url);
	await page.getByTestId('import-markdown-open').click();
	await page.getByTestId('import-markdown-text').fill('# Pasted plan\n\n## Team\n\n| Role | Headcount | Start |\n| --- | --- | --- |\n| Pasted role | 2 | 2027-01 |\n');
	await page.getByTestId('import-markdown-submit').click();
	// no budget, horizon … given: the defaults are listed first
	await page.getByTestId('import-warnings-open').click();
	await expect(page).toHaveURL(/\/b\/[^/?]+\?token=/);
	await expect(page.locator('[data-card-id]', { hasText: 'Pasted role' })).toHaveCount(1, { timeout: 15_000 });

	await page.goto(server.url);
	await page.getByTestId('import-markdown-open').click();
	await page.getByTestId('import-markdown-text').fill('# Bad\n\n## Team\n\n| Role | Start |\n| --- | --- |\n| Dev | someday |\n');
	await page.getByTestId('import-markdown-submit').click();
	await expect(page.getByRole('alert')).toContainText('Line 7: "someday" is not a month');
});

test('home: import warnings are shown before the board exists — go back and edit, or open anyway', async ({ browser, request, server }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(server.url);
	await page.getByTestId('import-markdown-open').click();
	const chinese =
		'# 成都咖啡\n\n## 团队\n\n| 角色 | 人数 | 月成本（元） | 开始 |\n| --- | ---: | ---: | --- |\n| 店长 | 1 | 2.5万 | 2027-03 |\n| 咖啡师 | 3 | 8,000 | 2027-04 |\n\n## 其他想法\n\n以后再说\n\n## 竞品分析\n\n星巴克\n';
	await page.getByTestId('import-markdown-text').fill(chinese);
	await page.getByTestId('import-markdown-submit').click();
	const dialog = page.getByTestId('import-warnings');
	await expect(dialog).toBeVisible();
	const heading = dialog.getByRole('heading');
	await expect(heading).toHaveText(/^\d+ things were not understood$/);
	const count = Number((await heading.textContent())!.split(' ')[0]);
	await expect(dialog.getByRole('listitem')).toHaveCount(count);
	await expect(dialog).toContainText('其他想法');
	await expect(dialog).toContainText('竞品分析');
	await expect(page).not.toHaveURL(/\/b\//);
	await page.screenshot({ path: 'test-results/import-warnings.png' });

	// go back: the text is kept, focus is in it, and no board was created (none remembered)
	await dialog.getByTestId('import-warnings-back').click();
	await expect(dialog).toHaveCount(0);
	await expect(page.getByTestId('import-markdown-text')).toBeFocused();
	await expect(page.getByTestId('import-markdown-text')).toHaveValue(chinese);
	await expect(page.getByText('No boards yet')).toBeVisible();

	// edit away one problem, then open anyway: the board has the 团队 table
	await page.getByTestId('import-markdown-text').fill(chinese.replace('## 其他想法\n\n以后再说\n\n', ''));
	await page.getByTestId('import-markdown-submit').click();
	await expect(heading).toHaveText(`${count - 1} things were not understood`);
	await expect(dialog).not.toContainText('其他想法');
	await page.setViewportSize({ width: 390, height: 844 });
	await expect(dialog.getByTestId('import-warnings-open')).toBeInViewport();
	await page.screenshot({ path: 'test-results/import-warnings-phone.png' });
	await dialog.getByTestId('import-warnings-open').click();
	await expect(page).toHaveURL(/\/b\/[^/?]+\?token=/);
	await expect(page.locator('[data-card-id]', { hasText: '咖啡师' })).toHaveCount(1, { timeout: 15_000 });
	const id = new URL(page.url()).pathname.split('/')[2];
	const token = new URL(page.url()).searchParams.get('token')!;
	const answer = (await (await request.get(`${server.url}/api/boards/${id}/plan.json?token=${token}`)).json()) as {
		plan: { cards: { title: string; monthlyCost?: number }[] };
	};
	expect(answer.plan.cards.map((c) => [c.title, c.monthlyCost])).toEqual([
		['店长', 2_500_000],
		['咖啡师', 800_000]
	]);
	await context.close();
});

test('home: a document without warnings opens its board at once', async ({ browser, server }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto(server.url);
	await page.getByTestId('import-markdown-open').click();
	await page.getByTestId('import-markdown-text').fill(
		'# 小店\n\n## 关键数字\n\n| 项目 | 数值 |\n| --- | --- |\n| 预算 | 100万 CNY |\n| 开始月份 | 2027-01 |\n| 周期 | 12 |\n\n## 团队\n\n| 角色 | 人数 | 月成本 | 开始 |\n| --- | --- | --- | --- |\n| 店员 | 2 | 6,000 | 2027-01 |\n'
	);
	await page.getByTestId('import-markdown-submit').click();
	await expect(page).toHaveURL(/\/b\/[^/?]+\?token=/);
	await expect(page.locator('[data-card-id]', { hasText: '店员' })).toHaveCount(1, { timeout: 15_000 });
	await context.close();
});
