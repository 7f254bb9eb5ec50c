import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DamagedBoardError, isStorageUnavailable, loadingBoard } from './storage-errors.ts';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'gw-storage-errors-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The error a real SQLite operation throws. */
function errorOf(run: () => void): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}
	throw new Error('expected an error');
}

describe('isStorageUnavailable', () => {
	it('is true for a full database (SQLITE_FULL) and a read-only one (SQLITE_READONLY)', () => {
		const db = new Database(join(dir, 'full.sqlite'));
		db.exec('CREATE TABLE t (x BLOB)');
		db.pragma('max_page_count = 4');
		const full = errorOf(() => {
			for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(4096));
		});
		expect((full as { code: string }).code).toBe('SQLITE_FULL');
		expect(isStorageUnavailable(full)).toBe(true);
		db.close();

		const readOnly = new Database(join(dir, 'full.sqlite'), { readonly: true });
		const refused = errorOf(() => readOnly.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(1)));
		expect((refused as { code: string }).code).toMatch(/^SQLITE_READONLY/);
		expect(isStorageUnavailable(refused)).toBe(true);
		readOnly.close();
	});

	it('is false for input errors and plain exceptions', () => {
		const db = new Database(':memory:');
		db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
		db.prepare('INSERT INTO t VALUES (1)').run();
		const duplicate = errorOf(() => db.prepare('INSERT INTO t VALUES (1)').run());
		expect(isStorageUnavailable(duplicate)).toBe(false);
		expect(isStorageUnavailable(new Error('boom'))).toBe(false);
		db.close();
	});
});

describe('loadingBoard', () => {
	it('turns a failure to read a board into DamagedBoardError, but lets storage trouble through', () => {
		expect(() => loadingBoard('b1', () => JSON.parse('{'))).toThrow(DamagedBoardError);
		const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
		expect(() => loadingBoard('b1', () => {
			throw busy;
		})).toThrow(busy);
		expect(loadingBoard('b1', () => 7)).toBe(7);
	});
});
