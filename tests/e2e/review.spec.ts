/**
 * Review mode in real browsers: the present page's slides from live data, presenter-follow between
 * two browser contexts over awareness, checkpoints and the "what changed" slide, decisions recorded
 * while presenting, and print (one slide per landscape page).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { createBoard, openBoard, pageErrors, type CreatedBoard } from './board-helpers.ts';
import type { E2EServer } from './fixtures.ts';

const START = '2027-01';

/** A Chinese plan with every kind of card; 10,000,000.00 CNY over 24 months, 9,740,000 allocated: it lasts the plan. */
function reviewPlan(): Record<string, unknown> {
	return {
		title: '华东新零售试点',
		currency: 'CNY',
		budget: 1_000_000_000,
		startMonth: START,
		horizonMonths: 24,
		cards: [
			{ id: 'r-pm', kind: 'role', title: '产品经理', headcount: 2, monthlyCost: 4_500_000, startMonth: START, level: 'P7' },
			{ id: 'r-be', kind: 'role', title: '后端工程师', headcount: 3, monthlyCost: 4_000_000, startMonth: '2027-03' },
			{ id: 'r-ops', kind: 'role', title: '门店运营', headcount: 4, monthlyCost: 1_500_000, startMonth: '2027-04', endMonth: '2028-06' },
			{ id: 'g-sh', kind: 'goal', title: '拿下上海 50 家门店', notes: '先做**静安**和徐汇，再扩到浦东。\n\n- 每月复盘一次\n- 单店模型跑通再扩张' },
			{ id: 'm-1', kind: 'milestone', title: '试点 3 家', goalId: 'g-sh', order: 1, status: 'done', dueMonth: '2027-03' },
			{ id: 'm-2', kind: 'milestone', title: '签约 20 家', goalId: 'g-sh', order: 2, status: 'doing', dueMonth: '2027-09' },
			{ id: 'm-3', kind: 'milestone', title: '50 家开业', goalId: 'g-sh', order: 3, status: 'todo', dueMonth: '2028-06' },
			{ id: 'g-pl', kind: 'goal', title: '单店盈亏平衡' },
			{ id: 'm-4', kind: 'milestone', title: '毛利率 35%', goalId: 'g-pl', order: 1, status: 'todo', dueMonth: '2027-12' },
			{ id: 'k-1', kind: 'risk', title: '房租上涨', likelihood: 3, impact: 4, mitigation: '签三年长约' },
			{ id: 'k-2', kind: 'risk', title: '招聘慢', likelihood: 4, impact: 5, mitigation: '提前启动校招' },
			{ id: 'k-3', kind: 'risk', title: '供应链断货', likelihood: 2, impact: 3 },
			{ id: 'o-1', kind: 'opportunity', title: '社区团购', notes: '与物业合作，*零成本*获客' },
			{ id: 's-rent', kind: 'spend', title: '门店租金', category: 'operations', amount: 8_000_000, recurrence: 'monthly', startMonth: '2027-02' },
			{ id: 's-ads', kind: 'spend', title: '地推与投放', category: 'marketing', amount: 5_000_000, recurrence: 'monthly', startMonth: START },
			{ id: 's-fit', kind: 'spend', title: '门店装修', category: 'operations', amount: 80_000_000, recurrence: 'once', startMonth: '2027-02' },
			{ id: 's-it', kind: 'spend', title: '收银系统', category: 'infrastructure', amount: 20_000_000, recurrence: 'once', startMonth: START }
		]
	};
}

function presentUrl(server: E2EServer, board: CreatedBoard, access: 'edit' | 'view' = 'edit'): string {
	return `${server.url}/b/${board.id}/present?token=${access === 'edit' ? board.editToken : board.viewToken}`;
}

/** A fresh browser context whose user has `name` (kept in localStorage as the app does). */
async function personPage(browser: Browser, server: E2EServer, name: string): Promise<Page> {
	const context = await browser.newContext();
	await context.addInitScript((n) => localStorage.setItem('groundwork:user', JSON.stringify({ name: n, color: '#2563eb' })), name);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	(page as Page & { errors?: string[] }).errors = errors;
	void server;
	return page;
}

async function openPresent(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await expect(page.getByTestId('present').getByTestId('slide')).toBeVisible({ timeout: 15_000 });
}

/** Add a role through the board UI in its own browser context (as a colleague would). */
async function addRoleOnBoard(browser: Browser, server: E2EServer, board: CreatedBoard, title: string, headcount: number, monthlyCost: string): Promise<Page> {
	const editor = await openBoard(browser, `${server.url}/b/${board.id}?token=${board.editToken}`);
	await editor.getByRole('button', { name: 'Add role' }).click();
	await expect(editor.getByTestId('card-title-input')).toBeFocused();
	await editor.keyboard.type(title);
	const heads = editor.getByLabel(/Headcount/);
	await heads.fill(String(headcount));
	await heads.press('Enter');
	const cost = editor.getByLabel(/Monthly cost per person/);
	await cost.fill(monthlyCost);
	await cost.press('Enter');
	await expect(editor.locator('[data-card-id]', { hasText: title })).toContainText(monthlyCost);
	return editor;
}

async function saveCheckpointViaApi(request: import('@playwright/test').APIRequestContext, server: E2EServer, board: CreatedBoard, name: string) {
	const response = await request.post(`${server.url}/api/boards/${board.id}/checkpoints`, {
		headers: { authorization: `Bearer ${board.editToken}` },
		data: { name }
	});
	expect(response.status()).toBe(201);
	return (await response.json()) as { id: string; name: string; createdAt: string };
}

test('presenter-follow: the follower goes to slide 3, stays put after Escape, and Follow takes it back', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: reviewPlan() });
	await saveCheckpointViaApi(request, server, board, '上次评审');

	const presenter = await personPage(browser, server, '李娜');
	const follower = await personPage(browser, server, '王磊');
	await openPresent(presenter, presentUrl(server, board));
	// the follower is on the board page (view link) when the presentation starts
	await follower.goto(`${server.url}/b/${board.id}?token=${board.viewToken}`);
	await expect(follower.getByTestId('sync-status')).toHaveText('View only', { timeout: 15_000 });
	await expect(presenter.getByTestId('slide-position')).toHaveText('1 / 7');

	await presenter.getByRole('button', { name: 'Present to everyone' }).click();
	await presenter.getByRole('button', { name: 'Present without saving' }).click();
	await expect(presenter.getByTestId('follow-banner')).toContainText('You are presenting to everyone');

	// the board page hands the follower to the present page
	await expect(follower).toHaveURL(/\/present\?/);
	await expect(follower.getByTestId('follow-banner')).toContainText('Following 李娜');

	await presenter.keyboard.press('ArrowRight');
	await presenter.keyboard.press('Space');
	await expect(presenter.getByTestId('slide-position')).toHaveText('3 / 7');
	await expect(follower.getByTestId('slide-position')).toHaveText('3 / 7');
	await expect(follower.getByTestId('present').getByTestId('slide')).toHaveAttribute('data-kind', 'strategy');

	// Escape releases: the presenter moves on, the follower stays
	await follower.keyboard.press('Escape');
	await expect(follower.getByTestId('follow-banner')).toHaveAttribute('data-mode', 'released');
	await presenter.keyboard.press('PageDown');
	await presenter.keyboard.press('PageDown');
	await expect(presenter.getByTestId('slide-position')).toHaveText('5 / 7');
	// the presenter's move has reached the follower (its banner names the presenter) yet it stays
	await expect(follower.getByTestId('follow-banner')).toContainText('李娜 is presenting');
	await expect(follower.getByTestId('slide-position')).toHaveText('3 / 7');

	await follower.getByRole('button', { name: 'Follow', exact: true }).click();
	await expect(follower.getByTestId('slide-position')).toHaveText('5 / 7');
	await expect(follower.getByTestId('present').getByTestId('slide')).toHaveAttribute('data-kind', 'spending');

	// the presenter stops: everyone is released
	await presenter.getByRole('button', { name: 'Stop presenting' }).first().click();
	await expect(follower.getByTestId('follow-banner')).toHaveCount(0);
	await expect(follower.getByTestId('slide-position')).toHaveText('5 / 7');

	expect(pageErrors(presenter)).toEqual([]);
	expect(pageErrors(follower)).toEqual([]);
});

test('a second presenter takes over visibly, and someone opening later is offered to join', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: reviewPlan() });
	const first = await personPage(browser, server, '李娜');
	const second = await personPage(browser, server, '陈晨');
	await openPresent(first, presentUrl(server, board, 'view'));
	await openPresent(second, presentUrl(server, board, 'view'));

	await first.getByRole('button', { name: 'Present to everyone' }).click(); // view link: no checkpoint offer
	await expect(second.getByTestId('follow-banner')).toContainText('Following 李娜');
	await first.keyboard.press('End');
	await expect(second.getByTestId('slide-position')).toHaveText('6 / 6');

	await second.keyboard.press('Escape');
	await second.keyboard.press('Home');
	await second.getByRole('button', { name: 'Present to everyone' }).click();
	await expect(first.getByTestId('follow-banner')).toContainText('陈晨 is presenting now');
	await expect(first.getByTestId('follow-banner')).toHaveAttribute('data-mode', 'following');
	await expect(first.getByTestId('slide-position')).toHaveText('1 / 6');
	await expect(second.getByTestId('follow-banner')).toHaveAttribute('data-mode', 'presenting');

	const late = await personPage(browser, server, '赵敏');
	await openPresent(late, presentUrl(server, board, 'view'));
	await expect(late.getByTestId('follow-banner')).toHaveAttribute('data-mode', 'offered');
	await expect(late.getByTestId('follow-banner')).toContainText('陈晨 is presenting to everyone');
	await second.keyboard.press('ArrowRight');
	await expect(second.getByTestId('slide-position')).toHaveText('2 / 6');
	await late.getByRole('button', { name: 'Join' }).click();
	await expect(late.getByTestId('slide-position')).toHaveText('2 / 6');

	// the presenter leaves (closes the page): everyone is released
	await second.close();
	await expect(first.getByTestId('follow-banner')).toHaveCount(0, { timeout: 40_000 });
	await expect(late.getByTestId('follow-banner')).toHaveCount(0, { timeout: 40_000 });
	expect(pageErrors(first)).toEqual([]);
	expect(pageErrors(late)).toEqual([]);
});

test('checkpoint, then a role added on the board: the changes slide names it with the allocated and runway delta', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: reviewPlan() });
	const presenter = await personPage(browser, server, '李娜');
	await openPresent(presenter, presentUrl(server, board));
	await expect(presenter.getByTestId('slide-position')).toHaveText('1 / 6');

	await presenter.getByRole('button', { name: 'Checkpoint' }).click();
	const dialog = presenter.getByTestId('checkpoint-dialog');
	await expect(dialog.getByLabel('Name')).toHaveValue(/^Review /);
	await dialog.getByLabel('Name').fill('十二月评审');
	await dialog.getByRole('button', { name: 'Save checkpoint' }).click();
	await expect(presenter.getByText('Checkpoint “十二月评审” saved.')).toBeVisible();
	await expect(presenter.getByTestId('slide-position')).toHaveText('1 / 7');

	// someone adds a role on the board (another browser)
	await addRoleOnBoard(browser, server, board, '数据分析师', 3, '60,000');

	await presenter.keyboard.press('End');
	await presenter.keyboard.press('ArrowLeft');
	const slide = presenter.getByTestId('present').getByTestId('slide');
	await expect(slide).toHaveAttribute('data-kind', 'changes');
	await expect(slide).toContainText('Since “十二月评审”');
	await expect(presenter.getByTestId('present').getByTestId('changes-cards')).toContainText('数据分析师');
	const allocated = presenter.getByTestId('present').locator('[data-figure="allocated"]');
	await expect(allocated).toContainText('+');
	await expect(allocated).toContainText('4,320,000'); // 3 × 60,000 × 24 months
	const runway = presenter.getByTestId('present').locator('[data-figure="runway"]');
	await expect(runway).toContainText('Lasts the plan');
	await expect(runway).toContainText('Runs out');
	await expect(runway).toContainText('now runs out');
	expect(pageErrors(presenter)).toEqual([]);
});

test('a decision recorded by the presenter shows on the follower’s slide 7 and in export.md', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: reviewPlan() });
	await saveCheckpointViaApi(request, server, board, '评审基线');
	const presenter = await personPage(browser, server, '李娜');
	const follower = await personPage(browser, server, '王磊');
	await openPresent(presenter, presentUrl(server, board));
	await openPresent(follower, presentUrl(server, board, 'view'));

	await presenter.keyboard.press('ArrowRight'); // slide 2: team
	await presenter.keyboard.press('d');
	const dialog = presenter.getByTestId('review-item-dialog');
	await expect(dialog).toContainText('slide 2: Team');
	await dialog.getByLabel('What was decided').fill('追加两名后端工程师的预算');
	await dialog.getByLabel(/Owner/).fill('王磊');
	await dialog.getByLabel(/Due month/).fill('2027-06');
	await dialog.getByRole('button', { name: 'Record' }).click();
	await expect(dialog).toHaveCount(0);

	await follower.keyboard.press('End');
	await expect(follower.getByTestId('slide-position')).toHaveText('7 / 7');
	const item = follower.getByTestId('present').getByTestId('review-item');
	await expect(item).toContainText('追加两名后端工程师的预算');
	await expect(item).toContainText('王磊');
	await expect(item).toContainText('Jun 2027');
	await expect(item).toContainText('Slide 2');
	// view link: no edit buttons
	await expect(follower.getByRole('button', { name: /^Edit/ })).toHaveCount(0);

	const exported = await request.get(`${server.url}/api/boards/${board.id}/export.md?token=${board.viewToken}`);
	expect(exported.status()).toBe(200);
	const markdown = await exported.text();
	expect(markdown).toContain('追加两名后端工程师的预算');
	expect(markdown).toContain('评审基线');
	expect(pageErrors(presenter)).toEqual([]);
	expect(pageErrors(follower)).toEqual([]);
});

test('slides change live when the board is edited, and printing gives one landscape page per slide', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: reviewPlan() });
	const presenter = await personPage(browser, server, '李娜');
	await openPresent(presenter, presentUrl(server, board));
	await expect(presenter.getByTestId('present').getByTestId('plan-figures')).toContainText('Runway');
	await expect(presenter.getByTestId('present').getByTestId('slide')).toContainText('华东新零售试点');

	// rich-text notes render as rich text on the strategy slide
	await presenter.keyboard.press('Home');
	await presenter.keyboard.press('ArrowRight');
	await presenter.keyboard.press('ArrowRight');
	await expect(presenter.getByTestId('present').getByTestId('slide-notes').first().locator('strong')).toHaveText('静安');

	// a title edit on the board shows on the slide at once
	const editor = await openBoard(browser, `${server.url}/b/${board.id}?token=${board.editToken}`);
	await editor.locator('[data-card-id="g-pl"]').click();
	const titleInput = editor.getByTestId('card-title-input');
	await titleInput.fill('单店三个月回本');
	await expect(presenter.getByTestId('present').getByTestId('slide')).toContainText('单店三个月回本');

	const pdf = await presenter.pdf({ landscape: true, printBackground: true });
	const dir = mkdtemp();
	const file = join(dir, 'review.pdf');
	writeFileSync(file, pdf);
	const info = execFileSync('pdfinfo', [file]).toString();
	expect(info).toMatch(/Pages:\s+6\b/);
	const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
	expect(Number(size[1])).toBeGreaterThan(Number(size[2])); // landscape
	if (process.env.SCREENSHOTS) {
		execFileSync('pdftoppm', ['-png', '-r', '60', file, join(shotsDir(), 'print-slide')]);
	}
	expect(pageErrors(presenter)).toEqual([]);
});

function mkdtemp(): string {
	const dir = join(tmpdir(), `gw-review-${process.pid}-${Date.now()}`);
	mkdirSync(dir, { recursive: true });
	return dir;
}

function shotsDir(): string {
	const dir = fileURLToPath(new URL('../../screenshots/', import.meta.url));
	mkdirSync(dir, { recursive: true });
	return dir;
}

test('screenshots of every slide kind, the board with a presenter, and a phone', async ({ browser, request, server }) => {
	test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to write review screenshots');
	const board = await createBoard(request, server, { plan: reviewPlan() });
	await saveCheckpointViaApi(request, server, board, '上次评审');
	const page = await personPage(browser, server, '李娜');
	await page.setViewportSize({ width: 1600, height: 1000 });
	await openPresent(page, presentUrl(server, board));
	await addRoleOnBoard(browser, server, board, '数据分析师', 3, '60,000');
	for (const [kind, text, owner] of [
		['Decision', '追加两名后端工程师的预算', '王磊'],
		['Action item', '下周五前提交门店选址方案', '李娜']
	]) {
		await page.keyboard.press('d');
		const dialog = page.getByTestId('review-item-dialog');
		await dialog.getByText(kind, { exact: true }).click();
		await dialog.getByRole('textbox').first().fill(text);
		await dialog.getByLabel(/Owner/).fill(owner);
		await dialog.getByLabel(/Due month/).fill('2027-03');
		await dialog.getByRole('button', { name: 'Record' }).click();
		await expect(dialog).toHaveCount(0);
	}
	const dir = shotsDir();
	for (let i = 1; i <= 7; i++) {
		await expect(page.getByTestId('slide-position')).toHaveText(`${i} / 7`);
		const kind = await page.getByTestId('present').getByTestId('slide').getAttribute('data-kind');
		await page.screenshot({ path: join(dir, `slide-${i}-${kind}.png`), animations: 'disabled' });
		await page.keyboard.press('ArrowRight');
	}
	await page.keyboard.press('d');
	await page.getByTestId('review-item-dialog').getByLabel('What was decided').fill('下季度追加市场预算 50 万');
	await page.getByTestId('review-item-dialog').getByLabel(/Owner/).fill('陈晨');
	await page.screenshot({ path: join(dir, 'record-dialog.png') });
	await page.getByTestId('review-item-dialog').getByRole('button', { name: 'Record' }).click();
	await page.getByRole('button', { name: 'Present to everyone' }).click();
	await page.screenshot({ path: join(dir, 'present-offer.png') });
	await page.getByRole('button', { name: 'Present without saving' }).click();
	await page.screenshot({ path: join(dir, 'slide-7-presenting.png') });

	const phone = await personPage(browser, server, '王磊');
	await phone.setViewportSize({ width: 390, height: 844 });
	await openPresent(phone, presentUrl(server, board, 'view'));
	// the phone, which opened the review itself, has been offered to follow the presenter
	await expect(phone.getByTestId('follow-banner')).toHaveAttribute('data-mode', 'offered');
	await expect(phone.getByTestId('follow-banner')).toContainText('李娜');
	await phone.screenshot({ path: join(dir, 'present-phone.png'), animations: 'disabled' });
});

test('checkpoints on the board: compare marks added and changed cards, open shows it read-only, restore is undoable', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: reviewPlan() });
	await saveCheckpointViaApi(request, server, board, '评审基线');
	const editor = await addRoleOnBoard(browser, server, board, '数据分析师', 1, '30,000');
	const added = editor.locator('[data-card-id]', { hasText: '数据分析师' });
	const addedId = (await added.getAttribute('data-card-id'))!;
	await editor.locator('[data-card-id="g-pl"]').click();
	await editor.getByTestId('card-title-input').fill('单店三个月回本');
	await editor.keyboard.press('Escape');
	await editor.keyboard.press('Escape');

	const openCheckpoints = async () => {
		await editor.getByRole('button', { name: 'More' }).click();
		await editor.getByRole('menuitem', { name: 'Checkpoints' }).click();
		await expect(editor.getByTestId('checkpoint-row')).toHaveCount(1);
		await expect(editor.getByTestId('checkpoint-row')).toContainText('评审基线');
	};
	await openCheckpoints();
	await editor.getByRole('button', { name: 'Compare with now' }).click();
	const banner = editor.getByTestId('compare-banner');
	await expect(banner).toContainText('1 added');
	await expect(banner).toContainText('1 changed');
	await expect(banner).toContainText('0 removed');
	await expect(editor.locator(`[data-card-id="${addedId}"]`)).toHaveAttribute('data-diff', 'added');
	await expect(editor.locator('[data-card-id="g-pl"]')).toHaveAttribute('data-diff', 'changed');
	await expect(editor.locator('[data-card-id="g-sh"]')).not.toHaveAttribute('data-diff', /./);
	await banner.getByRole('button', { name: 'Stop comparing' }).click();
	await expect(editor.locator('[data-diff]')).toHaveCount(0);

	// open read-only: the checkpoint's plan as it was
	await openCheckpoints();
	await editor.getByRole('button', { name: 'Open', exact: true }).click();
	const viewer = editor.getByTestId('checkpoint-viewer');
	await expect(viewer).toContainText('Checkpoint · read-only');
	await expect(viewer).toContainText('单店盈亏平衡');
	await expect(viewer).not.toContainText('数据分析师');
	await editor.keyboard.press('Escape');
	await expect(viewer).toHaveCount(0);

	// restore asks first, applies the checkpoint as new changes, and Ctrl+Z takes it back
	await openCheckpoints();
	await editor.getByRole('button', { name: 'Restore…' }).click();
	await expect(editor.getByText('Replace the plan with this checkpoint?')).toBeVisible();
	await editor.getByTestId('checkpoints-dialog').getByRole('button', { name: 'Restore', exact: true }).click();
	await expect(editor.getByTestId('checkpoints-dialog')).toContainText('0 added, 1 removed, 1 changed');
	await expect(editor.locator(`[data-card-id="${addedId}"]`)).toHaveCount(0);
	await expect(editor.locator('[data-card-id="g-pl"]')).toContainText('单店盈亏平衡');
	await editor.keyboard.press('Escape');
	// the dialog is gone (its close lands a task after the key) before the board takes Ctrl+Z
	await expect(editor.getByTestId('checkpoints-dialog')).toHaveCount(0);
	await editor.keyboard.press('Control+z');
	await expect(editor.locator(`[data-card-id="${addedId}"]`)).toHaveCount(1);
	await expect(editor.locator('[data-card-id="g-pl"]')).toContainText('单店三个月回本');
	expect(pageErrors(editor)).toEqual([]);
});

test('the board’s Present button opens the slides, Escape goes back, and the board prints on one landscape page', async ({ browser, request, server }) => {
	const board = await createBoard(request, server, { plan: reviewPlan() });
	const page = await openBoard(browser, `${server.url}/b/${board.id}?token=${board.viewToken}`);
	await page.getByTestId('present-link').click();
	await expect(page).toHaveURL(/\/present\?token=/);
	await expect(page.getByTestId('present').getByTestId('slide')).toHaveAttribute('data-kind', 'plan');
	await expect(page.getByTestId('slide-position')).toHaveText('1 / 6');
	await expect(page.getByRole('button', { name: 'Record' })).toHaveCount(0); // view link
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('board')).toBeVisible();
	await expect(page.getByTestId('sync-status')).toHaveText('View only', { timeout: 15_000 }); // view link

	// as a browser does around printing (page.pdf() alone does not fire them)
	await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
	const pdf = await page.pdf({ landscape: true, printBackground: true });
	await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
	const file = join(mkdtemp(), 'board.pdf');
	writeFileSync(file, pdf);
	if (process.env.SCREENSHOTS) execFileSync('pdftoppm', ['-png', '-r', '60', file, join(shotsDir(), 'print-board')]);
	const info = execFileSync('pdfinfo', [file]).toString();
	expect(info).toMatch(/Pages:\s+1\b/);
	const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
	expect(Number(size[1])).toBeGreaterThan(Number(size[2]));
	const text = execFileSync('pdftotext', [file, '-']).toString();
	expect(text).toContain('华东新零售试点');
	expect(text).toContain('门店装修'); // a card of the spending zone: the whole plan is on the page
	expect(text).not.toContain('Add role'); // no toolbars
	expect(pageErrors(page)).toEqual([]);
});
