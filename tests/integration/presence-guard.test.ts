/**
 * Presence cannot be forged or flooded: a connection sets and removes only its own awareness
 * client id (never one held by a connection of another link), forged states do not outlive the
 * forger, oversized states are dropped, and a flood is coalesced to a bounded rate while the
 * newest state still arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { encodeAwarenessEntries } from '../../server/awareness-guard.ts';
import { connect, createBoard, rawSocket, removeDir, startTestServer, waitFor, type Client, type CreatedBoard, type TestServer } from './helpers.ts';

let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
	server = await startTestServer({ AWARENESS_PER_SECOND: '5', AWARENESS_MAX_BYTES: '2048' });
});
afterAll(async () => {
	for (const c of clients) c.destroy();
	await server.close();
	removeDir(server.dataDir);
});

/** An awareness frame setting `clientId` to `state` (null removes it) at `clock`. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint8Array(e, encodeAwarenessEntries([{ clientId, clock, stateJson: JSON.stringify(state) }]));
	return encoding.toUint8Array(e);
}

async function boardWithAlice(): Promise<{ board: CreatedBoard; alice: Client; watcher: Client }> {
	const board = await createBoard(server.url, { title: '上海旗舰店评审' });
	const alice = connect(server.wsUrl, board.id, board.editToken);
	const watcher = connect(server.wsUrl, board.id, board.viewToken);
	clients.push(alice, watcher);
	await Promise.all([alice.synced, watcher.synced]);
	alice.provider.awareness.setLocalStateField('user', { name: '王经理' });
	await waitFor(() => watcher.provider.awareness.getStates().get(alice.doc.clientID)?.user?.name === '王经理', 'Alice to appear');
	return { board, alice, watcher };
}

const nameOf = (client: Client, id: number) => client.provider.awareness.getStates().get(id)?.user?.name as string | undefined;

describe('presence ownership', () => {
	it('a view socket cannot set or remove another client’s state, and its own goes with it', async () => {
		const { board, alice, watcher } = await boardWithAlice();
		const aliceId = alice.doc.clientID;
		const mallory = rawSocket(server.wsUrl, board.id, board.viewToken);
		await mallory.opened;
		const malloryId = 424242;
		mallory.ws.send(awarenessFrame(malloryId, 1, { user: { name: 'Mallory' } }));
		await waitFor(() => nameOf(watcher, malloryId) === 'Mallory', 'Mallory’s own state');

		mallory.ws.send(awarenessFrame(aliceId, 1000, { user: { name: 'Mallory as 王经理' } }));
		mallory.ws.send(awarenessFrame(aliceId, 1001, null));
		mallory.ws.send(awarenessFrame(malloryId, 2, { user: { name: 'Mallory, later' } }));
		await waitFor(() => nameOf(watcher, malloryId) === 'Mallory, later', 'Mallory’s next own state');
		// frames are handled in order: the forged ones before it were dropped
		expect(nameOf(watcher, aliceId)).toBe('王经理');
		expect(nameOf(alice, aliceId)).toBe('王经理');

		mallory.ws.close();
		await waitFor(() => !watcher.provider.awareness.getStates().has(malloryId), 'Mallory’s state to leave with her');
		expect(nameOf(watcher, aliceId)).toBe('王经理');
		expect(server.logs.some((line) => line.includes('does not own'))).toBe(true);
	});

	it('a socket whose first announcement is someone else’s id (on another link) owns nothing', async () => {
		const { board, alice, watcher } = await boardWithAlice();
		const aliceId = alice.doc.clientID;
		const mallory = rawSocket(server.wsUrl, board.id, board.viewToken);
		await mallory.opened;
		mallory.ws.send(awarenessFrame(aliceId, 5000, { user: { name: 'Forged' } }));
		const marker = 777001;
		mallory.ws.send(awarenessFrame(marker, 1, { user: { name: 'marker' } }));
		await waitFor(() => nameOf(watcher, marker) === 'marker', 'the marker (Mallory’s real first claim)');
		expect(nameOf(watcher, aliceId)).toBe('王经理');
		// and a second id for the same socket is refused too
		mallory.ws.send(awarenessFrame(777002, 1, { user: { name: 'second id' } }));
		mallory.ws.send(awarenessFrame(marker, 2, { user: { name: 'marker 2' } }));
		await waitFor(() => nameOf(watcher, marker) === 'marker 2', 'the next marker');
		expect(watcher.provider.awareness.getStates().has(777002)).toBe(false);
		mallory.ws.close();
		await waitFor(() => !watcher.provider.awareness.getStates().has(marker), 'the marker to go');
		expect(nameOf(watcher, aliceId)).toBe('王经理');
	});
});

describe('presence limits', () => {
	it('drops a state over AWARENESS_MAX_BYTES', async () => {
		const { board, watcher } = await boardWithAlice();
		const sender = rawSocket(server.wsUrl, board.id, board.viewToken);
		await sender.opened;
		const id = 880001;
		sender.ws.send(awarenessFrame(id, 1, { user: { name: '大'.repeat(1000) } })); // ~3 KB of UTF-8
		sender.ws.send(awarenessFrame(id, 2, { user: { name: '小李' } }));
		await waitFor(() => nameOf(watcher, id) === '小李', 'the small state');
		expect(server.logs.some((line) => line.includes('oversized awareness state'))).toBe(true);
		sender.ws.close();
	});

	it('coalesces a flood to the configured rate and still delivers the newest state', async () => {
		const { board, watcher } = await boardWithAlice();
		const flooder = rawSocket(server.wsUrl, board.id, board.viewToken);
		await flooder.opened;
		const id = 990001;
		let seen = 0;
		watcher.provider.awareness.on('change', ({ updated, added }: { updated: number[]; added: number[] }) => {
			if ([...updated, ...added].includes(id)) seen++;
		});
		const FLOOD = 400;
		for (let clock = 1; clock <= FLOOD; clock++) flooder.ws.send(awarenessFrame(id, clock, { user: { name: `光标 ${clock}` } }));
		await waitFor(() => nameOf(watcher, id) === `光标 ${FLOOD}`, 'the newest state', 30_000);
		// 5/s with a burst of 10: the 400 updates reach others as a small fraction of that
		expect(seen).toBeGreaterThan(0);
		expect(seen).toBeLessThan(FLOOD / 4);
		flooder.ws.close();
	});
});
