import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createLogger } from './log.ts';
import { createRooms, type Rooms } from './rooms.ts';
import { applyStoredState, openStore, type Store } from './store.ts';

/** Waits until `wss` listens and returns its ws:// URL. */
async function listening(wss: WebSocketServer): Promise<string> {
	await new Promise((r) => wss.once('listening', r));
	return `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
}

/**
 * Polls `condition` every 10 ms until it holds; throws naming `what` after 20 s (generous: the store's
 * worker thread has taken seconds to start on a busy two-core CI machine).
 */
async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + 20_000;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** Closes the rooms (flushing them), then the socket server and the store, and removes the data folder. */
async function closeAll(rooms: Rooms, wss: WebSocketServer, store: Store, dir: string): Promise<void> {
	await rooms.close();
	await new Promise((r) => wss.close(r));
	await store.close();
	rmSync(dir, { recursive: true, force: true });
}

/**
 * The room's core promise, checked at the exact moment of sending: every document update a socket
 * is given has already been committed. Real store and real sockets; the store and the server-side
 * sockets are only wrapped to record the order of commits and sends.
 */
describe('rooms: commit before relay', () => {
	let dir: string;
	let store: Store;
	let rooms: Rooms;
	let wss: WebSocketServer;
	let url: string;
	const committed = new Set<string>();
	const violations: string[] = [];
	let relayedUpdates = 0;
	const key = (u: Uint8Array) => Buffer.from(u).toString('base64');

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'gw-rooms-'));
		const real = openStore({ dataDir: dir, sync: 'normal' });
		await real.createBoard({ id: 'board', editHash: Buffer.alloc(32), viewHash: Buffer.alloc(32, 1), state: new Uint8Array([0, 0]) });
		store = {
			...real,
			async appendUpdates(batch, now) {
				const seqs = await real.appendUpdates(batch, now);
				for (const { update } of batch) committed.add(key(update));
				return seqs;
			}
		};
		rooms = createRooms({
			store,
			log: createLogger({ format: 'json', level: 'error', write: () => {} }),
			config: { roomIdleMs: 10_000, pingIntervalMs: 10_000, compactAfterUpdates: 1_000, maxMessageBytes: 1 << 20, awarenessMaxBytes: 8192, awarenessPerSecond: 20 }
		});
		wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		wss.on('connection', (ws) => {
			const send = ws.send.bind(ws) as (data: Uint8Array) => void;
			(ws as unknown as { send: (data: Uint8Array) => void }).send = (data: Uint8Array) => {
				const d = decoding.createDecoder(data);
				if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 2) {
					relayedUpdates++;
					const update = decoding.readVarUint8Array(d);
					if (!committed.has(key(update))) violations.push(`relayed before commit: ${update.length} bytes`);
				}
				send(data);
			};
			rooms.join('board', ws, 'edit');
		});
		url = await listening(wss);
	});

	afterEach(async () => {
		await closeAll(rooms, wss, store, dir);
	});

	const provider = (doc: Y.Doc) =>
		new WebsocketProvider(url, 'board', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });

	it('never sends an update that is not committed yet, even in bursts', async () => {
		const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
		const providers = docs.map(provider);
		await Promise.all(providers.map((p) => new Promise((r) => p.once('sync', r))));
		for (let i = 0; i < 200; i++) docs[i % 3].getArray<number>('a').push([i]);
		await waitFor(() => docs.every((d) => d.getArray('a').length === 200), 'every client to get all 200 updates');
		for (const d of docs) expect(d.getArray('a').length).toBe(200);
		expect(relayedUpdates).toBeGreaterThanOrEqual(400); // each update went to the two other clients
		expect(violations).toEqual([]);
		for (const p of providers) p.destroy();
	});
});

/**
 * A fresh client's first sync answer (the reply to an empty state vector) must be exactly the
 * room's document: when the board is at rest (answered from the stored snapshot), after a write
 * made on load by prepareDoc, and after an edit made since load.
 */
describe('rooms: first sync answer of a fresh client', () => {
	let dir: string;
	let store: Store;
	let rooms: Rooms;
	let wss: WebSocketServer;
	let url: string;
	let migrate = false;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'gw-rooms-'));
		store = openStore({ dataDir: dir, sync: 'normal' });
		const init = new Y.Doc();
		init.getMap('meta').set('title', 'plan');
		init.getArray<string>('cards').push(['a', 'b']);
		await store.createBoard({ id: 'board', editHash: Buffer.alloc(32), viewHash: Buffer.alloc(32, 1), state: Y.encodeStateAsUpdate(init) });
		rooms = createRooms({
			store,
			log: createLogger({ format: 'json', level: 'error', write: () => {} }),
			config: { roomIdleMs: 10_000, pingIntervalMs: 10_000, compactAfterUpdates: 2, maxMessageBytes: 1 << 20, awarenessMaxBytes: 8192, awarenessPerSecond: 20 },
			prepareDoc: (doc) => {
				if (migrate && !doc.getMap('meta').has('schema')) doc.getMap('meta').set('schema', 2);
			}
		});
		wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		wss.on('connection', (ws) => rooms.join('board', ws, 'edit'));
		url = await listening(wss);
	});

	afterEach(async () => {
		migrate = false;
		await closeAll(rooms, wss, store, dir);
	});

	/** Connects a raw client, sends sync step 1 with an empty state vector, resolves the step-2 payload. */
	const firstSyncAnswer = async (): Promise<Uint8Array> => {
		const ws = new WebSocket(url);
		ws.binaryType = 'nodebuffer';
		const answer = new Promise<Uint8Array>((resolve, reject) => {
			ws.on('error', reject);
			ws.on('message', (data: Buffer) => {
				const d = decoding.createDecoder(new Uint8Array(data));
				if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1) resolve(decoding.readVarUint8Array(d));
			});
		});
		await new Promise((r) => ws.once('open', r));
		const sv = Y.encodeStateVector(new Y.Doc());
		ws.send(new Uint8Array([0, 0, sv.length, ...sv]));
		const payload = await answer;
		ws.close();
		return payload;
	};

	const expectDocState = async (payload: Uint8Array) => {
		const client = new Y.Doc();
		Y.applyUpdate(client, payload);
		const read = (doc: Y.Doc) => ({ meta: doc.getMap('meta').toJSON(), cards: doc.getArray('cards').toJSON() });
		const server = await rooms.readDoc('board', (doc) => ({ json: read(doc), sv: Y.encodeStateVector(doc) }));
		const json = read(client);
		expect(server).toBeDefined();
		expect(json).toEqual(server!.json);
		expect(Buffer.from(Y.encodeStateVector(client)).equals(Buffer.from(server!.sv))).toBe(true);
		return json;
	};

	it('at rest: answers with the stored snapshot, which is the doc state', async () => {
		const payload = await firstSyncAnswer();
		expect(Buffer.from(payload).equals(Buffer.from((await store.loadState('board')).snapshot!))).toBe(true);
		expect(await expectDocState(payload)).toEqual({ meta: { title: 'plan' }, cards: ['a', 'b'] });
	});

	it('includes what prepareDoc wrote on load', async () => {
		migrate = true;
		const payload = await firstSyncAnswer();
		expect(await expectDocState(payload)).toEqual({ meta: { title: 'plan', schema: 2 }, cards: ['a', 'b'] });
	});

	it('includes edits made since load, and after the compaction they trigger', async () => {
		await expectDocState(await firstSyncAnswer()); // room loaded, at rest
		const doc = new Y.Doc();
		const p = new WebsocketProvider(url, 'board', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
		await new Promise((r) => p.once('sync', r));
		const stored = async () => {
			const d = new Y.Doc();
			applyStoredState(d, await store.loadState('board'));
			return d.getArray('cards').length;
		};
		const waitStored = async (n: number) => {
			await waitFor(async () => (await stored()) >= n, `${n} cards to be stored`);
			expect(await stored()).toBe(n);
		};
		doc.getArray<string>('cards').push(['c']);
		await waitStored(3);
		expect((await store.counts('board')).updates).toBe(1); // below compactAfterUpdates: answered by encoding the doc
		expect(await expectDocState(await firstSyncAnswer())).toEqual({ meta: { title: 'plan' }, cards: ['a', 'b', 'c'] });
		doc.getArray<string>('cards').push(['d']);
		await waitStored(4);
		// past the threshold: compacted once the board is quiet, then answered from the new snapshot
		await waitFor(async () => (await store.counts('board')).updates === 0, 'the compaction');
		const payload = await firstSyncAnswer();
		expect(Buffer.from(payload).equals(Buffer.from((await store.loadState('board')).snapshot!))).toBe(true);
		expect(await expectDocState(payload)).toEqual({ meta: { title: 'plan' }, cards: ['a', 'b', 'c', 'd'] });
		doc.getMap('meta').set('title', 'edited');
		await waitFor(async () => (await rooms.readDoc('board', (d) => d.getMap('meta').get('title'))) === 'edited', 'the edit to reach the room');
		expect(await expectDocState(await firstSyncAnswer())).toEqual({ meta: { title: 'edited' }, cards: ['a', 'b', 'c', 'd'] });
		p.destroy();
	});
});

/**
 * A board past the size from which it is compacted on the store's worker thread: compacted while
 * edits go on and when it unloads, without losing any edit.
 */
describe('rooms: compaction of a big live board', () => {
	let dir: string;
	let store: Store;
	let rooms: Rooms;
	let wss: WebSocketServer;
	let url: string;
	const logged: { msg: string; inBackground?: boolean }[] = [];

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'gw-rooms-big-'));
		store = openStore({ dataDir: dir, sync: 'normal' });
		const init = new Y.Doc();
		// ~400 KB of text: past the size from which a live board is compacted on the store's worker
		const text = init.getText('t');
		for (let i = 0; i < 4000; i++) text.insert(text.length, `line ${i} ${'x'.repeat(90)}\n`);
		await store.createBoard({ id: 'big', editHash: Buffer.alloc(32), viewHash: Buffer.alloc(32, 1), state: Y.encodeStateAsUpdate(init) });
		logged.length = 0;
		rooms = createRooms({
			store,
			log: createLogger({ format: 'json', level: 'debug', write: (line) => logged.push(JSON.parse(line)) }),
			config: { roomIdleMs: 100, pingIntervalMs: 10_000, compactAfterUpdates: 5, maxMessageBytes: 1 << 20, awarenessMaxBytes: 8192, awarenessPerSecond: 20 }
		});
		wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		wss.on('connection', (ws) => rooms.join('big', ws, 'edit'));
		url = await listening(wss);
	});

	afterEach(async () => {
		await closeAll(rooms, wss, store, dir);
	});

	it('is compacted on the worker while edits go on, and loses none of them', async () => {
		const doc = new Y.Doc();
		const p = new WebsocketProvider(url, 'big', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
		await new Promise((r) => p.once('sync', r));
		const text = doc.getText('t');
		for (let i = 0; i < 30; i++) {
			text.insert(0, `edit ${i}\n`);
			await new Promise((r) => setTimeout(r, 2)); // one commit each
		}
		await waitFor(() => logged.some((l) => l.msg === 'compacted board'), 'a compaction (on the store worker)');
		expect(logged.filter((l) => l.msg === 'compaction failed')).toEqual([]);
		// every edit is stored: the snapshot the worker encoded plus the updates committed after it
		const stored = async () => {
			const d = new Y.Doc();
			applyStoredState(d, await store.loadState('big'));
			return d.getText('t').toString();
		};
		await waitFor(async () => (await stored()) === text.toString(), 'every edit to be stored');
		expect((await store.counts('big')).updates).toBeLessThan(30);
		p.destroy();
	});

	it('is compacted on the worker when it unloads, and loads again whole', async () => {
		const doc = new Y.Doc();
		const p = new WebsocketProvider(url, 'big', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
		await new Promise((r) => p.once('sync', r));
		for (let i = 0; i < 3; i++) doc.getText('t').insert(0, `before unload ${i}\n`); // below the threshold
		const expected = doc.getText('t').toString();
		await waitFor(async () => (await store.counts('big')).updates > 0, 'the edits to be stored');
		p.destroy();
		await waitFor(async () => rooms.connectionsOf('big') === undefined && (await store.counts('big')).updates === 0, 'the board to unload, compacted');
		expect(logged.some((l) => l.msg === 'compacted board')).toBe(true);
		expect(await rooms.readDoc('big', (d) => d.getText('t').toString())).toBe(expected);
	});
});

/**
 * An update that Yjs rejects only after part of it went into the doc (here: good structs, then a
 * delete set cut short) is neither stored nor relayed, and the room's doc, which now holds part
 * of it, is dropped: its clients reconnect to a doc reloaded from the store. Server-side writes
 * (prepareDoc) are stored like client updates.
 */
describe('rooms: what gets stored', () => {
	let dir: string;
	let store: Store;
	let rooms: Rooms;
	let wss: WebSocketServer;
	let url: string;
	const logs: string[] = [];

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'gw-rooms-'));
		store = openStore({ dataDir: dir, sync: 'normal' });
		await store.createBoard({ id: 'board', editHash: Buffer.alloc(32), viewHash: Buffer.alloc(32, 1), state: new Uint8Array([0, 0]) });
		rooms = createRooms({
			store,
			log: createLogger({ format: 'json', level: 'warn', write: (line) => logs.push(line) }),
			config: { roomIdleMs: 10_000, pingIntervalMs: 10_000, compactAfterUpdates: 1_000, maxMessageBytes: 1 << 20, awarenessMaxBytes: 8192, awarenessPerSecond: 20 },
			prepareDoc: (doc) => {
				if (!doc.getMap('meta').has('schema')) doc.getMap('meta').set('schema', 1);
			}
		});
		wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		wss.on('connection', (ws) => rooms.join('board', ws, 'edit'));
		url = await listening(wss);
	});

	afterEach(async () => {
		await closeAll(rooms, wss, store, dir);
	});

	const storedDoc = async () => {
		const d = new Y.Doc();
		applyStoredState(d, await store.loadState('board'));
		return d;
	};

	it('stores what prepareDoc wrote on load', async () => {
		expect(await rooms.readDoc('board', (d) => d.getMap('meta').get('schema'))).toBe(1);
		const doc = new Y.Doc();
		const p = new WebsocketProvider(url, 'board', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
		await new Promise((r) => p.once('sync', r));
		expect(doc.getMap('meta').get('schema')).toBe(1);
		await rooms.flush();
		expect((await storedDoc()).getMap('meta').get('schema')).toBe(1);
		p.destroy();
	});

	it('neither stores nor relays an update rejected halfway, and reloads the doc without dropping the others', async () => {
		const doc = new Y.Doc();
		const p = new WebsocketProvider(url, 'board', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
		await new Promise((r) => p.once('sync', r));
		doc.getText('t').insert(0, 'kept');
		await waitFor(async () => (await storedDoc()).getText('t').toString() === 'kept', 'the good edit to be stored');
		const evil = new Y.Doc();
		evil.getText('t').insert(0, 'evil');
		const update = Y.encodeStateAsUpdate(evil);
		const broken = new Uint8Array([...update.subarray(0, -1), 3]); // delete set: 3 clients announced, none there
		const frame = new Uint8Array([0, 2, broken.length, ...broken]);
		const raw = new WebSocket(url);
		const closed = new Promise<number>((r) => raw.once('close', (code) => r(code)));
		await new Promise((r) => raw.once('open', r));
		const drops: number[] = [];
		p.on('connection-close', (event: { code: number } | null) => drops.push(event?.code ?? 0));
		raw.send(frame);
		expect(await closed).toBe(4400);
		expect(await rooms.readDoc('board', (d) => d.getText('t').toString())).toBe('kept');
		expect((await storedDoc()).getText('t').toString()).toBe('kept');
		expect(doc.getText('t').toString()).toBe('kept');
		expect(logs.some((line) => line.includes('reloaded board from the store'))).toBe(true);
		doc.getText('t').insert(4, '!');
		await waitFor(async () => (await storedDoc()).getText('t').toString() === 'kept!', 'edits to go on after the reload');
		expect(await rooms.readDoc('board', (d) => d.getText('t').toString())).toBe('kept!');
		expect(drops).toEqual([]); // the honest provider kept its socket
		p.destroy();
	});
});
