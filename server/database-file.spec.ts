import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDatabaseFile, DatabaseFileError } from './database-file.ts';

let dir: string;
let file: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'gw-dbfile-'));
	file = join(dir, 'groundwork.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A real database of several pages, fully checkpointed into the file. */
function writeDatabase(): void {
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.exec('CREATE TABLE t (x BLOB)');
	const insert = db.prepare('INSERT INTO t VALUES (?)');
	for (let i = 0; i < 50; i++) insert.run(Buffer.alloc(4000, i));
	db.close(); // checkpoints and removes the WAL
}

describe('checkDatabaseFile', () => {
	it('accepts a missing file (a new store) and a whole database', () => {
		expect(() => checkDatabaseFile(file)).not.toThrow();
		writeDatabase();
		expect(() => checkDatabaseFile(file)).not.toThrow();
	});

	it('refuses an empty file', () => {
		writeFileSync(file, '');
		expect(() => checkDatabaseFile(file)).toThrow(DatabaseFileError);
		expect(() => checkDatabaseFile(file)).toThrow(/is empty \(0 bytes\)/);
	});

	it('accepts an empty file whose write-ahead log holds the data', () => {
		writeFileSync(file, '');
		writeFileSync(`${file}-wal`, Buffer.alloc(4096, 1));
		expect(() => checkDatabaseFile(file)).not.toThrow();
	});

	it('refuses a file that is not SQLite', () => {
		writeFileSync(file, '这不是数据库'.repeat(40));
		expect(() => checkDatabaseFile(file)).toThrow(/not an SQLite database/);
	});

	it('refuses a truncated copy', () => {
		writeDatabase();
		truncateSync(file, Math.floor(statSync(file).size / 2));
		expect(() => checkDatabaseFile(file)).toThrow(/is truncated/);
	});
});
