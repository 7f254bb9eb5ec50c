/**
 * One editor's bad update closes only that editor: an update Yjs rejects after it had already
 * integrated part of it (the 18-byte frame below: a valid struct followed by a cut-off delete set)
 * must not disconnect anyone else, must not be stored or relayed, and must not linger in the
 * server's copy of the board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createBoard, rawSocket, removeDir, startTestServer, storedRows, waitFor, type TestServer } from './helpers.ts';

/** Sync update frame: client 12345 sets key "a" of root map "x" to 1, then a delete set cut short. */
const HALF_APPLIED_FRAME = Buffer.from('00020f0101b96000280101780161017d0101', 'hex');

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
	removeDir(server.dataDir);
});

describe('an update Yjs rejects partway through', () => {
	it('closes only its sender (4400); the other editors stay connected and converged', async () => {
		const board = await createBoard(server.url, { title: '华东新店筹备' });
		const a = connect(server.wsUrl, board.id, board.editToken);
		const b = connect(server.wsUrl, board.id, board.editToken);
		await Promise.all([a.synced, b.synced]);
		const closes: number[] = [];
		for (const client of [a, b]) client.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? -1));
		a.doc.getText('notes').insert(0, '第一版预算');
		await waitFor(() => b.doc.getText('notes').toString() === '第一版预算', 'the first edit');
		await server.groundwork.rooms.flush();
		const rowsBefore = storedRows(server.dataDir, board.id);

		for (let attempt = 0; attempt < 3; attempt++) {
			const offender = rawSocket(server.wsUrl, board.id, board.editToken);
			await offender.opened;
			offender.ws.send(HALF_APPLIED_FRAME);
			expect((await offender.closed).code).toBe(4400);
		}

		// the room goes on: edits still flow both ways on the same sockets
		b.doc.getText('notes').insert(5, '（修订）');
		a.doc.getMap('x').set('b', 2);
		await waitFor(() => a.doc.getText('notes').toString() === '第一版预算（修订）', 'B’s edit to reach A');
		await waitFor(() => b.doc.getMap('x').get('b') === 2, 'A’s edit to reach B');
		expect(closes).toEqual([]);
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);

		// nothing of the rejected update was relayed, stored or kept in the server's doc
		expect(a.doc.getMap('x').has('a') || b.doc.getMap('x').has('a')).toBe(false);
		await server.groundwork.rooms.flush();
		expect(storedRows(server.dataDir, board.id).updates).toBe(rowsBefore.updates + 2);
		const late = connect(server.wsUrl, board.id, board.viewToken);
		await late.synced;
		expect(late.doc.getMap('x').toJSON()).toEqual({ b: 2 });
		expect(late.doc.getText('notes').toString()).toBe('第一版预算（修订）');
		expect(server.logs.some((line) => line.includes(board.id) && line.includes('update rejected'))).toBe(true);
		for (const client of [a, b, late]) client.destroy();
	});
});
