/**
 * Checkpoint rows of the store: a named copy of a board's committed document state, kept for
 * reviews ("what changed since the last checkpoint", read-only viewing, Restore). Table created by
 * store migration 3: `checkpoints(board_id, id, name, created_at, data)`.
 */
import type Database from 'better-sqlite3';
import { asBuffer, toCheckpointRow, type CheckpointListRow } from './common.ts';
import type { CheckpointRow, CheckpointWithState } from './contract.ts';

/** The checkpoint methods, synchronous (sqlite.ts wraps them into the async contract). */
export interface SqliteCheckpoints {
	createCheckpoint(checkpoint: { boardId: string; id: string; name: string; createdAt: number; state: Uint8Array }): void;
	listCheckpoints(boardId: string): CheckpointRow[];
	getCheckpoint(boardId: string, id: string): CheckpointWithState | undefined;
}

/** Store migration 3: the checkpoints table. */
export const CHECKPOINTS_MIGRATION = `CREATE TABLE checkpoints (
	board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
	id TEXT NOT NULL,
	name TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (board_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX checkpoints_by_time ON checkpoints(board_id, created_at);`;

/** The checkpoint methods over an open, migrated database. */
export function checkpointStore(db: Database.Database): SqliteCheckpoints {
	const insert = db.prepare('INSERT INTO checkpoints (board_id, id, name, created_at, data) VALUES (?, ?, ?, ?, ?)');
	const list = db.prepare<[string], CheckpointListRow>(
		'SELECT id, name, created_at FROM checkpoints WHERE board_id = ? ORDER BY created_at DESC, id DESC'
	);
	const one = db.prepare<[string, string], { id: string; name: string; created_at: number; data: Buffer }>(
		'SELECT id, name, created_at, data FROM checkpoints WHERE board_id = ? AND id = ?'
	);
	return {
		createCheckpoint({ boardId, id, name, createdAt, state }) {
			insert.run(boardId, id, name, createdAt, asBuffer(state));
		},
		listCheckpoints(boardId) {
			return list.all(boardId).map(toCheckpointRow);
		},
		getCheckpoint(boardId, id) {
			const row = one.get(boardId, id);
			return row ? { id: row.id, name: row.name, createdAt: row.created_at, state: new Uint8Array(row.data) } : undefined;
		}
	};
}
