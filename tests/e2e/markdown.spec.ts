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

test('home: New board from markdown creates the board and opens it', async ({ browser, server }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(server.url);
	await page.getByTestId('import-markdown-open').click();
	await page.getByTestId('import-markdown-text').fill('# Pasted plan\n\n## Team\n\n| Role | Headcount | Start |\n| --- | --- | --- |\n| Pasted role | 2 | 2027-01 |\n');
	await page.getByTestId('import-markdown-submit').click();
	await expect(page).toHaveURL(/\/b\/[^/?]+\?token=/);
	await expect(page.locator('[data-card-id]', { hasText: 'Pasted role' })).toHaveCount(1, { timeout: 15_000 });

	await page.goto(server.url);
	await page.getByTestId('import-markdown-open').click();
	await page.getByTestId('import-markdown-text').fill('# Bad\n\n## Team\n\n| Role | Start |\n| --- | --- |\n| Dev | someday |\n');
	await page.getByTestId('import-markdown-submit').click();
	await expect(page.getByRole('alert')).toContainText('Line 7: "someday" is not a month');
});
