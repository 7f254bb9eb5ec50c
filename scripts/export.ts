/**
 * `npm run export -- <boardId> [--out plan.md | --out dir/] [--no-positions]`
 *
 * Writes a board as markdown (the same document as `GET /api/boards/<id>/export.md`), reading the
 * SQLite store in DATA_DIR directly (or, with `DATABASE_URL`, the Postgres store). Safe while the server runs: SQLite WAL lets this process read
 * a consistent state while the server writes, and every update the server relays is already
 * committed there. Without `--out` the markdown goes to stdout; with a directory it is written as
 * `<dir>/<title>.md`. Exit codes: 0 written, 1 no such store/board, 2 bad arguments.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { isBoardId } from '../server/auth.ts';
import { boardPlan, prepareBoardDoc } from '../server/boards.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import type { BoardStore } from '../server/store/contract.ts';
import { openPostgresStore } from '../server/store/postgres.ts';
import { DATABASE_FILE, openSqliteStore } from '../server/store/sqlite.ts';
import { applyStoredState } from '../server/store/state.ts';
import { exportFileName, planToMarkdown } from '../src/lib/markdown/index.ts';

/** Parsed command line of the export script. */
export interface ExportArgs {
	boardId: string;
	/** File or directory to write; undefined = stdout. */
	out?: string;
	/** Keep card positions in the id comments (default true). */
	positions: boolean;
}

const USAGE = 'usage: npm run export -- <boardId> [--out plan.md | --out dir/] [--no-positions]';

/** Parse `argv` (without node and script path); returns a usage error as a string. */
export function parseExportArgs(argv: readonly string[]): ExportArgs | string {
	let boardId: string | undefined;
	let out: string | undefined;
	let positions = true;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--out' || arg === '-o') {
			out = argv[++i];
			if (out === undefined || out === '') return `--out needs a file name\n${USAGE}`;
		} else if (arg.startsWith('--out=')) {
			out = arg.slice('--out='.length);
		} else if (arg === '--no-positions') {
			positions = false;
		} else if (arg === '--help' || arg === '-h') {
			return USAGE;
		} else if (arg === '--') {
			if (i + 1 < argv.length && boardId === undefined) boardId = argv[++i];
		} else if (arg.startsWith('-') && !isBoardId(arg)) {
			// board ids are base64url: one may start with '-', so only a non-id is an unknown option
			return `unknown option ${arg}\n${USAGE}`;
		} else if (boardId === undefined) {
			boardId = arg;
		} else {
			return `unexpected argument ${arg}\n${USAGE}`;
		}
	}
	if (boardId === undefined) return `a board id is required\n${USAGE}`;
	return { boardId, out, positions };
}

/** The markdown of a board in `store` (any implementation), or null when it has no such board. */
export async function exportBoard(
	store: BoardStore,
	boardId: string,
	options: { positions?: boolean } = {}
): Promise<{ title: string; markdown: string } | null> {
	if (!(await store.getBoard(boardId))) return null;
	const state = await store.loadState(boardId);
	const doc = new Y.Doc();
	try {
		if (!applyStoredState(doc, state)) return null;
		prepareBoardDoc(doc);
		const plan = boardPlan(doc);
		return { title: plan.title, markdown: planToMarkdown(plan, options) };
	} finally {
		doc.destroy();
	}
}

/**
 * The markdown of a board of the SQLite store in `dataDir`, or null when it has no such board.
 * `dataDir` must hold an existing database (nothing is created).
 */
export async function exportStoredBoard(
	dataDir: string,
	boardId: string,
	options: { positions?: boolean } = {}
): Promise<{ title: string; markdown: string } | null> {
	const store = openSqliteStore({ dataDir, sync: 'normal' });
	try {
		return await exportBoard(store, boardId, options);
	} finally {
		await store.close();
	}
}

function fail(code: number, message: string): never {
	process.stderr.write(`export: ${message}\n`);
	process.exit(code);
}

async function main(): Promise<void> {
	const args = parseExportArgs(process.argv.slice(2));
	if (typeof args === 'string') fail(args === USAGE ? 0 : 2, args);
	let config: ReturnType<typeof loadConfig>;
	try {
		config = loadConfig();
	} catch (error) {
		fail(2, error instanceof ConfigError ? error.message : String(error));
	}
	const { dataDir, database } = config;
	let result: Awaited<ReturnType<typeof exportBoard>>;
	if (database) {
		// DATABASE_URL: the boards are in Postgres (the server's store), read like any instance reads them
		const store = await openPostgresStore(database);
		try {
			result = await exportBoard(store, args.boardId, { positions: args.positions });
		} finally {
			await store.close();
		}
		if (!result) fail(1, `no board ${JSON.stringify(args.boardId)} in the Postgres store`);
	} else {
		if (!existsSync(join(dataDir, DATABASE_FILE))) fail(1, `no Groundwork store in ${dataDir} (set DATA_DIR, or DATABASE_URL)`);
		result = await exportStoredBoard(dataDir, args.boardId, { positions: args.positions });
		if (!result) fail(1, `no board ${JSON.stringify(args.boardId)} in ${dataDir}`);
	}
	if (args.out === undefined || args.out === '-') {
		process.stdout.write(result.markdown);
		return;
	}
	let target = resolve(args.out);
	if (args.out.endsWith('/') || (existsSync(target) && statSync(target).isDirectory())) {
		target = join(target, exportFileName(result.title));
	}
	writeFileSync(target, result.markdown, 'utf8');
	process.stderr.write(`export: wrote ${target} (${Buffer.byteLength(result.markdown)} bytes)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main().catch((error: unknown) => fail(1, error instanceof Error ? error.message : String(error)));
}
