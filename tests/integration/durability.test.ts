/**
 * Durability: restarts serve the same state, the update log is compacted, and a SIGKILLed server
 * loses nothing any client had received.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStore } from '../../server/store.ts';
import {
	connect,
	createBoard,
	removeDir,
	spawnServer,
	startTestServer,
	storedRows,
	tempDataDir,
	waitFor,
	type ChildServer,
	type Client,
	type TestServer
} from './helpers.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

function track<T extends Client | TestServer | ChildServer>(thing: T): T {
	if ('provider' in thing) cleanup.push(() => thing.destroy());
	else if ('child' in thing) cleanup.push(() => thing.child.exitCode === null && thing.child.kill('SIGKILL'));
	else cleanup.push(() => thing.close());
	return thing;
}

const sortedMap = (doc: Y.Doc, name: string) =>
	Object.entries(doc.getMap(name).toJSON()).sort(([a], [b]) => (a < b ? -1 : 1));

describe('durability', () => {
	it('a restarted server serves the same state', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = await startTestServer({}, dataDir);
		const board = await createBoard(first.url, { title: 'Survives restarts' });
		const writer = connect(first.wsUrl, board.id, board.editToken);
		await writer.synced;
		writer.doc.getText('notes').insert(0, 'hello world');
		writer.doc.getMap('numbers').set('answer', 42);
		writer.doc.getText('notes').delete(0, 6);
		// Only what reached the server is promised; wait until another client has it.
		const witness = connect(first.wsUrl, board.id, board.viewToken);
		await waitFor(() => witness.doc.getMap('numbers').get('answer') === 42 && witness.doc.getText('notes').toString() === 'world', 'a witness');
		witness.destroy();
		const expected = { text: writer.doc.getText('notes').toString(), map: sortedMap(writer.doc, 'numbers') };
		writer.destroy();
		await first.close();

		const second = track(await startTestServer({}, dataDir));
		const reader = track(connect(second.wsUrl, board.id, board.viewToken));
		await reader.synced;
		expect(reader.doc.getText('notes').toString()).toBe(expected.text);
		expect(sortedMap(reader.doc, 'numbers')).toEqual(expected.map);
		const meta = await fetch(`${second.url}/api/boards/${board.id}?token=${board.viewToken}`);
		expect(await meta.json()).toMatchObject({ title: 'Survives restarts', access: 'view' });
	});

	it('compacts a board with 20,000 stored updates into a snapshot', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = await startTestServer({}, dataDir);
		const board = await createBoard(first.url);
		await first.close();

		// 20,000 single-character edits, stored as 20,000 rows exactly as a live board would have them.
		const source = new Y.Doc();
		const updates: Uint8Array[] = [];
		source.on('update', (u: Uint8Array) => updates.push(u));
		const text = source.getText('long-lived');
		for (let i = 0; i < 20_000; i++) {
			if (i % 5 === 4) text.delete(text.length - 1, 1);
			else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
		}
		const store = openStore({ dataDir, sync: 'normal' });
		await store.appendUpdates(updates.map((update) => ({ boardId: board.id, update })));
		await store.close();
		const before = storedRows(dataDir, board.id);
		expect(before.updates).toBe(20_000);

		const server = track(await startTestServer({ COMPACT_AFTER_UPDATES: '500' }, dataDir));
		const reader = track(connect(server.wsUrl, board.id, board.editToken));
		await reader.synced;
		expect(reader.doc.getText('long-lived').toString()).toBe(text.toString());
		// compacted by the store's worker right after the load (the first sync does not wait for it)
		await waitFor(() => storedRows(dataDir, board.id).updates === 0, 'the loaded board to be compacted');
		const after = storedRows(dataDir, board.id);
		expect(after.updates).toBe(0);
		expect(after.snapshots).toBe(1);
		expect(after.snapshotBytes).toBeLessThan(before.updateBytes / 2);
	});

	it('compacts live boards past the threshold and again when they unload', async () => {
		const server = track(await startTestServer({ COMPACT_AFTER_UPDATES: '50', ROOM_IDLE_MS: '50' }));
		cleanup.push(() => removeDir(server.dataDir));
		const board = await createBoard(server.url);
		const writer = connect(server.wsUrl, board.id, board.editToken);
		await writer.synced;
		const list = writer.doc.getArray<number>('items');
		for (let i = 0; i < 120; i++) {
			list.push([i]);
			if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5)); // spread over several server turns
		}
		const check = track(connect(server.wsUrl, board.id, board.viewToken));
		await waitFor(() => check.doc.getArray('items').length === 120, 'all edits relayed');
		// compacted while live, by the store's worker: shortly after, without the room going quiet or away
		await waitFor(() => storedRows(server.dataDir, board.id).updates < 50, 'the live board to be compacted');
		expect(server.groundwork.rooms.connectionsOf(board.id)).toBe(2);
		writer.destroy();
		check.destroy();
		await waitFor(() => server.groundwork.rooms.connectionsOf(board.id) === undefined, 'the room to unload');
		expect(storedRows(server.dataDir, board.id).updates).toBe(0);

		const again = track(connect(server.wsUrl, board.id, board.viewToken));
		await again.synced;
		expect(again.doc.getArray('items').toArray()).toEqual(Array.from({ length: 120 }, (_, i) => i));
	});

	it('loses nothing a client received when SIGKILLed during a burst of 500 updates', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = track(await spawnServer(dataDir));
		const board = await createBoard(first.url);
		const writer = track(connect(first.wsUrl, board.id, board.editToken));
		const reader = track(connect(first.wsUrl, board.id, board.viewToken));
		await Promise.all([writer.synced, reader.synced]);

		const received = reader.doc.getMap<number>('burst');
		let killed = false;
		received.observe(() => {
			if (!killed && received.size >= 150) {
				killed = true;
				first.child.kill('SIGKILL');
				reader.kill();
				writer.kill(); // so nothing can re-upload the writer's state after the restart
			}
		});
		const burst = writer.doc.getMap<number>('burst');
		for (let i = 0; i < 500; i++) burst.set(`u${i}`, i);

		const exit = await first.exited;
		expect(exit.signal).toBe('SIGKILL');
		// Everything the reader got, including frames still in flight at the kill: all were sent
		// by the server before it died, so all must have been committed.
		const seen = [...received.entries()];
		expect(seen.length).toBeGreaterThanOrEqual(150);

		const second = track(await spawnServer(dataDir));
		const after = track(connect(second.wsUrl, board.id, board.viewToken));
		await after.synced;
		const restored = after.doc.getMap<number>('burst');
		const missing = seen.filter(([key, value]) => restored.get(key) !== value);
		expect(missing).toEqual([]);
		second.child.kill('SIGTERM');
		expect((await second.exited).code).toBe(0);
	});
});
