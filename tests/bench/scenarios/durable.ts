/**
 * Scenario 2, durable appends: updates per second through the server's real persistence path —
 * `store.appendUpdates` as the commit queue (server/rooms/commit-queue.ts) calls it (one transaction per event-loop turn holding every
 * update that arrived in that turn) — against raw better-sqlite3 batched inserts of the same bytes
 * with the same settings (WAL, synchronous=NORMAL). Two batch sizes: 1 (one update per turn, a
 * lone editor) and 50 (a busy board). The updates are real card moves recorded from the model's
 * `moveCard` on a 200-card board. Rounds alternate ours/baseline; the median round counts.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import { newCredentials } from '../../../server/auth.ts';
import { initialBoardState } from '../../../server/boards.ts';
import { openStore } from '../../../server/store.ts';
import { createOrigin, listCardIds, moveCard, readCard } from '../../../src/lib/model/index.ts';
import { removeDir, tempDir } from '../lib/children.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioResult } from '../lib/scenario.ts';
import { median, nowMs } from '../lib/stats.ts';
import { syntheticPlan } from '../lib/plans.ts';

/** The initial state of a 200-card board and `count` small updates (card moves) made on it. */
export function recordMoves(count: number): { initial: Uint8Array; updates: Uint8Array[] } {
	const initial = initialBoardState({ title: 'Durable bench' }, syntheticPlan(200));
	const doc = new Y.Doc();
	Y.applyUpdate(doc, initial);
	const ids = listCardIds(doc);
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const origin = createOrigin('user');
	for (let i = 0; updates.length < count; i++) {
		const id = ids[(i * 7919) % ids.length];
		const card = readCard(doc, id)!;
		moveCard(doc, id, (card.x ?? 0) + 8 * ((i % 3) - 1), (card.y ?? 0) + 8, origin);
	}
	doc.destroy();
	return { initial, updates };
}

async function runOurs(updates: readonly Uint8Array[], batch: number, initial: Uint8Array): Promise<number> {
	const dir = tempDir('durable-ours');
	const store = openStore({ dataDir: dir, sync: 'normal' });
	try {
		const { id, editHash, viewHash } = newCredentials();
		await store.createBoard({ id, editHash, viewHash, state: initial });
		const t0 = nowMs();
		for (let i = 0; i < updates.length; i += batch) {
			// awaited like the commit queue awaits it: the async store contract's cost is measured too
			await store.appendUpdates(updates.slice(i, i + batch).map((update) => ({ boardId: id, update })));
		}
		return updates.length / ((nowMs() - t0) / 1000);
	} finally {
		await store.close();
		removeDir(dir);
	}
}

function runRaw(updates: readonly Uint8Array[], batch: number): number {
	const dir = tempDir('durable-raw');
	const db = new Database(join(dir, 'raw.sqlite'));
	try {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.exec('CREATE TABLE log (seq INTEGER PRIMARY KEY, board_id TEXT NOT NULL, data BLOB NOT NULL)');
		const insert = db.prepare('INSERT INTO log (board_id, data) VALUES (?, ?)');
		const insertMany = db.transaction((rows: Buffer[]) => {
			for (const row of rows) insert.run('b', row);
		});
		const buffers = updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength));
		const t0 = nowMs();
		for (let i = 0; i < buffers.length; i += batch) insertMany.immediate(buffers.slice(i, i + batch));
		return buffers.length / ((nowMs() - t0) / 1000);
	} finally {
		db.close();
		removeDir(dir);
	}
}

/** Scenario 2 (see file comment). */
export const durable: Scenario = {
	name: 'durable',
	title: 'Durable appends',
	async run(ctx): Promise<ScenarioResult> {
		const count = ctx.quick ? 5_000 : 20_000;
		const rounds = ctx.quick ? 3 : 5;
		const { initial, updates } = recordMoves(count);
		const bytes = updates.reduce((n, u) => n + u.byteLength, 0) / updates.length;
		const rows: Row[] = [];
		for (const batch of [1, 50]) {
			ctx.log(`durable appends: ${count.toLocaleString('en-US')} updates in batches of ${batch}, ${rounds} rounds`);
			const ours: number[] = [];
			const raw: number[] = [];
			for (let r = 0; r < rounds; r++) {
				if (r % 2) {
					raw.push(runRaw(updates, batch));
					ours.push(await runOurs(updates, batch, initial));
				} else {
					ours.push(await runOurs(updates, batch, initial));
					raw.push(runRaw(updates, batch));
				}
			}
			rows.push({
				scenario: 'durable appends',
				metric: batch === 1 ? '1 update / commit' : `${batch} updates / commit`,
				unit: 'updates/s',
				ours: median(ours),
				baseline: median(raw),
				target: { kind: 'min', value: 0.5 }
			});
		}
		return {
			rows,
			notes: [`durable appends: ${count.toLocaleString('en-US')} card-move updates of ${bytes.toFixed(0)} bytes on average, SQLite WAL synchronous=NORMAL (the default SQLITE_SYNC), median of ${rounds} alternating rounds`]
		};
	}
};
