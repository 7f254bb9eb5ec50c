/**
 * Telling storage trouble apart: the store unavailable for now (disk full, read-only, I/O error,
 * locked) — worth retrying later, answered 503 with Retry-After — versus a board whose stored data
 * cannot be read (damaged bytes, a migration that fails on them) — final, answered with close code
 * 4422 and a clear page, so clients do not retry forever.
 */

/** Seconds a client is asked to wait (`Retry-After`) when the store is unavailable. */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

/** SQLite result codes (better-sqlite3's `SqliteError.code`) that mean "the store cannot write or read right now". */
const UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|NOMEM|PROTOCOL)(_|$)/;

/**
 * PostgreSQL SQLSTATEs (node-postgres' `DatabaseError.code`) that mean the same: connection
 * exceptions (08), insufficient resources (53: disk full, out of memory, too many connections),
 * operator intervention (57P01–57P05: shutdown, server starting, idle session ended), system
 * errors (58: I/O), a read-only server (25006: a standby, or default_transaction_read_only).
 */
const PG_UNAVAILABLE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-5]|58[0-9A-Z]{3}|25006)$/;

/** Socket errors of a database server that cannot be reached (node's `error.code`). */
const NET_UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/;

const codeOf = (error: unknown): string =>
	typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';

/**
 * Thrown by a store whose database cannot be reached right now in a way its driver reports
 * without a code (node-postgres: "Connection terminated unexpectedly", a pool connect timeout).
 * The driver's error is the `cause`.
 */
export class StoreUnavailableError extends Error {
	readonly code = 'STORE_UNAVAILABLE';
	constructor(message: string, cause: unknown) {
		super(message, { cause });
		this.name = 'StoreUnavailableError';
	}
}

/** True for errors of a store that is unavailable for now (full disk, read-only, I/O, locked, server unreachable): retry later. */
export function isStorageUnavailable(error: unknown): boolean {
	const code = codeOf(error);
	return UNAVAILABLE.test(code) || PG_UNAVAILABLE.test(code) || NET_UNAVAILABLE.test(code) || code === 'STORE_UNAVAILABLE';
}

/** A board whose stored data cannot be turned into a document: retrying will not help. */
export class DamagedBoardError extends Error {
	readonly boardId: string;
	constructor(boardId: string, cause: unknown) {
		super(`the stored data of board ${boardId} cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
		this.name = 'DamagedBoardError';
		this.boardId = boardId;
	}
}

/**
 * Runs `load` (reading a board's stored state into a doc); a failure that is not the store being
 * unavailable becomes a {@link DamagedBoardError}.
 */
export function loadingBoard<T>(boardId: string, load: () => T): T {
	try {
		return load();
	} catch (error) {
		if (isStorageUnavailable(error)) throw error;
		throw new DamagedBoardError(boardId, error);
	}
}
