/**
 * Bounded cost of reading notes and markdown: requests crafted to make the markdown parsers take
 * seconds or minutes (links that never close, 2 MB of `>`, lists nested thousands deep) are
 * answered 400/413 within the build time limit, while the server keeps answering others in
 * milliseconds; ordinary big plans are still built.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPlan } from '../bench/lib/plans.ts';
import { removeDir, startTestServer, type TestServer } from './helpers.ts';

const LIMIT_MS = 1500; // the crafted notes below take several seconds even on a quiet, fast machine
/** A health answer slower than this would mean the main thread was held by the parse (which takes 10 s and more), not just a busy machine. */
const HELD_MS = 3000;
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer({ BUILD_TIME_LIMIT_MS: String(LIMIT_MS), MAX_BODY_BYTES: String(4 * 1024 * 1024) });
});
afterAll(async () => {
	await server.close();
	removeDir(server.dataDir);
});

/** A plan whose goals carry `notes`. */
function planWithNotes(notes: string[]) {
	const plan = syntheticPlan(20, '恶意备注测试');
	let n = 0;
	return { ...plan, cards: plan.cards.map((card) => (card.kind === 'goal' && n < notes.length ? { ...card, notes: notes[n++] } : card)) };
}

const postPlan = (plan: unknown) =>
	fetch(`${server.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan }) });
const postMarkdown = (text: string) =>
	fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: text });

/**
 * Sends `request` and, while it runs, asks for /api/health again and again: resolves with the
 * response and the slowest health answer seen (ms).
 */
async function whileHealthy(request: () => Promise<Response>): Promise<{ res: Response; slowestHealthMs: number; healthChecks: number }> {
	let done = false;
	let slowest = 0;
	let checks = 0;
	const pending = request().finally(() => (done = true));
	while (!done) {
		const started = performance.now();
		const health = await fetch(`${server.url}/api/health`);
		expect(health.status).toBe(200);
		await health.body?.cancel();
		slowest = Math.max(slowest, performance.now() - started);
		checks++;
	}
	return { res: await pending, slowestHealthMs: slowest, healthChecks: checks };
}

describe('costly notes', () => {
	it('refuses 20 notes of unclosed links with 413 while /api/health keeps answering', async () => {
		const plan = planWithNotes(Array.from({ length: 20 }, () => '[a]('.repeat(24750)));
		const { res, slowestHealthMs, healthChecks } = await whileHealthy(() => postPlan(plan));
		expect(res.status).toBe(413);
		expect(((await res.json()) as { error: string }).error).toMatch(/too complex to read within 1.5 s/);
		expect(healthChecks).toBeGreaterThan(5);
		// the main thread was never held: far below the 46–71 s the parse would take
		expect(slowestHealthMs).toBeLessThan(HELD_MS);
	});

	it('refuses the same through markdown import with 413', async () => {
		const goals = Array.from({ length: 20 }, (_, i) => `### Goal: 目标 ${i}\n\n> ${'[a]('.repeat(24750)}\n`).join('\n');
		const { res, slowestHealthMs } = await whileHealthy(() => postMarkdown(`# 导入测试\n\n## Strategy\n\n${goals}`));
		expect(res.status).toBe(413);
		expect(slowestHealthMs).toBeLessThan(HELD_MS);
	});

	it('refuses 2 MB of ">" and deeply nested lists with 400 at once', async () => {
		const quotes = await postMarkdown('>'.repeat(2_000_000));
		expect(quotes.status).toBe(400);
		expect(((await quotes.json()) as { error: string }).error).toMatch(/line 1: markdown nested more than 32 levels/);

		const nested = Array.from({ length: 250 }, (_, i) => `${' '.repeat(i * 2)}- 第${i}层`).join('\n'); // within the 100,000-character note limit
		const res = await postPlan(planWithNotes([nested]));
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: string }).error).toMatch(/notes: line 33: markdown nested more than 32 levels/);
	});
});

describe('ordinary plans, at the default BUILD_TIME_LIMIT_MS', () => {
	let ordinary: TestServer;
	beforeAll(async () => {
		ordinary = await startTestServer();
	});
	afterAll(async () => {
		await ordinary.close();
		removeDir(ordinary.dataDir);
	});

	it('still builds a big plan with notes (on the worker) and small ones (inline)', async () => {
		const post = (path: string, type: string, body: string) =>
			fetch(`${ordinary.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
		const big = await post('/api/boards', 'application/json', JSON.stringify({ plan: syntheticPlan(1000, '年度计划') }));
		expect(big.status).toBe(201);
		const small = await post('/api/boards', 'application/json', JSON.stringify({ plan: planWithNotes(['**重点**：先开两家店。']) }));
		expect(small.status).toBe(201);
		const imported = await post('/api/boards/import', 'text/markdown', '# 小计划\n');
		expect(imported.status).toBe(201);
		expect(((await imported.json()) as { title: string }).title).toBe('小计划');
	});
});
