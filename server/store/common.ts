/**
 * What the SQL stores (sqlite.ts, postgres.ts) share: the boards row and its record, the row of a
 * checkpoint's listing, and bytes handed to a driver. Both schemas name their columns alike.
 */
import type { BoardRecord, CheckpointRow } from './contract.ts';

/** A `boards` row as both stores read it (timestamps in ms since epoch). */
export interface BoardRow {
	id: string;
	edit_hash: Buffer;
	view_hash: Buffer;
	view_sealed: Buffer | null;
	created_at: number;
	updated_at: number;
	last_seq: number;
}

/** The columns of a {@link BoardRow}, for a SELECT. */
export const BOARD_COLUMNS = 'id, edit_hash, view_hash, view_sealed, created_at, updated_at, last_seq';

/** The contract's record of a boards row. */
export const toRecord = (row: BoardRow): BoardRecord => ({
	id: row.id,
	editHash: row.edit_hash,
	viewHash: row.view_hash,
	viewSealed: row.view_sealed,
	createdAt: row.created_at,
	updatedAt: row.updated_at,
	lastSeq: row.last_seq
});

/** A `checkpoints` row without its data, as listed. */
export interface CheckpointListRow {
	id: string;
	name: string;
	created_at: number;
}

/** The contract's listing entry of a checkpoints row. */
export const toCheckpointRow = (row: CheckpointListRow): CheckpointRow => ({ id: row.id, name: row.name, createdAt: row.created_at });

/** `data` as a Buffer over the same memory (no copy), as the drivers bind bytes. */
export const asBuffer = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
