/**
 * Durable appends on Postgres (issue 16, item 7): updates per second through the Postgres store's
 * `appendUpdates` (per-board seq under the board's row lock, one statement, committed before it
 * resolves) against a raw batched INSERT of the same bytes through the same client (`pg`, one
 * multi-row INSERT … VALUES per batch into a bare table with a bigserial key, autocommit). Same
 * server, same `synchronous_commit` (the server's default: on), one writer awaiting each batch as
 * the commit queue does. Batches of 1 (a lone editor) and 50 (a busy board); rounds alternate
 * ours/raw and the median counts. Runs in a private schema that is dropped afterwards; skipped,
 * with a note, when no Postgres answers (TEST_DATABASE_URL, default 127.0.0.1:5432 db test).
 */
import pg from 'pg';
import { newCredentials } from '../../../server/auth.ts';
import { openPostgresStore } from '../../../server/store/postgres.ts';
import { createTestSchema, postgresAvailable, type TestSchema } from '../../support/postgres.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioResult } from '../lib/scenario.ts';
import { median, nowMs } from '../lib/stats.ts';
import { recordMoves } from './durable.ts';

async function runOurs(schema: TestSchema, updates: readonly Uint8Array[], batch: number, initial: Uint8Array): Promise<number> {
	const store = await openPostgresStore(schema.database, { poolSize: 2 });
	try {
		const { id, editHash, viewHash } = newCredentials();
		await store.createBoard({ id, editHash, viewHash, state: initial });
		const t0 = nowMs();
		for (let i = 0; i < updates.length; i += batch) {
			const seqs = await store.appendUpdates(updates.slice(i, i + batch).map((update) => ({ boardId: id, update })));
			if (seqs[0] !== i + 1) throw new Error(`expected seq ${i + 1}, got ${seqs[0]}`);
		}
		const rate = updates.length / ((nowMs() - t0) / 1000);
		await store.deleteBoard(id);
		return rate;
	} finally {
		await store.close();
	}
}

async function runRaw(schema: TestSchema, updates: readonly Uint8Array[], batch: number): Promise<number> {
	const pool = new pg.Pool({ connectionString: schema.database.url, max: 2 });
	const table = `"${schema.schema}".raw_log`;
	try {
		await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (seq bigserial PRIMARY KEY, board_id text NOT NULL, data bytea NOT NULL)`);
		await pool.query(`TRUNCATE ${table}`);
		const buffers = updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength));
		const statement = (n: number) =>
			`INSERT INTO ${table} (board_id, data) VALUES ${Array.from({ length: n }, (_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}`;
		const full = statement(batch);
		const t0 = nowMs();
		for (let i = 0; i < buffers.length; i += batch) {
			const rows = buffers.slice(i, i + batch);
			await pool.query(rows.length === batch ? full : statement(rows.length), rows.flatMap((data) => ['b', data]));
		}
		return buffers.length / ((nowMs() - t0) / 1000);
	} finally {
		await pool.end();
	}
}

/** The durable-appends scenario on Postgres (see file comment). */
export const durablePostgres: Scenario = {
	name: 'durable-pg',
	title: 'Durable appends (Postgres)',
	async run(ctx): Promise<ScenarioResult> {
		const found = await postgresAvailable();
		if (!found.ok) return { rows: [], notes: [`durable appends (Postgres): skipped — ${found.reason}`] };
		const rounds = ctx.quick ? 3 : 5;
		const rows: Row[] = [];
		const schema = await createTestSchema();
		let bytes = 0;
		let syncCommit = '';
		try {
			const probe = new pg.Client({ connectionString: schema.database.url });
			await probe.connect();
			syncCommit = (await probe.query<{ s: string }>("SELECT current_setting('synchronous_commit') AS s")).rows[0].s;
			await probe.end();
			for (const batch of [1, 50]) {
				const count = batch === 1 ? (ctx.quick ? 500 : 1_000) : ctx.quick ? 5_000 : 20_000;
				const { initial, updates } = recordMoves(count);
				bytes = updates.reduce((n, u) => n + u.byteLength, 0) / updates.length;
				ctx.log(`durable appends (Postgres): ${count.toLocaleString('en-US')} updates in batches of ${batch}, ${rounds} rounds`);
				const ours: number[] = [];
				const raw: number[] = [];
				for (let r = 0; r < rounds; r++) {
					if (r % 2) {
						raw.push(await runRaw(schema, updates, batch));
						ours.push(await runOurs(schema, updates, batch, initial));
					} else {
						ours.push(await runOurs(schema, updates, batch, initial));
						raw.push(await runRaw(schema, updates, batch));
					}
				}
				rows.push({
					scenario: 'durable appends (Postgres)',
					metric: batch === 1 ? '1 update / commit' : `${batch} updates / commit`,
					unit: 'updates/s',
					ours: median(ours),
					baseline: median(raw),
					target: { kind: 'min', value: 0.5 }
				});
			}
		} finally {
			await schema.drop();
		}
		return {
			rows,
			notes: [
				`durable appends (Postgres): card-move updates of ${bytes.toFixed(0)} bytes on average, the store's appendUpdates vs a raw multi-row INSERT through the same pg client, synchronous_commit=${syncCommit}, one writer awaiting each commit, median of ${rounds} alternating rounds`
			]
		};
	}
};
