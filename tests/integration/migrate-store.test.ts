/**
 * `npm run migrate-store -- --to postgres://…` with real files and a real Postgres: a DATA_DIR
 * holding a database of the previous schema (global seqs, a compacted board, a reset link, a
 * checkpoint) plus boards written by today's store (a real plan in Chinese, edits, a compaction
 * halfway, checkpoints), copied into a private schema, verified, copied again (nothing twice),
 * and a board changed in Postgres afterwards reported as differing.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardPlan, initialBoardState, prepareBoardDoc } from '../../server/boards.ts';
import { lockDataDir } from '../../server/data-lock.ts';
import type { BoardStore } from '../../server/store/contract.ts';
import { stateHash } from '../../server/store/copy-to-postgres.ts';
import { openPostgresStore, type PostgresBoardStore } from '../../server/store/postgres.ts';
import { DATABASE_FILE, openSqliteStore } from '../../server/store/sqlite.ts';
import { applyStoredState } from '../../server/store/state.ts';
import { createOrigin, listCardIds, updateCard, type PlanData } from '../../src/lib/model/index.ts';
import { createTestSchema, skipWithoutPostgres, type TestSchema } from '../support/postgres.ts';
import { removeDir } from './helpers.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/migrate-store.ts', import.meta.url));
const FIXTURE_V4 = fileURLToPath(new URL('../../server/store/fixtures/v4/groundwork.sqlite', import.meta.url));

function migrateStore(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', import.meta.resolve('tsx'), SCRIPT, ...args],
			{ env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DATABASE_SCHEMA: '' }, encoding: 'utf8' },
			(error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
		);
	});
}

const plan: PlanData = {
	title: '上海咖啡店 · 新业务',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	cards: [
		{ id: 'role-1', kind: 'role', title: '店长', headcount: 2, monthlyCost: 2_000_000, startMonth: '2027-02', notes: '负责 **开业**' },
		{ id: 'spend-1', kind: 'spend', title: '装修', category: 'operations', amount: 4_500_000, recurrence: 'once', startMonth: '2027-03' }
	]
};

const hash = (n: number) => Buffer.alloc(32, n);

/** What a reader of a board sees and what identifies it, from any store. */
async function boardView(store: BoardStore, id: string) {
	const record = await store.getBoard(id);
	const state = await store.loadState(id);
	const doc = new Y.Doc();
	applyStoredState(doc, state);
	prepareBoardDoc(doc);
	const checkpoints = await store.listCheckpoints(id);
	const checkpointStates = await Promise.all(checkpoints.map(async (c) => Buffer.from((await store.getCheckpoint(id, c.id))!.state).toString('base64')));
	const view = {
		record: record && { ...record, editHash: record.editHash.toString('hex'), viewHash: record.viewHash.toString('hex'), viewSealed: record.viewSealed?.toString('hex') ?? null },
		hash: stateHash(state),
		meta: doc.getMap('meta').toJSON(),
		text: doc.getText('t').toString(),
		lastSeq: state.lastSeq,
		checkpoints,
		checkpointStates
	};
	doc.destroy();
	return view;
}

describe.skipIf(await skipWithoutPostgres('the migrate-store test'))('npm run migrate-store (SQLite → Postgres)', () => {
	let dataDir: string;
	let schema: TestSchema;
	let ids: string[];
	let expected: Record<string, Awaited<ReturnType<typeof boardView>>>;

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'gw-migrate-store-'));
		copyFileSync(FIXTURE_V4, join(dataDir, DATABASE_FILE));
		schema = await createTestSchema();
		// today's store opens the old database (migrating it) and adds boards of its own
		const sqlite = openSqliteStore({ dataDir, sync: 'normal' });
		try {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, initialBoardState({}, plan));
			await sqlite.createBoard({ id: 'coffee-shanghai', editHash: hash(7), viewHash: hash(8), state: Y.encodeStateAsUpdate(doc), now: 1_800_000_000_000 });
			const pending: Uint8Array[] = [];
			doc.on('update', (u: Uint8Array) => pending.push(u));
			const origin = createOrigin('user', 'test edit');
			for (let i = 0; i < 12; i++) {
				updateCard(doc, listCardIds(doc)[i % 2], { title: `第 ${i} 版 ${i % 2 ? '装修' : '店长'}` }, origin);
				await sqlite.appendUpdates(pending.splice(0).map((update) => ({ boardId: 'coffee-shanghai', update })), 1_800_000_000_100 + i);
				if (i === 5) await sqlite.compact('coffee-shanghai');
				if (i === 8) {
					await sqlite.createCheckpoint({ boardId: 'coffee-shanghai', id: 'cp-review', name: '一月评审', createdAt: 1_800_000_000_200, state: Y.encodeStateAsUpdate(doc) });
				}
			}
			doc.destroy();
			await sqlite.createBoard({ id: 'empty-board', editHash: hash(9), viewHash: hash(10), state: Uint8Array.of(0, 0), now: 1_800_000_000_000 });
			ids = await sqlite.listBoardIds({ limit: 100 });
			expected = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await boardView(sqlite, id)])));
		} finally {
			await sqlite.close();
		}
		expect(ids).toEqual(['alpha', 'beta', 'coffee-shanghai', 'empty-board', 'gamma']);
	});

	afterAll(async () => {
		await schema?.drop();
		if (dataDir) removeDir(dataDir);
	});

	it('copies every board with its history, links and checkpoints, prints the counts and hashes, and verifies them', async () => {
		const run = await migrateStore(dataDir, ['--to', schema.database.url, '--schema', schema.schema]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const lines = run.stdout.trim().split('\n');
		for (const id of ids) {
			expect(lines).toContain(`${id}  copied   ${expected[id].hash.slice(0, 16)}  ok`);
		}
		expect(lines).toContain(`boards in SQLite (${dataDir}): 5`);
		expect(lines.some((l) => /^boards in Postgres \(postgres:.* schema gwtest_.*\): 5$/.test(l))).toBe(true);
		expect(lines).toContain('copied now: 5, already there: 0');
		expect(lines.at(-1)).toBe('verified: all 5 boards have the same state hash, links and checkpoints in Postgres');

		// read back through the Postgres store: the same boards, byte for byte where it matters
		const postgres = await openPostgresStore(schema.database);
		try {
			expect(await postgres.listBoardIds({ limit: 100 })).toEqual(ids);
			for (const id of ids) expect(await boardView(postgres, id)).toEqual(expected[id]);
			expect(expected['coffee-shanghai'].meta.title).toBe('上海咖啡店 · 新业务');
			expect(expected['coffee-shanghai'].checkpoints).toEqual([{ id: 'cp-review', name: '一月评审', createdAt: 1_800_000_000_200 }]);
			// the copied board goes on where SQLite stopped: the next update gets the next seq
			const more = new Y.Doc();
			more.getText('t').insert(0, '续');
			const [seq] = await postgres.appendUpdates([{ boardId: 'beta', update: Y.encodeStateAsUpdate(more) }]);
			expect(seq).toBe(expected.beta.lastSeq + 1);
			// and its plan reads the same as in SQLite
			const doc = new Y.Doc();
			applyStoredState(doc, await postgres.loadState('coffee-shanghai'));
			prepareBoardDoc(doc);
			expect(boardPlan(doc).cards.map((c) => c.title)).toEqual(['第 10 版 店长', '第 11 版 装修']);
			doc.destroy();
		} finally {
			await postgres.close();
		}
	});

	it('copies nothing twice when run again, and reports a board changed in Postgres since as differing', async () => {
		const again = await migrateStore(dataDir, ['--to', schema.database.url, '--schema', schema.schema]);
		// beta got an update in Postgres in the test before: it differs now, and says so
		expect(again.code).toBe(1);
		const lines = again.stdout.trim().split('\n');
		expect(lines).toContain('copied now: 0, already there: 5');
		expect(lines).toContain(`beta  present  ${expected.beta.hash.slice(0, 16)}  DIFFERS: document state differs (changed in the target since it was copied?)`);
		for (const id of ids.filter((i) => i !== 'beta')) expect(lines).toContain(`${id}  present  ${expected[id].hash.slice(0, 16)}  ok`);
		expect(lines.at(-1)).toBe('NOT verified: 1 of 5 boards differ in Postgres (listed above)');
		const postgres = await openPostgresStore(schema.database);
		try {
			// nothing was overwritten or duplicated
			expect((await postgres.loadState('beta')).lastSeq).toBe(expected.beta.lastSeq + 1);
			const { rows } = await postgres.pool.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${postgres.tables}checkpoints`);
			expect(rows[0].n).toBe(2);
		} finally {
			await postgres.close();
		}
	});

	it('refuses to copy while a server holds the data folder, and rejects bad arguments', async () => {
		const lock = lockDataDir(dataDir);
		try {
			const locked = await migrateStore(dataDir, ['--to', schema.database.url, '--schema', schema.schema]);
			expect(locked.code).toBe(1);
			expect(locked.stderr).toMatch(/in use by another Groundwork server.*stop the server before copying its boards \(nothing was copied\)/);
			expect(locked.stdout).toBe('');
		} finally {
			lock.release();
		}
		const missing = await migrateStore(dataDir, []);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('--to is required');
		const wrong = await migrateStore(dataDir, ['--to', 'mysql://root:hunter2@db/x']);
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toContain('--to must start with postgres:// or postgresql://');
		expect(wrong.stderr).not.toContain('hunter2');
		const noStore = await migrateStore(mkdtempSync(join(tmpdir(), 'gw-migrate-empty-')), ['--to', schema.database.url]);
		expect(noStore.code).toBe(1);
		expect(noStore.stderr).toMatch(/no Groundwork store in/);
	});
});
