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
import { openStore, type Store } from './store.ts';

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
		real.createBoard({ id: 'board', editHash: Buffer.alloc(32), viewHash: Buffer.alloc(32, 1), state: new Uint8Array([0, 0]) });
		store = {
			...real,
			appendUpdates(batch, now) {
				const seqs = real.appendUpdates(batch, now);
				for (const { update } of batch) committed.add(key(update));
				return seqs;
			}
		};
		rooms = createRooms({
			store,
			log: createLogger({ format: 'json', level: 'error', write: () => {} }),
			config: { roomIdleMs: 10_000, pingIntervalMs: 10_000, compactAfterUpdates: 1_000, maxMessageBytes: 1 << 20 }
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
		await new Promise((r) => wss.once('listening', r));
		url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
	});

	afterEach(async () => {
		await rooms.close();
		await new Promise((r) => wss.close(r));
		store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const provider = (doc: Y.Doc) =>
		new WebsocketProvider(url, 'board', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });

	it('never sends an update that is not committed yet, even in bursts', async () => {
		const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
		const providers = docs.map(provider);
		await Promise.all(providers.map((p) => new Promise((r) => p.once('sync', r))));
		for (let i = 0; i < 200; i++) docs[i % 3].getArray<number>('a').push([i]);
		const deadline = Date.now() + 15_000;
		while (docs.some((d) => d.getArray('a').length < 200) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
		for (const d of docs) expect(d.getArray('a').length).toBe(200);
		expect(relayedUpdates).toBeGreaterThanOrEqual(400); // each update went to the two other clients
		expect(violations).toEqual([]);
		for (const p of providers) p.destroy();
	});
});
