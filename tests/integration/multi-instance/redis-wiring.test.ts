/**
 * REDIS_URL wiring: a server started with it relays through Redis — every committed update goes
 * out on the board's channel with its per-board seq, and `REDIS_PREFIX` names the channels.
 * Skipped, saying why, without Redis.
 */
import { createClient } from '@redis/client';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRelayMessage, type RelayMessage } from '../../../server/relay/wire.ts';
import { connect, createBoard, removeDir, startTestServer, waitFor, type Client, type TestServer } from '../helpers.ts';
import { TEST_REDIS_URL, announceSkip, redisAvailability, uniquePrefix } from './services.ts';

const redis = await redisAvailability();
announceSkip('the REDIS_URL wiring test', redis.ok ? [] : [redis.reason]);

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

describe.skipIf(!redis.ok)('REDIS_URL', () => {
	it('makes the server publish each committed update on its board’s channel with its seq', async () => {
		const prefix = uniquePrefix();
		const server: TestServer = await startTestServer({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
		cleanup.push(() => removeDir(server.dataDir));
		cleanup.push(() => server.close());
		expect(server.groundwork.relay.distributed).toBe(true);
		expect(server.logs.some((line) => line.includes('redis relay: connected'))).toBe(true);

		const board = await createBoard(server.url);
		const heard: RelayMessage[] = [];
		const listener = createClient({ url: TEST_REDIS_URL });
		listener.on('error', () => {});
		await listener.connect();
		cleanup.push(() => listener.destroy());
		await listener.subscribe(`${prefix}board:${board.id}`, (frame: Buffer) => {
			const message = decodeRelayMessage(new Uint8Array(frame));
			if (message) heard.push(message);
		}, true);

		const editor: Client = connect(server.wsUrl, board.id, board.editToken);
		cleanup.push(() => editor.destroy());
		await editor.synced;
		const updatesHeard = () => heard.filter((m): m is Extract<RelayMessage, { kind: 'update' }> => m.kind === 'update');
		// what the server's own load wrote (a schema migration of the new doc), if anything, is already out
		await server.groundwork.rooms.flush?.();
		editor.doc.getMap('m').set('标题', '上海咖啡');
		await waitFor(() => updatesHeard().some((m) => m.update.length > 0 && Buffer.from(m.update).includes(Buffer.from('上海咖啡'))), 'the update on Redis');
		editor.doc.getMap('m').set('预算', '4.5万');
		await waitFor(() => updatesHeard().some((m) => Buffer.from(m.update).includes(Buffer.from('4.5万'))), 'the second update on Redis');
		const updates = updatesHeard().filter((m) => Buffer.from(m.update).includes(Buffer.from('上海咖啡')) || Buffer.from(m.update).includes(Buffer.from('4.5万')));
		expect(updates).toHaveLength(2);
		// consecutive per-board seqs, as the store numbered them
		expect(updates[1].seq).toBe(updates[0].seq + 1);
		expect(updates.every((m) => m.boardId === board.id && m.origin === server.groundwork.relay.instanceId)).toBe(true);
		const stored = await server.groundwork.store.loadState(board.id);
		expect(stored.lastSeq).toBe(updates[1].seq);
	});
});
