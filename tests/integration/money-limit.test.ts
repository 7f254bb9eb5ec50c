/**
 * Money stays exact through the server: two editors, one of them offline, each raise costs within
 * the plan's limit alone and past it together. After the merge the server's plan.json, its
 * export.md and the editors' own budgets agree to the minor unit, and the export imports back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { summarizeBudget, type BudgetSummary } from '../../src/lib/budget/index.ts';
import { formatMoneyText } from '../../src/lib/markdown/money-text.ts';
import { addCard, costUpperBound, createOrigin, listCardIds, MAX_PLAN_COST, readCostCards, readMeta, type PlanData } from '../../src/lib/model/index.ts';
import { connect, createBoard, removeDir, startTestServer, waitFor, type Client, type TestServer } from './helpers.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

const PER_MONTH = Math.floor(MAX_PLAN_COST / 120);

describe('money past the limit by a merge', () => {
	it('plan.json, export.md and the editors agree exactly, and the export imports back', async () => {
		const server: TestServer = await startTestServer();
		cleanup.push(() => removeDir(server.dataDir));
		cleanup.push(() => server.close());
		const board = await createBoard(server.url, { plan: { title: '巨额预算', currency: 'CNY', budget: 100_000_000_000, startMonth: '2027-01', horizonMonths: 120, cards: [] } });
		const alice: Client = connect(server.wsUrl, board.id, board.editToken);
		const bob: Client = connect(server.wsUrl, board.id, board.editToken);
		cleanup.push(() => alice.destroy(), () => bob.destroy());
		await Promise.all([alice.synced, bob.synced]);

		bob.provider.disconnect(); // on a train
		const origin = createOrigin('user', 'test');
		addCard(alice.doc, 'spend', { id: 'spend-bj', title: '北京广告', category: 'marketing', amount: Math.floor(PER_MONTH * 0.7), recurrence: 'monthly', startMonth: '2027-01' }, origin);
		addCard(bob.doc, 'spend', { id: 'spend-sh', title: '上海门店', category: 'operations', amount: Math.floor(PER_MONTH * 0.7), recurrence: 'monthly', startMonth: '2027-01' }, origin);
		bob.provider.connect();
		await waitFor(() => listCardIds(alice.doc).length === 2 && listCardIds(bob.doc).length === 2, 'the merge');

		const res = await fetch(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`);
		const { plan, budget } = (await res.json()) as { plan: PlanData; budget: BudgetSummary };
		expect(costUpperBound(plan.cards, 120) <= BigInt(MAX_PLAN_COST)).toBe(true);
		expect(budget).toEqual(summarizeBudget(plan));
		expect(budget.allocated).toBe(Math.floor(PER_MONTH * 0.7) * 120 + (PER_MONTH - Math.floor(PER_MONTH * 0.7)) * 120);
		// each editor's board counts the same
		for (const client of [alice, bob]) {
			expect(summarizeBudget({ ...readMeta(client.doc), cards: readCostCards(client.doc) }).allocated).toBe(budget.allocated);
		}

		const md = await (await fetch(`${server.url}/api/boards/${board.id}/export.md?token=${board.viewToken}`)).text();
		expect(md).toContain(`| Allocated | ${formatMoneyText(budget.allocated, 'CNY')} |`);
		const imported = await fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: md });
		expect(imported.status).toBe(201);
		const copy = (await imported.json()) as { id: string; viewToken: string };
		const again = (await (await fetch(`${server.url}/api/boards/${copy.id}/plan.json?token=${copy.viewToken}`)).json()) as { budget: BudgetSummary };
		expect(again.budget.allocated).toBe(budget.allocated);
		const reexport = await (await fetch(`${server.url}/api/boards/${copy.id}/export.md?token=${copy.viewToken}`)).text();
		expect(reexport.replace(/^# .*$/m, '')).toBe(md.replace(/^# .*$/m, ''));
	});
});
