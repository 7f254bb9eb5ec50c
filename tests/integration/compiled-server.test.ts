/**
 * The compiled server (scripts/build-server.js, what `npm start` runs) as plain `node` runs it, with
 * no TypeScript loader: it serves the API and sync, the board builder's worker thread runs from its
 * compiled module file (a plan too big for the main thread) and so does the SQLite store's worker
 * (store/sqlite-worker.js), which compacts a live board — with no error logged. A copy of the
 * compiled server without the store worker's file logs that the worker could not start and still
 * compacts (on its main connection): the file is what the worker runs, and its failures are told.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
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
/** The second server (its own copy of the build, without the store worker's module) and its data. */
const OUTDIR_NO_WORKER = `${OUTDIR}-no-store-worker`;
let crippled: ChildServer | undefined;
let crippledDir: string | undefined;

beforeAll(async () => {
	await promisify(execFile)(process.execPath, ['scripts/build-server.js', '--outdir', OUTDIR], { cwd: ROOT });
	dataDir = tempDataDir();
	server = await spawnServer(dataDir, { COMPACT_AFTER_UPDATES: '20', LOG_LEVEL: 'debug' }, { compiledEntry: join(OUTDIR, 'index.js') });
}, 60_000);

const stop = async (child: ChildServer | undefined) => {
	if (child && child.child.exitCode === null) {
		child.child.kill('SIGTERM');
		await child.exited;
	}
};

afterAll(async () => {
	await stop(server);
	await stop(crippled);
	if (dataDir) removeDir(dataDir);
	if (crippledDir) removeDir(crippledDir);
	rmSync(OUTDIR, { recursive: true, force: true });
	rmSync(OUTDIR_NO_WORKER, { recursive: true, force: true });
});

interface LogLine {
	readonly msg?: string;
	readonly level?: string;
	readonly module?: string;
	readonly error?: string;
}

/** The JSON log lines of `of` (default: the compiled server) so far. */
const logLines = (of: ChildServer = server) =>
	of.output.flatMap((line) => {
		try {
			return [JSON.parse(line) as LogLine];
		} catch {
			return [];
		}
	});

/** Creates a board of `plan` on `of` and appends 60 edits through a live connection until the store compacts them. */
async function editUntilCompacted(of: ChildServer, dir: string, title: string) {
	const plan = syntheticPlan(2000, title);
	const res = await fetch(`${of.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan }) });
	expect(res.status).toBe(201);
	const board = (await res.json()) as { id: string; editToken: string; viewToken: string };
	const writer = connect(of.wsUrl, board.id, board.editToken);
	await writer.synced;
	expect(listCardIds(writer.doc)).toHaveLength(plan.cards.length);
	const items = writer.doc.getArray<number>('items');
	for (let i = 0; i < 60; i++) items.push([i]);
	await waitFor(() => logLines(of).some((l) => l.msg === 'compacted board'), 'a compaction');
	await waitFor(() => storedRows(dir, board.id).updates < 60, 'the folded rows to be replaced');

	// a fresh reader gets every edit from what was folded
	const reader = connect(of.wsUrl, board.id, board.viewToken);
	await reader.synced;
	expect(reader.doc.getArray('items').toArray()).toEqual(Array.from({ length: 60 }, (_, i) => i));
	writer.destroy();
	reader.destroy();
	return plan;
}

describe('the compiled server', () => {
	it('is one entry and the worker modules (board builder, SQLite store, Postgres fold), no TypeScript', () => {
		for (const file of ['index.js', 'board-build-worker.js', 'store/sqlite-worker.js', 'store/fold-thread.js']) expect(existsSync(join(OUTDIR, file))).toBe(true);
		expect(existsSync(join(OUTDIR, 'index.ts'))).toBe(false);
		expect(existsSync(join(OUTDIR, 'store/sqlite-worker.ts'))).toBe(false);
	});

	it('builds a big plan on the compiled board builder and compacts a live board on the store worker run from its compiled module file', async () => {
		// past INLINE_CARDS (built on the worker) and big enough to be compacted on the store worker (> 256 KiB)
		const plan = await editUntilCompacted(server, dataDir, '编译后的服务器');
		expect(plan.cards.length).toBeGreaterThan(INLINE_CARDS);
		expect(logLines()).toContainEqual(expect.objectContaining({ msg: 'store worker started', module: join(OUTDIR, 'store/sqlite-worker.js') }));
		expect(logLines().filter((l) => l.level === 'error' || (l.level === 'warn' && /worker|checkpoint/.test(l.msg ?? '')))).toEqual([]);
	});

	it('logs a store worker whose module file is missing, and compacts on the main connection instead', async () => {
		cpSync(OUTDIR, OUTDIR_NO_WORKER, { recursive: true });
		rmSync(join(OUTDIR_NO_WORKER, 'store/sqlite-worker.js'));
		crippledDir = tempDataDir();
		crippled = await spawnServer(crippledDir, { COMPACT_AFTER_UPDATES: '20', LOG_LEVEL: 'debug' }, { compiledEntry: join(OUTDIR_NO_WORKER, 'index.js') });
		await editUntilCompacted(crippled, crippledDir, '没有存储工作线程');
		const missing = join(OUTDIR_NO_WORKER, 'store/sqlite-worker.js');
		expect(logLines(crippled).filter((l) => l.level === 'error')).toEqual([
			expect.objectContaining({
				msg: 'the store worker could not start; checkpoints and compaction run on the main connection',
				module: missing,
				error: expect.stringContaining(missing)
			})
		]);
	}, 60_000);
});
