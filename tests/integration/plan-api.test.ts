/**
 * The JSON plan API (issue 3): create a board with a plan, read it back with its budget, see
 * live edits from y-websocket clients, and get path-named errors for invalid plans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeBudget } from '../../src/lib/budget/index.ts';
import { createOrigin, readMeta, updateCard, updateMeta, ZONE_OF_KIND, ZONES, type Card, type PlanData } from '../../src/lib/model/index.ts';
import { connect, createBoard, removeDir, startTestServer, waitFor, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ ROOM_IDLE_MS: '50' });
});
afterAll(async () => {
	await server.close();
	removeDir(server.dataDir);
});

/** The classic case: 10,000,000.00 CNY over 24 months. */
const PLAN: PlanData = {
	title: 'Open the Shenzhen office',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2026-01',
	horizonMonths: 24,
	cards: [
		{ id: 'lead', kind: 'role', title: 'General manager', headcount: 1, monthlyCost: 8_000_000, startMonth: '2026-01', level: 'director', x: 40, y: 120 },
		{ id: 'sales', kind: 'role', title: 'Sales reps', headcount: 4, monthlyCost: 3_000_000, startMonth: '2026-04', endMonth: '2027-06' },
		{ id: 'goal-1', kind: 'goal', title: 'First 100 customers', notes: 'Land **anchor** accounts first.' },
		{ id: 'ms-1', kind: 'milestone', title: 'First 10 customers', goalId: 'goal-1', order: 1, dueMonth: '2026-06', status: 'todo' },
		{ id: 'risk-1', kind: 'risk', title: 'Incumbent price war', likelihood: 3, impact: 4, mitigation: 'Differentiate on service' },
		{ id: 'opp-1', kind: 'opportunity', title: 'New industrial park opening' },
		{ id: 'launch', kind: 'spend', title: 'Launch campaign', category: 'marketing', amount: 50_000_000, recurrence: 'once', startMonth: '2026-03' },
		{ id: 'rent', kind: 'spend', title: 'Office rent', category: 'operations', amount: 4_000_000, recurrence: 'monthly', startMonth: '2026-01' }
	]
};

/** A card of a plan as a loose record, to spoil it on purpose. */
const card = (plan: PlanData, index: number) => plan.cards[index] as unknown as Record<string, unknown>;

type PlanAnswer = { plan: PlanData; budget: ReturnType<typeof summarizeBudget> };

const getPlan = async (id: string, token: string): Promise<PlanAnswer> => {
	const res = await fetch(`${server.url}/api/boards/${id}/plan.json`, { headers: { authorization: `Bearer ${token}` } });
	expect(res.status).toBe(200);
	return (await res.json()) as PlanAnswer;
};

/** Positions are laid out by the server where missing; compare everything else, by id. */
const withoutPositions = (plan: PlanData) => ({
	...plan,
	cards: plan.cards.map(({ x: _x, y: _y, ...rest }) => rest).sort((a, b) => (a.id < b.id ? -1 : 1))
});

describe('plan API', () => {
	it('creates a board from a plan and reads back the same plan and its budget', async () => {
		const board = await createBoard(server.url, { plan: PLAN });
		const { plan, budget } = await getPlan(board.id, board.viewToken);
		expect(withoutPositions(plan)).toEqual(withoutPositions(PLAN));
		expect(budget).toEqual(summarizeBudget(PLAN));
		expect(budget.total).toBe(1_000_000_000);

		// Given positions are kept; missing ones are laid out inside the card's zone.
		const byId = new Map(plan.cards.map((c) => [c.id, c] as const));
		expect(byId.get('lead')).toMatchObject({ x: 40, y: 120 });
		for (const card of plan.cards.filter((c) => c.id !== 'lead')) {
			const zone = ZONES[ZONE_OF_KIND[card.kind]];
			expect(card.x, card.id).toBeGreaterThanOrEqual(zone.x);
			expect(card.x!, card.id).toBeLessThan(zone.x + zone.width);
			expect(typeof card.y).toBe('number');
		}
		const meta = await fetch(`${server.url}/api/boards/${board.id}?token=${board.editToken}`);
		expect(await meta.json()).toMatchObject({ title: PLAN.title, access: 'edit', viewToken: board.viewToken });
	});

	it('knows a new board\'s first screen from its creation: the first page view does not wait for a load', async () => {
		const board = await createBoard(server.url, { plan: PLAN });
		const page = await server.groundwork.pages(board.id, board.editToken);
		if (!page.ok) throw new Error(`page refused: ${page.reason}`);
		// answered before the board was loaded (it loads right after, for the socket that follows)
		expect(server.groundwork.rooms.connectionsOf(board.id)).toBeUndefined();
		expect(page.first.meta.title).toBe(PLAN.title);
		expect(page.first.cards.map((c) => c.id).sort()).toEqual(PLAN.cards.map((c) => c.id).sort());
		await waitFor(() => server.groundwork.rooms.connectionsOf(board.id) === 0, 'the board loaded after the page');
	});

	it('shows edits made through y-websocket at once, live and after the room unloads', async () => {
		const board = await createBoard(server.url, { plan: PLAN, title: 'Live edits' });
		const editor = connect(server.wsUrl, board.id, board.editToken);
		const witness = connect(server.wsUrl, board.id, board.viewToken);
		await Promise.all([editor.synced, witness.synced]);
		expect((await getPlan(board.id, board.editToken)).plan.title).toBe('Live edits');

		const origin = createOrigin('user', 'test');
		updateCard(editor.doc, 'sales', { headcount: 6 }, origin);
		updateMeta(editor.doc, { title: 'Live edits, bigger team' }, origin);
		// Once another client has the edit, the server has committed and applied it.
		await waitFor(() => readMeta(witness.doc).title === 'Live edits, bigger team', 'the witness');
		const live = await getPlan(board.id, board.viewToken);
		const sales = live.plan.cards.find((c): c is Extract<Card, { kind: 'role' }> => c.id === 'sales');
		expect(sales?.headcount).toBe(6);
		expect(live.budget).toEqual(summarizeBudget(live.plan));
		expect(live.budget.allocated).toBe(summarizeBudget(PLAN).allocated + 2 * 3_000_000 * 15);

		editor.destroy();
		witness.destroy();
		await waitFor(() => server.groundwork.rooms.connectionsOf(board.id) === undefined, 'the room to unload');
		expect(await getPlan(board.id, board.viewToken)).toEqual(live);
		const meta = await fetch(`${server.url}/api/boards/${board.id}?token=${board.viewToken}`);
		const body = (await meta.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ title: 'Live edits, bigger team', access: 'view' });
		expect(body).not.toHaveProperty('viewToken');
	});

	it.each([
		['a negative headcount', (p: PlanData) => (card(p, 0).headcount = -1), 'plan.cards[0].headcount'],
		['a float amount', (p: PlanData) => (card(p, 6).amount = 10.5), 'plan.cards[6].amount'],
		['an unknown card kind', (p: PlanData) => (card(p, 5).kind = 'dragon'), 'plan.cards[5].kind'],
		['a bad month', (p: PlanData) => (p.startMonth = '2026-13'), 'plan.startMonth'],
		['a horizon over 120 months', (p: PlanData) => (p.horizonMonths = 121), 'plan.horizonMonths'],
		['duplicate ids', (p: PlanData) => (p.cards[1].id = 'lead'), 'plan.cards[1].id'],
		['a milestone of no goal', (p: PlanData) => (card(p, 3).goalId = 'nope'), 'plan.cards[3].goalId']
	])('rejects %s with 400 naming the field', async (_name, spoil, path) => {
		const plan = structuredClone(PLAN);
		spoil(plan);
		const res = await fetch(`${server.url}/api/boards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ plan })
		});
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: string; errors: string[] };
		expect(body.errors.some((e) => e.startsWith(`${path}:`)), body.errors.join('\n')).toBe(true);
		expect(body.error).toContain(path);
	});
});
