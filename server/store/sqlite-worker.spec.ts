import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStoreWorker } from './sqlite-worker.ts';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'gw-ckpt-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

const until = async (condition: () => boolean, what: string) => {
	for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
	if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

describe('store worker', () => {
	it('copies the WAL into the database file from its worker, and closes before the main connection', async () => {
		const file = join(dir, 'db.sqlite');
		const db = new Database(file);
		db.pragma('journal_mode = WAL');
		db.pragma('wal_autocheckpoint = 0');
		db.exec('CREATE TABLE t (x BLOB)');
		const insert = db.prepare('INSERT INTO t VALUES (?)');
		for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(1000, i));
		const before = statSync(file).size;
		const errors: string[] = [];
		const worker = startStoreWorker(file, 'normal', (message) => errors.push(message));
		expect(worker.checkpoint()).toBe(true);
		await until(() => statSync(file).size > before + 100_000, 'the rows to reach the database file');
		worker.close();
		expect(worker.checkpoint()).toBe(false);
		worker.close(); // idempotent
		db.close(); // the last connection: folds and removes the WAL
		expect(existsSync(`${file}-wal`)).toBe(false);
		expect(errors).toEqual([]);
		const check = new Database(file, { readonly: true });
		expect(check.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 200 });
		check.close();
	});

	it('reports a database it cannot open and then refuses requests, so the caller checkpoints and compacts itself', async () => {
		const errors: string[] = [];
		const worker = startStoreWorker(join(dir, 'missing.sqlite'), 'full', (message) => errors.push(message));
		await until(() => errors.length > 0, 'the open error');
		expect(worker.checkpoint()).toBe(false);
		expect(worker.fold('board', () => {})).toBe(false);
		worker.close();
	});
});
