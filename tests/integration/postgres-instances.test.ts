/**
 * The server on PostgreSQL (`DATABASE_URL`): one instance started from the environment keeps its
 * boards across a restart; two instances in one process on the same schema, relayed through an
 * in-process hub (the Redis relay and child processes are tests/integration of the relay), serve
 * one board: clients on both converge, every relayed update is in Postgres first, and plan.json,
 * export.md, the board page's first screen and checkpoints read the same board on both. Each test
 * runs on a schema of its own; without a reachable Postgres the file is skipped, saying why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServer, type RunningServer } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { createRelayHub } from '../../server/relay/in-process.ts';
import type { BoardStore } from '../../server/store/contract.ts';
import { openPostgresStore } from '../../server/store/postgres.ts';
import { DATABASE_FILE } from '../../server/store/sqlite.ts';
import { applyStoredState } from '../../server/store/state.ts';
import { addCard, createOrigin, listCardIds, readCard, updateCard } from '../../src/lib/model/index.ts';
import { createTestSchema, skipWithoutPostgres, TEST_DATABASE_URL, type TestSchema } from '../support/postgres.ts';
import { connect, createBoard, removeDir, startTestServer, tempDataDir, waitFor, type Client } from './helpers.ts';

/** Polls an async condition every 10 ms, failing after 15 s. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + 15_000;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

const skip = await skipWithoutPostgres('the server on PostgreSQL (tests/integration/postgres-instances.test.ts)');

describe.skipIf(skip)('the server on PostgreSQL', () => {
	const cleanup: (() => Promise<void> | void)[] = [];
	afterEach(async () => {
		for (const fn of cleanup.splice(0).reverse()) await fn();
	});

	const schema = async (): Promise<TestSchema> => {
		const s = await createTestSchema();
		cleanup.push(() => s.drop());
		return s;
	};
	const client = (c: Client) => {
		cleanup.push(() => c.kill());
		return c;
	};

	it('DATABASE_URL puts the boards in Postgres: they survive a restart, DATA_DIR holds no database', async () => {
		const { schema: name } = await schema();
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: name };
		const first = await startTestServer(env, dataDir);
		cleanup.push(() => first.close());
		expect(first.groundwork.store.kind).toBe('postgres');
		expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
		const board = await createBoard(first.url, { title: '上海咖啡试点', budget: 1_000_000_00, currency: 'CNY' });
		const editor = client(connect(first.wsUrl, board.id, board.editToken));
		await editor.synced;
		addCard(editor.doc, 'role', { title: '店长', headcount: 2, monthlyCost: 2_000_000 }, createOrigin('user', 'test'));
		await until(async () => (await first.groundwork.store.loadState(board.id)).lastSeq > 0, 'the edit to be committed to Postgres');
		editor.kill();
		await first.close();

		const second = await startTestServer(env, dataDir);
		cleanup.push(() => second.close());
		const plan = (await (await fetch(`${second.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)).json()) as { plan: { title: string; cards: { title: string }[] } };
		expect(plan.plan.title).toBe('上海咖啡试点');
		expect(plan.plan.cards.map((c) => c.title)).toContain('店长');
	});

	/**
	 * Two instances on one schema, their relays on one hub. Returns the updates the hub was handed
	 * and those of them that were not committed to Postgres (by the store's own answer) at that moment.
	 */
	const twoInstances = async (): Promise<[RunningServer, RunningServer, { relayed: number; uncommitted: string[] }]> => {
		const { database } = await schema();
		const committed = new Set<string>();
		const check = { relayed: 0, uncommitted: [] as string[] };
		const hub = createRelayHub({
			deliver: (message) => {
				if (message.kind !== 'update') return true;
				check.relayed++;
				if (!committed.has(Buffer.from(message.update).toString('base64'))) check.uncommitted.push(`${message.boardId}:${message.seq}`);
				return true;
			}
		});
		const servers: RunningServer[] = [];
		for (let i = 0; i < 2; i++) {
			const dataDir = tempDataDir();
			cleanup.push(() => removeDir(dataDir));
			const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_FORMAT: 'json', COMPACT_AFTER_UPDATES: '10' });
			const pgStore = await openPostgresStore(database);
			const store: BoardStore = {
				...pgStore,
				async appendUpdates(batch, now) {
					const seqs = await pgStore.appendUpdates(batch, now);
					batch.forEach(({ update }, i) => seqs[i] > 0 && committed.add(Buffer.from(update).toString('base64')));
					return seqs;
				}
			};
			const server = await startServer(config, { log: createLogger({ format: 'json', level: 'error', write: () => {} }), parts: { store, relay: hub.relay() } });
			cleanup.push(() => server.close());
			servers.push(server);
		}
		return [servers[0], servers[1], check];
	};

	it('two instances serve one board: converge, commit to Postgres before relaying, and read the same board everywhere', async () => {
		const [a, b, relay] = await twoInstances();
		const board = await createBoard(a.url, { title: '两地协作', budget: 500_000_00, currency: 'CNY' });
		const onA = client(connect(a.url.replace(/^http/, 'ws'), board.id, board.editToken));
		const onB = client(connect(b.url.replace(/^http/, 'ws'), board.id, board.editToken));
		await Promise.all([onA.synced, onB.synced]);
		const user = createOrigin('user', 'test');
		for (let i = 0; i < 15; i++) addCard((i % 2 ? onA : onB).doc, 'spend', { title: `支出 ${i}`, amount: 4_5000_00 + i, category: 'operations' }, user);
		await waitFor(() => (listCardIds(onA.doc).length === 15 && listCardIds(onB.doc).length === 15) || undefined, 'both clients to hold 15 cards');
		expect([...listCardIds(onA.doc)].sort()).toEqual([...listCardIds(onB.doc)].sort());

		// every update relayed between the instances was committed to Postgres when it was published
		const store = a.groundwork.store;
		expect(relay.relayed).toBeGreaterThanOrEqual(15);
		expect(relay.uncommitted).toEqual([]);

		// an edit through A shows on B's plan.json, export.md and first screen, and B's checkpoint holds it
		const id = listCardIds(onA.doc)[0];
		updateCard(onA.doc, id, { title: '改名：房租 4.5万' }, user);
		await waitFor(() => readCard(onB.doc, id)?.title === '改名：房租 4.5万' || undefined, 'B’s client to get the rename');
		const planB = (await (await fetch(`${b.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)).json()) as { plan: { cards: { id: string; title: string }[] } };
		expect(planB.plan.cards.find((c) => c.id === id)?.title).toBe('改名：房租 4.5万');
		const md = await (await fetch(`${b.url}/api/boards/${board.id}/export.md?token=${board.viewToken}`)).text();
		expect(md).toContain('改名：房租 4.5万');
		const page = await b.groundwork.pages(board.id, board.viewToken);
		expect(page.ok).toBe(true);
		const saved = await fetch(`${b.url}/api/boards/${board.id}/checkpoints?token=${board.editToken}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"评审"}' });
		expect(saved.status).toBe(201);
		const cp = (await saved.json()) as { id: string };
		const cpPlan = (await (await fetch(`${a.url}/api/boards/${board.id}/checkpoints/${cp.id}/plan.json?token=${board.viewToken}`)).json()) as { plan: { cards: { id: string; title: string }[] } };
		expect(cpPlan.plan.cards.find((c) => c.id === id)?.title).toBe('改名：房租 4.5万');

		// compaction with two writers (COMPACT_AFTER_UPDATES=10) lost nothing: the stored board is what the clients hold
		const doc = new Y.Doc();
		applyStoredState(doc, await store.loadState(board.id));
		expect([...listCardIds(doc)].sort()).toEqual([...listCardIds(onB.doc)].sort());
		expect(readCard(doc, id)?.title).toBe('改名：房租 4.5万');
	});

	it('a board deleted on one instance closes its sockets on the other', async () => {
		const [a, b] = await twoInstances();
		const board = await createBoard(a.url, { title: 'to delete' });
		const onB = client(connect(b.url.replace(/^http/, 'ws'), board.id, board.editToken));
		await onB.synced;
		const closes: number[] = [];
		onB.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? 0));
		const res = await fetch(`${a.url}/api/boards/${board.id}?token=${board.editToken}`, { method: 'DELETE' });
		expect(res.status).toBe(200);
		await waitFor(() => closes.includes(4404) || undefined, 'B’s socket to close with 4404');
	});
});
