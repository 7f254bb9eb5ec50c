/**
 * Markdown over HTTP against the real server: GET /api/boards/<id>/export.md and
 * POST /api/boards/import, including the byte-identical round trip through a new board.
 * Needs the routes described in /work/notes/markdown-integration.md (server/http.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { planToMarkdown } from '../../src/lib/markdown/index.ts';
import type { PlanData } from '../../src/lib/model/index.ts';
import { createBoard, removeDir, startTestServer, type CreatedBoard, type TestServer } from './helpers.ts';

const plan: PlanData = {
	title: '上海咖啡 | *Launch* 🚀',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	cards: [
		{ id: 'r1', kind: 'role', title: 'Store manager', level: 'Senior', headcount: 2, monthlyCost: 3_000_000, startMonth: '2027-01', x: 24, y: 96, notes: '# Hiring\n\nTwo **experienced** managers.' },
		{ id: 'g1', kind: 'goal', title: 'Open the first store', x: 1000, y: 96 },
		{ id: 'm1', kind: 'milestone', title: 'Sign the lease', goalId: 'g1', order: 1, dueMonth: '2027-02', status: 'done', x: 1000, y: 300 },
		{ id: 'k1', kind: 'risk', title: 'Rent `rises`', likelihood: 3, impact: 4, mitigation: 'Long lease', x: 1000, y: 500 },
		{ id: 's1', kind: 'spend', title: 'Launch campaign', category: 'marketing', amount: 50_000_000, recurrence: 'once', startMonth: '2027-05', x: 2000, y: 96 }
	]
};

async function exportMd(url: string, board: CreatedBoard, token = board.viewToken): Promise<Response> {
	return fetch(`${url}/api/boards/${board.id}/export.md`, { headers: { authorization: `Bearer ${token}` } });
}

async function importMd(url: string, body: string, type = 'text/markdown; charset=utf-8'): Promise<Response> {
	return fetch(`${url}/api/boards/import`, { method: 'POST', headers: { 'content-type': type }, body });
}

describe('markdown API', () => {
	let server: TestServer;
	let board: CreatedBoard;

	beforeAll(async () => {
		server = await startTestServer();
		board = await createBoard(server.url, { plan });
	});

	afterAll(async () => {
		await server?.close();
		removeDir(server.dataDir);
	});

	it('GET export.md answers the board as markdown with a download name, for any token', async () => {
		const planJson = (await (
			await fetch(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)
		).json()) as { plan: PlanData };
		for (const token of [board.viewToken, board.editToken]) {
			const res = await exportMd(server.url, board, token);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
			const disposition = res.headers.get('content-disposition') ?? '';
			expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.md"; filename\*=UTF-8''/);
			expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe('上海咖啡 Launch 🚀.md');
			expect(await res.text()).toBe(planToMarkdown(planJson.plan));
		}
		const query = await fetch(`${server.url}/api/boards/${board.id}/export.md?token=${board.viewToken}`);
		expect(query.status).toBe(200);
	});

	it('GET export.md refuses missing or wrong tokens and unknown boards with JSON errors', async () => {
		const none = await fetch(`${server.url}/api/boards/${board.id}/export.md`);
		expect(none.status).toBe(401);
		expect(await none.json()).toHaveProperty('error');
		expect((await exportMd(server.url, board, 'wrong')).status).toBe(401);
		const unknown = await fetch(`${server.url}/api/boards/AAAAAAAAAAAAAAAAAAAAAA/export.md?token=x`);
		expect([401, 404]).toContain(unknown.status);
	});

	it('POST import creates a new board whose export is byte-identical to the original export', async () => {
		const original = await (await exportMd(server.url, board)).text();
		const res = await importMd(server.url, original);
		expect(res.status).toBe(201);
		const created = (await res.json()) as CreatedBoard & { warnings?: string[] };
		expect(created).toMatchObject({ id: expect.any(String), editToken: expect.any(String), viewToken: expect.any(String) });
		expect(created.editUrl).toContain(`/b/${created.id}?token=`);
		expect(created.id).not.toBe(board.id);
		expect(await (await exportMd(server.url, created)).text()).toBe(original);
	});

	it('a Chinese board exports in Chinese, and its import is a Chinese board exporting the same bytes', async () => {
		const zhPlan: PlanData = {
			...plan,
			title: '上海咖啡连锁',
			language: 'zh-CN',
			cards: [
				{ id: 'r1', kind: 'role', title: '店长', headcount: 2, monthlyCost: 4_500_000, startMonth: '2027-01', x: 24, y: 96, notes: '**注意：**这是两位有经验的店长。' },
				{ id: 'm1', kind: 'milestone', title: '签下租约', order: 1, dueMonth: '2027-02', status: 'doing', x: 1000, y: 300 },
				{ id: 's1', kind: 'spend', title: '开业推广', category: 'marketing', amount: 4_500_000, recurrence: 'once', startMonth: '2027-05', x: 2000, y: 96 }
			]
		};
		const zhBoard = await createBoard(server.url, { plan: zhPlan });
		const original = await (await exportMd(server.url, zhBoard)).text();
		expect(original).toBe(planToMarkdown(zhPlan));
		expect(original).toContain('\n## 团队\n');
		expect(original).toContain('| 开业推广 <!-- id=s1 x=2000 y=96 --> | 市场 | 一次性 | 45,000.00 CNY |');
		expect(original).toContain('- [ ] 签下租约（截止 2027-02，进行中）');
		const res = await importMd(server.url, original);
		expect(res.status).toBe(201);
		const created = (await res.json()) as CreatedBoard & { warnings?: string[] };
		expect(created.warnings).toEqual([]);
		const planJson = (await (await fetch(`${server.url}/api/boards/${created.id}/plan.json?token=${created.viewToken}`)).json()) as { plan: PlanData };
		expect(planJson.plan.language).toBe('zh-CN');
		expect(await (await exportMd(server.url, created)).text()).toBe(original);
	});

	it('POST import reads markdown written by a person (text/plain too)', async () => {
		const md = '# Side project\n\n## Team\n\n| Headcount | Role |\n|---|---|\n| 2 | Dev |\n\n## Mystery\n\nignored\n';
		const res = await importMd(server.url, md, 'text/plain');
		expect(res.status).toBe(201);
		const created = (await res.json()) as CreatedBoard & { title?: string; warnings?: string[] };
		expect(created.title).toBe('Side project');
		expect(created.warnings?.some((w) => /Mystery/.test(w))).toBe(true);
		const text = await (await exportMd(server.url, created)).text();
		expect(text).toContain('# Side project\n');
		expect(text).toMatch(/\| Dev <!-- id=[\w-]+ x=-?[\d.]+ y=-?[\d.]+ --> \| \| 2 \| 0\.00 CNY \|/);
	});

	it('POST import answers 400 with line numbers for markdown it cannot read, never 5xx', async () => {
		const md = '# P\n\n## Spending\n\n| Item | Amount | Start |\n| --- | --- | --- |\n| Ads | lots | 2027-01 |\n| Rent | 5 | 2027-13 |\n';
		const res = await importMd(server.url, md);
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: string; errors: { line: number; message: string }[] };
		expect(body.errors.map((e) => e.line)).toEqual([7, 8]);
		expect(body.error).toMatch(/^line 7: /);
		for (const junk of ['', '\u0000\u0001', '|'.repeat(10_000), '> '.repeat(5_000)]) {
			const r = await importMd(server.url, junk);
			expect(r.status).toBe(400);
			expect(await r.json()).toHaveProperty('error');
		}
	});

	it('POST import?check=1 reads a Chinese plan and answers its warnings without creating a board', async () => {
		const boards = () => {
			const db = new Database(join(server.dataDir, 'groundwork.sqlite'), { readonly: true, fileMustExist: true });
			try {
				return (db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n;
			} finally {
				db.close();
			}
		};
		const before = boards();
		const md = '# 成都咖啡\n\n## 团队\n\n| 角色 | 人数 | 月成本（元） | 开始 |\n|---|---|---|---|\n| 店长 | 1 | 2.5万 | 2027-03 |\n\n## 其他想法\n\n以后再说\n';
		const res = await fetch(`${server.url}/api/boards/import?check=1`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: md });
		expect(res.status).toBe(200);
		const body = (await res.json()) as { title: string; warnings: string[]; cards: number };
		expect(body.title).toBe('成都咖啡');
		expect(body.cards).toBe(1);
		expect(body.warnings.some((w) => w.includes('其他想法'))).toBe(true);
		expect(boards()).toBe(before);
		// unreadable markdown is still a 400 with line numbers in a check
		const bad = await fetch(`${server.url}/api/boards/import?check=1`, { method: 'POST', body: '# P\n\n## 团队\n\n| 角色 | 开始 |\n|---|---|\n| 店长 | 某天 |\n' });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { errors: { line: number }[] }).errors[0].line).toBe(7);
		expect(boards()).toBe(before);
	});
});
