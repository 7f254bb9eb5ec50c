/**
 * Issue 16's guarantees across instances, one test each: 2–3 real server processes on one private
 * Postgres schema and Redis prefix (cluster.ts), stock y-websocket clients on different instances.
 * Skipped, saying why, without Postgres and Redis.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStore } from '../../../server/store/postgres.ts';
import { applyStoredState } from '../../../server/store/state.ts';
import { addCard, createOrigin, listCardIds, readMeta, updateMeta } from '../../../src/lib/model/index.ts';
import { connect, createBoard, waitFor, type Client } from '../helpers.ts';
import { startCluster, skipWithoutCluster, waitForAsync, type Cluster } from './cluster.ts';
import { TEST_REDIS_URL, announceSkip, redisCommand, startPrivateRedis, type PrivateRedis } from './services.ts';

const skip = await skipWithoutCluster('the multi-instance suite (Postgres + Redis)');
/** The board page needs the built app: `npm test` builds it before the integration tests; alone, run `npm run build` first. */
const hasAppBuild = existsSync(fileURLToPath(new URL('../../../build/handler.js', import.meta.url)));
if (!skip && !hasAppBuild) announceSkip('the multi-instance first-screen test', ['no app build (build/handler.js)'], 'run `npm run build` first to include it');

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

async function cluster(count: number, env: Record<string, string> = {}): Promise<Cluster> {
	const c = await startCluster(count, env);
	cleanup.push(() => c.stop());
	return c;
}

function client(wsUrl: string, boardId: string, token: string): Client {
	const c = connect(wsUrl, boardId, token);
	cleanup.push(() => c.destroy());
	return c;
}

const origin = createOrigin('user', 'test');
const entries = (doc: Y.Doc, name: string) => Object.entries(doc.getMap(name).toJSON()).sort(([a], [b]) => (a < b ? -1 : 1));

/** The board as stored in the cluster's Postgres schema, read directly (not through any instance). */
async function storedDoc(c: Cluster, boardId: string): Promise<Y.Doc> {
	const store = await openPostgresStore(c.schema.database);
	try {
		const doc = new Y.Doc();
		applyStoredState(doc, await store.loadState(boardId));
		return doc;
	} finally {
		await store.close();
	}
}

describe.skipIf(skip)('several instances on Postgres + Redis', () => {
	it('commits to Postgres before any instance relays: readers on another instance, both instances SIGKILLed mid-burst, lose nothing', async () => {
		const c = await cluster(2);
		const [a, b] = c.instances;
		const board = await createBoard(a.url);
		const writer = client(a.wsUrl, board.id, board.editToken);
		const reader = client(b.wsUrl, board.id, board.viewToken);
		await Promise.all([writer.synced, reader.synced]);

		const received = reader.doc.getMap<number>('burst');
		let killed = false;
		received.observe(() => {
			if (!killed && received.size >= 150) {
				killed = true;
				void c.kill(0);
				void c.kill(1);
				reader.kill();
				writer.kill(); // nothing may re-upload the writer's state afterwards
			}
		});
		const burst = writer.doc.getMap<number>('burst');
		for (let i = 0; i < 500; i++) burst.set(`u${i}`, i);
		await waitFor(() => killed, 'the reader on B to receive 150 updates');
		await Promise.all([a.server.exited, b.server.exited]);
		const seen = [...received.entries()];
		expect(seen.length).toBeGreaterThanOrEqual(150);
		// B relayed them to its reader only after A committed them: all are in Postgres
		const stored = (await storedDoc(c, board.id)).getMap<number>('burst');
		expect(seen.filter(([key, value]) => stored.get(key) !== value)).toEqual([]);
	});

	it('converges clients on three instances, presence and presenter-follow included; a killed instance’s presence vanishes', async () => {
		const c = await cluster(3);
		const board = await createBoard(c.instances[0].url);
		const clients = c.instances.map((instance) => client(instance.wsUrl, board.id, board.editToken));
		await Promise.all(clients.map((cl) => cl.synced));

		// concurrent edits on every instance
		clients.forEach((cl, i) => {
			addCard(cl.doc, 'role', { title: `店长 ${i}` }, origin);
			cl.doc.getMap('scratch').set(`from-${i}`, `第${i}号 4.5万`);
		});
		updateMeta(clients[1].doc, { title: '上海咖啡试点' }, origin);
		await waitFor(() => clients.every((cl) => listCardIds(cl.doc).length === listCardIds(clients[0].doc).length && cl.doc.getMap('scratch').size === 3 && readMeta(cl.doc).title === '上海咖啡试点'), 'the three clients to converge');
		const state = entries(clients[0].doc, 'scratch');
		for (const cl of clients) expect(entries(cl.doc, 'scratch')).toEqual(state);
		const cards = listCardIds(clients[0].doc).sort();
		for (const cl of clients) expect(listCardIds(cl.doc).sort()).toEqual(cards);

		// presence and presenter-follow (it rides on awareness) cross instances
		const presenter = clients[0].provider.awareness;
		presenter.setLocalStateField('user', { name: '王芳', color: '#2563eb' });
		presenter.setLocalStateField('presenting', { session: 's1', slide: 3, kind: 'review', startedAt: 1 });
		for (const cl of clients.slice(1)) {
			await waitFor(() => (cl.provider.awareness.getStates().get(presenter.clientID) as { presenting?: { slide: number } } | undefined)?.presenting?.slide === 3, 'the presenter’s slide elsewhere');
		}
		presenter.setLocalStateField('presenting', { session: 's1', slide: 4, kind: 'review', startedAt: 1 });
		await waitFor(() => (clients[2].provider.awareness.getStates().get(presenter.clientID) as { presenting?: { slide: number } } | undefined)?.presenting?.slide === 4, 'the next slide on instance C');

		// the client on C announces itself, then C is SIGKILLed: its state leaves A and B within seconds
		const onC = clients[2];
		onC.provider.awareness.setLocalStateField('user', { name: '李雷', color: '#16a34a' });
		for (const cl of clients.slice(0, 2)) await waitFor(() => cl.provider.awareness.getStates().has(onC.doc.clientID), 'C’s client seen');
		onC.kill();
		await c.kill(2);
		for (const cl of clients.slice(0, 2)) await waitFor(() => !cl.provider.awareness.getStates().has(onC.doc.clientID), 'the killed instance’s client to vanish', 15_000);
		// a remote removal is not a local one: A's own presenter is still seen on B
		expect(clients[1].provider.awareness.getStates().has(presenter.clientID)).toBe(true);
	});

	it('repairs dropped pub/sub messages from Postgres: a subscriber connection cut mid-burst converges', async () => {
		const c = await cluster(2);
		const [a, b] = c.instances;
		const board = await createBoard(a.url);
		const writer = client(a.wsUrl, board.id, board.editToken);
		const reader = client(b.wsUrl, board.id, board.viewToken);
		await Promise.all([writer.synced, reader.synced]);
		const burst = writer.doc.getMap<number>('burst');
		burst.set('first', 0);
		await waitFor(() => reader.doc.getMap('burst').has('first'), 'the first update on B');
		// B's subscriber connection is cut by Redis while A commits: those messages never reach B
		const list = String(await redisCommand(TEST_REDIS_URL, ['CLIENT', 'LIST']));
		const subscribers = list.split('\n').filter((line) => line.includes(`name=${c.redisPrefix}`) && line.includes(':sub '));
		expect(subscribers).toHaveLength(2);
		for (let i = 0; i < 200; i++) {
			burst.set(`u${i}`, i);
			if (i === 50) for (const line of subscribers) await redisCommand(TEST_REDIS_URL, ['CLIENT', 'KILL', 'ID', /\bid=(\d+)/.exec(line)![1]]);
		}
		await waitFor(() => reader.doc.getMap('burst').size === 201, 'B’s reader to have every update');
		expect(entries(reader.doc, 'burst')).toEqual(entries(writer.doc, 'burst'));
	});

	it('survives a Redis restart: edits on both instances while Redis is down converge once it is back', async () => {
		const redis: PrivateRedis = await startPrivateRedis();
		cleanup.push(() => redis.remove());
		const c = await cluster(2, { REDIS_URL: redis.url });
		const [a, b] = c.instances;
		const board = await createBoard(a.url);
		const onA = client(a.wsUrl, board.id, board.editToken);
		const onB = client(b.wsUrl, board.id, board.editToken);
		await Promise.all([onA.synced, onB.synced]);
		onA.doc.getMap('m').set('before', 1);
		await waitFor(() => onB.doc.getMap('m').get('before') === 1, 'relay working');

		await redis.kill();
		for (let i = 0; i < 20; i++) {
			onA.doc.getMap('m').set(`a${i}`, i);
			onB.doc.getMap('m').set(`b${i}`, i);
		}
		// each instance still commits its own clients' edits; they cannot reach the other instance yet
		await redis.start();
		await waitFor(() => onA.doc.getMap('m').size === 41 && onB.doc.getMap('m').size === 41, 'both to converge after Redis is back');
		expect(entries(onA.doc, 'm')).toEqual(entries(onB.doc, 'm'));
		expect((await storedDoc(c, board.id)).getMap('m').size).toBe(41);
	});

	it('compacts safely with writers on several instances: nothing is lost', async () => {
		const c = await cluster(2, { COMPACT_AFTER_UPDATES: '20' });
		const [a, b] = c.instances;
		const board = await createBoard(a.url);
		const onA = client(a.wsUrl, board.id, board.editToken);
		const onB = client(b.wsUrl, board.id, board.editToken);
		await Promise.all([onA.synced, onB.synced]);
		for (let i = 0; i < 150; i++) {
			onA.doc.getMap('m').set(`a${i}`, i);
			onB.doc.getMap('m').set(`b${i}`, i);
			if (i % 25 === 0) await new Promise((r) => setImmediate(r));
		}
		await waitFor(() => onA.doc.getMap('m').size === 300 && onB.doc.getMap('m').size === 300, 'both clients to have all 300');
		const store = await openPostgresStore(c.schema.database);
		cleanup.push(() => store.close());
		// compaction ran (the log is short) and the stored board has every entry
		await waitForAsync(async () => (await store.counts(board.id)).updates < 300, 'compaction');
		expect((await storedDoc(c, board.id)).getMap('m').size).toBe(300);
		// a third instance loading it from scratch agrees
		const third = await c.add();
		const late = client(third.wsUrl, board.id, board.viewToken);
		await late.synced;
		expect(entries(late.doc, 'm')).toEqual(entries(onA.doc, 'm'));
	});

	it('reads the same board on every instance: plan.json, export.md and checkpoints', async () => {
		const c = await cluster(2);
		const [a, b] = c.instances;
		const board = await createBoard(a.url, { title: '旧标题' });
		const auth = { authorization: `Bearer ${board.editToken}` };
		const planOn = async (url: string) => ((await (await fetch(`${url}/api/boards/${board.id}/plan.json`, { headers: auth })).json()) as { plan: { title: string } }).plan;
		// B reads the board first (and keeps it open), then A's client edits it
		expect((await planOn(b.url)).title).toBe('旧标题');
		const editor = client(a.wsUrl, board.id, board.editToken);
		await editor.synced;
		updateMeta(editor.doc, { title: '杭州茶饮 4.5万' }, origin);
		addCard(editor.doc, 'spend', { title: '租金押金', amount: 4_500_000 }, origin);
		await waitForAsync(async () => (await planOn(b.url)).title === '杭州茶饮 4.5万', 'plan.json on B to show A’s edit');
		await waitForAsync(async () => JSON.stringify(await planOn(b.url)).includes('租金押金'), 'the new card on B');
		const markdown = await (await fetch(`${b.url}/api/boards/${board.id}/export.md`, { headers: auth })).text();
		expect(markdown).toContain('杭州茶饮 4.5万');
		expect(markdown).toContain('租金押金');

		const created = await fetch(`${a.url}/api/boards/${board.id}/checkpoints`, {
			method: 'POST',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify({ name: '一月评审' })
		});
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };
		const listed = (await (await fetch(`${b.url}/api/boards/${board.id}/checkpoints`, { headers: auth })).json()) as { checkpoints: { id: string; name: string }[] };
		expect(listed.checkpoints.map((cp) => [cp.id, cp.name])).toEqual([[id, '一月评审']]);
		const atCheckpoint = (await (await fetch(`${b.url}/api/boards/${board.id}/checkpoints/${id}/plan.json`, { headers: auth })).json()) as { plan: { title: string } };
		expect(atCheckpoint.plan.title).toBe('杭州茶饮 4.5万');
	});

	it.skipIf(!hasAppBuild)('serves the board page’s first screen fresh on every instance after another instance’s edit', async () => {
		const c = await cluster(2);
		const [a, b] = c.instances;
		const board = await createBoard(a.url, { title: '旧标题' });
		const pageOn = async (url: string) => (await fetch(`${url}/b/${board.id}?token=${board.viewToken}`)).text();
		// both instances render (and may keep) the first screen before the edit
		expect(await pageOn(a.url)).toContain('旧标题');
		expect(await pageOn(b.url)).toContain('旧标题');
		const editor = client(a.wsUrl, board.id, board.editToken);
		await editor.synced;
		updateMeta(editor.doc, { title: '杭州茶饮 4.5万' }, origin);
		await waitForAsync(async () => (await pageOn(a.url)).includes('杭州茶饮 4.5万'), 'the first screen on A');
		// committed before A relayed it: B's first screen, read now, must have it
		const page = await pageOn(b.url);
		expect(page).toContain('杭州茶饮 4.5万');
		expect(page).not.toContain('旧标题');
	});
});
