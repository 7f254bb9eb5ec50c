/**
 * "Saved" means committed: the save tracker (src/lib/sync/save-tracker.ts) counts local changes
 * with real providers against the real server and only settles them once the server answered a
 * sync step 1 sent after them — which it does only after committing. Checked by SIGKILLing the
 * server the moment the count reaches zero and reading the board from a restarted server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SaveTracker } from '../../src/lib/sync/save-tracker.ts';
import { MemoryStorage } from '../support/memory-storage.ts';
import { unsentKey } from '../../src/lib/sync/unsent-changes.ts';
import { connect, createBoard, removeDir, spawnServer, tempDataDir, waitFor, type ChildServer, type Client } from './helpers.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(dataDir: string, port = 0): Promise<ChildServer> {
	const child = await spawnServer(dataDir, { PORT: String(port) });
	cleanup.push(() => child.child.exitCode === null && child.child.kill('SIGKILL'));
	return child;
}

function client(wsUrl: string, boardId: string, token: string, storage = new MemoryStorage()): Client & { saves: SaveTracker; storage: MemoryStorage } {
	const c = connect(wsUrl, boardId, token);
	const saves = new SaveTracker({ boardId, doc: c.doc, provider: c.provider, whenCached: Promise.resolve(), storage });
	cleanup.push(() => {
		saves.destroy();
		c.destroy();
	});
	return Object.assign(c, { saves, storage });
}

async function kill(child: ChildServer): Promise<void> {
	child.child.kill('SIGKILL');
	await child.exited;
}

const portOf = (url: string) => Number(new URL(url).port);

describe('server acknowledgements', () => {
	it('counts a change until the server has committed it: killed at once, the restarted server has it', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = await server(dataDir);
		const board = await createBoard(first.url, { title: '上海门店开业计划' });
		const writer = client(first.wsUrl, board.id, board.editToken);
		await writer.synced;
		expect(writer.saves.unsent).toBe(0);

		writer.doc.getMap('notes').set('市场', '先做华东区渠道调研');
		expect(writer.saves.unsent).toBe(1);
		expect(writer.storage.getItem(unsentKey(board.id))).toBe('1');
		let killed: Promise<void> | null = null;
		writer.saves.onChange(() => {
			// the instant the server confirms, take it down without a chance to flush anything
			if (writer.saves.unsent === 0 && !killed) killed = kill(first);
		});
		await waitFor(() => killed !== null, 'the acknowledgement');
		await killed;
		expect(writer.storage.getItem(unsentKey(board.id))).toBeNull();

		const second = await server(dataDir);
		const reader = client(second.wsUrl, board.id, board.viewToken);
		await reader.synced;
		expect(reader.doc.getMap('notes').get('市场')).toBe('先做华东区渠道调研');
	});

	it('a deletion is a change too, and edits while the server is down wait until it is back', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = await server(dataDir);
		const board = await createBoard(first.url);
		const writer = client(first.wsUrl, board.id, board.editToken);
		await writer.synced;
		writer.doc.getMap('cards').set('c1', '招聘两名销售');
		await waitFor(() => writer.saves.unsent === 0, 'first change acknowledged');

		await kill(first);
		await waitFor(() => !writer.provider.wsconnected, 'the socket to close');
		writer.doc.getMap('cards').delete('c1'); // only the delete set changes: no new clock
		writer.doc.getMap('cards').set('c2', '预算复核');
		expect(writer.saves.unsent).toBe(1); // less than a second apart: one change
		writer.doc.getMap('cards').set('c3', '第二季度');
		expect(writer.saves.unsent).toBeGreaterThanOrEqual(1);

		// same data, same port: the provider's own retries find it
		const second = await server(dataDir, portOf(first.url));
		await waitFor(() => writer.saves.unsent === 0, 'changes acknowledged after the restart');
		const reader = client(second.wsUrl, board.id, board.viewToken);
		await reader.synced;
		expect(reader.doc.getMap('cards').toJSON()).toEqual({ c2: '预算复核', c3: '第二季度' });
	});

	it('changes an earlier page left unconfirmed are settled once this page has sent its state', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const srv = await server(dataDir);
		const board = await createBoard(srv.url);
		// the earlier page's offline edits, as its offline copy holds them
		const earlier = new Y.Doc();
		earlier.getMap('cards').set('offline', '离线时写的');
		const storage = new MemoryStorage();
		storage.setItem(unsentKey(board.id), '2');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier));
		const c = connect(srv.wsUrl, board.id, board.editToken, doc);
		const saves = new SaveTracker({ boardId: board.id, doc, provider: c.provider, whenCached: Promise.resolve(), storage });
		cleanup.push(() => {
			saves.destroy();
			c.destroy();
		});
		expect(saves.unsent).toBe(2);
		await waitFor(() => saves.unsent === 0, 'restored changes acknowledged');
		const reader = client(srv.wsUrl, board.id, board.viewToken);
		await reader.synced;
		expect(reader.doc.getMap('cards').get('offline')).toBe('离线时写的');
	});
});
