/**
 * Postgres for tests: each test file (or run) gets its own schema in the shared database, so
 * parallel runs and other helpers' tests never see each other's rows; the schema is dropped
 * afterwards. When no Postgres answers, the caller skips its suite and says why.
 *
 * Server: env `TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test` (what CI's
 * machine runs: trust auth, database `test`).
 */
import pg from 'pg';
import type { DatabaseConfig } from '../../server/config.ts';

/** The server tests use, unless TEST_DATABASE_URL says otherwise. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

/** Schemas made by {@link createTestSchema} start with this (then the creation time in ms, pid and random bits). */
export const TEST_SCHEMA_PREFIX = 'gwtest_';

/** Schemas of crashed runs older than this are dropped by the next run. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** A private schema for one test file; `drop()` removes it with everything in it. */
export interface TestSchema {
	/** Settings to hand to the store (url + schema). */
	readonly database: DatabaseConfig;
	readonly schema: string;
	/** Drops the schema (CASCADE). Idempotent. */
	drop(): Promise<void>;
}

/** Whether Postgres can be used, and if not, the plain reason. */
export type PostgresAvailability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

let availability: Promise<PostgresAvailability> | undefined;

/**
 * Checks once per process whether the test server answers (2 s connect timeout). Never throws.
 */
export function postgresAvailable(): Promise<PostgresAvailability> {
	availability ??= (async () => {
		const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
		try {
			await client.connect();
			await client.query('SELECT 1');
			return { ok: true } as const;
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return { ok: false, reason: `no PostgreSQL at ${redact(TEST_DATABASE_URL)} (${message || 'connection failed'})` } as const;
		} finally {
			await client.end().catch(() => {});
		}
	})();
	return availability;
}

/**
 * For a spec file: resolves to whether to skip it, printing one plain line when it is skipped,
 * e.g. `skipped: Postgres store tests — no PostgreSQL at postgres://postgres@127.0.0.1:5432/test (connect ECONNREFUSED)`.
 * Use as `describe.skipIf(await skipWithoutPostgres('Postgres store tests'))(…)`.
 */
export async function skipWithoutPostgres(what: string): Promise<boolean> {
	const found = await postgresAvailable();
	if (found.ok) return false;
	console.warn(`skipped: ${what} — ${found.reason}`);
	return true;
}

/** Creates an empty private schema (no tables: the store migrates it) and drops stale ones of crashed runs. */
export async function createTestSchema(): Promise<TestSchema> {
	const now = Date.now();
	const schema = `${TEST_SCHEMA_PREFIX}${now}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	await withClient(async (client) => {
		await dropStaleSchemas(client, now);
		await client.query(`CREATE SCHEMA "${schema}"`);
	});
	let dropped = false;
	return {
		database: { url: TEST_DATABASE_URL, schema },
		schema,
		async drop() {
			if (dropped) return;
			dropped = true;
			await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
		}
	};
}

async function dropStaleSchemas(client: pg.Client, now: number): Promise<void> {
	const { rows } = await client.query<{ name: string }>(
		`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`,
		[`${TEST_SCHEMA_PREFIX}%`]
	);
	for (const { name } of rows) {
		const created = Number(/^gwtest_(\d+)_/.exec(name)?.[1]);
		if (Number.isFinite(created) && now - created > STALE_AFTER_MS) {
			await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`).catch(() => {});
		}
	}
}

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

function redact(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.href;
	} catch {
		return 'TEST_DATABASE_URL';
	}
}
