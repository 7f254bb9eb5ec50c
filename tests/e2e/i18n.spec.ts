/**
 * 简体中文 and English: a browser that asks for zh-CN gets every page and dialog in Chinese (no
 * English word left but brand names and keys), the server-rendered HTML says `<html lang="zh-CN">`,
 * a new "Plan from zero" board has Chinese starter cards, and a language picked on the home page or
 * in Settings is remembered across reloads. Screenshots of the board and a dialog in zh-CN go to
 * screenshots/ (review them).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const shots = fileURLToPath(new URL('../../screenshots/', import.meta.url));

/**
 * Latin words allowed in the Chinese UI: the brand, formats and keys on the keyboard, currency codes
 * and the starter card "MVP". Anything else in visible text or an accessible name is an English leftover.
 */
const ALLOWED = new Set([
	'Groundwork',
	'Markdown',
	'md',
	'MVP',
	'Ctrl',
	'Shift',
	'Tab',
	'Enter',
	'Esc',
	'Delete',
	'Del',
	'F10',
	'token',
	'CNY',
	'USD',
	'EUR',
	'GBP',
	'JPY',
	'HKD',
	'SGD',
	'INR',
	'KRW',
	'AUD',
	'CAD',
	'CHF',
	'SEK',
	'BRL',
	'English'
]);

/** Visible text, accessible names, titles and placeholders of the page (or of `scope`), as one list. */
async function uiTexts(page: Page, scope = 'body'): Promise<string[]> {
	return page.evaluate((selector) => {
		const root = document.querySelector(selector);
		if (!root) return [];
		const out: string[] = [];
		const visible = (el: Element) => {
			const box = (el as HTMLElement).getClientRects?.();
			const style = getComputedStyle(el);
			return style.visibility !== 'hidden' && style.display !== 'none' && !!box && box.length > 0;
		};
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || ['SCRIPT', 'STYLE', 'TEXTAREA', 'CODE'].includes(parent.tagName)) continue;
			if (parent.closest('[contenteditable], .ProseMirror, option')) continue;
			const hidden = parent.closest('.visually-hidden');
			if (!hidden && !visible(parent)) continue;
			const text = node.textContent?.trim();
			if (text) out.push(text);
		}
		for (const el of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
			for (const name of ['aria-label', 'title', 'placeholder']) {
				const value = el.getAttribute(name);
				if (value) out.push(value);
			}
		}
		for (const select of root.querySelectorAll('select')) {
			const chosen = (select as HTMLSelectElement).selectedOptions[0];
			if (chosen && chosen.lang === '') out.push(chosen.textContent ?? '');
		}
		return out;
	}, scope);
}

/** English words (2+ Latin letters) and message keys (snake_case) left in the texts. */
function leftovers(texts: string[]): string[] {
	const found = new Set<string>();
	for (const text of texts) {
		for (const key of text.match(/\b[a-z]+_[a-z0-9_]+\b/g) ?? []) found.add(`${key} (in “${text}”)`);
		for (const word of text.match(/[A-Za-z]{2,}/g) ?? []) if (!ALLOWED.has(word)) found.add(`${word} (in “${text}”)`);
	}
	return [...found];
}

async function expectChinese(page: Page, where: string, scope = 'body') {
	expect(leftovers(await uiTexts(page, scope)), where).toEqual([]);
}

test('a zh-CN browser gets every page and dialog in Chinese', async ({ browser, request, server }) => {
	mkdirSync(shots, { recursive: true });
	// the server renders the language of Accept-Language
	const html = await (await request.get(`${server.url}/`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })).text();
	expect(html).toContain('<html lang="zh-CN">');
	expect(html).toContain('一起从零规划一项新业务');
	const english = await (await request.get(`${server.url}/`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text();
	expect(english).toContain('<html lang="en">');

	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));

	await page.goto(server.url);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { name: '开始一个新计划' })).toBeVisible();
	await expectChinese(page, 'home');
	await page.getByTestId('import-markdown-open').click();
	await expectChinese(page, 'home: import form');

	// a new "Plan from zero" board in Chinese
	await page.getByLabel('计划标题').fill('上海咖啡试点');
	await page.getByRole('button', { name: '创建看板', exact: true }).click();
	await expect(page.getByTestId('sync-status')).toHaveText('已保存', { timeout: 15_000 });
	await expect(page.locator('[data-kind="role"]', { hasText: '创始产品负责人' })).toHaveCount(1);
	await expect(page.getByTestId('budget-total')).toHaveText('¥10,000,000');
	await expectChinese(page, 'board');
	await page.screenshot({ path: `${shots}zh-board.png` });

	// the card panel shows the kind's guidance as a hint; the card itself has no notes
	await page.locator('[data-kind="role"]', { hasText: '创始产品负责人' }).click();
	await expect(page.getByTestId('card-panel')).toBeVisible();
	await expect(page.getByTestId('card-hint')).toContainText('月成本按全部成本计');
	await expectChinese(page, 'card panel');
	await page.screenshot({ path: `${shots}zh-card-panel.png` });
	await page.keyboard.press('Escape');

	// the card menu
	await page.locator('[data-kind="goal"]').first().click({ button: 'right' });
	await expect(page.getByTestId('card-menu')).toBeVisible();
	await expectChinese(page, 'card menu', '[data-testid="card-menu"]');
	await page.keyboard.press('Escape');

	// the board menu and every dialog reached from the top bar and the menu
	const menu = async () => {
		await page.getByRole('button', { name: '更多' }).click();
		await expect(page.getByRole('menu', { name: '看板菜单' })).toBeVisible();
	};
	await menu();
	await expectChinese(page, 'board menu', '[role="menu"]');
	await page.keyboard.press('Escape');

	const dialogs: [string, () => Promise<void>][] = [
		['settings', () => page.getByRole('button', { name: '看板设置' }).first().click()],
		['share', () => page.getByRole('button', { name: '分享' }).click()],
		['find', () => page.getByRole('button', { name: '查找卡片' }).click()],
		['chart', async () => (await menu(), page.getByRole('menuitem', { name: '月度支出图表' }).click())],
		['shortcuts', async () => (await menu(), page.getByRole('menuitem', { name: '键盘快捷键' }).click())],
		['checkpoints', async () => (await menu(), page.getByRole('menuitem', { name: '检查点' }).click())],
		['delete', async () => (await menu(), page.getByRole('menuitem', { name: '删除看板…' }).click())]
	];
	for (const [name, open] of dialogs) {
		await open();
		const dialog = page.locator('dialog[open]');
		await expect(dialog).toBeVisible();
		await expectChinese(page, `${name} dialog`, 'dialog[open]');
		if (name === 'settings') await page.screenshot({ path: `${shots}zh-settings-dialog.png` });
		await page.keyboard.press('Escape');
		await expect(dialog).toHaveCount(0);
	}

	// a page that does not exist, and a board link with a bad key
	await page.goto(`${server.url}/no-such-page`);
	await expect(page.getByRole('heading', { name: '此页面不存在' })).toBeVisible();
	await expectChinese(page, '404 page');
	await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA?token=nope`);
	await expect(page.getByTestId('board-error')).toBeVisible();
	await expectChinese(page, 'board error page');
	expect(errors).toEqual([]);
	await context.close();
});

test('the language chosen on the home page or in Settings is remembered across reloads', async ({ browser, server }) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto(server.url);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Start a new plan' })).toBeVisible();

	await page.getByTestId('home-language').selectOption('zh-CN');
	await expect(page.getByRole('heading', { name: '开始一个新计划' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await page.reload();
	await expect(page.getByRole('heading', { name: '开始一个新计划' })).toBeVisible();

	// a board created now is a Chinese board; switching the UI back to English in Settings sticks
	await page.getByRole('button', { name: '创建看板', exact: true }).click();
	await expect(page.getByTestId('sync-status')).toHaveText('已保存', { timeout: 15_000 });
	await page.getByRole('button', { name: '看板设置' }).first().click();
	await expect(page.getByTestId('board-language')).toHaveValue('zh-CN');
	await page.getByTestId('ui-language').selectOption('en');
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.reload();
	await expect(page.getByTestId('sync-status')).toHaveText('Saved', { timeout: 15_000 });
	await expect(page.getByRole('button', { name: 'Board settings' }).first()).toBeVisible();
	// the board's own language did not change with the UI
	await expect(page.locator('[data-kind="role"]', { hasText: '创始产品负责人' })).toHaveCount(1);
	await context.close();
});

/** A Chinese plan with every kind of card (10,000,000.00 CNY over 24 months). */
function chinesePlan(): Record<string, unknown> {
	const start = '2027-01';
	return {
		title: '华东新零售试点',
		currency: 'CNY',
		budget: 1_000_000_000,
		startMonth: start,
		horizonMonths: 24,
		cards: [
			{ id: 'r-pm', kind: 'role', title: '产品经理', headcount: 2, monthlyCost: 4_500_000, startMonth: start, level: 'P7' },
			{ id: 'r-ops', kind: 'role', title: '门店运营', headcount: 4, monthlyCost: 1_500_000, startMonth: '2027-04', endMonth: '2028-06' },
			{ id: 'g-sh', kind: 'goal', title: '拿下上海 50 家门店', notes: '先做**静安**和徐汇，再扩到浦东。' },
			{ id: 'm-1', kind: 'milestone', title: '试点 3 家', goalId: 'g-sh', order: 1, status: 'done', dueMonth: '2027-03' },
			{ id: 'm-2', kind: 'milestone', title: '签约 20 家', goalId: 'g-sh', order: 2, status: 'doing', dueMonth: '2027-09' },
			{ id: 'm-3', kind: 'milestone', title: '开业筹备', order: 3, status: 'todo' },
			{ id: 'k-1', kind: 'risk', title: '房租上涨', likelihood: 3, impact: 4, mitigation: '签三年长约' },
			{ id: 'k-2', kind: 'risk', title: '招聘慢', likelihood: 4, impact: 5 },
			{ id: 'o-1', kind: 'opportunity', title: '社区团购', notes: '与物业合作，*零成本*获客' },
			{ id: 's-rent', kind: 'spend', title: '门店租金', category: 'operations', amount: 8_000_000, recurrence: 'monthly', startMonth: '2027-02' },
			{ id: 's-fit', kind: 'spend', title: '门店装修', category: 'operations', amount: 80_000_000, recurrence: 'once', startMonth: '2027-02' }
		]
	};
}

test('zh-CN: every slide, the review dialog, the print view, import warnings and server errors are in Chinese', async ({ browser, request, server }) => {
	mkdirSync(shots, { recursive: true });
	const created = await request.post(`${server.url}/api/boards`, { data: { plan: chinesePlan() } });
	expect(created.status()).toBe(201);
	const board = (await created.json()) as { id: string; editToken: string };
	const checkpoint = await request.post(`${server.url}/api/boards/${board.id}/checkpoints`, {
		headers: { authorization: `Bearer ${board.editToken}` },
		data: { name: '上次评审' }
	});
	expect(checkpoint.status()).toBe(201);
	// API errors keep their English sentence and add a stable code
	const unknown = await request.get(`${server.url}/api/boards/AAAAAAAAAAAAAAAAAAAAAA`, { headers: { authorization: 'Bearer nope' } });
	expect(unknown.status()).toBe(404);
	expect(await unknown.json()).toMatchObject({ error: 'no such board', code: 'no-such-board' });

	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));

	// present mode: every slide, and the dialog that records a decision
	await page.goto(`${server.url}/b/${board.id}/present?token=${board.editToken}`);
	const present = page.getByTestId('present');
	await expect(present.getByTestId('slide')).toHaveAttribute('data-kind', 'plan', { timeout: 15_000 });
	await expect(page.getByTestId('slide-position')).toHaveText('1 / 7');
	await page.keyboard.press('d');
	const itemDialog = page.getByTestId('review-item-dialog');
	await expect(itemDialog).toBeVisible();
	await expectChinese(page, 'review item dialog', 'dialog[open]');
	await page.locator('#item-text').fill('先签静安两家店');
	await page.locator('#item-owner').fill('李娜');
	await itemDialog.getByRole('button', { name: '记录', exact: true }).click();
	await expect(itemDialog).toHaveCount(0);
	const kinds = ['plan', 'team', 'strategy', 'risks', 'spending', 'changes', 'decisions'];
	for (const [i, kind] of kinds.entries()) {
		await expect(page.getByTestId('slide-position')).toHaveText(`${i + 1} / 7`);
		await expect(present.getByTestId('slide')).toHaveAttribute('data-kind', kind);
		if (kind === 'changes') await expect(present.getByTestId('slide')).not.toContainText('加载检查点');
		await expectChinese(page, `slide ${kind}`, '[data-testid="present"]');
		if (kind === 'decisions') await expect(present.getByTestId('review-item')).toContainText('先签静安两家店');
		await page.screenshot({ path: `${shots}zh-slide-${i + 1}-${kind}.png` });
		await page.keyboard.press('ArrowRight');
	}

	// the print view: every slide, one per page
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.print-deck [data-testid="slide"]')).toHaveCount(7);
	await expectChinese(page, 'print view', '.print-deck');
	await page.emulateMedia({ media: 'screen' });

	// import: the warnings of a sloppy Chinese document, then a document the server refuses
	await page.goto(server.url);
	await expect(page.locator('[data-board-id]')).toHaveCount(1);
	await expectChinese(page, 'home with a remembered board');
	await page.getByTestId('import-markdown-open').click();
	await page.getByTestId('import-markdown-text').fill(['# 成都茶饮', '', '前言一段', '', '## 杂项', '', '随便写写', ''].join('\n'));
	await page.getByTestId('import-markdown-submit').click();
	const warnings = page.getByTestId('import-warnings');
	await expect(warnings).toBeVisible();
	await expect(warnings).toContainText('杂项');
	await expectChinese(page, 'import warnings', 'dialog[open]');
	await page.screenshot({ path: `${shots}zh-import-warnings.png` });
	await page.getByTestId('import-warnings-back').click();
	await expect(warnings).toHaveCount(0);
	await page.getByTestId('import-markdown-text').fill('随便写点\n');
	await page.getByTestId('import-markdown-submit').click();
	const refusal = page.locator('.import [role="alert"]');
	await expect(refusal).toContainText('没有可导入的内容');
	await expectChinese(page, 'import refused by the server', '.import');
	expect(errors).toEqual([]);
	await context.close();
});
