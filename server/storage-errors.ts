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

const codeOf = (error: unknown): string =>
	typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';

/** True for errors of a store that is unavailable for now (full disk, read-only, I/O, locked): retry later. */
export function isStorageUnavailable(error: unknown): boolean {
	return UNAVAILABLE.test(codeOf(error));
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
