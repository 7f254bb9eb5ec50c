/**
 * The connection pool of a PostgreSQL store (node-postgres `pg`). One pool per process; every
 * store query goes through it. BIGINT columns (sequence numbers, ms timestamps) are read as JS
 * numbers: both stay far below 2^53.
 */
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';

const INT8_OID = 20;

/** Options of {@link openPool}. */
export interface PoolOptions {
	/** Most connections at once (default 10). */
	readonly max?: number;
	/** Give up connecting after this many ms (default 10 s), so a dead server fails requests instead of hanging them. */
	readonly connectTimeoutMs?: number;
	/** Shown in `pg_stat_activity.application_name` (default `groundwork`). */
	readonly applicationName?: string;
}

/**
 * Opens a pool on `config.url`. Connections are made lazily, on the first query; the caller
 * handles `error` events of idle clients (the pool emits them when the server drops a connection)
 * through {@link PoolOptions}' owner, e.g. by logging.
 */
export function openPool(config: DatabaseConfig, options: PoolOptions = {}): pg.Pool {
	const pool = new pg.Pool({
		connectionString: config.url,
		max: options.max ?? 10,
		connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
		idleTimeoutMillis: 30_000,
		application_name: options.applicationName ?? 'groundwork',
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
				oid === INT8_OID && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
		}
	});
	return pool;
}

/**
 * The prefix that qualifies the store's table names: `"schema".` for a configured schema (its name
 * is validated by config.ts to `[a-z_][a-z0-9_]*`, so quoting is enough), '' for the connection's
 * search_path (usually `public`).
 */
export function tablePrefix(schema: string | undefined): string {
	if (schema === undefined) return '';
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
	return `"${schema}".`;
}

/**
 * Runs `fn` in one transaction on one pooled connection: COMMIT when it resolves (the returned
 * promise settles only after the commit is acknowledged by the server, i.e. durable under the
 * server's `synchronous_commit`), ROLLBACK when it throws.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
	const client = await pool.connect();
	let broken: unknown;
	try {
		await client.query(begin);
		const result = await fn(client);
		await client.query('COMMIT');
		return result;
	} catch (error) {
		try {
			await client.query('ROLLBACK');
		} catch (rollbackError) {
			// the connection is unusable (server gone): do not put it back into the pool
			broken = rollbackError;
		}
		throw error;
	} finally {
		client.release(broken instanceof Error ? broken : undefined);
	}
}
