/**
 * The server process started while the Postgres of DATABASE_URL cannot be reached: it retries with
 * backoff for STORE_CONNECT_TIMEOUT_MS, logging one line per attempt, then exits 1 with one clear
 * line — and when the database comes up meanwhile, it starts and serves. Real child processes;
 * "the database comes up" is a plain TCP forwarder to the real Postgres opened on the port the
 * server was told, after the server's first failed attempt.
 */
import { spawn } from 'node:child_process';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSchema, skipWithoutPostgres, TEST_DATABASE_URL } from '../support/postgres.ts';
import { createBoard, removeDir, tempDataDir, waitFor } from './helpers.ts';

const SERVER_ENTRY = fileURLToPath(new URL('../../server/index.ts', import.meta.url));
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A TCP port nobody listens on (bound, then released). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Log lines (JSON, parsed) and raw stderr lines of a server child, and its exit. */
function startServerProcess(env: Record<string, string>) {
	const dataDir = tempDataDir();
	const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), SERVER_ENTRY], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const entries: { msg?: string; level?: string; attempt?: number; url?: string; error?: unknown }[] = [];
	const stderr: string[] = [];
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	for (const stream of [child.stdout!, child.stderr!]) {
		createInterface({ input: stream }).on('line', (line) => {
			try {
				entries.push(JSON.parse(line) as (typeof entries)[number]);
			} catch {
				stderr.push(line);
			}
		});
	}
	cleanup.push(async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await exited;
		}
		removeDir(dataDir);
	});
	return { child, entries, stderr, exited };
}

describe('DATABASE_URL unreachable at start', () => {
	it('retries with one log line per attempt, then exits 1 with a clear message', async () => {
		const port = await closedPort();
		const server = startServerProcess({ DATABASE_URL: `postgres://gw:秘密口令@127.0.0.1:${port}/groundwork`, STORE_CONNECT_TIMEOUT_MS: '1500' });
		const { code } = await server.exited;
		expect(code).toBe(1);
		const retries = server.entries.filter((e) => e.msg === 'could not reach the Postgres store (DATABASE_URL); retrying');
		expect(retries.length).toBeGreaterThanOrEqual(2);
		expect(retries.map((e) => e.attempt)).toEqual(retries.map((_, i) => i + 1));
		expect(retries[0].error).toMatch(/ECONNREFUSED/);
		expect(server.entries.some((e) => e.msg === 'could not reach the Postgres store (DATABASE_URL); giving up' && e.level === 'error')).toBe(true);
		const last = server.stderr.filter((l) => l.startsWith('groundwork: '));
		expect(last).toHaveLength(1);
		expect(last[0]).toMatch(
			new RegExp(`^groundwork: could not reach the Postgres store \\(DATABASE_URL\\) after \\d+ attempts in [\\d.]+ s \\(STORE_CONNECT_TIMEOUT_MS=1500\\): .*ECONNREFUSED 127\\.0\\.0\\.1:${port}`)
		);
		// the password is never printed
		expect(JSON.stringify(server.entries) + server.stderr.join('\n')).not.toContain('秘密口令');
		expect(server.entries.some((e) => e.msg === 'groundwork listening')).toBe(false);
	});

	it('with STORE_CONNECT_TIMEOUT_MS=0 tries once', async () => {
		const port = await closedPort();
		const server = startServerProcess({ DATABASE_URL: `postgres://gw@127.0.0.1:${port}/groundwork`, STORE_CONNECT_TIMEOUT_MS: '0' });
		expect((await server.exited).code).toBe(1);
		expect(server.entries.filter((e) => e.msg?.endsWith('; retrying'))).toEqual([]);
		expect(server.stderr.join('\n')).toMatch(/could not reach the Postgres store \(DATABASE_URL\) after 1 attempt in/);
	});
});

describe.skipIf(await skipWithoutPostgres('the store-connect retry test that needs a real Postgres'))('DATABASE_URL reachable after a while', () => {
	it('does not retry what waiting cannot fix: a database that does not exist fails at once', async () => {
		const url = new URL(TEST_DATABASE_URL);
		url.pathname = `/gw_no_such_db_${process.pid}`;
		const server = startServerProcess({ DATABASE_URL: url.href, STORE_CONNECT_TIMEOUT_MS: '60000' });
		expect((await server.exited).code).toBe(1);
		expect(server.entries.filter((e) => e.msg?.endsWith('; retrying'))).toEqual([]);
		expect(JSON.stringify(server.entries.find((e) => e.msg === 'could not start')?.error)).toMatch(/does not exist/);
	});

	it('starts once the database answers, and serves', async () => {
		const schema = await createTestSchema();
		cleanup.push(() => schema.drop());
		const target = new URL(TEST_DATABASE_URL);
		const port = await closedPort();
		const url = new URL(TEST_DATABASE_URL);
		url.port = String(port);
		url.hostname = '127.0.0.1';
		const server = startServerProcess({ DATABASE_URL: url.href, DATABASE_SCHEMA: schema.schema, STORE_CONNECT_TIMEOUT_MS: '60000' });
		await waitFor(() => server.entries.some((e) => e.msg?.endsWith('; retrying')), 'a first failed attempt');
		expect(server.child.exitCode).toBeNull();

		// the database "comes up": a forwarder to the real Postgres on the port the server was given
		const sockets = new Set<Socket>();
		const forwarder: Server = createServer((inbound) => {
			const outbound = tcpConnect(Number(target.port || 5432), target.hostname);
			sockets.add(inbound).add(outbound);
			inbound.pipe(outbound).pipe(inbound);
			const end = () => {
				inbound.destroy();
				outbound.destroy();
			};
			inbound.on('error', end).on('close', end);
			outbound.on('error', end).on('close', end);
		});
		await new Promise<void>((resolve) => forwarder.listen(port, '127.0.0.1', resolve));
		cleanup.push(async () => {
			for (const s of sockets) s.destroy();
			await new Promise((resolve) => forwarder.close(resolve));
		});

		const listening = await waitFor(() => server.entries.find((e) => e.msg === 'groundwork listening'), 'the server to start', 60_000);
		expect(server.entries.some((e) => e.msg === 'reached the Postgres store (DATABASE_URL)')).toBe(true);
		const board = await createBoard(listening.url!, { title: '开店计划 4.5万' });
		const res = await fetch(`${listening.url}/api/boards/${board.id}/plan.json`, { headers: { authorization: `Bearer ${board.viewToken}` } });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { plan: { title?: string } }).plan.title).toBe('开店计划 4.5万');
	});
});
