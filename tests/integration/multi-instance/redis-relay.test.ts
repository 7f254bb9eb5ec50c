/**
 * The Redis relay (server/relay/redis.ts) against a real Redis: the machine's (own channel prefix
 * per run) and, for the restart test, a private redis-server this file starts and kills. Skips,
 * saying why, when Redis is not there.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decodeAwarenessEntries, encodeAwarenessEntries } from '../../../server/awareness-guard.ts';
import { createLogger } from '../../../server/log.ts';
import { createRedisRelay, type RedisRelay, type RelayBoard, type RelayBoardHandlers } from '../../../server/relay/redis.ts';
import { waitFor } from '../helpers.ts';
import { TEST_REDIS_URL, announceSkip, redisAvailability, redisCommand, redisServerBinary, startPrivateRedis, uniquePrefix } from './services.ts';

const redis = await redisAvailability();
announceSkip('the Redis relay tests', redis.ok ? [] : [redis.reason]);
const privateRedis = redisServerBinary() !== undefined;

/** Everything a board's handlers were told. */
interface Heard {
	updates: { seq: number; update: Uint8Array }[];
	heads: number[];
	awareness: Uint8Array[];
	resyncs: number;
	disconnects: { access: string; code: number; reason: string }[];
}

function recorder(localAwareness: Uint8Array | null = null): { handlers: RelayBoardHandlers; heard: Heard } {
	const heard: Heard = { updates: [], heads: [], awareness: [], resyncs: 0, disconnects: [] };
	return {
		heard,
		handlers: {
			onUpdate: (seq, update) => heard.updates.push({ seq, update: Uint8Array.from(update) }),
			onHead: (seq) => heard.heads.push(seq),
			onAwareness: (update) => heard.awareness.push(Uint8Array.from(update)),
			onResync: () => heard.resyncs++,
			onDisconnect: (access, code, reason) => heard.disconnects.push({ access, code, reason }),
			localAwareness: () => localAwareness
		}
	};
}

const logs: string[] = [];
const log = createLogger({ format: 'json', level: 'debug', write: (line) => logs.push(line) });
const relays: RedisRelay[] = [];
async function relay(url: string, prefix: string, options: { heartbeatMs?: number; deadAfterMs?: number } = {}): Promise<RedisRelay> {
	const r = await createRedisRelay({ url, prefix, log, headDelayMs: 50, ...options });
	relays.push(r);
	return r;
}

afterEach(async () => {
	await Promise.all(relays.splice(0).map((r) => r.close()));
});

const presenceOf = (clientId: number, clock: number, name: string) =>
	encodeAwarenessEntries([{ clientId, clock, stateJson: JSON.stringify({ user: { name } }) }]);

describe.skipIf(!redis.ok)('Redis relay', () => {
	it('carries committed updates (seq, exact bytes) and presence to the other instances, never back to the sender', async () => {
		const prefix = uniquePrefix();
		const [a, b] = [await relay(TEST_REDIS_URL, prefix), await relay(TEST_REDIS_URL, prefix)];
		const onA = recorder();
		const onB = recorder();
		const boardA = a.open('board-1', onA.handlers);
		b.open('board-1', onB.handlers);
		// both subscribed (each catches up once its subscription is confirmed)
		await waitFor(() => onA.heard.resyncs > 0 && onB.heard.resyncs > 0, 'subscriptions');

		const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256); // every kind of byte, NULs included
		boardA.publishUpdate(41, bytes);
		boardA.publishUpdate(42, Uint8Array.of(0, 0, 255));
		boardA.publishAwareness(presenceOf(7, 1, '王芳'));
		await waitFor(() => onB.heard.awareness.length === 1, 'presence on B');
		expect(onB.heard.updates.map((u) => u.seq)).toEqual([41, 42]);
		expect(onB.heard.updates[0].update).toEqual(bytes);
		expect(onB.heard.updates[1].update).toEqual(Uint8Array.of(0, 0, 255));
		expect(decodeAwarenessEntries(onB.heard.awareness[0])[0].stateJson).toContain('王芳');
		// a head follows the burst, so a dropped last update is noticed
		await waitFor(() => onB.heard.heads.includes(42), 'head 42 on B');
		expect(onA.heard.updates).toEqual([]);
		expect(onA.heard.awareness).toEqual([]);
		expect(onA.heard.heads).toEqual([]);
	});

	it('keeps runs with different prefixes and boards apart', async () => {
		const prefix = uniquePrefix();
		const [a, b, other] = [await relay(TEST_REDIS_URL, prefix), await relay(TEST_REDIS_URL, prefix), await relay(TEST_REDIS_URL, uniquePrefix())];
		const onB = recorder();
		const onB2 = recorder();
		const onOther = recorder();
		const onA = recorder();
		const boardA = a.open('shared-id', onA.handlers);
		b.open('shared-id', onB.handlers);
		b.open('another-board', onB2.handlers);
		other.open('shared-id', onOther.handlers);
		await waitFor(() => onA.heard.resyncs > 0 && onB.heard.resyncs > 0 && onB2.heard.resyncs > 0 && onOther.heard.resyncs > 0, 'subscriptions');
		boardA.publishUpdate(1, Uint8Array.of(1));
		await waitFor(() => onB.heard.updates.length === 1, 'the update on B');
		// the update to B went out after the others could have heard it: Redis delivers in publish order per connection
		boardA.publishUpdate(2, Uint8Array.of(2));
		await waitFor(() => onB.heard.updates.length === 2, 'the second update on B');
		expect(onOther.heard.updates).toEqual([]);
		expect(onB2.heard.updates).toEqual([]);
	});

	it('answers a newcomer’s presence query, relays link resets, and drops a stopping instance’s presence at once', async () => {
		const prefix = uniquePrefix();
		const a = await relay(TEST_REDIS_URL, prefix);
		const onA = recorder(presenceOf(5, 3, '李雷'));
		const boardA = a.open('b', onA.handlers);
		await waitFor(() => onA.heard.resyncs > 0, 'A subscribed');
		const b = await relay(TEST_REDIS_URL, prefix);
		const onB = recorder();
		b.open('b', onB.handlers);
		await waitFor(() => onB.heard.awareness.length > 0, 'A’s presence answering B’s query');
		expect(decodeAwarenessEntries(onB.heard.awareness[0])).toEqual([{ clientId: 5, clock: 3, stateJson: '{"user":{"name":"李雷"}}' }]);
		// B only learns whose client 5 is from the answer: A's goodbye removes it
		boardA.publishDisconnect('view', 4401, 'link reset');
		await waitFor(() => onB.heard.disconnects.length === 1, 'disconnect on B');
		expect(onB.heard.disconnects[0]).toEqual({ access: 'view', code: 4401, reason: 'link reset' });
		await a.close();
		await waitFor(() => onB.heard.awareness.length === 2, 'the removal after A’s goodbye');
		expect(decodeAwarenessEntries(onB.heard.awareness[1])).toEqual([{ clientId: 5, clock: 4, stateJson: 'null' }]);
	});

	it('removes the presence of an instance killed with SIGKILL once its heartbeats stop', async () => {
		const prefix = uniquePrefix();
		const b = await relay(TEST_REDIS_URL, prefix, { heartbeatMs: 250, deadAfterMs: 1500 });
		const onB = recorder();
		b.open('board-k', onB.handlers);
		await waitFor(() => onB.heard.resyncs > 0, 'B subscribed');
		const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./relay-child.ts', import.meta.url))], {
			env: { ...process.env, RELAY_URL: TEST_REDIS_URL, RELAY_PREFIX: prefix, RELAY_BOARD: 'board-k', RELAY_AWARENESS: Buffer.from(presenceOf(99, 2, '韩梅梅')).toString('base64') },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		const exited = new Promise((resolve) => child.once('exit', resolve));
		try {
			await new Promise<void>((resolve, reject) => {
				createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('ready') && resolve());
				child.once('exit', (code) => reject(new Error(`relay child exited (${code})`)));
			});
			await waitFor(() => onB.heard.awareness.length >= 1, 'the child’s presence on B');
			const before = onB.heard.awareness.length;
			child.kill('SIGKILL');
			await exited;
			const removal = await waitFor(
				() => onB.heard.awareness.slice(before).find((u) => decodeAwarenessEntries(u).some((e) => e.clientId === 99 && e.stateJson === 'null')),
				'the killed instance’s presence to be removed'
			);
			expect(decodeAwarenessEntries(removal)).toEqual([{ clientId: 99, clock: 3, stateJson: 'null' }]);
		} finally {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	});

	it('passes a gap on when a publish is lost (its connection dropped), then the head that shows it', async () => {
		const prefix = uniquePrefix();
		const a = await relay(TEST_REDIS_URL, prefix);
		const b = await relay(TEST_REDIS_URL, prefix);
		const onA = recorder();
		const onB = recorder();
		const boardA = a.open('gap', onA.handlers);
		b.open('gap', onB.handlers);
		await waitFor(() => onA.heard.resyncs > 0 && onB.heard.resyncs > 0, 'subscriptions');
		boardA.publishUpdate(1, Uint8Array.of(1));
		await waitFor(() => onB.heard.updates.length === 1, 'update 1 on B');
		// cut A's publishing connection on the Redis side: what A publishes before it is back is lost
		const reconnects = logs.filter((line) => line.includes('connected again')).length;
		await redisCommand(TEST_REDIS_URL, ['CLIENT', 'KILL', 'ID', await clientId(`${prefix}${a.instanceId}:pub`)]);
		boardA.publishUpdate(2, Uint8Array.of(2));
		await waitFor(() => logs.filter((line) => line.includes('connected again')).length > reconnects, 'A to reconnect');
		boardA.publishUpdate(3, Uint8Array.of(3));
		await waitFor(() => onB.heard.heads.includes(3), 'head 3 on B');
		expect(onB.heard.updates.map((u) => u.seq)).toEqual([1, 3]);
	});
});

/** The CLIENT LIST id of the connection named `name`. */
async function clientId(name: string): Promise<string> {
	const list = String(await redisCommand(TEST_REDIS_URL, ['CLIENT', 'LIST']));
	const line = list.split('\n').find((l) => l.includes(` name=${name} `));
	if (!line) throw new Error(`no Redis client named ${name}`);
	return /\bid=(\d+)/.exec(line)![1];
}

describe.skipIf(!redis.ok || !privateRedis)('Redis relay across a Redis restart', () => {
	const started: Awaited<ReturnType<typeof startPrivateRedis>>[] = [];
	afterAll(async () => {
		await Promise.all(started.map((r) => r.remove()));
	});

	it('tells every open board to resync when Redis is back, and relays again', async () => {
		const server = await startPrivateRedis();
		started.push(server);
		const prefix = uniquePrefix();
		const a = await relay(server.url, prefix);
		const b = await relay(server.url, prefix);
		const onA = recorder();
		const onB = recorder();
		const boardA = a.open('r', onA.handlers);
		b.open('r', onB.handlers);
		await waitFor(() => onA.heard.resyncs === 1 && onB.heard.resyncs === 1, 'subscriptions');
		boardA.publishUpdate(1, Uint8Array.of(1));
		await waitFor(() => onB.heard.updates.length === 1, 'update 1 on B');

		await server.kill();
		await waitFor(() => !a.connected() && !b.connected(), 'both relays to notice Redis is gone');
		boardA.publishUpdate(2, Uint8Array.of(2)); // lost: nobody can hear it
		await server.start();
		await waitFor(() => onA.heard.resyncs >= 2 && onB.heard.resyncs >= 2, 'both boards told to resync');
		boardA.publishUpdate(3, Uint8Array.of(3));
		await waitFor(() => onB.heard.updates.length === 2, 'update 3 on B');
		expect(onB.heard.updates.map((u) => u.seq)).toEqual([1, 3]);
		expect(logs.some((line) => line.includes('connection lost'))).toBe(true);
		expect(logs.some((line) => line.includes('connected again'))).toBe(true);
	});
});
