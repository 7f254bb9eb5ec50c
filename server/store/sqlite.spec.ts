import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredState } from './contract.ts';
import { describeStoreContract } from './contract.suite.ts';
import { DATABASE_FILE, openSqliteStore, SQLITE_MIGRATIONS, type SqliteStore } from './sqlite.ts';
import { applyStoredState } from './state.ts';

let contractDir = '';
describeStoreContract('SQLite', {
	async open() {
		contractDir = mkdtempSync(join(tmpdir(), 'gw-store-contract-'));
		return openSqliteStore({ dataDir: contractDir, sync: 'normal' });
	},
	async openAnother() {
		return openSqliteStore({ dataDir: contractDir, sync: 'normal' });
	},
	async cleanup() {
		rmSync(contractDir, { recursive: true, force: true });
	}
});

let dir: string;
let store: SqliteStore;
const hash = (n: number) => Buffer.alloc(32, n);

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'gw-store-'));
	store = openSqliteStore({ dataDir: dir, sync: 'normal' });
});
afterEach(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Updates of `count` single-character insertions, as a client would send them. */
function typing(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < count; i++) doc.getText('t').insert(doc.getText('t').length, String(i % 10));
	return { doc, updates };
}

const textOf = (state: StoredState) => {
	const doc = new Y.Doc();
	applyStoredState(doc, state);
	return doc.getText('t').toString();
};

describe('SQLite store: compaction on the worker thread', () => {
	it('keeps the rows committed while the worker encodes', async () => {
		await store.createBoard({ id: 'bg', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { doc, updates } = typing(200);
		await store.appendUpdates(updates.slice(0, 150).map((update) => ({ boardId: 'bg', update })));
		const result = store.compact('bg');
		// committed while the worker encodes (its answer comes on a later turn): not in its snapshot
		await store.appendUpdates(updates.slice(150).map((update) => ({ boardId: 'bg', update })));
		const done = await result;
		expect(done.snapshot).toBeInstanceOf(Uint8Array);
		expect(done.folded + (await store.counts('bg')).updates).toBe(200);
		const state = await store.loadState('bg');
		expect(state.lastSeq).toBe(200);
		expect(textOf(state)).toBe(doc.getText('t').toString());
	});

	it('writes nothing for a board deleted while the worker encodes', async () => {
		await store.createBoard({ id: 'gone', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		await store.appendUpdates(typing(20).updates.map((update) => ({ boardId: 'gone', update })));
		const result = store.compact('gone');
		await store.deleteBoard('gone');
		expect(await result).toMatchObject({ folded: 0, snapshot: null });
		expect(await store.loadState('gone')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
	});

	it('rejects a compaction still running when the store closes, losing nothing', async () => {
		await store.createBoard({ id: 'cl', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { doc, updates } = typing(30);
		await store.appendUpdates(updates.map((update) => ({ boardId: 'cl', update })));
		const result = store.compact('cl');
		await store.close();
		await expect(result).rejects.toThrow(/closed/);
		await expect(store.compact('cl')).rejects.toThrow(/closed/);
		store = openSqliteStore({ dataDir: dir, sync: 'normal' });
		expect(textOf(await store.loadState('cl'))).toBe(doc.getText('t').toString());
	});

	it('folds the WAL into the database file from the worker without blocking commits, and closes cleanly', async () => {
		await store.createBoard({ id: 'w', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (let i = 0; i < 300; i++) doc.getMap('m').set(`k${i}`, 'x'.repeat(200));
		await store.appendUpdates(updates.map((update) => ({ boardId: 'w', update })));
		const file = join(dir, DATABASE_FILE);
		const before = statSync(file).size;
		store.maintain();
		await store.appendUpdates([{ boardId: 'w', update: updates[0] }]); // commits go on meanwhile
		for (let i = 0; i < 500 && statSync(file).size <= before; i++) await new Promise((r) => setTimeout(r, 10));
		expect(statSync(file).size).toBeGreaterThan(before);
		await store.close();
		expect(existsSync(`${file}-wal`)).toBe(false); // the main connection closed last and removed the WAL
		store = openSqliteStore({ dataDir: dir, sync: 'normal' });
		expect((await store.loadState('w')).updates).toHaveLength(updates.length + 1);
	});
});

describe('SQLite store: schema', () => {
	it('refuses a database written by a newer server', async () => {
		await store.close();
		const db = new Database(join(dir, DATABASE_FILE));
		db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
		db.close();
		expect(() => openSqliteStore({ dataDir: dir, sync: 'normal' })).toThrow(/newer than this server/);
		store = openSqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'gw-store-')), sync: 'normal' });
	});

	/**
	 * server/store/fixtures/v4: a database written by the store of schema 4 (global seqs shared by
	 * every board, a compacted board, a board compacted halfway, a deleted board, a reset link and a
	 * checkpoint) with what that code read back from it. Migration 5 keeps all of it.
	 */
	it('opens a schema-4 database (global seqs) with nothing lost, numbering each board from 1', async () => {
		await store.close();
		const fixture = join(import.meta.dirname, 'fixtures', 'v4');
		copyFileSync(join(fixture, DATABASE_FILE), join(dir, DATABASE_FILE));
		const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Record<
			string,
			{ title: string; text: string; cards: string[]; stateVector: string; rows: number }
		>;
		store = openSqliteStore({ dataDir: dir, sync: 'normal' });
		expect(await store.listBoardIds({ limit: 10 })).toEqual(['alpha', 'beta', 'gamma']);
		for (const [id, want] of Object.entries(expected)) {
			const state = await store.loadState(id);
			const doc = new Y.Doc();
			applyStoredState(doc, state);
			expect({ title: doc.getMap('meta').get('title'), text: doc.getText('t').toString(), cards: doc.getArray('cards').toJSON() }).toEqual({
				title: want.title,
				text: want.text,
				cards: want.cards
			});
			expect(Buffer.from(Y.encodeStateVector(doc)).toString('base64')).toBe(want.stateVector);
			expect(state).toMatchObject({ snapshotSeq: 0, lastSeq: want.rows });
			expect((await store.loadUpdatesAfter(id, 0))!.updates.map((r) => r.seq)).toEqual(Array.from({ length: want.rows }, (_, i) => i + 1));
		}
		// the reset link, the checkpoint and the timestamps came along
		const beta = await store.getBoard('beta');
		expect(beta!.editHash.equals(hash(40))).toBe(true);
		expect(beta!.viewSealed!.toString()).toBe('sealed-view');
		expect(beta!.updatedAt).toBe(1_700_000_000_029);
		expect(await store.listCheckpoints('beta')).toEqual([{ id: 'cp1', name: '一月评审', createdAt: 1_700_000_100_000 }]);
		// and the boards go on: the next update of each is the one after its last
		const more = new Y.Doc();
		more.getText('t').insert(0, '!');
		const seqs = await store.appendUpdates(['alpha', 'beta', 'gamma'].map((boardId) => ({ boardId, update: Y.encodeStateAsUpdate(more) })));
		expect(seqs).toEqual([expected.alpha.rows + 1, expected.beta.rows + 1, expected.gamma.rows + 1]);
		expect((await store.compact('beta')).folded).toBe(expected.beta.rows + 1);
		expect(textOf(await store.loadState('beta')).replace('!', '')).toBe(expected.beta.text);
	});
});
