/**
 * Copying every board of one store into a Postgres store (`npm run migrate-store`): token hashes,
 * the history as stored (snapshot with its seq, the updates after it with their seqs) and the
 * checkpoints, one board per transaction. Idempotent: a board already in the target is left as it
 * is (a re-run copies nothing twice and an interrupted run goes on where it stopped). Verified:
 * afterwards each board's state hash, links and checkpoints are compared on both sides.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { BoardRecord, BoardStore, CheckpointWithState, StoredState } from './contract.ts';
import type { PostgresBoardStore } from './postgres.ts';

/** The outcome for one board. */
export interface BoardCopy {
	readonly id: string;
	/** `copied` now, or `present` already (a board copied by an earlier run, or made in the target). */
	readonly action: 'copied' | 'present';
	/** State hash of the board in the source (see {@link stateHash}). */
	readonly sourceHash: string;
	/** State hash of the board in the target after copying ('' when it is missing there). */
	readonly targetHash: string;
	/** What differs between source and target after copying; empty = verified. */
	readonly problems: readonly string[];
}

/** Totals of a copy run. */
export interface CopySummary {
	readonly sourceBoards: number;
	/** Boards in the target after the run (all of them, also ones the source does not have). */
	readonly targetBoards: number;
	readonly copied: number;
	readonly present: number;
	/** Boards whose copy differs from the source (see BoardCopy.problems). */
	readonly mismatched: number;
	readonly boards: readonly BoardCopy[];
}

/**
 * A board state's identity: SHA-256 (hex) of its Yjs state vector and delete set (Y.snapshot),
 * which Yjs encodes in a fixed order — so equal for the same operations and deletions however the
 * history was split into snapshot and updates or compacted. Empty state → hash of an empty doc.
 */
export function stateHash(state: Pick<StoredState, 'snapshot' | 'updates'>): string {
	const doc = new Y.Doc();
	try {
		doc.transact(() => {
			if (state.snapshot) Y.applyUpdate(doc, state.snapshot);
			for (const update of state.updates) Y.applyUpdate(doc, update);
		});
		return createHash('sha256').update(Y.encodeSnapshot(Y.snapshot(doc))).digest('hex');
	} finally {
		doc.destroy();
	}
}

const checkpointHash = (checkpoints: readonly CheckpointWithState[]): string => {
	const hash = createHash('sha256');
	for (const cp of [...checkpoints].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		hash.update(JSON.stringify([cp.id, cp.name, cp.createdAt])).update(cp.state);
	}
	return hash.digest('hex');
};

async function checkpointsOf(store: BoardStore, boardId: string): Promise<CheckpointWithState[]> {
	const rows = await store.listCheckpoints(boardId);
	const full = await Promise.all(rows.map((row) => store.getCheckpoint(boardId, row.id)));
	return full.filter((cp): cp is CheckpointWithState => cp !== undefined);
}

/** The doc of a board that has no snapshot at all (a Y.Doc with nothing in it, encoded). */
const EMPTY_STATE = Uint8Array.of(0, 0);

/**
 * Inserts one board as it is in the source, in one transaction; resolves false (writing nothing)
 * when the target already has a board with that id.
 */
async function insertBoard(
	target: PostgresBoardStore,
	record: BoardRecord,
	state: StoredState,
	checkpoints: readonly CheckpointWithState[]
): Promise<boolean> {
	const t = target.tables;
	const client = await target.pool.connect();
	let broken: Error | undefined;
	try {
		await client.query('BEGIN');
		const inserted = await client.query(
			`INSERT INTO ${t}boards (id, edit_hash, view_hash, view_sealed, created_at, updated_at, last_seq)
			 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
			[record.id, record.editHash, record.viewHash, record.viewSealed, record.createdAt, record.updatedAt, Math.max(record.lastSeq, state.lastSeq)]
		);
		if (inserted.rowCount === 0) {
			await client.query('ROLLBACK');
			return false;
		}
		await client.query(`INSERT INTO ${t}snapshots (board_id, through_seq, data, updated_at) VALUES ($1, $2, $3, $4)`, [
			record.id,
			state.snapshotSeq,
			state.snapshot ?? EMPTY_STATE,
			record.updatedAt
		]);
		if (state.updates.length > 0) {
			await client.query(
				`INSERT INTO ${t}updates (board_id, seq, data)
				 SELECT $1, $2::bigint + u.ord, u.data FROM unnest($3::bytea[]) WITH ORDINALITY AS u(data, ord)`,
				[record.id, state.snapshotSeq, state.updates]
			);
		}
		if (checkpoints.length > 0) {
			await client.query(
				`INSERT INTO ${t}checkpoints (board_id, id, name, created_at, data)
				 SELECT $1, c.id, c.name, c.created_at, c.data FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bytea[]) AS c(id, name, created_at, data)`,
				[record.id, checkpoints.map((c) => c.id), checkpoints.map((c) => c.name), checkpoints.map((c) => c.createdAt), checkpoints.map((c) => c.state)]
			);
		}
		await client.query('COMMIT');
		return true;
	} catch (error) {
		await client.query('ROLLBACK').catch((e: Error) => (broken = e));
		throw error;
	} finally {
		client.release(broken);
	}
}

/** Compares one board on both sides; returns what differs (empty = the same). */
async function verifyBoard(
	target: BoardStore,
	record: BoardRecord,
	sourceHash: string,
	sourceCheckpoints: readonly CheckpointWithState[]
): Promise<{ targetHash: string; problems: string[] }> {
	const copy = await target.getBoard(record.id);
	if (!copy) return { targetHash: '', problems: ['missing in the target'] };
	const problems: string[] = [];
	const targetHash = stateHash(await target.loadState(record.id));
	if (targetHash !== sourceHash) problems.push('document state differs (changed in the target since it was copied?)');
	if (!copy.editHash.equals(record.editHash) || !copy.viewHash.equals(record.viewHash)) problems.push('links differ (reset in one store?)');
	else if ((copy.viewSealed === null) !== (record.viewSealed === null) || (copy.viewSealed && record.viewSealed && !copy.viewSealed.equals(record.viewSealed))) {
		problems.push('sealed view link differs');
	}
	const targetCheckpoints = await checkpointsOf(target, record.id);
	if (targetCheckpoints.length !== sourceCheckpoints.length) {
		problems.push(`checkpoints: ${sourceCheckpoints.length} in the source, ${targetCheckpoints.length} in the target`);
	} else if (checkpointHash(targetCheckpoints) !== checkpointHash(sourceCheckpoints)) {
		problems.push('checkpoints differ');
	}
	return { targetHash, problems };
}

/**
 * Copies every board of `source` into `target` (boards already there are kept, not overwritten)
 * and verifies each one. `onBoard` hears of each board as it is done (for progress output).
 * Reads the source page by page (ids ascending), so memory holds one board at a time.
 */
export async function copyToPostgres(
	source: BoardStore,
	target: PostgresBoardStore,
	onBoard: (board: BoardCopy) => void = () => {}
): Promise<CopySummary> {
	const boards: BoardCopy[] = [];
	let after: string | undefined;
	for (;;) {
		const ids = await source.listBoardIds({ after, limit: 200 });
		if (ids.length === 0) break;
		after = ids[ids.length - 1];
		for (const id of ids) {
			const record = await source.getBoard(id);
			if (!record) continue; // deleted while listing
			const state = await source.loadState(id);
			if (state.lastSeq !== state.snapshotSeq + state.updates.length) {
				throw new Error(`board ${id}: the source's updates are not numbered densely after its snapshot (seq ${state.snapshotSeq} + ${state.updates.length} ≠ ${state.lastSeq})`);
			}
			const checkpoints = await checkpointsOf(source, id);
			const copied = await insertBoard(target, record, state, checkpoints);
			const sourceHash = stateHash(state);
			const { targetHash, problems } = await verifyBoard(target, record, sourceHash, checkpoints);
			const board: BoardCopy = { id, action: copied ? 'copied' : 'present', sourceHash, targetHash, problems };
			boards.push(board);
			onBoard(board);
		}
	}
	const { rows } = await target.pool.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${target.tables}boards`);
	return {
		sourceBoards: boards.length,
		targetBoards: rows[0].n,
		copied: boards.filter((b) => b.action === 'copied').length,
		present: boards.filter((b) => b.action === 'present').length,
		mismatched: boards.filter((b) => b.problems.length > 0).length,
		boards
	};
}
