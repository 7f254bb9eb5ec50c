/**
 * Numbered migrations of the PostgreSQL store. Run at start by every instance: the first one to
 * take the schema's advisory lock applies what is missing (all in one transaction: Postgres DDL is
 * transactional), the others wait for it and then find nothing to do. Each applied migration is a
 * row of `schema_migrations`. The tables mirror the SQLite store's (store.ts), with `bytea` for
 * bytes, `bigint` for sequence numbers and ms timestamps, and a per-board sequence counter.
 */
import type pg from 'pg';
import { tablePrefix } from './postgres-pool.ts';

/**
 * Migration `i + 1` is `PG_MIGRATIONS[i]`, a function of the table prefix (see `tablePrefix`).
 * Append only; never edit one that was released.
 */
export const PG_MIGRATIONS: readonly ((t: string) => string)[] = [
	// 1: the schema of SQLite migrations 1–4, with per-board sequence numbers. boards.last_seq is the
	// highest seq handed out for the board (appends bump it in their transaction, which also
	// serialises a board's writers and makes its commits happen in seq order). Ids compare as bytes
	// (COLLATE "C"), like SQLite's, so listing boards in id order is the same on both stores.
	(t) => `
	CREATE TABLE ${t}boards (
		id text COLLATE "C" PRIMARY KEY,
		edit_hash bytea NOT NULL,
		view_hash bytea NOT NULL,
		view_sealed bytea,
		created_at bigint NOT NULL,
		updated_at bigint NOT NULL,
		last_seq bigint NOT NULL DEFAULT 0
	);
	CREATE TABLE ${t}updates (
		board_id text NOT NULL REFERENCES ${t}boards(id) ON DELETE CASCADE,
		seq bigint NOT NULL,
		data bytea NOT NULL,
		PRIMARY KEY (board_id, seq)
	);
	CREATE TABLE ${t}snapshots (
		board_id text PRIMARY KEY REFERENCES ${t}boards(id) ON DELETE CASCADE,
		through_seq bigint NOT NULL,
		data bytea NOT NULL,
		updated_at bigint NOT NULL
	);
	CREATE TABLE ${t}checkpoints (
		board_id text NOT NULL REFERENCES ${t}boards(id) ON DELETE CASCADE,
		id text COLLATE "C" NOT NULL,
		name text NOT NULL,
		created_at bigint NOT NULL,
		data bytea NOT NULL,
		PRIMARY KEY (board_id, id)
	);
	CREATE INDEX checkpoints_by_time ON ${t}checkpoints(board_id, created_at);
	CREATE TABLE ${t}store_meta (
		key text PRIMARY KEY,
		value text NOT NULL
	);`
];

/** Thrown when the database was migrated by a newer version of Groundwork than this one. */
export class SchemaTooNewError extends Error {
	constructor(found: number, known: number) {
		super(`the Postgres store's schema version ${found} is newer than this server knows (${known}); run a newer Groundwork`);
		this.name = 'SchemaTooNewError';
	}
}

/** Advisory lock class (first key) of the migration lock; the second key is a hash of the schema name. */
const MIGRATION_LOCK_CLASS = 0x67_77_6d; // "gwm"

/**
 * Brings the store's tables in `schema` (created if missing; undefined = the connection's
 * search_path) up to the latest migration. Safe to call from several processes at once: they
 * serialise on a transaction-scoped advisory lock per schema. Resolves with the versions before
 * and after.
 */
export async function migrate(pool: pg.Pool, schema: string | undefined): Promise<{ from: number; to: number }> {
	const t = tablePrefix(schema);
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
			MIGRATION_LOCK_CLASS,
			schema ?? (await client.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0].s ?? ''
		]);
		if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
		await client.query(`CREATE TABLE IF NOT EXISTS ${t}schema_migrations (
			version integer PRIMARY KEY,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`);
		const found = (await client.query<{ v: number | null }>(`SELECT MAX(version) AS v FROM ${t}schema_migrations`)).rows[0].v ?? 0;
		if (found > PG_MIGRATIONS.length) throw new SchemaTooNewError(found, PG_MIGRATIONS.length);
		for (let v = found; v < PG_MIGRATIONS.length; v++) {
			await client.query(PG_MIGRATIONS[v](t));
			await client.query(`INSERT INTO ${t}schema_migrations (version) VALUES ($1)`, [v + 1]);
		}
		await client.query('COMMIT');
		return { from: found, to: PG_MIGRATIONS.length };
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}
