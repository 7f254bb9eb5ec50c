/**
 * Review mode's server half (issue 14): checkpoints saved from the live board, listed, read back
 * as plans, compared as money (the diff endpoint), restored through the model, and review items
 * (decisions, action items) surviving a restart and appearing in export.md. Real server on port 0,
 * real WebsocketProviders, SQLite in a temp dir.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { summarizeBudget } from '../../src/lib/budget/index.ts';
import {
	addCard,
	addReviewItem,
	createOrigin,
	readCard,
	readCheckpoints,
	readReviewItems,
	restorePlan,
	toPlanData,
	type PlanData
} from '../../src/lib/model/index.ts';
import { isEmptyDiff, type CheckpointInfo, type PlanDiff } from '../../src/lib/review/index.ts';
import { applyStoredState } from '../../server/store.ts';
import { connect, createBoard, removeDir, startTestServer, tempDataDir, waitFor, type Client, type TestServer } from './helpers.ts';

let server: TestServer;
const clients: Client[] = [];
beforeAll(async () => {
	server = await startTestServer({ ROOM_IDLE_MS: '50' });
});
afterAll(async () => {
	for (const client of clients) client.destroy();
	await server.close();
	removeDir(server.dataDir);
});

/** 10,000,000.00 CNY over 12 months: a store manager, rent and a launch campaign. */
const PLAN: PlanData = {
	title: '上海咖啡试点',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 12,
	cards: [
		{ id: 'r-gm', kind: 'role', title: '店长', headcount: 1, monthlyCost: 3_000_000, startMonth: '2027-01', x: 24, y: 96 },
		{ id: 'g-1', kind: 'goal', title: '开第一家店', x: 576, y: 96, notes: '人民广场，**春节前**。' },
		{ id: 's-rent', kind: 'spend', title: '房租', category: 'operations', amount: 2_500_000, recurrence: 'monthly', startMonth: '2027-01', x: 1128, y: 96 },
		{ id: 's-launch', kind: 'spend', title: '开业活动', category: 'marketing', amount: 50_000_000, recurrence: 'once', startMonth: '2027-03', x: 1128, y: 252 }
	]
};

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function api(path: string, token: string | null, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
	const res = await fetch(`${server.url}${path}`, { ...init, headers: { ...(token ? auth(token) : {}), ...(init.headers ?? {}) } });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const saveCheckpoint = (id: string, token: string, body?: unknown) =>
	api(`/api/boards/${id}/checkpoints`, token, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});

function live(boardId: string, token: string): Client {
	const client = connect(server.wsUrl, boardId, token);
	clients.push(client);
	return client;
}

describe('checkpoints API', () => {
	it('saves checkpoints with an edit token (default name "Review <date>"), lists them newest first, refuses view tokens', async () => {
		const board = await createBoard(server.url, { plan: PLAN });
		const first = await saveCheckpoint(board.id, board.editToken);
		expect(first.status).toBe(201);
		const a = first.body as CheckpointInfo;
		expect(a.name).toBe(`Review ${a.createdAt.slice(0, 10)}`);
		expect(a.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(first.headers.get('location')).toBe(`/api/boards/${board.id}/checkpoints/${a.id}/plan.json`);
		// committed to the store before the answer: a doc built from the stored rows alone has its record
		const stored = new Y.Doc();
		applyStoredState(stored, await server.groundwork.store.loadState(board.id));
		expect(readCheckpoints(stored).map((c) => [c.id, c.name])).toEqual([[a.id, a.name]]);
		stored.destroy();
		const second = await saveCheckpoint(board.id, board.editToken, { name: '  一月评审 🚀 ' });
		expect(second.status).toBe(201);
		expect(second.body.name).toBe('一月评审 🚀');

		const refused = await saveCheckpoint(board.id, board.viewToken, { name: 'sneaky' });
		expect(refused.status).toBe(403);
		expect(refused.body.error).toMatch(/edit token/);

		const list = await api(`/api/boards/${board.id}/checkpoints`, board.viewToken);
		expect(list.status).toBe(200);
		expect(list.body).toEqual({ checkpoints: [second.body, a] });
		expect(Date.parse(second.body.createdAt)).toBeGreaterThanOrEqual(Date.parse(a.createdAt));
	});

	it('answers bad requests with JSON 4xx errors', async () => {
		const board = await createBoard(server.url, { plan: PLAN });
		const cases: [Promise<{ status: number; body: any }>, number, RegExp][] = [
			[saveCheckpoint(board.id, board.editToken, { name: 'x'.repeat(201) }), 400, /^name: must be at most 200/],
			[saveCheckpoint(board.id, board.editToken, { name: 42 }), 400, /^name: must be a string/],
			[saveCheckpoint(board.id, board.editToken, { title: 'x' }), 400, /^title: unknown field/],
			[saveCheckpoint(board.id, board.editToken, ['x']), 400, /JSON object/],
			[api(`/api/boards/${board.id}/checkpoints`, board.editToken, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 400, /not valid JSON/],
			[api(`/api/boards/${board.id}/checkpoints`, board.editToken, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), 415, /application\/json/],
			[api(`/api/boards/${board.id}/checkpoints`, null), 401, /missing token/],
			[api(`/api/boards/${board.id}/checkpoints`, 'not-a-token'), 401, /invalid token/],
			[api(`/api/boards/nope/checkpoints`, board.editToken), 404, /no such board/],
			[api(`/api/boards/${board.id}/checkpoints`, board.editToken, { method: 'DELETE' }), 405, /not allowed/],
			[api(`/api/boards/${board.id}/checkpoints/unknownCheckpoint/plan.json`, board.viewToken), 404, /no such checkpoint/],
			[api(`/api/boards/${board.id}/checkpoints/${encodeURIComponent('bad id!')}/plan.json`, board.viewToken), 404, /no such checkpoint/],
			[api(`/api/boards/${board.id}/diff`, board.viewToken), 400, /^from: required/],
			[api(`/api/boards/${board.id}/diff?from=bad%20id`, board.viewToken), 400, /^from: must be a checkpoint id or now/],
			[api(`/api/boards/${board.id}/diff?from=now&to=now&to=now`, board.viewToken), 400, /^to: give it once/],
			[api(`/api/boards/${board.id}/diff?from=unknownCheckpoint`, board.viewToken), 404, /no such checkpoint/]
		];
		for (const [request, status, error] of cases) {
			const { status: got, body } = await request;
			expect({ got, error: body.error }).toMatchObject({ got: status, error: expect.stringMatching(error) });
		}
		// nothing was saved by the refused requests
		expect((await api(`/api/boards/${board.id}/checkpoints`, board.viewToken)).body).toEqual({ checkpoints: [] });
	});

	it('a checkpoint, then a role added live: the diff names the role and the money and runway it costs', async () => {
		const board = await createBoard(server.url, { plan: PLAN });
		const editor = live(board.id, board.editToken);
		const viewer = live(board.id, board.viewToken);
		await Promise.all([editor.synced, viewer.synced]);

		const saved = (await saveCheckpoint(board.id, board.editToken, { name: '一月评审' })).body as CheckpointInfo;
		// the record was written into the live board and relayed to everyone, viewers too
		const record = await waitFor(() => readCheckpoints(viewer.doc).find((c) => c.id === saved.id), 'the checkpoint record at the viewer');
		const before = summarizeBudget(PLAN);
		expect(record).toEqual({
			id: saved.id,
			name: '一月评审',
			createdAt: saved.createdAt,
			figures: { currency: 'CNY', budget: before.total, allocated: before.allocated, remaining: before.remaining, peakMonthlyBurn: before.peakMonthlyBurn, runsOutIn: null }
		});

		// 20 engineers at 60,000.00 CNY a month from March: 12,000,000.00 CNY more, the money runs out
		addCard(editor.doc, 'role', { id: 'r-eng', title: '工程师', headcount: 20, monthlyCost: 6_000_000, startMonth: '2027-03' }, createOrigin('user'));
		const result = await eventually(async () => {
			const { body } = await api(`/api/boards/${board.id}/diff?from=${saved.id}&to=now`, board.viewToken);
			return (body as PlanDiff).added.length > 0 ? (body as PlanDiff) : null;
		}, 'the role in the diff');
		expect(result.added.map((a) => [a.id, a.kind, a.title])).toEqual([['r-eng', 'role', '工程师']]);
		expect(result.removed).toEqual([]);
		expect(result.changed).toEqual([]);
		expect(result.budget.allocated).toEqual({ from: before.allocated, to: before.allocated + 1_200_000_000, delta: 1_200_000_000 });
		expect(result.budget.byCategory.people.delta).toBe(1_200_000_000);
		expect(result.budget.remaining.delta).toBe(-1_200_000_000);
		expect(result.budget.runway.from).toBeNull();
		expect(result.budget.runway.to).toBe(summarizeBudget(toPlanData(editor.doc)).runsOutIn);
		expect(result.budget.runway.to).toMatch(/^2027-\d\d$/);
		expect(result.budget.peakHeadcount).toEqual({ from: 1, to: 21, delta: 20 });

		// a second checkpoint holds the role: cp1 → cp2 shows it, cp2 → now shows nothing
		const second = (await saveCheckpoint(board.id, board.editToken)).body as CheckpointInfo;
		const between = (await api(`/api/boards/${board.id}/diff?from=${saved.id}&to=${second.id}`, board.editToken)).body as PlanDiff;
		expect(between.added.map((a) => a.id)).toEqual(['r-eng']);
		const since = (await api(`/api/boards/${board.id}/diff?from=${second.id}`, board.editToken)).body as PlanDiff;
		expect(isEmptyDiff(since)).toBe(true);
	});

	it("a checkpoint's plan.json is the board as it was; Restore through the model brings it back as an undoable change", async () => {
		const board = await createBoard(server.url, { plan: PLAN });
		const editor = live(board.id, board.editToken);
		await editor.synced;
		const saved = (await saveCheckpoint(board.id, board.editToken)).body as CheckpointInfo;
		const me = createOrigin('user', 'presenter');
		addCard(editor.doc, 'spend', { id: 's-ads', title: '广告', category: 'marketing', amount: 10_000_000, recurrence: 'monthly', startMonth: '2027-02' }, me);
		await eventually(async () => (await api(`/api/boards/${board.id}/plan.json`, board.viewToken)).body.plan.cards.some((c: { id: string }) => c.id === 's-ads'), 'the new spend on the server');

		const snapshot = await api(`/api/boards/${board.id}/checkpoints/${saved.id}/plan.json`, board.viewToken);
		expect(snapshot.status).toBe(200);
		const { plan, budget } = snapshot.body as { plan: PlanData; budget: ReturnType<typeof summarizeBudget> };
		expect(plan.cards.map((c) => c.id).sort()).toEqual(PLAN.cards.map((c) => c.id).sort());
		expect(budget).toEqual(summarizeBudget(plan));
		expect(plan.cards.find((c) => c.id === 'g-1')?.notes).toBe('人民广场，**春节前**。');

		const undo = new Y.UndoManager(editor.doc, { trackedOrigins: new Set([me]), captureTimeout: 0 });
		restorePlan(editor.doc, plan, me);
		expect(readCard(editor.doc, 's-ads')).toBeUndefined();
		await eventually(async () => isEmptyDiff((await api(`/api/boards/${board.id}/diff?from=${saved.id}`, board.viewToken)).body), 'the restored board on the server');
		undo.undo();
		expect(readCard(editor.doc, 's-ads')).toMatchObject({ title: '广告' });
		await eventually(async () => (await api(`/api/boards/${board.id}/diff?from=${saved.id}`, board.viewToken)).body.added.length === 1, 'the undone restore on the server');
	});
});

describe('review items', () => {
	it('POST /api/boards takes a plan with reviews, and names the path of a bad one', async () => {
		const reviews = {
			checkpoints: [{ id: 'cp1', name: '一月评审', createdAt: '2027-01-15T09:00:00.000Z', figures: { currency: 'CNY', budget: 1_000_000_000, allocated: 0, remaining: 1_000_000_000, peakMonthlyBurn: 0, runsOutIn: null } }],
			items: [{ id: 'i1', kind: 'decision', text: '先开一家店', checkpointId: 'cp1', createdAt: '2027-01-15T09:10:00.000Z' }]
		};
		const board = await createBoard(server.url, { plan: { ...PLAN, reviews } });
		expect((await api2(server, `/api/boards/${board.id}/plan.json`, board.viewToken)).plan.reviews).toEqual(reviews);
		const bad = await api('/api/boards', null, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ plan: { ...PLAN, reviews: { items: [{ ...reviews.items[0], text: '' }] } } })
		});
		expect(bad.status).toBe(400);
		expect(bad.body.errors).toEqual([
			'plan.reviews.items[0].text: must not be empty',
			'plan.reviews.items[0].checkpointId: names no checkpoint of reviews.checkpoints ("cp1")'
		]);
	});

	it('decisions and action items survive a server restart and appear in export.md under their checkpoint', async () => {
		const dataDir = tempDataDir();
		let own = await startTestServer({ ROOM_IDLE_MS: '50' }, dataDir);
		try {
			const board = await createBoard(own.url, { plan: PLAN });
			const editor = connect(own.wsUrl, board.id, board.editToken);
			await editor.synced;
			const res = await fetch(`${own.url}/api/boards/${board.id}/checkpoints`, { method: 'POST', headers: auth(board.editToken) });
			const cp = (await res.json()) as CheckpointInfo;
			await waitFor(() => readCheckpoints(editor.doc).length === 1, 'the checkpoint record');
			const me = createOrigin('user');
			addReviewItem(editor.doc, { kind: 'decision', text: '先开人民广场店', slide: 7, checkpointId: cp.id }, me);
			addReviewItem(editor.doc, { kind: 'action', text: '谈下五年租约', owner: '王芳', dueMonth: '2027-02', slide: 7, checkpointId: cp.id }, me);
			addReviewItem(editor.doc, { kind: 'action', text: '招聘咖啡师', owner: '李雷' }, me);
			await eventually(async () => (await api2(own, `/api/boards/${board.id}/plan.json`, board.viewToken)).plan.reviews?.items.length === 3, 'the items on the server');
			editor.destroy();
			await own.close();

			own = await startTestServer({ ROOM_IDLE_MS: '50' }, dataDir);
			const again = connect(own.wsUrl, board.id, board.viewToken);
			await again.synced;
			// (recorded within the same millisecond, their order is by id: compare them as a set)
			const items = readReviewItems(again.doc).map((i) => [i.kind, i.text, i.owner ?? null, i.checkpointId ?? null]);
			expect(items.sort()).toEqual([
				['action', '招聘咖啡师', '李雷', null],
				['action', '谈下五年租约', '王芳', cp.id],
				['decision', '先开人民广场店', null, cp.id]
			].sort());
			again.destroy();

			const md = await (await fetch(`${own.url}/api/boards/${board.id}/export.md?token=${board.viewToken}`)).text();
			const reviews = md.slice(md.indexOf('## Reviews'));
			expect(md.indexOf('## Reviews')).toBeGreaterThan(md.indexOf('## Spending'));
			expect(reviews).toContain(`### ${cp.name} <!-- checkpoint=${cp.id} at=${cp.createdAt} -->`);
			expect(reviews).toContain('| Budget | 10,000,000.00 CNY |');
			expect(reviews).toContain('| Runway | Lasts the horizon |');
			expect(reviews).toMatch(/#### Decisions\n\n- 先开人民广场店 <!-- item=\S+ at=\S+ slide=7 -->/);
			expect(reviews).toMatch(/\| 谈下五年租约 <!-- item=\S+ at=\S+ slide=7 --> \| 王芳 \| 2027-02 \|/);
			expect(reviews).toMatch(/### Current review\n\n#### Action items\n\n\| Action \| Owner \| Due \|\n\| --- \| --- \| --- \|\n\| 招聘咖啡师 <!-- item=\S+ at=\S+ --> \| 李雷 \| \|/);

			// the CLI export reads only the store, and lists the same reviews
			const cli = await runExportCli(dataDir, board.id);
			expect(cli.code).toBe(0);
			expect(cli.stdout).toBe(md);
		} finally {
			await own.close();
			removeDir(dataDir);
		}
	});
});

/** Runs `npm run export -- <boardId>` (scripts/export.ts) against `dataDir`. */
function runExportCli(dataDir: string, boardId: string): Promise<{ code: number; stdout: string }> {
	const script = fileURLToPath(new URL('../../scripts/export.ts', import.meta.url));
	return new Promise((resolve) => {
		execFile(process.execPath, ['--import', import.meta.resolve('tsx'), script, boardId], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' }, (error, stdout) =>
			resolve({ code: error ? Number(error.code ?? 1) : 0, stdout })
		);
	});
}

/** Polls an async check until it gives a truthy value (fails after 15 s). */
async function eventually<T>(check: () => Promise<T>, what: string): Promise<NonNullable<T>> {
	const deadline = Date.now() + 15_000;
	for (;;) {
		const value = await check();
		if (value) return value as NonNullable<T>;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

async function api2(target: TestServer, path: string, token: string): Promise<any> {
	return (await fetch(`${target.url}${path}`, { headers: auth(token) })).json();
}
