import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, skipWithoutPostgres, type TestSchema } from '../../tests/support/postgres.ts';
import { migrate, PG_MIGRATIONS, SchemaTooNewError } from './postgres-migrations.ts';
import { openPool } from './postgres-pool.ts';

describe.skipIf(await skipWithoutPostgres('Postgres migration tests'))('Postgres migrations', () => {
	let test: TestSchema;
	beforeAll(async () => {
		test = await createTestSchema();
	});
	afterAll(async () => {
		await test?.drop();
	});

	it('creates every table once even when several instances start at once, and records each migration', async () => {
		// a schema that does not exist yet: the first migrator creates it
		const database = { ...test.database, schema: `${test.schema}_fresh` };
		const pools = Array.from({ length: 4 }, () => openPool(database, { max: 1 }));
		try {
			const results = await Promise.all(pools.map((pool) => migrate(pool, database.schema)));
			// exactly one of them did the work; the others waited on the lock and found it done
			expect(results.filter((r) => r.from === 0)).toHaveLength(1);
			expect(results.every((r) => r.to === PG_MIGRATIONS.length)).toBe(true);
			const { rows } = await pools[0].query<{ version: number }>(`SELECT version FROM "${database.schema}".schema_migrations ORDER BY version`);
			expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
			const tables = await pools[0].query<{ name: string }>(
				`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
				[database.schema]
			);
			expect(tables.rows.map((r) => r.name)).toEqual(['boards', 'checkpoints', 'schema_migrations', 'snapshots', 'store_meta', 'updates']);
			expect(await migrate(pools[1], database.schema)).toEqual({ from: PG_MIGRATIONS.length, to: PG_MIGRATIONS.length });
		} finally {
			await pools[0].query(`DROP SCHEMA IF EXISTS "${database.schema}" CASCADE`);
			await Promise.all(pools.map((pool) => pool.end()));
		}
	});

	it('refuses a schema migrated by a newer version, changing nothing', async () => {
		const pool = openPool(test.database);
		try {
			await migrate(pool, test.schema);
			await pool.query(`INSERT INTO "${test.schema}".schema_migrations (version) VALUES ($1)`, [PG_MIGRATIONS.length + 1]);
			await expect(migrate(pool, test.schema)).rejects.toBeInstanceOf(SchemaTooNewError);
		} finally {
			await pool.end();
		}
	});
});
