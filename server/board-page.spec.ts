import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCredentials } from './auth.ts';
import { boardPages, FirstScreenCache } from './board-page.ts';
import { initialBoardState } from './boards.ts';
import { createLogger } from './log.ts';
import { createRooms, type Rooms } from './rooms.ts';
import { openStore, type Store } from './store.ts';
import * as Y from 'yjs';
import { createOrigin, FIRST_SCREEN_HEIGHT, initBoard, moveCard, addCard, updateMeta } from '../src/lib/model/index.ts';

/** A real store in a temporary folder, rooms over it and the first-screen cache they feed. */
let dir: string;
let store: Store;
let rooms: Rooms;
let screens: FirstScreenCache;

function openParts(roomIdleMs: number): void {
	dir = mkdtempSync(join(tmpdir(), 'gw-page-'));
	store = openStore({ dataDir: dir, sync: 'normal' });
	screens = new FirstScreenCache(2);
	rooms = createRooms({
		store,
		log: createLogger({ format: 'json', level: 'error', write: () => {} }),
		config: { roomIdleMs, pingIntervalMs: 10_000, compactAfterUpdates: 1_000, maxMessageBytes: 1 << 20, awarenessMaxBytes: 8192, awarenessPerSecond: 20 },
		onOpen: (id) => screens.awake(id),
		onUnload: (id, doc, seq) => screens.atRest(id, doc, seq)
	});
}

async function closeParts(): Promise<void> {
	await rooms.close();
	await store.close();
	rmSync(dir, { recursive: true, force: true });
}

describe('board pages (server side of the first screen)', () => {
	beforeEach(() => openParts(10_000));
	afterEach(closeParts);

	async function board() {
		const creds = newCredentials();
		const cards = Array.from({ length: 60 }, (_, i) => ({
			id: `r${String(i).padStart(2, '0')}`,
			kind: 'role' as const,
			title: `Role ${i}`,
			headcount: 1,
			monthlyCost: 100_000,
			startMonth: '2027-01',
			x: 24,
			y: 72 + i * 148
		}));
		const plan = { title: 'Shop in Porto', currency: 'EUR', budget: 10_000_000_00, startMonth: '2027-01', horizonMonths: 24, cards };
		await store.createBoard({ id: creds.id, editHash: creds.editHash, viewHash: creds.viewHash, state: initialBoardState({ title: plan.title }, plan) });
		return creds;
	}

	it('answers the edit link with the first screen and the view token, and keeps the board loaded', async () => {
		const { id, editToken, viewToken } = await board();
		const page = await boardPages({ store, rooms })(id, editToken);
		expect(page.ok).toBe(true);
		if (!page.ok) return;
		expect(page.access).toBe('edit');
		expect(page.viewToken).toBe(viewToken);
		expect(page.first.meta.title).toBe('Shop in Porto');
		expect(page.first.kindCounts.role).toBe(60);
		// the whole board's budget, not just the band's: 60 roles of 1,000.00 a month over 24 months
		expect(page.budget).toMatchObject({ total: 10_000_000_00, allocated: 60 * 100_000 * 24, people: 60 * 100_000 * 24, peakHeadcount: 60, overBy: 0, culprits: [] });
		// only the band at the top of the board, every one of them
		const shown = page.first.cards.map((c) => c.id);
		expect(shown.length).toBe(Math.ceil((FIRST_SCREEN_HEIGHT - 72) / 148));
		expect(page.first.cards.every((c) => (c.y ?? 0) < FIRST_SCREEN_HEIGHT)).toBe(true);
		// the socket that follows finds the board in memory
		expect(rooms.connectionsOf(id)).toBe(0);
	});

	it('reads an open board once per state: the same answer until the board changes', async () => {
		const { id, editToken } = await board();
		const pages = boardPages({ store, rooms });
		const a = await pages(id, editToken);
		const b = await pages(id, editToken);
		if (!a.ok || !b.ok) throw new Error('page refused');
		expect(b.first).toBe(a.first);
		// watching for changes must not put an 'update' listener on the room's doc (Yjs would encode every transaction)
		const updateListeners = await rooms.readDoc(id, (doc) => (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0);
		expect(updateListeners).toBe(0);
		await rooms.readDoc(id, (doc) => moveCard(doc, 'r00', 24, 9_000, createOrigin('api')));
		const c = await pages(id, editToken);
		if (!c.ok) throw new Error('page refused');
		expect(c.first).not.toBe(a.first);
		expect(c.first.cards.map((card) => card.id)).not.toContain('r00');
		expect(a.first.cards.map((card) => card.id)).toContain('r00');
	});

	it('names the largest costs of an over-budget board, wherever they are on it', async () => {
		const creds = newCredentials();
		const plan = {
			title: 'Too much',
			currency: 'EUR',
			budget: 1_000_000,
			startMonth: '2027-01',
			horizonMonths: 12,
			cards: [
				{ id: 'small', kind: 'spend' as const, title: 'Stickers', category: 'marketing' as const, amount: 500_000, recurrence: 'once' as const, startMonth: '2027-01', x: 1128, y: 72 },
				{ id: 'deep', kind: 'spend' as const, title: 'Far-down fit-out', category: 'operations' as const, amount: 2_000_000, recurrence: 'once' as const, startMonth: '2027-02', x: 1128, y: 9_000 }
			]
		};
		await store.createBoard({ id: creds.id, editHash: creds.editHash, viewHash: creds.viewHash, state: initialBoardState({ title: plan.title }, plan) });
		const page = await boardPages({ store, rooms })(creds.id, creds.viewToken);
		if (!page.ok) throw new Error('page refused');
		expect(page.first.cards.map((c) => c.id)).toEqual(['small']);
		expect(page.budget).toMatchObject({ allocated: 2_500_000, overBy: 1_500_000, remaining: -1_500_000 });
		expect(page.budget.culprits).toEqual([
			{ id: 'deep', cost: 2_000_000, title: 'Far-down fit-out' },
			{ id: 'small', cost: 500_000, title: 'Stickers' }
		]);
	});

	it('gives a view link read access and no token', async () => {
		const { id, viewToken } = await board();
		const page = await boardPages({ store, rooms })(id, viewToken);
		expect(page).toMatchObject({ ok: true, access: 'view' });
		expect(JSON.stringify(page)).not.toContain(viewToken);
	});

	it('refuses unknown boards and bad tokens without loading anything', async () => {
		const { id } = await board();
		const pages = boardPages({ store, rooms });
		expect(await pages(id, 'not-a-token')).toEqual({ ok: false, reason: 'bad-token' });
		expect(await pages(id, '')).toEqual({ ok: false, reason: 'bad-token' });
		expect(await pages('nosuchboard0000000000', newCredentials().editToken)).toEqual({ ok: false, reason: 'unknown-board' });
		expect(await pages('../../etc', 'x')).toEqual({ ok: false, reason: 'unknown-board' });
		expect(rooms.stats().rooms).toBe(0);
	});
});

describe('first screens of boards at rest', () => {
	beforeEach(() => openParts(20));
	afterEach(closeParts);

	const until = async (check: () => boolean) => {
		for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
		expect(check()).toBe(true);
	};

	it('answers from the kept first screen while the board rests, then loads it for the socket', async () => {
		const creds = newCredentials();
		await store.createBoard({ id: creds.id, editHash: creds.editHash, viewHash: creds.viewHash, state: initialBoardState({ title: 'Resting' }) });
		const pages = boardPages({ store, rooms, screens });
		const first = await pages(creds.id, creds.editToken);
		expect(first.ok).toBe(true);
		// nobody connects: the room unloads and its first screen is kept
		await until(() => rooms.stats().rooms === 0);
		expect(screens.get(creds.id, 0)?.first.meta.title).toBe('Resting');
		const again = await pages(creds.id, creds.editToken);
		expect(again).toEqual(first);
		// answered without loading; the room loads right after, and the kept copy is dropped
		expect(rooms.connectionsOf(creds.id)).toBeUndefined();
		await until(() => rooms.connectionsOf(creds.id) === 0);
		expect(screens.get(creds.id, 0)).toBeUndefined();
	});

	it('does not answer from a kept first screen once the board changed elsewhere (another instance)', async () => {
		const creds = newCredentials();
		const state = initialBoardState({ title: 'Before' });
		await store.createBoard({ id: creds.id, editHash: creds.editHash, viewHash: creds.viewHash, state });
		const pages = boardPages({ store, rooms, screens });
		expect(await pages(creds.id, creds.editToken)).toMatchObject({ ok: true, first: { meta: { title: 'Before' } } });
		await until(() => rooms.stats().rooms === 0);
		expect(screens.get(creds.id, 0)?.first.meta.title).toBe('Before');
		// another instance renames the board: its update is committed to the shared store
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		const before = Y.encodeStateVector(doc);
		updateMeta(doc, { title: '新标题 4.5万' }, createOrigin('user'));
		await store.appendUpdates([{ boardId: creds.id, update: Y.encodeStateAsUpdate(doc, before) }]);
		expect(await pages(creds.id, creds.editToken)).toMatchObject({ ok: true, first: { meta: { title: '新标题 4.5万' } } });
	});

	it('keeps a bounded number, dropping the least recently rested', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'A' }, createOrigin('server'));
		const id = addCard(doc, 'role', { title: 'Chef', x: 24, y: 72 }, createOrigin('api'));
		screens.atRest('a', doc, 1);
		moveCard(doc, id, 24, 5000, createOrigin('api'));
		screens.atRest('b', doc, 2);
		screens.atRest('c', doc, 2);
		expect(screens.size).toBe(2);
		expect(screens.get('a', 1)).toBeUndefined();
		expect(screens.get('b', 2)?.first.cards).toEqual([]);
		screens.awake('b');
		expect(screens.get('b', 2)).toBeUndefined();
		expect(screens.get('c', 3)).toBeUndefined(); // stale: the board is past the seq it shows
		expect(screens.size).toBe(0); // and dropped
	});
});
