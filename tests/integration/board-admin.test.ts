/**
 * Links that can be taken back and boards that can be deleted, against the real server with real
 * y-websocket providers and the real SQLite store: a reset token stops working at once (HTTP and
 * open sockets, closed with 4401), the other link keeps working, a deleted board is gone from the
 * store, the rooms and the first-screen cache (sockets closed with 4404), and none of its rows
 * come back, even after a restart (sequence numbers are per board: another board's start at 1).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store.ts';
import { createOrigin, listCardIds, addCard } from '../../src/lib/model/index.ts';
import { connect, createBoard, rawSocket, removeDir, startTestServer, storedRows, waitFor, type Client, type TestServer } from './helpers.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function server(dataDir?: string): Promise<TestServer> {
	const s = await startTestServer({}, dataDir);
	cleanup.push(() => s.close());
	if (!dataDir) cleanup.push(() => removeDir(s.dataDir));
	return s;
}

function track(client: Client): Client {
	cleanup.push(() => client.destroy());
	return client;
}

/** The close code a provider's socket got next. */
function nextClose(client: Client): Promise<number> {
	return new Promise((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)));
}

const plan = {
	title: '深圳门店计划',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 12,
	cards: [{ id: 'g1', kind: 'goal', title: '开第一家店', notes: '**春节前**开业' }]
};

const api = (s: TestServer, path: string, token: string | null, init: RequestInit = {}) =>
	fetch(`${s.url}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });

describe('reset links', () => {
	it('resetting the edit link: old edit token refused at once, its sockets closed with 4401; view link unchanged', async () => {
		const s = await server();
		const board = await createBoard(s.url, { plan });
		const editor = track(connect(s.wsUrl, board.id, board.editToken));
		const viewer = track(connect(s.wsUrl, board.id, board.viewToken));
		await Promise.all([editor.synced, viewer.synced]);
		const editorClosed = nextClose(editor);
		let viewerClosed = false;
		viewer.provider.on('connection-close', () => (viewerClosed = true));

		const res = await api(s, `/api/boards/${board.id}/links/edit/reset`, board.editToken, { method: 'POST' });
		expect(res.status).toBe(200);
		const reset = (await res.json()) as { editToken: string; viewToken: string; editUrl: string; viewUrl: string; link: string };
		expect(reset.link).toBe('edit');
		expect(reset.editToken).not.toBe(board.editToken);
		expect(reset.viewToken).toBe(board.viewToken);
		expect(reset.editUrl).toBe(`${s.url}/b/${board.id}?token=${reset.editToken}`);

		expect(await editorClosed).toBe(4401);
		editor.provider.disconnect();
		expect((await api(s, `/api/boards/${board.id}`, board.editToken)).status).toBe(401);
		expect((await rawSocket(s.wsUrl, board.id, board.editToken).closed).code).toBe(4401);
		expect(await s.groundwork.pages(board.id, board.editToken)).toEqual({ ok: false, reason: 'bad-token' });

		// the new edit link works and still shows the same view link
		const meta = (await (await api(s, `/api/boards/${board.id}`, reset.editToken)).json()) as { access: string; viewToken: string };
		expect(meta).toMatchObject({ access: 'edit', viewToken: board.viewToken });
		const page = await s.groundwork.pages(board.id, reset.editToken);
		expect(page).toMatchObject({ ok: true, access: 'edit', viewToken: board.viewToken });
		const again = track(connect(s.wsUrl, board.id, reset.editToken));
		await again.synced;
		addCard(again.doc, 'risk', { title: '租金上涨', likelihood: 3, impact: 4 }, createOrigin('user', 'test'));
		await waitFor(() => listCardIds(viewer.doc).length === 2, 'the viewer to get the edit made with the new link');
		expect(viewerClosed).toBe(false);
	});

	it('resetting the view link closes only view sockets; the editor gets the new view link', async () => {
		const s = await server();
		const board = await createBoard(s.url, { plan });
		const editor = track(connect(s.wsUrl, board.id, board.editToken));
		const viewer = track(connect(s.wsUrl, board.id, board.viewToken));
		await Promise.all([editor.synced, viewer.synced]);
		const viewerClosed = nextClose(viewer);
		let editorClosed = false;
		editor.provider.on('connection-close', () => (editorClosed = true));

		const reset = (await (await api(s, `/api/boards/${board.id}/links/view/reset`, board.editToken, { method: 'POST' })).json()) as {
			editToken: string;
			viewToken: string;
		};
		expect(reset.editToken).toBe(board.editToken);
		expect(reset.viewToken).not.toBe(board.viewToken);
		expect(await viewerClosed).toBe(4401);
		viewer.provider.disconnect();
		expect((await api(s, `/api/boards/${board.id}/plan.json`, board.viewToken)).status).toBe(401);
		expect((await api(s, `/api/boards/${board.id}/plan.json`, reset.viewToken)).status).toBe(200);
		const meta = (await (await api(s, `/api/boards/${board.id}`, board.editToken)).json()) as { viewToken: string };
		expect(meta.viewToken).toBe(reset.viewToken);
		expect(editorClosed).toBe(false);

		// then the edit link too: the (new) view link survives it
		const editorClose = nextClose(editor);
		const second = (await (await api(s, `/api/boards/${board.id}/links/edit/reset`, board.editToken, { method: 'POST' })).json()) as {
			editToken: string;
			viewToken: string;
		};
		expect(second.viewToken).toBe(reset.viewToken);
		expect((await api(s, `/api/boards/${board.id}/plan.json`, reset.viewToken)).status).toBe(200);
		expect(await editorClose).toBe(4401);
	});

	it('needs the edit link: 403 for the view link, 401 without or with a bad token, 404 for an unknown board', async () => {
		const s = await server();
		const board = await createBoard(s.url, { plan });
		const reset = (token: string | null, id = board.id) => api(s, `/api/boards/${id}/links/view/reset`, token, { method: 'POST' });
		const forbidden = await reset(board.viewToken);
		expect(forbidden.status).toBe(403);
		expect(((await forbidden.json()) as { error: string }).error).toMatch(/edit link/);
		expect((await api(s, `/api/boards/${board.id}`, board.viewToken, { method: 'DELETE' })).status).toBe(403);
		expect((await reset(null)).status).toBe(401);
		expect((await reset('x'.repeat(32))).status).toBe(401);
		expect((await reset(board.editToken, 'A'.repeat(22))).status).toBe(404);
		expect((await api(s, `/api/boards/${board.id}/links/view/reset`, board.editToken)).status).toBe(405);
		expect((await api(s, `/api/boards/${board.id}/links/other/reset`, board.editToken, { method: 'POST' })).status).toBe(404);
		// nothing changed
		expect((await api(s, `/api/boards/${board.id}`, board.viewToken)).status).toBe(200);
	});
});

describe('delete a board', () => {
	it('closes its sockets with 4404 and removes it everywhere', async () => {
		const s = await server();
		const board = await createBoard(s.url, { plan });
		const other = await createBoard(s.url, { title: '另一个看板' });
		const editor = track(connect(s.wsUrl, board.id, board.editToken));
		const viewer = track(connect(s.wsUrl, board.id, board.viewToken));
		const bystander = track(connect(s.wsUrl, other.id, other.editToken));
		await Promise.all([editor.synced, viewer.synced, bystander.synced]);
		addCard(editor.doc, 'opportunity', { title: '旅游回暖' }, createOrigin('user', 'test'));
		await waitFor(() => listCardIds(viewer.doc).length === 2, 'the edit to be stored and relayed');
		expect(storedRows(s.dataDir, board.id).updates).toBeGreaterThan(0);
		const closes = Promise.all([nextClose(editor), nextClose(viewer)]);

		const res = await api(s, `/api/boards/${board.id}`, board.editToken, { method: 'DELETE' });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ id: board.id, deleted: true });
		expect(await closes).toEqual([4404, 4404]);
		editor.provider.disconnect();
		viewer.provider.disconnect();

		expect(storedRows(s.dataDir, board.id)).toEqual({ updates: 0, snapshots: 0, updateBytes: 0, snapshotBytes: 0 });
		expect((await api(s, `/api/boards/${board.id}`, board.editToken)).status).toBe(404);
		expect((await api(s, `/api/boards/${board.id}/export.md`, board.viewToken)).status).toBe(404);
		expect((await api(s, `/api/boards/${board.id}`, board.editToken, { method: 'DELETE' })).status).toBe(404);
		expect((await rawSocket(s.wsUrl, board.id, board.editToken).closed).code).toBe(4404);
		expect(await s.groundwork.pages(board.id, board.editToken)).toEqual({ ok: false, reason: 'unknown-board' });
		expect(s.groundwork.rooms.connectionsOf(board.id)).toBeUndefined();
		// the other board goes on
		expect(bystander.provider.wsconnected).toBe(true);
		expect((await api(s, `/api/boards/${other.id}`, other.viewToken)).status).toBe(200);
	});

	it('a board at rest (first screen kept, room unloaded) is deleted as well', async () => {
		const s = await server();
		const board = await createBoard(s.url, { plan });
		expect(await s.groundwork.pages(board.id, board.viewToken)).toMatchObject({ ok: true });
		expect((await api(s, `/api/boards/${board.id}`, board.editToken, { method: 'DELETE' })).status).toBe(200);
		expect(await s.groundwork.pages(board.id, board.viewToken)).toEqual({ ok: false, reason: 'unknown-board' });
	});

	it('keeps a deleted board’s rows gone after a restart; other boards number their updates from 1', async () => {
		const first = await server();
		const board = await createBoard(first.url, { plan });
		const editor = track(connect(first.wsUrl, board.id, board.editToken));
		await editor.synced;
		for (let i = 0; i < 5; i++) addCard(editor.doc, 'opportunity', { title: `机会 ${i}` }, createOrigin('user', 'test'));
		await waitFor(() => storedRows(first.dataDir, board.id).updates >= 5, 'the edits to be stored');
		const seqsOf = (dataDir: string, id: string) => {
			const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
			try {
				return (db.prepare('SELECT seq FROM updates WHERE board_id = ? ORDER BY seq').all(id) as { seq: number }[]).map((r) => r.seq);
			} finally {
				db.close();
			}
		};
		expect(seqsOf(first.dataDir, board.id).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
		editor.kill();
		expect((await api(first, `/api/boards/${board.id}`, board.editToken, { method: 'DELETE' })).status).toBe(200);
		expect(seqsOf(first.dataDir, board.id)).toEqual([]);
		await first.close();

		const second = await server(first.dataDir);
		expect(seqsOf(second.dataDir, board.id)).toEqual([]);
		expect(await second.groundwork.store.getBoard(board.id)).toBeUndefined();
		const next = await createBoard(second.url, { title: '新看板' });
		const writer = track(connect(second.wsUrl, next.id, next.editToken));
		await writer.synced;
		addCard(writer.doc, 'opportunity', { title: '新机会' }, createOrigin('user', 'test'));
		await waitFor(() => storedRows(second.dataDir, next.id).updates > 0, 'the new board’s edit to be stored');
		expect(seqsOf(second.dataDir, next.id)[0]).toBe(1);
	});
});
