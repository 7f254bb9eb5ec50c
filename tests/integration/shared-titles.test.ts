/**
 * Titles as shared text through the real server with stock y-websocket providers: concurrent
 * typing in one title keeps everyone's words, and a schema-1 board (string titles) is migrated
 * on load by the server while a client migrates its own copy of the same state: nothing is
 * duplicated and typing on both sides lands in one text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrateDoc, readCard, readMeta, SCHEMA_VERSION, titleText } from '../../src/lib/model/core.ts';
import { connect, createBoard, removeDir, startTestServer, tempDataDir, waitFor, type Client, type TestServer } from './helpers.ts';

const META = { title: '深圳新零售', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24 };
const PLAN = {
	...META,
	cards: [
		{ id: 'r1', kind: 'role', title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: '2027-01' },
		{ id: 'g1', kind: 'goal', title: '三个月内盈亏平衡' }
	]
};

let servers: TestServer[] = [];
let clients: Client[] = [];
let dirs: string[] = [];

afterEach(async () => {
	for (const c of clients) c.destroy();
	for (const s of servers) await s.close();
	for (const d of dirs) removeDir(d);
	clients = [];
	servers = [];
	dirs = [];
});

async function start(dataDir: string): Promise<TestServer> {
	const server = await startTestServer({ ROOM_IDLE_MS: '50', PING_INTERVAL_MS: '200' }, dataDir);
	servers.push(server);
	return server;
}

function open(server: TestServer, boardId: string, token: string, doc?: Y.Doc): Client {
	const client = connect(server.wsUrl, boardId, token, doc);
	clients.push(client);
	return client;
}

async function planTitle(server: TestServer, id: string, token: string, cardId?: string): Promise<string> {
	const res = await fetch(`${server.url}/api/boards/${id}/plan.json?token=${token}`);
	const { plan } = (await res.json()) as { plan: { title: string; cards: { id: string; title: string }[] } };
	return cardId ? plan.cards.find((c) => c.id === cardId)!.title : plan.title;
}

describe('shared titles', () => {
	it('stock clients typing in one card title and the board title at once keep every word', async () => {
		const dir = tempDataDir();
		dirs.push(dir);
		const server = await start(dir);
		const board = await createBoard(server.url, { plan: PLAN });
		const a = open(server, board.id, board.editToken);
		const b = open(server, board.id, board.editToken);
		await Promise.all([a.synced, b.synced]);
		expect(titleText(a.doc, 'r1')?.toString()).toBe('店长');

		// ten rounds of keystrokes on both sides, each made before the other side's arrives
		const aWords = '甲乙丙丁戊己庚辛壬癸';
		const bWords = 'ABCDEFGHIJ';
		for (let i = 0; i < 10; i++) {
			const ta = titleText(a.doc, 'r1')!;
			ta.insert(ta.length, aWords[i]);
			titleText(b.doc, 'r1')!.insert(i, bWords[i]);
			const ma = titleText(a.doc, null)!;
			ma.insert(ma.length, aWords[i]);
			titleText(b.doc, null)!.insert(i, bWords[i]);
		}
		const card = `${bWords}店长${aWords}`;
		const meta = `${bWords}深圳新零售${aWords}`;
		await waitFor(() => readCard(a.doc, 'r1')?.title === card && readCard(b.doc, 'r1')?.title === card, 'both card titles');
		await waitFor(() => readMeta(a.doc).title === meta && readMeta(b.doc).title === meta, 'both board titles');
		// what the server stored and serves
		await expect.poll(() => planTitle(server, board.id, board.viewToken, 'r1')).toBe(card);
		expect(await planTitle(server, board.id, board.viewToken)).toBe(meta);
	});

	it('a schema-1 board is migrated on load by the server and by a client holding a copy, without duplicating text', async () => {
		const dir = tempDataDir();
		dirs.push(dir);
		const first = await start(dir);
		const board = await createBoard(first.url, { plan: PLAN });
		// make the stored board look like schema 1: string titles, schemaVersion 1
		const old = open(first, board.id, board.editToken);
		await old.synced;
		old.doc.transact(() => {
			const meta = old.doc.getMap('meta');
			meta.set('schemaVersion', 1);
			meta.set('title', META.title);
			for (const card of PLAN.cards) old.doc.getMap<Y.Map<unknown>>('cards').get(card.id)!.set('title', card.title);
		});
		const probe = open(first, board.id, board.editToken);
		await probe.synced;
		await waitFor(() => probe.doc.getMap('meta').get('schemaVersion') === 1, 'the schema-1 state on the server');
		const v1 = Y.encodeStateAsUpdate(old.doc);
		old.destroy();
		probe.destroy();
		clients = [];
		await first.close();
		servers = [];

		// a client with a copy of that state (its offline copy) migrates it itself and types, offline
		const copy = new Y.Doc();
		Y.applyUpdate(copy, v1);
		expect(copy.getMap<Y.Map<unknown>>('cards').get('r1')!.get('title')).toBe('店长');
		expect(migrateDoc(copy)).toEqual({ from: 1, to: SCHEMA_VERSION });
		titleText(copy, 'r1')!.insert(2, '（兼职）');

		// the restarted server migrates the stored board when it loads it
		const second = await start(dir);
		const fresh = open(second, board.id, board.editToken);
		await fresh.synced;
		expect(fresh.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
		expect(titleText(fresh.doc, 'r1')?.toString()).toBe('店长');
		expect(titleText(fresh.doc, null)?.toString()).toBe(META.title);
		titleText(fresh.doc, 'r1')!.insert(0, '资深');

		const offline = open(second, board.id, board.editToken, copy);
		await offline.synced;
		const both = '资深店长（兼职）';
		await waitFor(() => readCard(fresh.doc, 'r1')?.title === both && readCard(copy, 'r1')?.title === both, 'both words in one title');
		// the two migrations were the same items: nothing doubled anywhere
		expect(readMeta(fresh.doc).title).toBe(META.title);
		expect(readMeta(copy).title).toBe(META.title);
		expect(readCard(copy, 'g1')?.title).toBe('三个月内盈亏平衡');
		await expect.poll(() => planTitle(second, board.id, board.viewToken, 'r1')).toBe(both);
		expect(await planTitle(second, board.id, board.viewToken, 'g1')).toBe('三个月内盈亏平衡');
	});
});
