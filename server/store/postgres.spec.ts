/**
 * What only the Postgres store must show beyond the shared contract suite: several instances
 * (store handles with their own pools) writing one board at once, multi-board batches that lock
 * in opposite orders, compaction racing appends, an unreachable server reported as unavailable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestSchema, skipWithoutPostgres, type TestSchema } from '../../tests/support/postgres.ts';
import { isStorageUnavailable } from '../storage-errors.ts';
import { describeStoreContract } from './contract.suite.ts';
import { openPostgresStore, type PostgresBoardStore } from './postgres.ts';

const hash = (n: number) => new Uint8Array(32).fill(n);

/** A Yjs update that sets key `k` of map `m` to `v` (a client of its own, so every update is new). */
function setKey(k: string, v: number): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('m').set(k, v);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

function emptyState(): Uint8Array {
	const doc = new Y.Doc();
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** The board's map `m` as a plain object, from what the store holds. */
async function storedMap(store: PostgresBoardStore, id: string): Promise<Record<string, unknown>> {
	const state = await store.loadState(id);
	const doc = new Y.Doc();
	if (state.snapshot) Y.applyUpdate(doc, state.snapshot);
	for (const u of state.updates) Y.applyUpdate(doc, u);
	const map = doc.getMap('m').toJSON();
	doc.destroy();
	return map;
}

describe.skipIf(await skipWithoutPostgres('Postgres store tests'))('Postgres store, several instances on one database', () => {
	let test: TestSchema;
	let instances: PostgresBoardStore[];
	beforeAll(async () => {
		test = await createTestSchema();
		// three "server instances": own pools, migrating the same schema at once
		instances = await Promise.all([1, 2, 3].map((n) => openPostgresStore(test.database, { poolSize: 4, applicationName: `gw-test-${n}` })));
	});
	afterAll(async () => {
		await Promise.all((instances ?? []).map((s) => s.close()));
		await test?.drop();
	});

	it('numbers one board’s updates 1…N densely when three instances append at once, and stores each one', async () => {
		const [a] = instances;
		await a.createBoard({ id: 'busy', editHash: hash(1), viewHash: hash(2), state: emptyState() });
		const perInstance = 40;
		const results = await Promise.all(
			instances.map(async (store, i) => {
				const mine: { seq: number; key: string }[] = [];
				await Promise.all(
					Array.from({ length: perInstance }, async (_, j) => {
						const key = `${i}-${j}`;
						const [seq] = await store.appendUpdates([{ boardId: 'busy', update: setKey(key, j) }]);
						mine.push({ seq, key });
					})
				);
				return mine;
			})
		);
		const seqs = results.flat().map((r) => r.seq).sort((x, y) => x - y);
		expect(seqs).toEqual(Array.from({ length: 3 * perInstance }, (_, i) => i + 1));
		// each seq holds the update that was given that number
		const after = await a.loadUpdatesAfter('busy', 0);
		expect(after?.updates.map((u) => u.seq)).toEqual(seqs);
		const bySeq = new Map(after!.updates.map((u) => [u.seq, u.data]));
		for (const { seq, key } of results.flat()) {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, bySeq.get(seq)!);
			expect(Object.keys(doc.getMap('m').toJSON())).toEqual([key]);
			doc.destroy();
		}
		expect(Object.keys(await storedMap(a, 'busy'))).toHaveLength(3 * perInstance);
	});

	it('does not deadlock when two instances append batches touching the same boards in opposite orders', async () => {
		const [a, b] = instances;
		await a.createBoard({ id: 'left', editHash: hash(1), viewHash: hash(2), state: emptyState() });
		await a.createBoard({ id: 'right', editHash: hash(1), viewHash: hash(2), state: emptyState() });
		const rounds = 30;
		await Promise.all([
			...Array.from({ length: rounds }, (_, i) =>
				a.appendUpdates([
					{ boardId: 'left', update: setKey(`a${i}`, i) },
					{ boardId: 'right', update: setKey(`a${i}`, i) }
				])
			),
			...Array.from({ length: rounds }, (_, i) =>
				b.appendUpdates([
					{ boardId: 'right', update: setKey(`b${i}`, i) },
					{ boardId: 'left', update: setKey(`b${i}`, i) }
				])
			)
		]);
		for (const id of ['left', 'right']) {
			const state = await a.loadState(id);
			expect(state.lastSeq).toBe(2 * rounds);
			expect(state.updates).toHaveLength(2 * rounds);
		}
	});

	it('loses no update when instances compact while others append', async () => {
		const [a, b, c] = instances;
		await a.createBoard({ id: 'churn', editHash: hash(1), viewHash: hash(2), state: emptyState() });
		const keys: string[] = [];
		let appending = true;
		const compactions: Promise<unknown>[] = [];
		const compactor = (async () => {
			while (appending) {
				compactions.push(b.compact('churn'), c.compact('churn'));
				await Promise.all(compactions.slice(-2));
			}
		})();
		for (let round = 0; round < 25; round++) {
			const batch = [0, 1, 2].map((n) => `r${round}-${n}`);
			keys.push(...batch);
			await Promise.all([
				a.appendUpdates(batch.slice(0, 2).map((k) => ({ boardId: 'churn', update: setKey(k, round) }))),
				c.appendUpdates([{ boardId: 'churn', update: setKey(batch[2], round) }])
			]);
		}
		appending = false;
		await compactor;
		const results = (await Promise.all(compactions)) as { folded: number }[];
		expect(results.some((r) => r.folded > 0)).toBe(true);
		expect(Object.keys(await storedMap(a, 'churn')).sort()).toEqual(keys.sort());
		// the next append continues the numbering after every folded seq
		const state = await a.loadState('churn');
		const [next] = await b.appendUpdates([{ boardId: 'churn', update: setKey('last', 1) }]);
		expect(next).toBe(state.lastSeq + 1);
		expect(state.lastSeq).toBe(keys.length);
	});

	it('stores nothing for a board deleted by another instance, and the rest of the batch still commits', async () => {
		const [a, b] = instances;
		await a.createBoard({ id: 'doomed', editHash: hash(1), viewHash: hash(2), state: emptyState() });
		await a.createBoard({ id: 'kept', editHash: hash(1), viewHash: hash(2), state: emptyState() });
		await a.appendUpdates([{ boardId: 'doomed', update: setKey('x', 1) }]);
		expect(await b.deleteBoard('doomed')).toBe(true);
		const seqs = await a.appendUpdates([
			{ boardId: 'doomed', update: setKey('y', 1) },
			{ boardId: 'kept', update: setKey('y', 1) }
		]);
		expect(seqs).toEqual([0, 1]);
		expect(await a.loadUpdatesAfter('doomed', 0)).toBeUndefined();
		expect(await a.counts('doomed')).toEqual({ updates: 0, updateBytes: 0, snapshotBytes: 0 });
	});

	it('keeps Chinese text and arbitrary bytes intact', async () => {
		const [a] = instances;
		const doc = new Y.Doc();
		doc.getMap('m').set('title', '新店开业计划：预算 4.5万');
		const update = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		await a.createBoard({ id: 'bytes', editHash: hash(1), viewHash: hash(2), state: emptyState() });
		await a.appendUpdates([{ boardId: 'bytes', update }]);
		const state = await a.loadState('bytes');
		expect(Buffer.from(state.updates[0])).toEqual(Buffer.from(update));
		expect((await storedMap(a, 'bytes')).title).toBe('新店开业计划：预算 4.5万');
		await a.createCheckpoint({ boardId: 'bytes', id: 'cp1', name: '一月评审', createdAt: 1, state: Uint8Array.of(0, 255, 0, 1) });
		expect(await a.getCheckpoint('bytes', 'cp1')).toMatchObject({ name: '一月评审', state: Uint8Array.of(0, 255, 0, 1) });
	});

	it('tells a read-only server (unavailable, retry later) from a bad request (an id that exists)', async () => {
		const [a] = instances;
		const duplicate = await a.createBoard({ id: 'kept', editHash: hash(1), viewHash: hash(2), state: emptyState() }).catch((e: unknown) => e);
		expect((duplicate as { code?: string }).code).toBe('23505');
		expect(isStorageUnavailable(duplicate)).toBe(false);
		const client = await a.pool.connect();
		try {
			await client.query('BEGIN READ ONLY');
			const readOnly = await client.query(`DELETE FROM ${a.tables}boards`).catch((e: unknown) => e);
			expect((readOnly as { code?: string }).code).toBe('25006');
			expect(isStorageUnavailable(readOnly)).toBe(true);
		} finally {
			await client.query('ROLLBACK');
			client.release();
		}
	});
});

describe('Postgres store, server unreachable', () => {
	it('rejects opening with an error the server reports as "storage unavailable"', async () => {
		// port 1 on loopback: nothing listens there
		const error = await openPostgresStore({ url: 'postgres://postgres@127.0.0.1:1/test', schema: undefined }).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).not.toBeNull();
		expect(isStorageUnavailable(error)).toBe(true);
	});
});

if (!(await skipWithoutPostgres('the store contract suite on Postgres'))) {
	let schema: TestSchema | undefined;
	describeStoreContract('Postgres', {
		async open() {
			schema = await createTestSchema();
			return openPostgresStore(schema.database, { poolSize: 4 });
		},
		async openAnother() {
			return openPostgresStore(schema!.database, { poolSize: 4 });
		},
		async cleanup() {
			await schema?.drop();
		}
	});
}
