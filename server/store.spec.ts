import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DATABASE_FILE, applyStoredState, openStore, type Store, type StoredState } from './store.ts';

let dir: string;
let store: Store;
const hash = (n: number) => Buffer.alloc(32, n);

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'gw-store-'));
	store = openStore({ dataDir: dir, sync: 'normal' });
});
afterEach(() => {
	store.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Records every update of `edits` applied to a fresh doc, as a client would send them. */
function recordUpdates(edits: (doc: Y.Doc) => void): { doc: Y.Doc; updates: Uint8Array[] } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	edits(doc);
	return { doc, updates };
}

const textOf = (state: StoredState) => {
	const doc = new Y.Doc();
	applyStoredState(doc, state);
	return doc.getText('t').toString();
};

describe('store', () => {
	it('creates boards with an initial snapshot and finds them again after reopening', () => {
		const init = recordUpdates((d) => d.getText('t').insert(0, 'hello'));
		const created = store.createBoard({ id: 'b1', editHash: hash(1), viewHash: hash(2), state: Y.encodeStateAsUpdate(init.doc), now: 1000 });
		expect(created).toMatchObject({ id: 'b1', createdAt: 1000, updatedAt: 1000 });
		expect(() => store.createBoard({ id: 'b1', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) })).toThrow();
		store.close();
		store = openStore({ dataDir: dir, sync: 'full' });
		expect(store.getBoard('b1')?.editHash.equals(hash(1))).toBe(true);
		expect(store.getBoard('nope')).toBeUndefined();
		expect(textOf((store.loadState('b1')))).toBe('hello');
	});

	it('appends updates of several boards in order and bumps updated_at', () => {
		store.createBoard({ id: 'a', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]), now: 1 });
		store.createBoard({ id: 'b', editHash: hash(3), viewHash: hash(4), state: new Uint8Array([0, 0]), now: 1 });
		const { updates } = recordUpdates((d) => {
			for (const ch of 'abc') d.getText('t').insert(d.getText('t').length, ch);
		});
		const seqs = store.appendUpdates(
			[{ boardId: 'a', update: updates[0] }, { boardId: 'b', update: updates[0] }, { boardId: 'a', update: updates[1] }, { boardId: 'a', update: updates[2] }],
			50
		);
		expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
		expect(new Set(seqs).size).toBe(4);
		const a = store.loadState('a');
		expect(a.updates).toHaveLength(3);
		expect(a.lastSeq).toBe(seqs[3]);
		expect(textOf((a))).toBe('abc');
		expect(store.getBoard('a')?.updatedAt).toBe(50);
		expect(store.counts('b').updates).toBe(1);
	});

	it('compacts the update log into a smaller snapshot without losing content', () => {
		store.createBoard({ id: 'c', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { doc, updates } = recordUpdates((d) => {
			const t = d.getText('t');
			for (let i = 0; i < 300; i++) t.insert(t.length, String(i % 10));
			t.delete(0, 100);
		});
		store.appendUpdates(updates.map((update) => ({ boardId: 'c', update })));
		const before = store.counts('c');
		expect(before.updates).toBe(updates.length);
		expect(store.compact('c')).toBe(true);
		const after = store.counts('c');
		expect(after.updates).toBe(0);
		expect(after.snapshotBytes).toBeLessThan(before.updateBytes);
		expect(textOf((store.loadState('c')))).toBe(doc.getText('t').toString());
		expect(store.compact('c')).toBe(false);
	});

	it('compacts in the background through the given update, keeping the ones committed meanwhile', async () => {
		store.createBoard({ id: 'bg', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { doc, updates } = recordUpdates((d) => {
			const t = d.getText('t');
			for (let i = 0; i < 200; i++) t.insert(t.length, String(i % 10));
		});
		const seqs = store.appendUpdates(updates.slice(0, 150).map((update) => ({ boardId: 'bg', update })));
		const result = new Promise<{ snapshot: Uint8Array | null } | { error: unknown }>((resolve) => {
			expect(store.compactInBackground('bg', seqs[149], resolve)).toBe(true);
		});
		// committed while the worker encodes: not in its snapshot, so they must stay as updates
		store.appendUpdates(updates.slice(150).map((update) => ({ boardId: 'bg', update })));
		const done = await result;
		expect('snapshot' in done && done.snapshot).toBeInstanceOf(Uint8Array);
		expect(store.counts('bg').updates).toBe(50);
		const state = store.loadState('bg');
		expect(Buffer.from(state.snapshot!).equals(Buffer.from((done as { snapshot: Uint8Array }).snapshot))).toBe(true);
		expect(textOf(state)).toBe(doc.getText('t').toString());
		// nothing left to fold through that seq: nothing written
		expect(await new Promise((resolve) => store.compactInBackground('bg', seqs[149], resolve))).toEqual({ snapshot: null });
	});

	it('never lets a background compaction replace a newer snapshot', async () => {
		store.createBoard({ id: 'nw', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { doc, updates } = recordUpdates((d) => {
			const t = d.getText('t');
			for (let i = 0; i < 100; i++) t.insert(t.length, String(i % 10));
		});
		const seqs = store.appendUpdates(updates.map((update) => ({ boardId: 'nw', update })));
		// the worker folds through the 60th update while the whole board is compacted here first
		const result = new Promise((resolve) => store.compactInBackground('nw', seqs[59], resolve));
		expect(store.compact('nw')).toBe(true);
		await result;
		expect(store.loadState('nw').lastSeq).toBe(seqs[99]);
		expect(textOf(store.loadState('nw'))).toBe(doc.getText('t').toString());
		// and an older state handed to writeSnapshot is refused the same way
		expect(store.writeSnapshot('nw', new Uint8Array([0, 0]), seqs[10])).toBe(false);
		expect(textOf(store.loadState('nw'))).toBe(doc.getText('t').toString());
	});

	it('answers a background compaction still running when the store closes with an error, losing nothing', async () => {
		store.createBoard({ id: 'cl', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { doc, updates } = recordUpdates((d) => d.getText('t').insert(0, 'kept'));
		const seqs = store.appendUpdates(updates.map((update) => ({ boardId: 'cl', update })));
		const result = new Promise<unknown>((resolve) => store.compactInBackground('cl', seqs[seqs.length - 1], resolve));
		store.close();
		const done = (await result) as { snapshot?: Uint8Array | null; error?: unknown; closing?: boolean };
		// whether or not the worker had finished, nothing is written after the close: an error
		expect(done.error).toBeInstanceOf(Error);
		expect(done.closing).toBe(true);
		expect(store.compactInBackground('cl', seqs[0], () => {})).toBe(false);
		store = openStore({ dataDir: dir, sync: 'normal' });
		expect(textOf(store.loadState('cl'))).toBe(doc.getText('t').toString());
	});

	it('writeSnapshot folds only the updates it covers', () => {
		store.createBoard({ id: 'd', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { doc, updates } = recordUpdates((d) => {
			d.getText('t').insert(0, 'ab');
			d.getText('t').insert(2, 'cd');
		});
		const [first] = store.appendUpdates([{ boardId: 'd', update: updates[0] }]);
		const partial = new Y.Doc();
		Y.applyUpdate(partial, updates[0]);
		store.appendUpdates([{ boardId: 'd', update: updates[1] }]);
		store.writeSnapshot('d', Y.encodeStateAsUpdate(partial), first);
		expect(store.counts('d').updates).toBe(1);
		expect(textOf((store.loadState('d')))).toBe(doc.getText('t').toString());
	});

	it('refuses a database written by a newer server', () => {
		store.close();
		const db = new Database(join(dir, DATABASE_FILE));
		db.pragma('user_version = 99');
		db.close();
		expect(() => openStore({ dataDir: dir, sync: 'normal' })).toThrow(/newer/);
		store = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'gw-store-')), sync: 'normal' });
	});

	it('seq stays global and is never reused after compaction and reopening', () => {
		store.createBoard({ id: 'e', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		store.createBoard({ id: 'f', editHash: hash(3), viewHash: hash(4), state: new Uint8Array([0, 0]) });
		const { updates } = recordUpdates((d) => {
			for (const ch of 'abcd') d.getText('t').insert(d.getText('t').length, ch);
		});
		const first = store.appendUpdates(updates.slice(0, 3).map((update) => ({ boardId: 'e', update })));
		expect(store.compact('e')).toBe(true);
		expect(store.counts('e').updates).toBe(0);
		store.close();
		store = openStore({ dataDir: dir, sync: 'normal' });
		const [onOther] = store.appendUpdates([{ boardId: 'f', update: updates[0] }]);
		const [onSame] = store.appendUpdates([{ boardId: 'e', update: updates[3] }]);
		expect(onOther).toBeGreaterThan(Math.max(...first));
		expect(onSame).toBeGreaterThan(onOther);
		expect(textOf(store.loadState('e'))).toBe('abcd');
	});

	it('does not reuse a seq when another connection appended meanwhile', () => {
		store.createBoard({ id: 'g', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { updates } = recordUpdates((d) => {
			for (const ch of 'wxyz') d.getText('t').insert(d.getText('t').length, ch);
		});
		const other = openStore({ dataDir: dir, sync: 'normal' });
		try {
			const seqs = [
				...store.appendUpdates([{ boardId: 'g', update: updates[0] }]),
				...other.appendUpdates([{ boardId: 'g', update: updates[1] }]),
				...store.appendUpdates([{ boardId: 'g', update: updates[2] }]),
				...other.appendUpdates([{ boardId: 'g', update: updates[3] }])
			];
			expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
			expect(new Set(seqs).size).toBe(4);
		} finally {
			other.close();
		}
		expect(textOf(store.loadState('g'))).toBe('wxyz');
	});

	it('migrates a schema-1 database to 2 keeping every update in order, new seqs above the old', () => {
		store.close();
		const old = mkdtempSync(join(tmpdir(), 'gw-store-v1-'));
		const db = new Database(join(old, DATABASE_FILE));
		db.exec(`CREATE TABLE boards (
			id TEXT PRIMARY KEY, edit_hash BLOB NOT NULL, view_hash BLOB NOT NULL,
			created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
		) STRICT;
		CREATE TABLE updates (
			seq INTEGER PRIMARY KEY AUTOINCREMENT,
			board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
			data BLOB NOT NULL
		) STRICT;
		CREATE INDEX updates_by_board ON updates(board_id, seq);
		CREATE TABLE snapshots (
			board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
			through_seq INTEGER NOT NULL, data BLOB NOT NULL, updated_at INTEGER NOT NULL
		) STRICT;`);
		const { doc, updates } = recordUpdates((d) => {
			const t = d.getText('t');
			for (let i = 0; i < 12; i++) t.insert(t.length, String.fromCharCode(97 + i));
		});
		const other = recordUpdates((d) => d.getText('t').insert(0, 'other'));
		const insertBoard = db.prepare('INSERT INTO boards VALUES (?, ?, ?, 1, 1)');
		insertBoard.run('old', hash(1), hash(2));
		insertBoard.run('oth', hash(3), hash(4));
		db.prepare('INSERT INTO snapshots VALUES (?, 0, ?, 1)').run('old', Buffer.from([0, 0]));
		const insertUpdate = db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)');
		const oldSeqs: number[] = [];
		// interleave the two boards so the old seqs of 'old' are not contiguous
		updates.forEach((u, i) => {
			oldSeqs.push(Number(insertUpdate.run('old', Buffer.from(u)).lastInsertRowid));
			if (i === 5) insertUpdate.run('oth', Buffer.from(other.updates[0]));
		});
		// 'oth' was compacted: its rows are gone, its highest seq lives on only in through_seq
		const othSeq = (db.prepare("SELECT seq FROM updates WHERE board_id = 'oth'").get() as { seq: number }).seq;
		db.prepare('INSERT INTO snapshots VALUES (?, ?, ?, 1)').run('oth', 1000, Buffer.from(Y.encodeStateAsUpdate(other.doc)));
		db.prepare("DELETE FROM updates WHERE board_id = 'oth'").run();
		expect(othSeq).toBeGreaterThan(0);
		db.pragma('user_version = 1');
		db.close();

		try {
			store = openStore({ dataDir: old, sync: 'normal' });
			const state = store.loadState('old');
			expect(state.updates.map((u) => Buffer.from(u).toString('base64'))).toEqual(updates.map((u) => Buffer.from(u).toString('base64')));
			expect(state.lastSeq).toBe(oldSeqs[oldSeqs.length - 1]);
			expect(textOf(state)).toBe(doc.getText('t').toString());
			expect(textOf(store.loadState('oth'))).toBe('other');
			const extra = recordUpdates((d) => d.getText('u').insert(0, 'x')).updates[0];
			const [next] = store.appendUpdates([{ boardId: 'old', update: extra }]);
			expect(next).toBeGreaterThan(1000); // above the max of both the log and snapshots.through_seq
			store.close();
			const check = new Database(join(old, DATABASE_FILE), { readonly: true });
			expect(check.pragma('user_version', { simple: true })).toBe(3);
			expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'checkpoints'").get()).toEqual({ name: 'checkpoints' });
			const sql = (check.prepare("SELECT sql FROM sqlite_master WHERE name = 'updates'").get() as { sql: string }).sql;
			expect(sql).toMatch(/WITHOUT ROWID/);
			check.close();
			store = openStore({ dataDir: old, sync: 'normal' });
			expect(store.loadState('old').updates).toHaveLength(updates.length + 1);
			expect(store.appendUpdates([{ boardId: 'oth', update: extra }])[0]).toBeGreaterThan(next);
		} finally {
			store.close();
			rmSync(old, { recursive: true, force: true });
			store = openStore({ dataDir: dir, sync: 'normal' });
		}
	});
});

describe('store checkpoints', () => {
	it('folds the WAL into the database file from a worker, without blocking commits, and closes cleanly', async () => {
		store.createBoard({ id: 'w', editHash: hash(1), viewHash: hash(2), state: new Uint8Array([0, 0]) });
		const { updates } = recordUpdates((d) => {
			for (let i = 0; i < 300; i++) d.getMap('m').set(`k${i}`, 'x'.repeat(200));
		});
		const file = join(dir, DATABASE_FILE);
		store.appendUpdates(updates.map((update) => ({ boardId: 'w', update })));
		const before = statSync(file).size;
		store.checkpoint();
		store.appendUpdates([{ boardId: 'w', update: updates[0] }]); // commits go on meanwhile
		for (let i = 0; i < 500 && statSync(file).size <= before; i++) await new Promise((r) => setTimeout(r, 10));
		expect(statSync(file).size).toBeGreaterThan(before);
		store.close();
		expect(existsSync(`${file}-wal`)).toBe(false); // the main connection closed last and removed the WAL
		store = openStore({ dataDir: dir, sync: 'normal' });
		expect(store.loadState('w').updates).toHaveLength(updates.length + 1);
	});
});

describe('board checkpoints (reviews)', () => {
	it('keeps named copies of a board state, lists them newest first, per board, and survives reopening', () => {
		const a = recordUpdates((d) => d.getText('t').insert(0, '一月'));
		store.createBoard({ id: 'cp-board', editHash: hash(1), viewHash: hash(2), state: Y.encodeStateAsUpdate(a.doc) });
		store.createBoard({ id: 'other', editHash: hash(3), viewHash: hash(4), state: new Uint8Array([0, 0]) });
		store.createCheckpoint({ boardId: 'cp-board', id: 'c1', name: '一月评审', createdAt: 1000, state: Y.encodeStateAsUpdate(a.doc) });
		a.doc.getText('t').insert(2, '二月');
		store.createCheckpoint({ boardId: 'cp-board', id: 'c2', name: 'Review 2027-02-01', createdAt: 2000, state: Y.encodeStateAsUpdate(a.doc) });
		store.createCheckpoint({ boardId: 'cp-board', id: 'c0', name: 'same time', createdAt: 2000, state: new Uint8Array([0, 0]) });
		expect(() => store.createCheckpoint({ boardId: 'cp-board', id: 'c1', name: 'again', createdAt: 3000, state: new Uint8Array([0, 0]) })).toThrow();
		expect(() => store.createCheckpoint({ boardId: 'missing', id: 'x', name: 'x', createdAt: 3000, state: new Uint8Array([0, 0]) })).toThrow();
		store.close();
		store = openStore({ dataDir: dir, sync: 'normal' });
		expect(store.listCheckpoints('cp-board')).toEqual([
			{ id: 'c2', name: 'Review 2027-02-01', createdAt: 2000 },
			{ id: 'c0', name: 'same time', createdAt: 2000 },
			{ id: 'c1', name: '一月评审', createdAt: 1000 }
		]);
		expect(store.listCheckpoints('other')).toEqual([]);
		const first = store.getCheckpoint('cp-board', 'c1')!;
		const doc = new Y.Doc();
		Y.applyUpdate(doc, first.state);
		expect(doc.getText('t').toString()).toBe('一月');
		expect(store.getCheckpoint('other', 'c1')).toBeUndefined();
		expect(store.getCheckpoint('cp-board', 'nope')).toBeUndefined();
	});
});
