import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { isStorageUnavailable } from '../storage-errors.ts';
import { startStoreWorker, type FoldResult, type StoreWorker } from './sqlite-background.ts';
import { DATABASE_FILE, openSqliteStore } from './sqlite.ts';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'gw-ckpt-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

const until = async (condition: () => boolean, what: string) => {
	for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
	if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

/** A logger keeping its lines. */
const collectingLog = () => {
	const lines: { level: string; msg: string; error?: string; module?: string }[] = [];
	const log = createLogger({ format: 'json', level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
	return { log, lines, problems: () => lines.filter((l) => l.level === 'error' || l.level === 'warn') };
};

const fold = (worker: StoreWorker, boardId: string) =>
	new Promise<FoldResult>((resolve, reject) => {
		if (!worker.fold(boardId, resolve)) reject(new Error('the worker refused the fold'));
	});

describe('store worker', () => {
	it('copies the WAL into the database file from its worker module, and closes before the main connection', async () => {
		const file = join(dir, 'db.sqlite');
		const db = new Database(file);
		db.pragma('journal_mode = WAL');
		db.pragma('wal_autocheckpoint = 0');
		db.exec('CREATE TABLE t (x BLOB)');
		const insert = db.prepare('INSERT INTO t VALUES (?)');
		for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(1000, i));
		const before = statSync(file).size;
		const { log, lines, problems } = collectingLog();
		const worker = startStoreWorker(file, 'normal', { log });
		expect(worker.checkpoint()).toBe(true);
		await until(() => statSync(file).size > before + 100_000, 'the rows to reach the database file');
		expect(lines.find((l) => l.msg === 'store worker started')?.module).toMatch(/\/server\/store\/sqlite-worker\.ts$/);
		worker.close();
		expect(worker.checkpoint()).toBe(false);
		worker.close(); // idempotent
		db.close(); // the last connection: folds and removes the WAL
		expect(existsSync(`${file}-wal`)).toBe(false);
		expect(problems()).toEqual([]);
		const check = new Database(file, { readonly: true });
		expect(check.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 200 });
		check.close();
	});

	it('logs a database it cannot open and then refuses requests, so the caller checkpoints and compacts itself', async () => {
		const { log, problems } = collectingLog();
		const worker = startStoreWorker(join(dir, 'missing.sqlite'), 'full', { log });
		await until(() => problems().length > 0, 'the open error');
		expect(problems()).toMatchObject([{ level: 'error', msg: expect.stringMatching(/cannot open the database/), error: expect.stringMatching(/missing\.sqlite|directory does not exist|unable to open/) }]);
		expect(worker.checkpoint()).toBe(false);
		expect(worker.fold('board', () => {})).toBe(false);
		worker.close();
	});

	it('logs a crash (out of memory on a fold), fails the fold as storage unavailable with every row kept, and restarts on the next request', async () => {
		const store = openSqliteStore({ dataDir: dir, sync: 'normal' });
		const board = async (id: string, edits: number) => {
			const doc = new Y.Doc();
			await store.createBoard({ id, editHash: new Uint8Array(32), viewHash: new Uint8Array(32), state: Y.encodeStateAsUpdate(doc) });
			const batch: { boardId: string; update: Uint8Array }[] = [];
			doc.on('update', (update: Uint8Array) => batch.push({ boardId: id, update }));
			for (let i = 0; i < edits; i++) doc.getMap('m').set(`卡片${i}`, `4.5万 预算 ${i}`);
			await store.appendUpdates(batch);
		};
		await board('small', 3);
		// folding 100 000 edits needs far more than the worker's 32 MB heap
		await board('huge', 100_000);
		const { log, lines } = collectingLog();
		const worker = startStoreWorker(join(dir, DATABASE_FILE), 'normal', { log, resourceLimits: { maxOldGenerationSizeMb: 32 } });
		try {
			expect(await fold(worker, 'small')).toMatchObject({ folded: 3 });

			const crashed = await fold(worker, 'huge');
			expect(crashed).toMatchObject({ error: expect.stringMatching(/^storage unavailable: the store worker crashed: .*memory/) });
			expect('unavailable' in crashed && isStorageUnavailable(crashed.unavailable)).toBe(true);
			expect(lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'the store worker crashed; it restarts on the next request', error: expect.stringMatching(/out of memory/) }));
			expect(await store.counts('huge')).toMatchObject({ updates: 100_000 });

			// a fresh worker takes the next request
			expect(await fold(worker, 'small')).toMatchObject({ folded: 3 });
			expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'the store worker restarts' }));
		} finally {
			worker.close();
			await store.close();
		}
	}, 60_000);
});
