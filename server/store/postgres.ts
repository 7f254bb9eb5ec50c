/**
 * The store contract (contract.ts) on PostgreSQL, through node-postgres (`pg`): the store of
 * several server instances behind a load balancer (`DATABASE_URL`).
 *
 * - Every write resolves after its COMMIT is acknowledged, i.e. durable as the server's
 *   `synchronous_commit` promises (on by default: flushed to the WAL). Never run it with
 *   `synchronous_commit = off`: an acknowledged update could then be lost in a crash.
 * - Per-board sequence numbers: `boards.last_seq` is the highest seq handed out. An append bumps it
 *   by its count (`UPDATE … RETURNING`, which takes the board row's lock) and inserts its rows
 *   numbered after the previous value — one statement and one round trip for one board; several
 *   boards in one transaction, locked in id order so two instances' batches cannot deadlock. The
 *   row lock serialises a board's writers across
 *   processes, so a board's updates commit in seq order: a reader that sees seq N sees every
 *   seq below it (until compaction folds them).
 * - Reads of a board's state are one statement (one MVCC snapshot): never half a compaction.
 * - Compaction takes a per-board advisory lock (one compactor per board at a time) and a KEY
 *   SHARE lock on the board row (the board cannot be deleted meanwhile; appends are not blocked),
 *   reads the rows stored then, folds them through a Y.Doc (on a worker thread for a big board)
 *   and deletes exactly those (seq ≤ the highest it read); rows appended meanwhile stay.
 * - Errors: SQLSTATE/socket codes of an unreachable or full server are recognised by
 *   `isStorageUnavailable`; driver errors without a code (connection terminated, pool timeout)
 *   are wrapped in `StoreUnavailableError`.
 */
import type pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { StoreUnavailableError } from '../storage-errors.ts';
import { asBuffer, BOARD_COLUMNS, toCheckpointRow, toRecord, type BoardRow, type CheckpointListRow } from './common.ts';
import type { BoardStore, CheckpointRow, CheckpointWithState, CompactResult, PendingUpdate, StoreCounts, StoredState, StoredUpdate, UpdatesAfter } from './contract.ts';
import { migrate } from './postgres-migrations.ts';
import { openPool, tablePrefix } from './postgres-pool.ts';
import { startFoldWorker, type FoldWorker } from './fold-worker.ts';
import { foldState } from './state.ts';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
	/** Most connections of this process (default 10). */
	readonly poolSize?: number;
	/** Called with errors of idle connections (the server went away); default: ignored (the next query fails and reports). */
	readonly onPoolError?: (error: Error) => void;
	/** `application_name` of the connections (default `groundwork`). */
	readonly applicationName?: string;
	/** Longest a statement may run before Postgres cancels it (default 60 s); the error counts as "storage unavailable". */
	readonly statementTimeoutMs?: number;
	/** Where the fold worker's failures are told (default: nowhere; folds then run on the main thread). */
	readonly log?: Logger;
}

/** A Postgres store also exposes its pool (for the migrate-store CLI and the bench). */
export interface PostgresBoardStore extends BoardStore {
	readonly kind: 'postgres';
	/** The pool the store queries through. */
	readonly pool: pg.Pool;
	/** Table name prefix (`"schema".` or ''), for SQL of the store's own tools. */
	readonly tables: string;
}

/** Snapshot + update bytes above which compaction encodes on the fold worker (like the SQLite store's threshold). */
export const FOLD_ON_WORKER_BYTES = 256 * 1024;

/** Advisory lock class (first key) of per-board compaction locks; the second key is hashtext(board id). */
const COMPACT_LOCK_CLASS = 0x67_77_63; // "gwc"

const view = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** node-postgres errors that carry no code but mean the server cannot be used right now. */
const CONNECTION_TROUBLE = /connection terminated|timeout exceeded when trying to connect|not queryable|connection error|Connection refused/i;

/** Rethrows `error`, wrapped in StoreUnavailableError when it is a codeless connection failure. */
function rethrow(error: unknown): never {
	if (error instanceof Error && !(error as { code?: unknown }).code && CONNECTION_TROUBLE.test(error.message)) {
		throw new StoreUnavailableError(`the Postgres store is unavailable: ${error.message}`, error);
	}
	throw error;
}

/**
 * Opens the Postgres store: creates the pool, migrates the schema (waiting for another instance
 * that migrates at the same time) and resolves once the store is usable. Rejects when the server
 * cannot be reached or its schema is newer than this code.
 */
export async function openPostgresStore(config: DatabaseConfig, options: PostgresStoreOptions = {}): Promise<PostgresBoardStore> {
	const pool = openPool(config, { max: options.poolSize, applicationName: options.applicationName, statementTimeoutMs: options.statementTimeoutMs });
	const onPoolError = options.onPoolError ?? (() => {});
	pool.on('error', onPoolError);
	try {
		await migrate(pool, config.schema);
	} catch (error) {
		await pool.end().catch(() => {});
		rethrow(error);
	}
	return postgresStore(pool, tablePrefix(config.schema), options.log);
}

/** The store over a pool whose schema is migrated (see {@link openPostgresStore}). */
function postgresStore(pool: pg.Pool, t: string, log?: Logger): PostgresBoardStore {
	const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = [], client: pg.ClientBase | pg.Pool = pool) => {
		try {
			return await client.query<R>(text, values);
		} catch (error) {
			rethrow(error);
		}
	};
	/** Runs `fn` in one transaction; resolves after COMMIT. */
	const transaction = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
		let client: pg.PoolClient;
		try {
			client = await pool.connect();
		} catch (error) {
			rethrow(error);
		}
		let broken: Error | undefined;
		try {
			await query('BEGIN', [], client);
			const result = await fn(client);
			await query('COMMIT', [], client);
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch((rollbackError: Error) => {
				broken = rollbackError;
			});
			throw error;
		} finally {
			client.release(broken);
		}
	};

	/**
	 * A board's snapshot (its data only when its seq is above `afterSeq`) and its updates after
	 * `afterSeq`, in one statement. Rows: kind 0 = the board (snapshot seq, snapshot or null,
	 * absent for an unknown board), kind 1 = updates in seq order.
	 */
	const readBoard = (id: string, afterSeq: number, client?: pg.ClientBase) =>
		query<{ kind: number; seq: number; data: Buffer | null }>(
			`SELECT 0 AS kind, COALESCE(s.through_seq, 0) AS seq, CASE WHEN s.through_seq > $2 THEN s.data END AS data
			   FROM ${t}boards b LEFT JOIN ${t}snapshots s ON s.board_id = b.id WHERE b.id = $1
			 UNION ALL
			 SELECT 1, u.seq, u.data FROM ${t}updates u WHERE u.board_id = $1 AND u.seq > $2
			 ORDER BY kind, seq`,
			[id, afterSeq],
			client
		).then((result) => {
			const [head, ...rows] = result.rows;
			if (!head || head.kind !== 0) return undefined;
			const updates: StoredUpdate[] = rows.filter((r) => r.seq > head.seq).map((r) => ({ seq: r.seq, data: view(r.data as Buffer) }));
			return { snapshotSeq: head.seq, snapshot: head.data ? view(head.data) : null, updates };
		});

	/**
	 * Appends one board's updates in one statement: bumps `last_seq` by their count (the UPDATE
	 * takes the board row's lock and, under READ COMMITTED, re-reads the latest `last_seq` if
	 * another instance committed meanwhile — the classic counter increment) and inserts the rows
	 * numbered after the previous value, in batch order. A missing board updates no row, so nothing
	 * is inserted. (Locking the row first with SELECT … FOR UPDATE in the same statement would
	 * deadlock two appenders: the UPDATE then locks the row again through its older version.)
	 */
	const appendBoardSql = `
		WITH bumped AS (
			UPDATE ${t}boards SET last_seq = last_seq + cardinality($2::bytea[]), updated_at = GREATEST(updated_at, $3)
			 WHERE id = $1 RETURNING last_seq
		)
		INSERT INTO ${t}updates (board_id, seq, data)
		SELECT $1, bumped.last_seq - cardinality($2::bytea[]) + u.ord, u.data
		  FROM bumped, unnest($2::bytea[]) WITH ORDINALITY AS u(data, ord)
		RETURNING seq`;
	/** The seqs of one board's updates in batch order (all 0 when the board does not exist). */
	const appendBoard = async (boardId: string, updates: Buffer[], now: number, client?: pg.ClientBase): Promise<number[]> => {
		const { rows } = await query<{ seq: number }>(appendBoardSql, [boardId, updates, now], client);
		if (rows.length === 0) return updates.map(() => 0);
		const first = Math.min(...rows.map((r) => r.seq));
		return updates.map((_, i) => first + i);
	};

	let closed: Promise<void> | null = null;
	/** Started by the first compaction of a big board. */
	let folder: FoldWorker | null = null;

	return {
		kind: 'postgres',
		pool,
		tables: t,

		async createBoard({ id, editHash, viewHash, state, now = Date.now() }) {
			await transaction(async (client) => {
				await query(
					`INSERT INTO ${t}boards (id, edit_hash, view_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
					[id, asBuffer(editHash), asBuffer(viewHash), now],
					client
				);
				await query(`INSERT INTO ${t}snapshots (board_id, through_seq, data, updated_at) VALUES ($1, 0, $2, $3)`, [id, asBuffer(state), now], client);
			});
			return { id, editHash: Buffer.from(editHash), viewHash: Buffer.from(viewHash), viewSealed: null, createdAt: now, updatedAt: now, lastSeq: 0 };
		},

		async getBoard(id) {
			const { rows } = await query<BoardRow>(
				`SELECT ${BOARD_COLUMNS} FROM ${t}boards WHERE id = $1`,
				[id]
			);
			return rows[0] ? toRecord(rows[0]) : undefined;
		},

		async lastSeqs(ids) {
			if (ids.length === 0) return new Map();
			const { rows } = await query<{ id: string; last_seq: number }>(`SELECT id, last_seq FROM ${t}boards WHERE id = ANY($1::text[])`, [ids]);
			return new Map(rows.map((row) => [row.id, row.last_seq]));
		},

		async listBoardIds({ after, limit }) {
			// two statements rather than `$1 IS NULL OR id > $1`, so each page is an index range scan
			const { rows } =
				after === undefined
					? await query<{ id: string }>(`SELECT id FROM ${t}boards ORDER BY id LIMIT $1`, [limit])
					: await query<{ id: string }>(`SELECT id FROM ${t}boards WHERE id > $1 ORDER BY id LIMIT $2`, [after, limit]);
			return rows.map((r) => r.id);
		},

		async setLinks(id, { editHash, viewHash, viewSealed }) {
			const result = await query(`UPDATE ${t}boards SET edit_hash = $2, view_hash = $3, view_sealed = $4 WHERE id = $1`, [
				id,
				asBuffer(editHash),
				asBuffer(viewHash),
				asBuffer(viewSealed)
			]);
			return (result.rowCount ?? 0) > 0;
		},

		async deleteBoard(id) {
			// updates, snapshot and checkpoints go with it (ON DELETE CASCADE), in this one statement
			const result = await query(`DELETE FROM ${t}boards WHERE id = $1`, [id]);
			return (result.rowCount ?? 0) > 0;
		},

		async appendUpdates(batch: readonly PendingUpdate[], now = Date.now()) {
			if (batch.length === 0) return [];
			const byBoard = new Map<string, { updates: Buffer[]; at: number[] }>();
			batch.forEach(({ boardId, update }, i) => {
				let entry = byBoard.get(boardId);
				if (!entry) byBoard.set(boardId, (entry = { updates: [], at: [] }));
				entry.updates.push(asBuffer(update));
				entry.at.push(i);
			});
			const seqs = new Array<number>(batch.length).fill(0);
			const place = (entry: { at: number[] }, got: number[]) => got.forEach((seq, i) => (seqs[entry.at[i]] = seq));
			if (byBoard.size === 1) {
				// one statement outside BEGIN/COMMIT is its own transaction: it resolves once committed
				const [[boardId, entry]] = byBoard;
				place(entry, await appendBoard(boardId, entry.updates, now));
				return seqs;
			}
			// several boards: one transaction, boards locked in id order, so that two instances'
			// batches touching the same boards cannot deadlock
			await transaction(async (client) => {
				for (const boardId of [...byBoard.keys()].sort()) {
					const entry = byBoard.get(boardId)!;
					place(entry, await appendBoard(boardId, entry.updates, now, client));
				}
			});
			return seqs;
		},

		async loadState(id): Promise<StoredState> {
			const board = await readBoard(id, -1);
			if (!board) return { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 };
			return {
				snapshot: board.snapshot,
				snapshotSeq: board.snapshotSeq,
				updates: board.updates.map((u) => u.data),
				lastSeq: board.updates.at(-1)?.seq ?? board.snapshotSeq
			};
		},

		async loadUpdatesAfter(id, afterSeq): Promise<UpdatesAfter | undefined> {
			const board = await readBoard(id, afterSeq);
			if (!board) return undefined;
			return {
				snapshot: board.snapshot,
				updates: board.updates,
				lastSeq: board.updates.at(-1)?.seq ?? Math.max(afterSeq, board.snapshotSeq)
			};
		},

		compact(id): Promise<CompactResult> {
			return transaction(async (client) => {
				await query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACT_LOCK_CLASS, id], client);
				// KEY SHARE: the board cannot be deleted under us, while appends (NO KEY UPDATE) go on
				const board = await query(`SELECT 1 FROM ${t}boards WHERE id = $1 FOR KEY SHARE`, [id], client);
				if (board.rowCount === 0) return { folded: 0, snapshotSeq: 0, snapshot: null };
				const stored = await readBoard(id, -1, client);
				if (!stored || stored.updates.length === 0) {
					return { folded: 0, snapshotSeq: stored?.snapshotSeq ?? 0, snapshot: null };
				}
				const throughSeq = stored.updates[stored.updates.length - 1].seq;
				const parts = stored.updates.map((u) => u.data);
				const size = parts.reduce((n, u) => n + u.byteLength, stored.snapshot?.byteLength ?? 0);
				// a big board's encoding (tens of ms) on the worker, so it never stalls the relays
				const snapshot = size > FOLD_ON_WORKER_BYTES ? await (folder ??= startFoldWorker(log)).fold(stored.snapshot, parts) : foldState(stored.snapshot, parts);
				// the advisory lock makes this the only compactor: the stored snapshot is the one read
				await query(
					`INSERT INTO ${t}snapshots (board_id, through_seq, data, updated_at) VALUES ($1, $2, $3, $4)
					 ON CONFLICT (board_id) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data, updated_at = excluded.updated_at
					 WHERE ${t}snapshots.through_seq < excluded.through_seq`,
					[id, throughSeq, asBuffer(snapshot), Date.now()],
					client
				);
				const deleted = await query(`DELETE FROM ${t}updates WHERE board_id = $1 AND seq <= $2`, [id, throughSeq], client);
				return { folded: deleted.rowCount ?? 0, snapshotSeq: throughSeq, snapshot };
			});
		},

		async counts(id): Promise<StoreCounts> {
			const { rows } = await query<{ n: number; update_bytes: number; snapshot_bytes: number }>(
				`SELECT (SELECT COUNT(*) FROM ${t}updates WHERE board_id = $1)::int AS n,
				        (SELECT COALESCE(SUM(octet_length(data)), 0) FROM ${t}updates WHERE board_id = $1)::bigint AS update_bytes,
				        (SELECT COALESCE(octet_length(data), 0) FROM ${t}snapshots WHERE board_id = $1)::bigint AS snapshot_bytes`,
				[id]
			);
			const row = rows[0];
			return { updates: row?.n ?? 0, updateBytes: row?.update_bytes ?? 0, snapshotBytes: row?.snapshot_bytes ?? 0 };
		},

		async createCheckpoint({ boardId, id, name, createdAt, state }) {
			await query(`INSERT INTO ${t}checkpoints (board_id, id, name, created_at, data) VALUES ($1, $2, $3, $4, $5)`, [
				boardId,
				id,
				name,
				createdAt,
				asBuffer(state)
			]);
		},

		async listCheckpoints(boardId): Promise<CheckpointRow[]> {
			const { rows } = await query<CheckpointListRow>(
				`SELECT id, name, created_at FROM ${t}checkpoints WHERE board_id = $1 ORDER BY created_at DESC, id DESC`,
				[boardId]
			);
			return rows.map(toCheckpointRow);
		},

		async getCheckpoint(boardId, id): Promise<CheckpointWithState | undefined> {
			const { rows } = await query<{ id: string; name: string; created_at: number; data: Buffer }>(
				`SELECT id, name, created_at, data FROM ${t}checkpoints WHERE board_id = $1 AND id = $2`,
				[boardId, id]
			);
			const row = rows[0];
			return row ? { id: row.id, name: row.name, createdAt: row.created_at, state: view(row.data) } : undefined;
		},

		maintain() {
			// nothing: Postgres runs its own checkpoints and vacuum
		},

		close() {
			// pool.end() waits for the clients checked out by queries in flight to come back
			closed ??= pool.end().catch(() => {});
			folder?.close();
			return closed;
		}
	};
}
