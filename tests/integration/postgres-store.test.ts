/**
 * The real server on the Postgres store: two servers (in this process, each with its own pool,
 * as two instances would have) share one schema and an in-process relay hub; stock y-websocket
 * clients on each. Shows that rooms, commit queue, compaction, plan.json and checkpoints work on
 * Postgres as on SQLite, and that a server started afterwards finds everything in Postgres. The
 * multi-instance suite (child processes, Redis, nginx) builds on this from the configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { createRelayHub, type RelayHub } from '../../server/relay/in-process.ts';
import { openPostgresStore, type PostgresBoardStore } from '../../server/store/postgres.ts';
import { createOrigin, listCardIds, readCard, updateCard } from '../../src/lib/model/index.ts';
import { createTestSchema, skipWithoutPostgres, type TestSchema } from '../support/postgres.ts';
import { connect, createBoard, removeDir, tempDataDir, waitFor, type Client } from './helpers.ts';

interface Instance {
	readonly server: RunningServer;
	readonly store: PostgresBoardStore;
	readonly wsUrl: string;
	readonly dataDir: string;
}

describe.skipIf(await skipWithoutPostgres('the server-on-Postgres test'))('the server on the Postgres store', () => {
	let schema: TestSchema;
	let hub: RelayHub;
	const instances: Instance[] = [];
	const clients: Client[] = [];
	/** Warnings and errors any server logged. */
	const problems: string[] = [];

	/** A server with its own Postgres store (pool) on the test schema, on the shared hub. */
	async function startInstance(env: Record<string, string> = {}): Promise<Instance> {
		const dataDir = tempDataDir();
		const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, DATABASE_URL: schema.database.url, DATABASE_SCHEMA: schema.schema, ...env });
		const store = await openPostgresStore(config.database!);
		const log = createLogger({ format: 'json', level: 'warn', write: (line) => problems.push(line) });
		const server = await startServer(config, { log, parts: { store, relay: hub.relay() } });
		const instance = { server, store, wsUrl: server.url.replace(/^http/, 'ws'), dataDir };
		instances.push(instance);
		return instance;
	}

	beforeAll(async () => {
		schema = await createTestSchema();
		hub = createRelayHub();
	});
	afterAll(async () => {
		for (const client of clients.splice(0)) client.destroy();
		for (const instance of instances.splice(0)) {
			await instance.server.close();
			removeDir(instance.dataDir);
		}
		await schema?.drop();
	});

	it('serves one board from two servers: edits converge, are committed in Postgres, and a later server loads them', async () => {
		const [a, b] = [await startInstance({ COMPACT_AFTER_UPDATES: '20' }), await startInstance({ COMPACT_AFTER_UPDATES: '20' })];
		const board = await createBoard(a.server.url, {
			plan: {
				title: '杭州茶饮 · 新店',
				currency: 'CNY',
				budget: 1_000_000_000,
				startMonth: '2027-01',
				horizonMonths: 12,
				cards: [{ id: 'role-1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: '2027-01' }]
			}
		});
		// the board was created through A: B finds it in Postgres
		expect((await fetch(`${b.server.url}/api/boards/${board.id}?token=${board.viewToken}`)).status).toBe(200);
		const onA = connect(a.wsUrl, board.id, board.editToken);
		const onB = connect(b.wsUrl, board.id, board.editToken);
		clients.push(onA, onB);
		await Promise.all([onA.synced, onB.synced]);

		// 60 edits from each side: past the compaction threshold, so both servers compact meanwhile
		const origin = createOrigin('user', 'test');
		for (let i = 0; i < 60; i++) {
			updateCard(onA.doc, 'role-1', { title: `店长 A${i}` }, origin);
			updateCard(onB.doc, 'role-1', { headcount: i + 1 }, origin);
		}
		const titleOn = (client: Client) => readCard(client.doc, 'role-1')?.title;
		const headcountOn = (client: Client) => {
			const card = readCard(client.doc, 'role-1');
			return card?.kind === 'role' ? card.headcount : undefined;
		};
		await waitFor(() => titleOn(onB) === '店长 A59' && headcountOn(onA) === 60, 'both clients to see both sides’ last edits');

		// plan.json of either server reads the same board (live doc or store)
		for (const instance of [a, b]) {
			const plan = (await (await fetch(`${instance.server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`)).json()) as {
				plan: { title: string; cards: { title: string; headcount: number }[] };
			};
			expect(plan.plan.title).toBe('杭州茶饮 · 新店');
			expect(plan.plan.cards[0]).toMatchObject({ title: '店长 A59', headcount: 60 });
		}

		// a checkpoint saved on B is listed on A
		const saved = await fetch(`${b.server.url}/api/boards/${board.id}/checkpoints`, {
			method: 'POST',
			headers: { authorization: `Bearer ${board.editToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name: '一月评审' })
		});
		expect(saved.status).toBe(201);
		const listed = (await (await fetch(`${a.server.url}/api/boards/${board.id}/checkpoints?token=${board.viewToken}`)).json()) as {
			checkpoints: { name: string }[];
		};
		expect(listed.checkpoints.map((c) => c.name)).toContain('一月评审');

		// everything is in Postgres: the log was compacted (never more than ~2× the threshold left)
		// and a server that starts now, with its own pool, serves the board as the clients left it
		const stored = await a.store.loadState(board.id);
		expect(stored.lastSeq).toBeGreaterThanOrEqual(120);
		expect(stored.updates.length).toBeLessThan(stored.lastSeq);
		for (const client of clients.splice(0)) client.destroy();
		for (const instance of instances.splice(0)) {
			await instance.server.close();
			removeDir(instance.dataDir);
		}
		const c = await startInstance();
		const late = connect(c.wsUrl, board.id, board.viewToken);
		clients.push(late);
		await late.synced;
		expect(titleOn(late)).toBe('店长 A59');
		expect(headcountOn(late)).toBe(60);
		expect(listCardIds(late.doc)).toEqual(['role-1']);
		expect(problems).toEqual([]);
	});
});
