/**
 * Storage trouble is answered, not looped: a full disk gets 503 + Retry-After (and the process
 * goes on); a board whose stored data is damaged refuses its clients with the final close code 4422
 * and a clear JSON error, while other boards work.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store.ts';
import { syntheticPlan } from '../bench/lib/plans.ts';
import { connect, createBoard, removeDir, spawnServer, startTestServer, tempDataDir, waitFor, type TestServer } from './helpers.ts';

describe('a full disk', () => {
	it('answers POST /api/boards with 503 JSON and Retry-After, and keeps serving', async () => {
		const dataDir = tempDataDir();
		// 1 MiB per file: the database (or its WAL) soon cannot grow, as on a full disk
		const server = await spawnServer(dataDir, {}, { fileSizeLimitKiB: 1024 });
		try {
			let answer: Response | null = null;
			for (let i = 0; i < 60; i++) {
				const res = await fetch(`${server.url}/api/boards`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ plan: syntheticPlan(150, `华南扩张计划 ${i}`) })
				});
				if (res.status !== 201) {
					answer = res;
					break;
				}
				await res.body?.cancel();
			}
			expect(answer?.status).toBe(503);
			expect(answer?.headers.get('retry-after')).toBe('30');
			expect(((await answer?.json()) as { error: string }).error).toMatch(/storage is unavailable/);
			const health = await fetch(`${server.url}/api/health`);
			expect(health.status).toBe(200);
			expect(server.child.exitCode).toBeNull();
			expect(server.output.some((line) => line.includes('storage unavailable'))).toBe(true);
		} finally {
			server.child.kill('SIGKILL');
			await server.exited;
			removeDir(dataDir);
		}
	});
});

describe('a board whose stored data is damaged', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(async () => {
		await server.close();
		removeDir(server.dataDir);
	});

	it('closes its sockets with 4422 (no reconnect loop), answers a clear JSON error, and other boards work', async () => {
		const damaged = await createBoard(server.url, { title: '损坏的看板' });
		const healthy = await createBoard(server.url, { title: '正常的看板' });
		const db = new Database(join(server.dataDir, DATABASE_FILE));
		db.prepare('UPDATE snapshots SET data = ? WHERE board_id = ?').run(Buffer.from('not a yjs update at all'), damaged.id);
		db.close();

		const client = connect(server.wsUrl, damaged.id, damaged.editToken);
		const closed = await new Promise<{ code: number }>((resolve) => client.provider.once('closed', resolve));
		expect(closed.code).toBe(4422);
		expect(client.provider.shouldConnect).toBe(false); // the stock provider gives up: no loop
		client.destroy();

		const info = await fetch(`${server.url}/api/boards/${damaged.id}?token=${damaged.viewToken}`);
		expect(info.status).toBe(500);
		const body = (await info.json()) as { error: string; damaged: boolean };
		expect(body.damaged).toBe(true);
		expect(body.error).toMatch(/damaged/);
		expect((await fetch(`${server.url}/api/boards/${damaged.id}/plan.json?token=${damaged.viewToken}`)).status).toBe(500);
		expect(server.logs.some((line) => line.includes(damaged.id) && line.includes('damaged'))).toBe(true);

		const other = connect(server.wsUrl, healthy.id, healthy.editToken);
		await other.synced;
		await waitFor(() => other.provider.wsconnected, 'the healthy board to connect');
		other.destroy();
	});
});

describe('an existing but empty database file', () => {
	it('makes the server refuse to start, saying why', async () => {
		const dataDir = tempDataDir();
		writeFileSync(join(dataDir, DATABASE_FILE), '');
		try {
			await expect(spawnServer(dataDir)).rejects.toThrow(/is empty \(0 bytes\): a truncated copy\?/);
		} finally {
			removeDir(dataDir);
		}
	});
});
