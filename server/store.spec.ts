import { mkdtempSync, rmSync } from 'node:fs';
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
});
