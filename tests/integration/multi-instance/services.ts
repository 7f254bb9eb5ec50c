/**
 * The outside services the multi-instance suite runs against, found (never started) here:
 * Redis on this machine (`.ci/run` starts it; Postgres: tests/support/postgres.ts) and the nginx binary. Each test run
 * isolates itself: its own Redis key prefix and Postgres schema. Tests that need a service skip,
 * and say so once, when it cannot be reached; `npm test` then still passes on a bare machine.
 *
 * Also: a private `redis-server` on a free port in a temp dir, which a test may kill and restart
 * (never the shared one).
 */
import { createClient } from '@redis/client';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Redis the suite uses; env `TEST_REDIS_URL`, default the machine's 127.0.0.1:6379. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
/** Whether a service can be used, and if not, why. */
export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** A key prefix no other run uses (Redis channels). */
export function uniquePrefix(label = 'gw-test'): string {
	return `${label}:${process.pid}-${randomBytes(4).toString('hex')}:`;
}

/** Can Redis at `url` answer PING within a second? */
export async function redisAvailability(url = TEST_REDIS_URL): Promise<Availability> {
	const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
	client.on('error', () => {});
	try {
		await client.connect();
		await client.ping();
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: `Redis at ${url} is not reachable (${error instanceof Error ? error.message : String(error)})` };
	} finally {
		if (client.isOpen) client.destroy();
	}
}

/** Path of the nginx binary, or undefined. */
export function nginxBinary(): string | undefined {
	for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
	const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
	return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

/** Path of the redis-server binary, or undefined. */
export function redisServerBinary(): string | undefined {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

/** Prints once, plainly, that (part of) the suite is skipped and why (`hint`: what would make it run). */
export function announceSkip(what: string, reasons: readonly string[], hint = 'start the services (bash .ci/services.sh) to run it'): void {
	if (reasons.length === 0) return;
	console.warn(`SKIPPED ${what}: ${reasons.join('; ')}${hint ? ` — ${hint}` : ''}.`);
}

/** A free TCP port on 127.0.0.1 (closed again at once: bind it soon). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** A redis-server of the test's own, which it may kill and start again on the same port. */
export interface PrivateRedis {
	readonly url: string;
	readonly port: number;
	/** Starts it (again) on the same port; resolves once it answers PING. */
	start(): Promise<void>;
	/** SIGKILL: a crash, as the clients see it. Resolves once it is gone. */
	kill(): Promise<void>;
	/** SIGSTOP / SIGCONT: a stalled server (connections stay open, nothing is answered) and back. */
	pause(): void;
	resume(): void;
	/** Kills it and removes its directory. */
	remove(): Promise<void>;
}

/** Starts a private redis-server (no persistence) on a free port in a temp dir. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
	const binary = redisServerBinary();
	if (!binary) throw new Error('redis-server is not installed');
	const dir = mkdtempSync(join(tmpdir(), 'gw-redis-'));
	const port = await freePort();
	const url = `redis://127.0.0.1:${port}`;
	let child: ChildProcess | null = null;
	let exited: Promise<void> = Promise.resolve();
	const self: PrivateRedis = {
		url,
		port,
		async start() {
			if (child) return;
			const proc = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
				stdio: 'ignore'
			});
			child = proc;
			exited = new Promise((resolve) => proc.once('exit', () => resolve()));
			const deadline = Date.now() + 10_000;
			for (;;) {
				if ((await redisAvailability(url)).ok) return;
				if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`private redis-server on ${port} did not start`);
				await new Promise((r) => setTimeout(r, 50));
			}
		},
		async kill() {
			const proc = child;
			child = null;
			if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
			await exited;
		},
		pause() {
			child?.kill('SIGSTOP');
		},
		resume() {
			child?.kill('SIGCONT');
		},
		async remove() {
			self.resume();
			await self.kill();
			rmSync(dir, { recursive: true, force: true });
		}
	};
	await self.start();
	return self;
}

/** Runs one command on Redis at `url` (for tests: CLIENT KILL, PUBSUB …). */
export async function redisCommand(url: string, args: string[]): Promise<unknown> {
	const client = createClient({ url, socket: { reconnectStrategy: false } });
	client.on('error', () => {});
	await client.connect();
	try {
		return await client.sendCommand(args);
	} finally {
		client.destroy();
	}
}
