/**
 * Rooms of one board on two "instances" in one process: two room registries, each with its own
 * connection to one SQLite file (as two servers share one Postgres) and its own relay on an
 * in-process hub (relay/in-process.ts), with real sockets and stock y-websocket providers.
 * The hub can drop messages, as Redis pub/sub may.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createLogger } from '../log.ts';
import { createRelayHub, type HubMessage, type RelayHub } from '../relay/in-process.ts';
import type { Relay } from '../relay/contract.ts';
import type { BoardStore } from '../store/contract.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { applyStoredState } from '../store/state.ts';
import { createRooms, type Rooms } from './registry.ts';

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

interface Instance {
	store: BoardStore;
	relay: Relay;
	rooms: Rooms;
	wss: WebSocketServer;
	url: string;
}

const key = (u: Uint8Array) => Buffer.from(u).toString('base64');

describe('rooms on two instances', () => {
	let dir: string;
	let hub: RelayHub;
	let instances: Instance[];
	/** Decides whether the hub delivers a message (tests drop some). */
	let deliver: (message: HubMessage) => boolean;
	/** Updates committed (by any instance), and relayed updates that were not committed when published. */
	const committed = new Set<string>();
	const violations: string[] = [];
	/** Per instance (by start order): the ids of every `lastSeqs` call, and how many `getBoard` calls. */
	const lookups: { lastSeqs: string[][]; getBoard: number }[] = [];
	const providers: WebsocketProvider[] = [];

	const start = async (storeCheckMs = 300): Promise<Instance> => {
		const real = openSqliteStore({ dataDir: dir, sync: 'normal' });
		const counted = { lastSeqs: [] as string[][], getBoard: 0 };
		lookups.push(counted);
		const store: BoardStore = {
			...real,
			lastSeqs(ids) {
				counted.lastSeqs.push([...ids].sort());
				return real.lastSeqs(ids);
			},
			getBoard(id) {
				counted.getBoard++;
				return real.getBoard(id);
			},
			async appendUpdates(batch, now) {
				const seqs = await real.appendUpdates(batch, now);
				batch.forEach(({ update }, i) => seqs[i] > 0 && committed.add(key(update)));
				return seqs;
			}
		};
		const relay = hub.relay();
		const rooms = createRooms({
			store,
			relay,
			log: createLogger({ format: 'json', level: 'error', write: () => {} }),
			config: { roomIdleMs: 10_000, pingIntervalMs: 10_000, compactAfterUpdates: 20, maxMessageBytes: 1 << 20, awarenessMaxBytes: 8192, awarenessPerSecond: 20 },
			storeCheckMs
		});
		const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		// path /<access> joins board 'board'; /<access>~<id> joins board <id>
		wss.on('connection', (ws, req) => rooms.join(decodeURIComponent(req.url?.split('~')[1] ?? 'board'), ws, req.url?.includes('view') ? 'view' : 'edit'));
		await new Promise((r) => wss.once('listening', r));
		return { store, relay, rooms, wss, url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}` };
	};

	const stop = async (instance: Instance) => {
		await instance.rooms.close();
		await new Promise((r) => instance.wss.close(r));
		await instance.relay.close();
		await instance.store.close();
	};

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'gw-relay-'));
		committed.clear();
		violations.length = 0;
		lookups.length = 0;
		deliver = () => true;
		hub = createRelayHub({
			deliver: (message) => {
				if (message.kind === 'update' && !committed.has(key(message.update))) violations.push(`relayed before commit: seq ${message.seq}`);
				return deliver(message);
			}
		});
		instances = [await start(), await start()];
		await instances[0].store.createBoard({ id: 'board', editHash: Buffer.alloc(32), viewHash: Buffer.alloc(32, 1), state: new Uint8Array([0, 0]) });
	});

	afterEach(async () => {
		for (const p of providers.splice(0)) p.destroy();
		for (const instance of instances) await stop(instance);
		rmSync(dir, { recursive: true, force: true });
	});

	const client = (instance: Instance, access: 'edit' | 'view' = 'edit', boardId = 'board') => {
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(instance.url, boardId === 'board' ? access : `${access}~${boardId}`, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
		providers.push(provider);
		const synced = new Promise((r) => provider.once('sync', r));
		return { doc, provider, synced };
	};

	const storedText = async () => {
		const doc = new Y.Doc();
		applyStoredState(doc, await instances[0].store.loadState('board'));
		return doc.getText('t').toString();
	};

	it('clients on different instances converge; nothing is relayed before it is committed', async () => {
		const a = client(instances[0]);
		const b = client(instances[1]);
		await Promise.all([a.synced, b.synced]);
		for (let i = 0; i < 100; i++) (i % 2 ? a : b).doc.getArray<number>('n').push([i]);
		await waitFor(() => a.doc.getArray('n').length === 100 && b.doc.getArray('n').length === 100, 'both clients to hold all 100 edits');
		expect(a.doc.getArray('n').toJSON()).toEqual(b.doc.getArray('n').toJSON());
		expect(violations).toEqual([]);
		// past compactAfterUpdates on both instances: compaction with two writers lost nothing
		const stored = new Y.Doc();
		await waitFor(async () => (await instances[1].store.counts('board')).updates < 100, 'a compaction');
		applyStoredState(stored, await instances[1].store.loadState('board'));
		expect(stored.getArray('n').toJSON()).toEqual(a.doc.getArray('n').toJSON());
	});

	it('fills gaps from the store when relayed updates are lost, also the last one', async () => {
		const a = client(instances[0]);
		const b = client(instances[1]);
		await Promise.all([a.synced, b.synced]);
		let n = 0;
		deliver = (message) => message.kind !== 'update' || n++ % 3 === 0; // two of three updates lost
		for (let i = 0; i < 30; i++) {
			a.doc.getText('t').insert(a.doc.getText('t').length, String(i % 10));
			await new Promise((r) => setTimeout(r, 3)); // separate commits, separate messages
		}
		await waitFor(() => b.doc.getText('t').toString() === a.doc.getText('t').toString(), 'B to catch up from the store');
		// every message lost from now on: a last update with nothing after it is found by the store check
		deliver = (message) => message.kind !== 'update';
		a.doc.getText('t').insert(0, '终');
		await waitFor(() => b.doc.getText('t').toString().startsWith('终'), 'B to fetch the lost last update');
		expect(await storedText()).toBe(a.doc.getText('t').toString());
	});

	it('compares all its live boards with the store in ONE lookup per check, not one per board', async () => {
		const ids = ['board', '看板二', 'b3'];
		for (const id of ids.slice(1)) await instances[0].store.createBoard({ id, editHash: Buffer.alloc(32), viewHash: Buffer.alloc(32, 1), state: new Uint8Array([0, 0]) });
		const onA = ids.map((id) => client(instances[0], 'edit', id));
		const onB = ids.map((id) => client(instances[1], 'view', id));
		await Promise.all([...onA, ...onB].map((c) => c.synced));
		deliver = (message) => message.kind !== 'update'; // every relayed update lost: only the store check brings them to B
		const checksBefore = lookups[1].lastSeqs.length;
		const getBoardBefore = lookups[1].getBoard;
		onA.forEach((c, i) => c.doc.getText('t').insert(0, `第${i + 1}块 4.5万`));
		await waitFor(() => onB.every((c, i) => c.doc.getText('t').toString() === `第${i + 1}块 4.5万`), 'B to fetch every board’s lost update');
		const checks = lookups[1].lastSeqs.slice(checksBefore);
		expect(checks.length).toBeGreaterThan(0);
		for (const call of checks) expect(call).toEqual([...ids].sort());
		expect(lookups[1].getBoard).toBe(getBoardBefore); // no per-board lookups
	});

	it('a board deleted elsewhere is evicted by the batched store check', async () => {
		const viewer = client(instances[1], 'view');
		await viewer.synced;
		const closes: number[] = [];
		viewer.provider.on('connection-close', (e: { code: number } | null) => closes.push(e?.code ?? 0));
		deliver = (message) => message.kind !== 'event'; // the delete event is lost: only the store check can tell B
		await instances[0].store.deleteBoard('board');
		instances[0].rooms.boardDeleted('board');
		await waitFor(() => closes.includes(4404), 'the viewer on B to be closed with 4404');
	});

	it('refetches when the relay reconnects', async () => {
		await stop(instances[1]);
		instances[1] = await start(600_000); // no store check in time: only the resync can bring it
		const a = client(instances[0]);
		const b = client(instances[1]);
		await Promise.all([a.synced, b.synced]);
		deliver = () => false; // "Redis is down"
		a.doc.getText('t').insert(0, 'while down');
		await waitFor(async () => (await storedText()) === 'while down', 'the edit to be stored');
		hub.resyncAll(); // "Redis is back"
		await waitFor(() => b.doc.getText('t').toString() === 'while down', 'B to refetch on resync');
	});

	it('presence crosses instances and vanishes with its instance', async () => {
		const a = client(instances[0]);
		const b = client(instances[1]);
		await Promise.all([a.synced, b.synced]);
		a.provider.awareness.setLocalStateField('user', { name: '张三' });
		await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === '张三', 'B to see A’s presence');
		// a client joining B later gets A's presence too
		const c = client(instances[1], 'view');
		await c.synced;
		await waitFor(() => c.provider.awareness.getStates().has(a.doc.clientID), 'a late client to see A’s presence');
		// instance A goes away (its relay tells the others): A's client's state goes with it
		await stop(instances[0]);
		instances = [instances[1]];
		await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'A’s presence to vanish on B');
	});

	it('delete and link reset on one instance close the sockets on the other', async () => {
		const viewer = client(instances[1], 'view');
		const editor = client(instances[1]);
		await Promise.all([viewer.synced, editor.synced]);
		const closes = { viewer: [] as number[], editor: [] as number[] };
		viewer.provider.on('connection-close', (e: { code: number } | null) => closes.viewer.push(e?.code ?? 0));
		editor.provider.on('connection-close', (e: { code: number } | null) => closes.editor.push(e?.code ?? 0));
		expect(instances[0].rooms.linkReset('board', 'view')).toBe(0); // nobody on A
		await waitFor(() => closes.viewer.includes(4401), 'the viewer on B to be closed with 4401');
		expect(closes.editor).toEqual([]);
		await instances[0].store.deleteBoard('board');
		instances[0].rooms.boardDeleted('board');
		await waitFor(() => closes.editor.includes(4404), 'the editor on B to be closed with 4404');
	});
});

describe('in-process hub', () => {
	it('never delivers back to the publisher and copies the bytes', async () => {
		const hub = createRelayHub();
		const [a, b] = [hub.relay(), hub.relay()];
		const got: string[] = [];
		await a.subscribe('x', { update: (seq) => got.push(`a${seq}`), awareness: () => {}, event: () => {}, resync: () => {}, instanceGone: () => {} });
		await b.subscribe('x', { update: (seq, u) => got.push(`b${seq}:${u[0]}`), awareness: () => {}, event: () => {}, resync: () => {}, instanceGone: () => {} });
		const bytes = new Uint8Array([7]);
		a.publishUpdate('x', 1, bytes);
		bytes[0] = 9;
		await new Promise((r) => setImmediate(r));
		await new Promise((r) => setImmediate(r));
		expect(got).toEqual(['b1:7']);
	});
});
