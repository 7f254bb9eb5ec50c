/**
 * The compiled server (scripts/build-server.js, what `npm start` runs) as plain `node` runs it, with
 * no TypeScript loader: it serves the API and sync, the board builder's worker thread runs from its
 * compiled module file (a plan too big for the main thread) and the SQLite store's worker (its own
 * source text, no module file) compacts a live board — with no error logged.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE_CARDS } from '../../server/board-build.ts';
import { listCardIds } from '../../src/lib/model/index.ts';
import { syntheticPlan } from '../bench/lib/plans.ts';
import { connect, removeDir, spawnServer, storedRows, tempDataDir, waitFor, type ChildServer } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// beside server/, like dist-server/ (so node_modules and ../build resolve the same), but our own
const OUTDIR = join(ROOT, `.test-server-${process.pid}`);
let server: ChildServer;
let dataDir: string;

beforeAll(async () => {
	await promisify(execFile)(process.execPath, ['scripts/build-server.js', '--outdir', OUTDIR], { cwd: ROOT });
	dataDir = tempDataDir();
	server = await spawnServer(dataDir, { COMPACT_AFTER_UPDATES: '20', LOG_LEVEL: 'debug' }, { compiledEntry: join(OUTDIR, 'index.js') });
}, 60_000);

afterAll(async () => {
	if (server && server.child.exitCode === null) {
		server.child.kill('SIGTERM');
		await server.exited;
	}
	if (dataDir) removeDir(dataDir);
	rmSync(OUTDIR, { recursive: true, force: true });
});

/** The server's JSON log lines so far. */
const logLines = () =>
	server.output.flatMap((line) => {
		try {
			return [JSON.parse(line) as { msg?: string; level?: string }];
		} catch {
			return [];
		}
	});

describe('the compiled server', () => {
	it('is one entry and the board builder worker module, no TypeScript', () => {
		for (const file of ['index.js', 'board-build-worker.js']) expect(existsSync(join(OUTDIR, file))).toBe(true);
		expect(existsSync(join(OUTDIR, 'index.ts'))).toBe(false);
	});

	it('builds a big plan on the compiled board builder and compacts a live board (the SQLite store folds on its worker thread)', async () => {
		// past INLINE_CARDS (built on the worker) and big enough to be compacted on the store worker (> 256 KiB)
		const plan = syntheticPlan(2000, '编译后的服务器');
		expect(plan.cards.length).toBeGreaterThan(INLINE_CARDS);
		const res = await fetch(`${server.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan }) });
		expect(res.status).toBe(201);
		const board = (await res.json()) as { id: string; editToken: string; viewToken: string };

		const writer = connect(server.wsUrl, board.id, board.editToken);
		await writer.synced;
		expect(listCardIds(writer.doc)).toHaveLength(plan.cards.length);
		const items = writer.doc.getArray<number>('items');
		for (let i = 0; i < 60; i++) items.push([i]);
		await waitFor(() => logLines().some((l) => l.msg === 'compacted board'), 'a compaction');
		await waitFor(() => storedRows(dataDir, board.id).updates < 60, 'the folded rows to be replaced');

		// a fresh reader gets every edit from what the worker folded
		const reader = connect(server.wsUrl, board.id, board.viewToken);
		await reader.synced;
		expect(reader.doc.getArray('items').toArray()).toEqual(Array.from({ length: 60 }, (_, i) => i));
		writer.destroy();
		reader.destroy();

		expect(logLines().filter((l) => l.level === 'error')).toEqual([]);
	});
});
