/**
 * The store contract's test suite, run against every implementation (SQLite: sqlite.spec.ts;
 * Postgres: its own spec). Call {@link describeStoreContract} from a spec file with a factory
 * that opens a fresh, empty store per test — and a second handle on the SAME data, which plays
 * another server instance writing the same boards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardStore, StoredState } from './contract.ts';
import { applyStoredState } from './state.ts';

/** How the suite gets stores of one implementation. */
export interface StoreFactory {
	/** Opens a store on fresh, empty data (one per test). */
	open(): Promise<BoardStore>;
	/** Opens another handle (another connection / pool, as another instance would) on the data of the last `open()`. */
	openAnother(): Promise<BoardStore>;
	/** Removes the data of the last `open()` (after every handle is closed). */
	cleanup(): Promise<void>;
}

const hash = (n: number) => new Uint8Array(32).fill(n);

/** Updates made by `edit` on a doc that starts from `base` (or empty), as a client would send them. */
function record(edit: (doc: Y.Doc) => void, base?: Uint8Array): { doc: Y.Doc; updates: Uint8Array[] } {
	const doc = new Y.Doc();
	if (base) Y.applyUpdate(doc, base);
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	edit(doc);
	return { doc, updates };
}

/** One small update that appends `text` to the text `t` of a doc of its own client. */
function textUpdate(text: string, clientID?: number): Uint8Array {
	const doc = new Y.Doc();
	if (clientID !== undefined) doc.clientID = clientID;
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

const docOf = (state: Pick<StoredState, 'snapshot' | 'updates'>) => {
	const doc = new Y.Doc();
	applyStoredState(doc, state);
	return doc;
};

/** The text of each client's insertions in a doc built from `state` (order-independent comparison). */
const charsOf = (state: Pick<StoredState, 'snapshot' | 'updates'>) => [...docOf(state).getText('t').toString()].sort().join('');

/** Registers the contract's tests for one implementation. */
export function describeStoreContract(name: string, factory: StoreFactory): void {
	describe(`store contract: ${name}`, () => {
		let store: BoardStore;
		const others: BoardStore[] = [];
		const another = async () => {
			const s = await factory.openAnother();
			others.push(s);
			return s;
		};
		const board = (id: string, state: Uint8Array = new Uint8Array([0, 0]), now = 1000) =>
			store.createBoard({ id, editHash: hash(1), viewHash: hash(2), state, now });

		beforeEach(async () => {
			store = await factory.open();
		});
		afterEach(async () => {
			for (const s of others.splice(0)) await s.close();
			await store.close();
			await store.close(); // idempotent
			await factory.cleanup();
		});

		it('creates a board with its state as snapshot seq 0, refuses its id twice, finds it from another handle', async () => {
			const init = record((d) => d.getText('t').insert(0, '开店计划 4.5万'));
			const created = await board('b1', Y.encodeStateAsUpdate(init.doc), 1234);
			expect(created).toMatchObject({ id: 'b1', createdAt: 1234, updatedAt: 1234, viewSealed: null, lastSeq: 0 });
			expect(Buffer.from(created.editHash).equals(Buffer.from(hash(1)))).toBe(true);
			await expect(board('b1')).rejects.toThrow();
			const state = await (await another()).loadState('b1');
			expect(state).toMatchObject({ snapshotSeq: 0, lastSeq: 0, updates: [] });
			expect(docOf(state).getText('t').toString()).toBe('开店计划 4.5万');
			expect(await store.getBoard('nope')).toBeUndefined();
			expect(await store.loadState('nope')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
		});

		it('numbers each board’s updates 1, 2, 3 … in batch order and bumps updatedAt', async () => {
			await board('a', undefined, 1);
			await board('b', undefined, 1);
			const u = ['x', 'y', 'z', 'w'].map((t) => textUpdate(t));
			const seqs = await store.appendUpdates(
				[{ boardId: 'a', update: u[0] }, { boardId: 'b', update: u[1] }, { boardId: 'a', update: u[2] }, { boardId: 'a', update: u[3] }],
				50
			);
			expect(seqs).toEqual([1, 1, 2, 3]);
			expect(await store.appendUpdates([{ boardId: 'b', update: u[0] }], 60)).toEqual([2]);
			expect(await store.appendUpdates([])).toEqual([]);
			const a = await store.loadState('a');
			expect(a.lastSeq).toBe(3);
			expect(a.updates.map((x) => Buffer.from(x).toString('hex'))).toEqual([u[0], u[2], u[3]].map((x) => Buffer.from(x).toString('hex')));
			expect((await store.getBoard('a'))?.updatedAt).toBe(50);
			expect((await store.getBoard('b'))?.updatedAt).toBe(60);
			expect((await store.getBoard('a'))?.lastSeq).toBe(3);
			expect((await store.getBoard('b'))?.lastSeq).toBe(2);
			expect(await store.counts('a')).toMatchObject({ updates: 3 });
			expect(await store.counts('nope')).toEqual({ updates: 0, updateBytes: 0, snapshotBytes: 0 });
		});

		it('stores nothing for a board that does not exist (seq 0) and still stores the rest of the batch', async () => {
			await board('a');
			const seqs = await store.appendUpdates([
				{ boardId: 'ghost', update: textUpdate('g') },
				{ boardId: 'a', update: textUpdate('a') }
			]);
			expect(seqs).toEqual([0, 1]);
			expect(await store.getBoard('ghost')).toBeUndefined();
			expect((await store.loadState('a')).lastSeq).toBe(1);
		});

		it('hands out dense, unique seqs to two handles appending the same board at once', async () => {
			await board('shared');
			const other = await another();
			const writes: Promise<number[]>[] = [];
			for (let i = 0; i < 40; i++) {
				const s = i % 2 === 0 ? store : other;
				writes.push(s.appendUpdates([{ boardId: 'shared', update: textUpdate(String.fromCharCode(0x4e00 + i), 1000 + i) }, { boardId: 'shared', update: textUpdate(String.fromCharCode(0x5e00 + i), 5000 + i) }]));
			}
			const all = (await Promise.all(writes)).flat();
			expect([...all].sort((x, y) => x - y)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
			for (const pair of await Promise.all(writes)) expect(pair[1]).toBe(pair[0] + 1);
			const state = await store.loadState('shared');
			expect(state.lastSeq).toBe(80);
			expect(docOf(state).getText('t').length).toBe(80);
		});

		it('loadUpdatesAfter answers the rows after a seq, and the snapshot once they were folded', async () => {
			await board('g');
			const u = Array.from({ length: 6 }, (_, i) => textUpdate(`${i}`, 100 + i));
			await store.appendUpdates(u.slice(0, 4).map((update) => ({ boardId: 'g', update })));
			const after2 = await store.loadUpdatesAfter('g', 2);
			expect(after2).toBeDefined();
			expect(after2!.snapshot).toBeNull();
			expect(after2!.updates.map((r) => r.seq)).toEqual([3, 4]);
			expect(Buffer.from(after2!.updates[0].data).equals(Buffer.from(u[2]))).toBe(true);
			expect(after2!.lastSeq).toBe(4);
			expect(await store.loadUpdatesAfter('g', 4)).toEqual({ snapshot: null, updates: [], lastSeq: 4 });
			// fold 1–4, append 5–6: a room at seq 2 gets the snapshot (holding 3, 4) and 5, 6
			expect((await store.compact('g')).folded).toBe(4);
			await store.appendUpdates(u.slice(4).map((update) => ({ boardId: 'g', update })));
			const gap = await store.loadUpdatesAfter('g', 2);
			expect(gap!.snapshot).not.toBeNull();
			expect(gap!.updates.map((r) => r.seq)).toEqual([5, 6]);
			expect(gap!.lastSeq).toBe(6);
			expect(charsOf({ snapshot: gap!.snapshot, updates: gap!.updates.map((r) => r.data) })).toBe('012345');
			// a room already past the snapshot gets no snapshot
			const later = await store.loadUpdatesAfter('g', 4);
			expect(later!.snapshot).toBeNull();
			expect(later!.updates.map((r) => r.seq)).toEqual([5, 6]);
			expect(await store.loadUpdatesAfter('missing', 0)).toBeUndefined();
		});

		it('compacts stored rows into a smaller snapshot without losing content; seqs go on after the folded ones', async () => {
			const init = record((d) => d.getText('t').insert(0, 'start '));
			await board('c', Y.encodeStateAsUpdate(init.doc));
			const edits = record((d) => {
				const t = d.getText('t');
				for (let i = 0; i < 100; i++) t.insert(t.length, `${i % 10}`);
				t.delete(6, 50);
			}, Y.encodeStateAsUpdate(init.doc));
			await store.appendUpdates(edits.updates.map((update) => ({ boardId: 'c', update })));
			const before = await store.counts('c');
			const result = await store.compact('c');
			expect(result.folded).toBe(edits.updates.length);
			expect(result.snapshotSeq).toBe(edits.updates.length);
			expect(result.snapshot).not.toBeNull();
			const after = await store.counts('c');
			expect(after.updates).toBe(0);
			expect(after.snapshotBytes).toBeLessThan(before.updateBytes + before.snapshotBytes);
			const state = await store.loadState('c');
			expect(state).toMatchObject({ snapshotSeq: edits.updates.length, lastSeq: edits.updates.length, updates: [] });
			expect(Buffer.from(state.snapshot!).equals(Buffer.from(result.snapshot!))).toBe(true);
			expect(docOf(state).getText('t').toString()).toBe(edits.doc.getText('t').toString());
			expect(await store.compact('c')).toMatchObject({ folded: 0, snapshot: null, snapshotSeq: edits.updates.length });
			expect(await store.appendUpdates([{ boardId: 'c', update: textUpdate('!') }])).toEqual([edits.updates.length + 1]);
			expect(await store.compact('nope')).toMatchObject({ folded: 0, snapshot: null });
		});

		it('compaction racing appends and compactions of another handle folds only stored rows and loses none', async () => {
			await board('busy');
			const other = await another();
			const expected: string[] = [];
			const work: Promise<unknown>[] = [];
			for (let round = 0; round < 12; round++) {
				for (let i = 0; i < 5; i++) {
					const ch = String.fromCharCode(0x4e00 + round * 5 + i);
					expected.push(ch);
					const s = i % 2 === 0 ? store : other;
					work.push(s.appendUpdates([{ boardId: 'busy', update: textUpdate(ch, 10_000 + round * 5 + i) }]));
				}
				work.push((round % 2 === 0 ? other : store).compact('busy'));
			}
			await Promise.all(work);
			const state = await store.loadState('busy');
			expect(charsOf(state)).toBe([...expected].sort().join(''));
			expect(state.lastSeq).toBe(60);
			// every seq is accounted for exactly once: folded ones in the snapshot, the rest as rows
			expect(state.updates.length).toBe(state.lastSeq - state.snapshotSeq);
			expect((await other.getBoard('busy'))!.lastSeq).toBe(60);
			const final = await other.compact('busy');
			expect(final.snapshotSeq).toBe(60);
			expect(charsOf(await other.loadState('busy'))).toBe([...expected].sort().join(''));
		});

		it('replaces token hashes and the sealed view token of one board only', async () => {
			await board('l1');
			await board('l2');
			expect(await store.setLinks('l1', { editHash: hash(7), viewHash: hash(8), viewSealed: new Uint8Array([1, 2, 3]) })).toBe(true);
			const l1 = await (await another()).getBoard('l1');
			expect(Buffer.from(l1!.editHash).equals(Buffer.from(hash(7)))).toBe(true);
			expect(Buffer.from(l1!.viewHash).equals(Buffer.from(hash(8)))).toBe(true);
			expect(Buffer.from(l1!.viewSealed!).equals(Buffer.from([1, 2, 3]))).toBe(true);
			expect((await store.getBoard('l2'))!.viewSealed).toBeNull();
			expect(await store.setLinks('nope', { editHash: hash(7), viewHash: hash(8), viewSealed: new Uint8Array([1]) })).toBe(false);
		});

		it('deletes a board with its rows and checkpoints; appends to it afterwards store nothing', async () => {
			await board('d');
			await board('keep');
			await store.appendUpdates([{ boardId: 'd', update: textUpdate('d') }, { boardId: 'keep', update: textUpdate('k') }]);
			await store.createCheckpoint({ boardId: 'd', id: 'cp', name: 'n', createdAt: 1, state: textUpdate('cp') });
			expect(await store.deleteBoard('d')).toBe(true);
			expect(await store.deleteBoard('d')).toBe(false);
			expect(await store.getBoard('d')).toBeUndefined();
			expect(await store.loadState('d')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
			expect(await store.counts('d')).toEqual({ updates: 0, updateBytes: 0, snapshotBytes: 0 });
			expect(await store.listCheckpoints('d')).toEqual([]);
			expect(await store.appendUpdates([{ boardId: 'd', update: textUpdate('late') }])).toEqual([0]);
			expect(await store.compact('d')).toMatchObject({ folded: 0 });
			expect((await store.loadState('keep')).lastSeq).toBe(1);
		});

		it('keeps named checkpoints per board, newest first, and refuses one of an unknown board', async () => {
			await board('r1');
			await board('r2');
			await store.createCheckpoint({ boardId: 'r1', id: 'a', name: '一月评审', createdAt: 100, state: textUpdate('jan') });
			await store.createCheckpoint({ boardId: 'r1', id: 'b', name: 'Feb', createdAt: 200, state: textUpdate('feb') });
			await store.createCheckpoint({ boardId: 'r2', id: 'a', name: 'other', createdAt: 300, state: textUpdate('x') });
			await expect(store.createCheckpoint({ boardId: 'r1', id: 'a', name: 'dup', createdAt: 1, state: textUpdate('y') })).rejects.toThrow();
			await expect(store.createCheckpoint({ boardId: 'ghost', id: 'z', name: 'no', createdAt: 1, state: textUpdate('y') })).rejects.toThrow();
			expect(await store.listCheckpoints('r1')).toEqual([
				{ id: 'b', name: 'Feb', createdAt: 200 },
				{ id: 'a', name: '一月评审', createdAt: 100 }
			]);
			const jan = await (await another()).getCheckpoint('r1', 'a');
			expect(jan).toMatchObject({ id: 'a', name: '一月评审', createdAt: 100 });
			expect(docOf({ snapshot: jan!.state, updates: [] }).getText('t').toString()).toBe('jan');
			expect(await store.getCheckpoint('r1', 'nope')).toBeUndefined();
		});

		it('lastSeqs answers the seqs of many boards in one call, leaving out boards that do not exist', async () => {
			expect(await store.lastSeqs([])).toEqual(new Map());
			for (const id of ['s1', '看板二', 's3']) await board(id);
			await store.appendUpdates([
				{ boardId: 's1', update: textUpdate('a', 301) },
				{ boardId: '看板二', update: textUpdate('计划 4.5万', 302) },
				{ boardId: 's1', update: textUpdate('b', 303) }
			]);
			await store.deleteBoard('s3');
			const other = await another();
			await other.appendUpdates([{ boardId: 's1', update: textUpdate('c', 304) }]);
			const seqs = await store.lastSeqs(['s1', '看板二', 's3', 'never', 's1']);
			expect(seqs).toEqual(new Map([['s1', 3], ['看板二', 1]]));
			const many = Array.from({ length: 1500 }, (_, i) => `x${i}`);
			expect((await store.lastSeqs([...many, 's1'])).get('s1')).toBe(3);
		});

		it('lists board ids in ascending pages', async () => {
			for (const id of ['m', 'c', 'x', 'a', 'q']) await board(id);
			expect(await store.listBoardIds({ limit: 2 })).toEqual(['a', 'c']);
			expect(await store.listBoardIds({ after: 'c', limit: 2 })).toEqual(['m', 'q']);
			expect(await store.listBoardIds({ after: 'q', limit: 10 })).toEqual(['x']);
			expect(await store.listBoardIds({ after: 'x', limit: 10 })).toEqual([]);
		});

		it('maintain() returns at once and does not disturb commits', async () => {
			await board('m');
			for (let i = 0; i < 5; i++) {
				store.maintain();
				await store.appendUpdates([{ boardId: 'm', update: textUpdate(`${i}`, 200 + i) }]);
			}
			expect((await store.loadState('m')).lastSeq).toBe(5);
		});
	});
}
