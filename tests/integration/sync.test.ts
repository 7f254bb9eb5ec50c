/**
 * The sync endpoint with real y-websocket providers: convergence, load-before-first-reply,
 * awareness lifecycle, view-only connections and access close codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { newBoardId, newToken } from '../../server/auth.ts';
import { encodeAwareness } from '../../server/sync.ts';
import { connect, createBoard, rawSocket, removeDir, startTestServer, storedRows, waitFor, type Client, type TestServer } from './helpers.ts';

let server: TestServer;
const clients: Client[] = [];
const open = (boardId: string, token: string, doc?: Y.Doc) => {
	const client = connect(server.wsUrl, boardId, token, doc);
	clients.push(client);
	return client;
};

beforeAll(async () => {
	server = await startTestServer({ ROOM_IDLE_MS: '50', PING_INTERVAL_MS: '200' });
});
afterAll(async () => {
	for (const c of clients) c.destroy();
	await server.close();
	removeDir(server.dataDir);
});

/** A deterministic pseudo-random sequence, so failures reproduce. */
function prng(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed / 0x7fffffff;
	};
}

describe('sync', () => {
	it('three providers converge under concurrent map and text edits', async () => {
		const board = await createBoard(server.url);
		const [a, b, c] = [0, 1, 2].map(() => open(board.id, board.editToken));
		await Promise.all([a.synced, b.synced, c.synced]);
		const all = [a, b, c];
		let inserted = 0;
		for (let round = 0; round < 40; round++) {
			all.forEach((client, i) => {
				const random = prng(round * 3 + i + 1);
				const text = client.doc.getText('convergence');
				const pos = Math.floor(random() * (text.length + 1));
				text.insert(pos, `${i}`);
				inserted++;
				const map = client.doc.getMap('convergence-map');
				map.set(`k${i}-${round}`, round);
				map.set('contested', `${i}:${round}`); // same key from everyone: one value must win everywhere
				if (round % 7 === 6 && text.length > 3) {
					text.delete(Math.floor(random() * (text.length - 1)), 1);
					inserted--;
				}
			});
		}
		// Y.Map iteration order is local insertion order, so compare sorted entries.
		const snapshot = (client: Client) =>
			JSON.stringify([
				client.doc.getText('convergence').toString(),
				Object.entries(client.doc.getMap('convergence-map').toJSON()).sort(([x], [y]) => (x < y ? -1 : 1))
			]);
		await waitFor(() => snapshot(a) === snapshot(b) && snapshot(b) === snapshot(c), 'three docs to converge');
		expect(a.doc.getText('convergence').length).toBe(inserted);
		expect(a.doc.getMap('convergence-map').size).toBe(3 * 40 + 1);
		for (const client of all) client.destroy();
	});

	it('loads stored state before the first sync reply, also when many clients open at once', async () => {
		const board = await createBoard(server.url);
		const writer = open(board.id, board.editToken);
		await writer.synced;
		writer.doc.getText('loaded').insert(0, 'stored before restart');
		const committedRows = storedRows(server.dataDir, board.id).updates;
		await waitFor(() => storedRows(server.dataDir, board.id).updates > committedRows, 'the edit to be stored');
		writer.destroy();
		await waitFor(() => server.groundwork.rooms.connectionsOf(board.id) === undefined, 'the idle room to unload');

		const readers = Array.from({ length: 8 }, () => open(board.id, board.viewToken));
		const atFirstSync = await Promise.all(readers.map((r) => r.synced.then(() => r.doc.getText('loaded').toString())));
		expect(atFirstSync).toEqual(Array(8).fill('stored before restart'));
		for (const r of readers) r.destroy();
	});

	it('relays awareness and removes a closed connection’s states for everyone', async () => {
		const board = await createBoard(server.url);
		const a = open(board.id, board.editToken);
		const b = open(board.id, board.viewToken);
		await Promise.all([a.synced, b.synced]);
		a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
		b.provider.awareness.setLocalStateField('user', { name: 'Viewer Vic' });
		const aId = a.doc.clientID;
		await waitFor(() => b.provider.awareness.getStates().get(aId)?.user?.name === 'Ann', 'B to see A');
		await waitFor(() => a.provider.awareness.getStates().get(b.doc.clientID)?.user?.name === 'Viewer Vic', 'A to see the viewer');

		a.kill(); // no goodbye message: only the server can tell B that A is gone
		await waitFor(() => !b.provider.awareness.getStates().has(aId), 'A’s awareness to be removed');
		b.destroy();
	});

	it('keeps the awareness of a client that reconnected when its old socket closes late', async () => {
		const board = await createBoard(server.url);
		const watcher = open(board.id, board.viewToken);
		await watcher.synced;
		const doc = new Y.Doc();
		const awareness = new Awareness(doc);
		awareness.setLocalState({ user: { name: 'Roaming Rita' } });
		const oldSocket = rawSocket(server.wsUrl, board.id, board.editToken);
		await oldSocket.opened;
		oldSocket.ws.send(encodeAwareness(awareness, [doc.clientID]));
		await waitFor(() => watcher.provider.awareness.getStates().has(doc.clientID), 'Rita to appear');

		const newSocket = rawSocket(server.wsUrl, board.id, board.editToken);
		await newSocket.opened;
		awareness.setLocalState({ user: { name: 'Roaming Rita', moved: true } });
		newSocket.ws.send(encodeAwareness(awareness, [doc.clientID]));
		await waitFor(() => watcher.provider.awareness.getStates().get(doc.clientID)?.user?.moved, 'the new state');
		oldSocket.ws.terminate();
		await waitFor(() => server.groundwork.rooms.connectionsOf(board.id) === 2, 'the old socket to be gone');
		expect(watcher.provider.awareness.getStates().get(doc.clientID)?.user?.name).toBe('Roaming Rita');

		newSocket.ws.terminate();
		await waitFor(() => !watcher.provider.awareness.getStates().has(doc.clientID), 'Rita to leave with her last socket');
		awareness.destroy();
		watcher.destroy();
	});

	it('drops peers that stop answering pings, and their awareness with them', async () => {
		const board = await createBoard(server.url);
		const watcher = open(board.id, board.editToken);
		await watcher.synced;
		// A raw socket that never answers pings, announcing itself through awareness.
		const ghostDoc = new Y.Doc();
		const ghostAwareness = new Awareness(ghostDoc);
		ghostAwareness.setLocalState({ user: { name: 'Ghost' } });
		const ghost = rawSocket(server.wsUrl, board.id, board.editToken, { autoPong: false });
		await ghost.opened;
		ghost.ws.send(encodeAwareness(ghostAwareness, [ghostDoc.clientID]));
		await waitFor(() => watcher.provider.awareness.getStates().has(ghostDoc.clientID), 'the ghost to appear');
		const closed = await ghost.closed;
		expect(closed.code).toBe(1006); // terminated, no close frame
		await waitFor(() => !watcher.provider.awareness.getStates().has(ghostDoc.clientID), 'the ghost to disappear');
		ghostAwareness.destroy();
		watcher.destroy();
	});

	it('drops document updates from view tokens while they still receive everything', async () => {
		const board = await createBoard(server.url);
		const editor = open(board.id, board.editToken);
		const viewer = open(board.id, board.viewToken);
		await Promise.all([editor.synced, viewer.synced]);
		editor.doc.getText('v').insert(0, 'from editor');
		await waitFor(() => viewer.doc.getText('v').toString() === 'from editor', 'the viewer to receive edits');
		await waitFor(() => server.groundwork.rooms.connectionsOf(board.id) === 2, 'both connections');
		await server.groundwork.rooms.flush();
		const rowsBefore = storedRows(server.dataDir, board.id);

		viewer.doc.getMap('v-map').set('sneaky', 'viewer edit');
		// Barrier: the viewer's awareness frame is handled after its update on the same socket.
		viewer.provider.awareness.setLocalStateField('user', { name: 'after the edit' });
		await waitFor(
			() => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.user?.name === 'after the edit',
			'the viewer’s later awareness'
		);
		expect(editor.doc.getMap('v-map').get('sneaky')).toBeUndefined();
		await server.groundwork.rooms.flush();
		expect(storedRows(server.dataDir, board.id)).toEqual(rowsBefore);

		const fresh = open(board.id, board.viewToken);
		await fresh.synced;
		expect(fresh.doc.getMap('v-map').get('sneaky')).toBeUndefined();
		expect(fresh.doc.getText('v').toString()).toBe('from editor');
		for (const c of [editor, viewer, fresh]) c.destroy();
	});

	it('closes with 4401 for a missing or wrong token and 4404 for an unknown board', async () => {
		const board = await createBoard(server.url);
		const cases: Array<[string, string | undefined, number]> = [
			[board.id, undefined, 4401],
			[board.id, newToken(), 4401],
			[board.id, 'not-a-token', 4401],
			[newBoardId(), board.editToken, 4404],
			['..%2F..%2Fetc', board.editToken, 4404]
		];
		for (const [id, token, code] of cases) {
			const socket = rawSocket(server.wsUrl, id, token);
			expect((await socket.closed).code, `${id} ${token}`).toBe(code);
			expect(socket.received).toHaveLength(0);
		}
		// A stock provider sees the code and stops retrying.
		const denied = open(board.id, newToken());
		const closedEvent = await new Promise<{ code: number }>((resolve) => denied.provider.once('closed', resolve));
		expect(closedEvent.code).toBe(4401);
		expect(denied.provider.shouldConnect).toBe(false);
		// Tokens never reach the log.
		expect(server.logs.join('\n')).not.toContain(board.editToken);
	});
});

