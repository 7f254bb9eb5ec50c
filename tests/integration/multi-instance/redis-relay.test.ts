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
import type { RelayEvent, RelaySubscriber } from '../../../server/relay/contract.ts';
import { createRedisRelay, type RedisRelay } from '../../../server/relay/redis.ts';
import { waitFor } from '../helpers.ts';
import { TEST_REDIS_URL, announceSkip, redisAvailability, redisCommand, redisServerBinary, startPrivateRedis, uniquePrefix } from './services.ts';

const redis = await redisAvailability();
announceSkip('the Redis relay tests', redis.ok ? [] : [redis.reason]);
const privateRedis = redisServerBinary() !== undefined;

/** Everything a board's subscriber was told. */
interface Heard {
	updates: { seq: number; update: Uint8Array }[];
	awareness: { update: Uint8Array; from: string }[];
	events: { event: RelayEvent; from: string }[];
	resyncs: number;
	gone: string[];
}

function recorder(): { subscriber: RelaySubscriber; heard: Heard } {
	const heard: Heard = { updates: [], awareness: [], events: [], resyncs: 0, gone: [] };
	return {
		heard,
		subscriber: {
			update: (seq, update) => heard.updates.push({ seq, update: Uint8Array.from(update) }),
			awareness: (update, from) => heard.awareness.push({ update: Uint8Array.from(update), from }),
			event: (event, from) => heard.events.push({ event, from }),
			resync: () => heard.resyncs++,
			instanceGone: (id) => heard.gone.push(id)
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
	it('carries committed updates (seq, exact bytes), presence and events to the other instances, never back to the sender', async () => {
		const prefix = uniquePrefix();
		const [a, b] = [await relay(TEST_REDIS_URL, prefix), await relay(TEST_REDIS_URL, prefix)];
		const onA = recorder();
		const onB = recorder();
		await a.subscribe('board-1', onA.subscriber);
		await b.subscribe('board-1', onB.subscriber);

		const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256); // every kind of byte, NULs included
		a.publishUpdate('board-1', 41, bytes);
		a.publishUpdate('board-1', 42, Uint8Array.of(0, 0, 255));
		a.publishAwareness('board-1', presenceOf(7, 1, '王芳'));
		a.publishEvent('board-1', { kind: 'link-reset', access: 'view' });
		await waitFor(() => onB.heard.events.length === 1, 'the event on B');
		expect(onB.heard.updates.map((u) => u.seq)).toEqual([41, 42]);
		expect(onB.heard.updates[0].update).toEqual(bytes);
		expect(onB.heard.updates[1].update).toEqual(Uint8Array.of(0, 0, 255));
		expect(onB.heard.awareness).toHaveLength(1);
		expect(onB.heard.awareness[0].from).toBe(a.instanceId);
		expect(decodeAwarenessEntries(onB.heard.awareness[0].update)[0].stateJson).toContain('王芳');
		expect(onB.heard.events[0]).toEqual({ event: { kind: 'link-reset', access: 'view' }, from: a.instanceId });
		// B heard every update: no resync
		expect(onB.heard.resyncs).toBe(0);
		// B's own publishes do not come back to B; A hears them
		b.publishUpdate('board-1', 43, Uint8Array.of(43));
		await waitFor(() => onA.heard.updates.length === 1, 'B’s update on A');
		expect(onA.heard.updates[0].seq).toBe(43);
		expect(onB.heard.updates).toHaveLength(2);
		expect(onA.heard.awareness).toEqual([]);
	});

	it('sends an update too big for pub/sub as its seq only: the others fetch it from the store', async () => {
		const prefix = uniquePrefix();
		const [a, b] = [await relay(TEST_REDIS_URL, prefix), await relay(TEST_REDIS_URL, prefix)];
		const onB = recorder();
		await a.subscribe('big', recorder().subscriber);
		await b.subscribe('big', onB.subscriber);
		a.publishUpdate('big', 1, Uint8Array.of(1));
		a.publishUpdate('big', 2, new Uint8Array(256 * 1024 + 1));
		a.publishUpdate('big', 3, Uint8Array.of(3));
		await waitFor(() => onB.heard.updates.length === 2, 'the small updates on B');
		expect(onB.heard.updates.map((u) => u.seq)).toEqual([1, 3]);
		// update 2 came as its head: B was told to fetch (before update 3, which then closes nothing)
		expect(onB.heard.resyncs).toBe(1);
	});

	it('keeps runs with different prefixes, and boards, apart', async () => {
		const prefix = uniquePrefix();
		const [a, b, other] = [await relay(TEST_REDIS_URL, prefix), await relay(TEST_REDIS_URL, prefix), await relay(TEST_REDIS_URL, uniquePrefix())];
		const onB = recorder();
		const onB2 = recorder();
		const onOther = recorder();
		await a.subscribe('shared-id', recorder().subscriber);
		await b.subscribe('shared-id', onB.subscriber);
		await b.subscribe('another-board', onB2.subscriber);
		await other.subscribe('shared-id', onOther.subscriber);
		a.publishUpdate('shared-id', 1, Uint8Array.of(1));
		a.publishUpdate('another-board', 5, Uint8Array.of(5));
		// sent after the others: Redis delivers one connection's publishes in order
		a.publishUpdate('shared-id', 2, Uint8Array.of(2));
		await waitFor(() => onB.heard.updates.length === 2, 'both updates on B');
		await waitFor(() => onB2.heard.updates.length === 1, 'the other board’s update on B');
		expect(onB2.heard.updates[0].seq).toBe(5);
		expect(onOther.heard.updates).toEqual([]);
		expect(onOther.heard.events).toEqual([]);
	});

	it('reports an instance that says goodbye as gone at once', async () => {
		const prefix = uniquePrefix();
		const [a, b] = [await relay(TEST_REDIS_URL, prefix), await relay(TEST_REDIS_URL, prefix)];
		const onB = recorder();
		await b.subscribe('b', onB.subscriber);
		await a.subscribe('b', recorder().subscriber);
		a.publishAwareness('b', presenceOf(5, 3, '李雷'));
		await waitFor(() => onB.heard.awareness.length === 1, 'A’s presence on B');
		await a.close();
		await waitFor(() => onB.heard.gone.length === 1, 'A gone on B');
		expect(onB.heard.gone).toEqual([a.instanceId]);
	});

	it('reports an instance killed with SIGKILL as gone once its heartbeats stop', async () => {
		const prefix = uniquePrefix();
		const b = await relay(TEST_REDIS_URL, prefix, { heartbeatMs: 250, deadAfterMs: 1500 });
		const onB = recorder();
		await b.subscribe('board-k', onB.subscriber);
		const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./relay-child.ts', import.meta.url))], {
			env: { ...process.env, RELAY_URL: TEST_REDIS_URL, RELAY_PREFIX: prefix, RELAY_BOARD: 'board-k', RELAY_AWARENESS: Buffer.from(presenceOf(99, 2, '韩梅梅')).toString('base64') },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		const exited = new Promise((resolve) => child.once('exit', resolve));
		try {
			const childId = await new Promise<string>((resolve, reject) => {
				createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('ready ') && resolve(line.slice(6)));
				child.once('exit', (code) => reject(new Error(`relay child exited (${code})`)));
			});
			await waitFor(() => onB.heard.awareness.length === 1, 'the child’s presence on B');
			expect(onB.heard.awareness[0].from).toBe(childId);
			expect(onB.heard.gone).toEqual([]);
			child.kill('SIGKILL');
			await exited;
			await waitFor(() => onB.heard.gone.includes(childId), 'the killed instance to be reported gone');
			expect(onB.heard.gone).toEqual([childId]);
		} finally {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	});

	it('when an update is lost (its publisher’s connection dropped), the next one shows the gap and the head after it makes the room resync', async () => {
		const prefix = uniquePrefix();
		const a = await relay(TEST_REDIS_URL, prefix);
		const b = await relay(TEST_REDIS_URL, prefix);
		const onB = recorder();
		await a.subscribe('gap', recorder().subscriber);
		await b.subscribe('gap', onB.subscriber);
		a.publishUpdate('gap', 1, Uint8Array.of(1));
		await waitFor(() => onB.heard.updates.length === 1, 'update 1 on B');
		// cut A's publishing connection on the Redis side: what A publishes before it is back is lost
		const reconnects = logs.filter((line) => line.includes('connected again')).length;
		await redisCommand(TEST_REDIS_URL, ['CLIENT', 'KILL', 'ID', await clientId(`${prefix}${a.instanceId}:pub`)]);
		a.publishUpdate('gap', 2, Uint8Array.of(2));
		await waitFor(() => logs.filter((line) => line.includes('connected again')).length > reconnects, 'A to reconnect');
		a.publishUpdate('gap', 3, Uint8Array.of(3));
		await waitFor(() => onB.heard.updates.length === 2, 'update 3 on B');
		expect(onB.heard.updates.map((u) => u.seq)).toEqual([1, 3]);
		// the LAST update lost: only the head shows it, and B resyncs
		const resyncs = onB.heard.resyncs;
		await redisCommand(TEST_REDIS_URL, ['CLIENT', 'KILL', 'ID', await clientId(`${prefix}${a.instanceId}:pub`)]);
		a.publishUpdate('gap', 4, Uint8Array.of(4));
		await waitFor(() => onB.heard.resyncs > resyncs, 'B told to resync by the head');
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

	it('tells every open board to resync and ask for presence when Redis is back, and relays again', async () => {
		const server = await startPrivateRedis();
		started.push(server);
		const prefix = uniquePrefix();
		const a = await relay(server.url, prefix);
		const b = await relay(server.url, prefix);
		const onA = recorder();
		const onB = recorder();
		await a.subscribe('r', onA.subscriber);
		await b.subscribe('r', onB.subscriber);
		a.publishUpdate('r', 1, Uint8Array.of(1));
		await waitFor(() => onB.heard.updates.length === 1, 'update 1 on B');

		await server.kill();
		await waitFor(() => !a.connected() && !b.connected(), 'both relays to notice Redis is gone');
		a.publishUpdate('r', 2, Uint8Array.of(2)); // lost: nobody can hear it
		await server.start();
		await waitFor(() => onA.heard.resyncs >= 1 && onB.heard.resyncs >= 1, 'both boards told to resync');
		// each asked the other for its presence
		await waitFor(() => onA.heard.events.some((e) => e.event.kind === 'awareness-query') && onB.heard.events.some((e) => e.event.kind === 'awareness-query'), 'presence queries');
		a.publishUpdate('r', 3, Uint8Array.of(3));
		await waitFor(() => onB.heard.updates.length === 2, 'update 3 on B');
		expect(onB.heard.updates.map((u) => u.seq)).toEqual([1, 3]);
		expect(logs.some((line) => line.includes('connection lost'))).toBe(true);
		expect(logs.some((line) => line.includes('connected again'))).toBe(true);
	});

	it('does not keep a room waiting on a stalled Redis: subscribe resolves, and the room catches up once Redis answers', async () => {
		const server = await startPrivateRedis();
		started.push(server);
		const prefix = uniquePrefix();
		const a = await createRedisRelay({ url: server.url, prefix, log, subscribeWaitMs: 300 });
		relays.push(a);
		const onA = recorder();
		server.pause();
		try {
			await a.subscribe('stalled', onA.subscriber);
			expect(onA.heard.resyncs).toBe(0);
		} finally {
			server.resume();
		}
		await waitFor(() => onA.heard.resyncs === 1, 'the late subscription to make the room catch up');
		const b = await relay(server.url, prefix);
		await b.subscribe('stalled', recorder().subscriber);
		b.publishUpdate('stalled', 1, Uint8Array.of(1));
		await waitFor(() => onA.heard.updates.length === 1, 'B’s update on A');
	});

	it('starts without Redis, and relays once Redis is there', async () => {
		const server = await startPrivateRedis();
		started.push(server);
		await server.kill();
		const prefix = uniquePrefix();
		const a = await createRedisRelay({ url: server.url, prefix, log, connectTimeoutMs: 300, headDelayMs: 50 });
		relays.push(a);
		expect(a.connected()).toBe(false);
		const onA = recorder();
		// resolves without Redis: the resync later says messages may have been missed
		await a.subscribe('late', onA.subscriber);
		await server.start();
		await waitFor(() => onA.heard.resyncs >= 1, 'A told to resync once connected');
		const b = await relay(server.url, prefix);
		await b.subscribe('late', recorder().subscriber);
		b.publishUpdate('late', 7, Uint8Array.of(7));
		await waitFor(() => onA.heard.updates.length === 1, 'B’s update on A');
	});
});
