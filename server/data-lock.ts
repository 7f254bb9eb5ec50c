/**
 * One server process per data folder. Two servers on one DATA_DIR would each compact the same
 * boards and delete each other's stored updates, so the server holds an exclusive lock on the
 * folder and a second one refuses to start.
 *
 * The lock is an operating-system file lock, held through SQLite: `DATA_DIR/groundwork.lock` is
 * a tiny SQLite file kept in an open `BEGIN EXCLUSIVE` transaction (fcntl locks) for the life of
 * the server. The OS drops the lock when the process ends in any way (exit, SIGKILL, crash), so
 * a lock is never stale, and a second server in the same process is refused as well. The
 * database itself (`groundwork.sqlite`) is NOT locked exclusively: the export CLI and
 * `sqlite3 .backup` keep reading it while the server runs.
 *
 * `DATA_DIR/groundwork.pid` records the holder's pid and start time, only to name it in the
 * refusal message.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name of the lock inside DATA_DIR (a SQLite file; never holds data). */
export const LOCK_FILE = 'groundwork.lock';
/** File name of the holder's description inside DATA_DIR. */
export const LOCK_OWNER_FILE = 'groundwork.pid';

/** Thrown when another server holds the data folder; the message says who and what to do. */
export class DataDirLockedError extends Error {
	/** What the holder wrote about itself, when readable (`pid …, since …`). */
	readonly holder: string | null;
	constructor(dataDir: string, holder: string | null) {
		super(
			`the data folder ${dataDir} is in use by another Groundwork server` +
				(holder ? ` (${holder})` : '') +
				': only one server may use a data folder. Stop the other server or set another DATA_DIR.'
		);
		this.name = 'DataDirLockedError';
		this.holder = holder;
	}
}

/** A held lock on a data folder. */
export interface DataDirLock {
	/** Path of the lock file. */
	readonly path: string;
	/** Drops the lock (and the pid file). Idempotent. */
	release(): void;
}

function describeHolder(ownerPath: string): string | null {
	try {
		const owner = JSON.parse(readFileSync(ownerPath, 'utf8')) as { pid?: unknown; since?: unknown };
		return typeof owner.pid === 'number' ? `pid ${owner.pid}, since ${String(owner.since)}` : null;
	} catch {
		return null;
	}
}

/**
 * Takes the exclusive lock on `dataDir` (created if missing) or throws {@link DataDirLockedError}
 * at once (no waiting). Held until `release()` or the end of the process.
 */
export function lockDataDir(dataDir: string): DataDirLock {
	mkdirSync(dataDir, { recursive: true });
	const path = join(dataDir, LOCK_FILE);
	const ownerPath = join(dataDir, LOCK_OWNER_FILE);
	const db = new Database(path, { timeout: 0 });
	try {
		db.pragma('journal_mode = DELETE');
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE');
	} catch (error) {
		db.close();
		if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
			throw new DataDirLockedError(dataDir, describeHolder(ownerPath));
		}
		throw error;
	}
	writeFileSync(ownerPath, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }) + '\n');
	let released = false;
	return {
		path,
		release() {
			if (released) return;
			released = true;
			// the pid file first: once the lock is gone, the next server may write its own
			rmSync(ownerPath, { force: true });
			db.close();
		}
	};
}
