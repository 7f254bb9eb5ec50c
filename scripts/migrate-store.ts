/**
 * `npm run migrate-store -- --to postgres://user:pass@host:5432/db [--schema name] [--quiet]`
 *
 * Copies every board of the SQLite store in DATA_DIR — token hashes, history (snapshot and
 * updates with their sequence numbers), checkpoints — into the Postgres store at `--to` (tables
 * created/migrated as a server would), then verifies each board: state hash, links and
 * checkpoints on both sides, and the board counts. Idempotent: boards already in Postgres are left
 * as they are and only verified, so a re-run copies nothing twice and an interrupted run goes on.
 *
 * The server must be stopped: the script takes DATA_DIR's lock for the whole run, so no board
 * changes in SQLite while it is copied. Exit codes: 0 copied and verified, 1 a board differs or
 * the copy failed, 2 bad arguments or configuration.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, parseDatabaseConfig, type DatabaseConfig } from '../server/config.ts';
import { DataDirLockedError, lockDataDir } from '../server/data-lock.ts';
import { copyToPostgres, type BoardCopy, type CopySummary } from '../server/store/copy-to-postgres.ts';
import { openPostgresStore } from '../server/store/postgres.ts';
import { DATABASE_FILE, openSqliteStore } from '../server/store/sqlite.ts';

const USAGE = 'usage: npm run migrate-store -- --to postgres://user:password@host:5432/database [--schema name] [--quiet]';

/** Parsed command line of migrate-store. */
export interface MigrateArgs {
	readonly database: DatabaseConfig;
	/** Print only problems and the summary, not a line per board. */
	readonly quiet: boolean;
}

/**
 * Parses `argv` (without node and script path). `--to` defaults to nothing (it must be given:
 * copying into the DATABASE_URL of the environment by accident is not what anyone wants);
 * `--schema` defaults to DATABASE_SCHEMA. Returns a usage error as a string.
 */
export function parseMigrateArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): MigrateArgs | string {
	let to: string | undefined;
	let schema: string | undefined = env.DATABASE_SCHEMA;
	let quiet = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = (name: string): string | undefined => (arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : arg === name ? argv[++i] : undefined);
		if (arg === '--help' || arg === '-h') return USAGE;
		else if (arg === '--quiet' || arg === '-q') quiet = true;
		else if (arg === '--to' || arg.startsWith('--to=')) {
			to = value('--to');
			if (!to) return `--to needs a postgres:// URL\n${USAGE}`;
		} else if (arg === '--schema' || arg.startsWith('--schema=')) {
			schema = value('--schema');
			if (!schema) return `--schema needs a name\n${USAGE}`;
		} else if (arg === '--') continue;
		else return `unexpected argument ${JSON.stringify(arg)}\n${USAGE}`;
	}
	if (!to) return `--to is required\n${USAGE}`;
	const database = parseDatabaseConfig(to, schema);
	if (!database.ok) return `${database.problems.join('\n').replaceAll('DATABASE_URL', '--to').replaceAll('DATABASE_SCHEMA', '--schema')}\n${USAGE}`;
	return { database: database.value as DatabaseConfig, quiet };
}

/** One line per board: id, what happened, its state hash (first 16 hex digits), verified or what differs. */
export function boardLine(board: BoardCopy): string {
	const verdict = board.problems.length === 0 ? 'ok' : `DIFFERS: ${board.problems.join('; ')}`;
	return `${board.id}  ${board.action === 'copied' ? 'copied ' : 'present'}  ${board.sourceHash.slice(0, 16)}  ${verdict}`;
}

/** The closing summary (board counts and the verification). */
export function summaryLines(summary: CopySummary, where: { dataDir: string; target: string }): string[] {
	const verified = summary.sourceBoards - summary.mismatched;
	return [
		`boards in SQLite (${where.dataDir}): ${summary.sourceBoards}`,
		`boards in Postgres (${where.target}): ${summary.targetBoards}`,
		`copied now: ${summary.copied}, already there: ${summary.present}`,
		summary.mismatched === 0
			? `verified: all ${verified} boards have the same state hash, links and checkpoints in Postgres`
			: `NOT verified: ${summary.mismatched} of ${summary.sourceBoards} boards differ in Postgres (listed above)`
	];
}

/** The URL without its password, to name the target in output. */
function redacted(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.href;
	} catch {
		return '(the --to URL)';
	}
}

async function main(): Promise<number> {
	const out = (line: string) => process.stdout.write(`${line}\n`);
	const err = (line: string) => process.stderr.write(`migrate-store: ${line}\n`);
	const args = parseMigrateArgs(process.argv.slice(2), process.env);
	if (typeof args === 'string') {
		(args === USAGE ? out : err)(args);
		return args === USAGE ? 0 : 2;
	}
	let dataDir: string;
	try {
		dataDir = loadConfig().dataDir;
	} catch (error) {
		err(error instanceof ConfigError ? error.message : String(error));
		return 2;
	}
	if (!existsSync(join(dataDir, DATABASE_FILE))) {
		err(`no Groundwork store in ${dataDir} (set DATA_DIR to the server's data folder)`);
		return 1;
	}
	let lock;
	try {
		lock = lockDataDir(dataDir);
	} catch (error) {
		if (error instanceof DataDirLockedError) {
			err(`${error.message.replace(/ Stop the other server.*$/, '')} — stop the server before copying its boards (nothing was copied)`);
			return 1;
		}
		throw error;
	}
	const target = `${redacted(args.database.url)}${args.database.schema ? ` schema ${args.database.schema}` : ''}`;
	const source = openSqliteStore({ dataDir, sync: 'normal' });
	try {
		const postgres = await openPostgresStore(args.database, { applicationName: 'groundwork migrate-store', poolSize: 2 });
		try {
			out(`copying the boards of ${dataDir} into ${target}`);
			const summary = await copyToPostgres(source, postgres, (board) => {
				if (!args.quiet || board.problems.length > 0) out(boardLine(board));
			});
			for (const line of summaryLines(summary, { dataDir, target })) out(line);
			return summary.mismatched === 0 ? 0 : 1;
		} finally {
			await postgres.close();
		}
	} catch (error) {
		err(`failed: ${error instanceof Error ? error.message : String(error)} (boards copied before this stay copied; run it again to go on)`);
		return 1;
	} finally {
		await source.close();
		lock.release();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	process.exitCode = await main();
}
