/**
 * A sanity check of an existing database file before SQLite opens it. SQLite takes an empty file
 * for a new, empty database and only notices a cut-off one when it reads the missing pages, so a
 * truncated copy (a backup interrupted mid-way, a full disk during a copy) would start as an empty
 * or half-broken service without a word. The server refuses to start on such a file instead.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/** Thrown by {@link checkDatabaseFile}; the message says what is wrong and what to do. */
export class DatabaseFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DatabaseFileError';
	}
}

/**
 * Checks the database file at `path` if it exists (a missing file is fine: a new store). Throws
 * {@link DatabaseFileError} when it is empty, is not an SQLite database, or is shorter than its
 * header says (checked only when no write-ahead log holds pages that are not in the file yet).
 */
export function checkDatabaseFile(path: string): void {
	if (!existsSync(path)) return;
	const size = statSync(path).size;
	const what = `${path} exists but`;
	const advice = 'Restore the file from a backup, or move it away to start with an empty store.';
	const walPath = `${path}-wal`;
	const walBytes = existsSync(walPath) ? statSync(walPath).size : 0;
	if (size === 0) {
		if (walBytes > 0) return; // everything may still be in the WAL: SQLite recovers it
		throw new DatabaseFileError(`${what} is empty (0 bytes): a truncated copy? ${advice}`);
	}
	const header = Buffer.alloc(HEADER_BYTES);
	const fd = openSync(path, 'r');
	let read: number;
	try {
		read = readSync(fd, header, 0, HEADER_BYTES, 0);
	} finally {
		closeSync(fd);
	}
	if (read < HEADER_BYTES || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
		throw new DatabaseFileError(`${what} is not an SQLite database (${size} bytes, no SQLite header). ${advice}`);
	}
	const rawPageSize = header.readUInt16BE(16);
	const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
	const pages = header.readUInt32BE(28);
	// the in-header page count is valid only when the change counter matches "version-valid-for"
	const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
	if (walBytes === 0 && countValid && pages > 0 && size < pages * pageSize) {
		throw new DatabaseFileError(
			`${what} is truncated: ${size} bytes, its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes). ${advice}`
		);
	}
}
