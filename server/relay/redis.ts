/**
 * The relay between server instances over Redis pub/sub (`REDIS_URL`), implementing contract.ts
 * with node-redis (`@redis/client`, Redis's own client: maintained with the server, TypeScript
 * types, binary-safe pub/sub in buffer mode, automatic reconnect and re-subscribe).
 *
 * Channels, all under the key prefix (`REDIS_PREFIX`): `<prefix>board:<boardId>` per board an
 * instance has open, and `<prefix>instances` for heartbeats and goodbyes. Frames are binary
 * (wire.ts) and carry the origin instance id (an instance ignores its own), the board id, and for
 * updates the per-board seq the store gave the update and its bytes.
 *
 * Redis pub/sub delivers at most once. What the relay does about it:
 * - Rooms repair a gap in seq from the store. A `head` (the highest seq an instance published for
 *   the board) goes out a moment after each burst of updates, and again until it is sent, so a
 *   dropped LAST update is noticed too: a head above everything this instance heard or published
 *   for the board makes its room `resync()`.
 * - When the subscriber connection comes back (Redis restarted, the connection dropped), every
 *   open board is re-subscribed, told to `resync()` (fetch from the store, republish presence),
 *   and asks the other instances for their presence (`awareness-query`).
 * - An update bigger than `maxInlineBytes` travels as its head only: the others fetch it.
 * - Publishing while Redis is unreachable fails at once (no offline queue that would grow and
 *   replay stale frames later); the others resync when they, or we, reconnect.
 * - Liveness: each instance sends a heartbeat every `heartbeatMs`; an instance silent for
 *   `deadAfterMs` (or that said goodbye) is reported to every room as gone, which removes the
 *   presence states it published — within a few seconds of a SIGKILL.
 */
import { createClient, type RedisClientType } from '@redis/client';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Relay, RelayEvent, RelaySubscriber } from './contract.ts';
import { InstanceLiveness } from './liveness.ts';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './wire.ts';


/** After a reconnect, when the presence question is asked a second time (ms). */
const PRESENCE_QUERY_RETRY_MS = 1000;
/** Options of {@link createRedisRelay}. */
export interface RedisRelayOptions {
	/** `redis://…` or `rediss://…`. */
	readonly url: string;
	/** Prefix of every channel name (several deployments or test runs on one Redis). */
	readonly prefix: string;
	readonly log: Logger;
	/** Heartbeat period (ms), default 1000. */
	readonly heartbeatMs?: number;
	/** Silence after which another instance counts as gone (ms), default 4000. */
	readonly deadAfterMs?: number;
	/** Quiet spell after a board's last published update before its `head` goes out (ms), default 250. */
	readonly headDelayMs?: number;
	/**
	 * Largest update sent through Redis (bytes), default 256 KiB. A bigger one (a pasted plan, an
	 * import) goes out as its `head` only, and the others fetch it from the store: Redis drops a
	 * subscriber whose output buffer grows past its pub/sub limit (32 MB by default), which would
	 * cost every board on that instance a resync.
	 */
	readonly maxInlineBytes?: number;
	/** Longest `subscribe` waits for Redis to confirm (ms), default 1000; see there. */
	readonly subscribeWaitMs?: number;
	/** How long {@link createRedisRelay} waits for the first connection before it goes on without (ms), default 5000. */
	readonly connectTimeoutMs?: number;
}

/** The Redis relay: the contract plus its connection state. */
export interface RedisRelay extends Relay {
	/** True while both connections to Redis are up. */
	connected(): boolean;
}

interface Subscription {
	readonly subscriber: RelaySubscriber;
	readonly channel: string;
	/** Highest seq this instance published or heard for the board (heads above it mean something was missed). */
	knownSeq: number;
	/** Highest seq this instance published, and the highest a head went out for. */
	publishedSeq: number;
	headSeq: number;
	headTimer: NodeJS.Timeout | null;
}

/**
 * Connects to Redis and returns the relay, once connected or after `connectTimeoutMs` without a
 * connection (then it logs that, keeps trying, and rooms resync once it is there: an instance
 * serves its own clients correctly without Redis, it only cannot hear the others).
 */
export async function createRedisRelay(options: RedisRelayOptions): Promise<RedisRelay> {
	const { log, prefix } = options;
	const instanceId = randomUUID();
	const heartbeatMs = options.heartbeatMs ?? 1000;
	const headDelayMs = options.headDelayMs ?? 250;
	const maxInlineBytes = options.maxInlineBytes ?? 256 * 1024;
	const subscribeWaitMs = options.subscribeWaitMs ?? 1000;
	const instancesChannel = `${prefix}instances`;
	const liveness = new InstanceLiveness(options.deadAfterMs ?? 4000);
	const boards = new Map<string, Subscription>();
	let closed = false;

	const clientOptions = (role: string) => ({
		url: options.url,
		// shows in CLIENT LIST, so an operator (or a test) can tell the relay's connections apart
		name: `${prefix}${instanceId}:${role}`,
		// no offline queue: a publish while Redis is down fails now instead of replaying stale frames later
		disableOfflineQueue: true,
		socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000), connectTimeout: 5000 }
	});
	const publisher = createClient(clientOptions('pub')) as RedisClientType;
	const subscriber = createClient(clientOptions('sub')) as RedisClientType;
	let outage = false;
	for (const [name, client] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
		client.on('error', (error: Error) => {
			// node-redis reports every failed reconnect attempt: log the first of an outage only
			if (outage || closed) return;
			outage = true;
			log.error('redis relay: connection lost; boards resync from the store when it is back', { connection: name, error: error.message });
		});
		client.on('ready', () => {
			if (outage && publisher.isReady && subscriber.isReady) {
				outage = false;
				log.info('redis relay: connected again');
			}
		});
	}

	const safely = (boardId: string | undefined, fn: () => void) => {
		try {
			fn();
		} catch (error) {
			log.error('redis relay: a room failed to handle a relayed message', { board: boardId, error });
		}
	};

	const publish = (message: RelayMessage, channel: string): Promise<boolean> => {
		if (closed || !publisher.isReady) return Promise.resolve(false);
		return publisher.publish(channel, Buffer.from(encodeRelayMessage(message))).then(
			() => true,
			() => false // unreachable right now: the others resync when the connection is back
		);
	};

	const instanceGone = (origin: string) => {
		for (const [boardId, board] of boards) safely(boardId, () => board.subscriber.instanceGone(origin));
	};

	const onFrame = (frame: Buffer) => {
		const message = decodeRelayMessage(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength));
		if (!message || message.origin === instanceId || closed) return;
		const now = performance.now();
		if (message.kind === 'heartbeat') {
			liveness.heard(message.origin, now, message.intervalMs);
			return;
		}
		if (message.kind === 'bye') {
			liveness.forget(message.origin);
			instanceGone(message.origin);
			return;
		}
		liveness.heard(message.origin, now);
		const board = boards.get(message.boardId);
		if (!board) return;
		const { subscriber: room } = board;
		safely(message.boardId, () => {
			switch (message.kind) {
				case 'update':
					board.knownSeq = Math.max(board.knownSeq, message.seq);
					room.update(message.seq, message.update);
					return;
				case 'head':
					if (message.seq <= board.knownSeq) return;
					// the update(s) up to this seq never arrived: the room fetches them from the store
					board.knownSeq = message.seq;
					room.resync();
					return;
				case 'awareness':
					room.awareness(message.update, message.origin);
					return;
				case 'event':
					room.event(message.event, message.origin);
					return;
			}
		});
	};

	/**
	 * Subscribes a board's channel (true once Redis confirmed it); after a reconnect (`catchUp`) the
	 * board then catches up: what was published before the subscription took effect was not heard.
	 */
	const subscribeBoard = async (boardId: string, board: Subscription, catchUp: boolean): Promise<boolean> => {
		try {
			await subscriber.subscribe(board.channel, onFrame, true);
		} catch {
			return false; // not connected: 'ready' subscribes it when the connection is back
		}
		if (catchUp && boards.get(boardId) === board) catchUpBoard(boardId, board);
		return true;
	};

	const catchUpBoard = (boardId: string, board: Subscription) => {
		safely(boardId, () => board.subscriber.resync());
		const askForPresence = () => {
			if (boards.get(boardId) === board) void publish({ kind: 'event', origin: instanceId, boardId, event: { kind: 'awareness-query' } }, board.channel);
		};
		askForPresence();
		// an instance that gets its connection back after us was not subscribed yet when we asked
		// (pub/sub keeps nothing): ask once more a moment later
		setTimeout(askForPresence, PRESENCE_QUERY_RETRY_MS).unref();
	};

	subscriber.on('ready', () => {
		// after a reconnect node-redis re-subscribes by itself (subscribing again is a no-op for a
		// channel it holds, and fixes one it could not subscribe while down); what was published
		// meanwhile is lost, so every open board catches up
		if (!closed) for (const [boardId, board] of boards) void subscribeBoard(boardId, board, true);
	});

	const first = (async () => {
		await Promise.all([publisher.connect(), subscriber.connect()]);
		await subscriber.subscribe(instancesChannel, onFrame, true);
	})();
	let timer: NodeJS.Timeout | undefined;
	const timedOut = await Promise.race([
		first.then(
			() => false,
			() => false
		),
		new Promise<boolean>((resolve) => {
			timer = setTimeout(() => resolve(true), options.connectTimeoutMs ?? 5000);
		})
	]).finally(() => clearTimeout(timer));
	first.catch((error: unknown) => log.error('redis relay: could not connect', { error: error instanceof Error ? error.message : String(error) }));
	if (timedOut) log.error('redis relay: Redis is not reachable yet; serving anyway, boards resync once it is', { prefix });
	else log.info('redis relay: connected', { prefix, instance: instanceId });

	const heartbeat = setInterval(() => {
		void publish({ kind: 'heartbeat', origin: instanceId, intervalMs: heartbeatMs }, instancesChannel);
		const gone = liveness.expire(performance.now());
		if (gone.length > 0) log.info('redis relay: instances went silent; their presence is removed', { instances: gone.length });
		for (const origin of gone) instanceGone(origin);
	}, heartbeatMs);
	heartbeat.unref();
	void publish({ kind: 'heartbeat', origin: instanceId, intervalMs: heartbeatMs }, instancesChannel);

	const sendHead = (boardId: string, board: Subscription) => {
		board.headTimer = null;
		const seq = board.publishedSeq;
		if (seq <= board.headSeq) return;
		void publish({ kind: 'head', origin: instanceId, boardId, seq }, board.channel).then((sent) => {
			if (sent) board.headSeq = Math.max(board.headSeq, seq);
			// not sent: again later, until it is (or the board closes)
			else if (boards.get(boardId) === board && !board.headTimer && !closed) {
				board.headTimer = setTimeout(() => sendHead(boardId, board), Math.max(headDelayMs, 1000));
				board.headTimer.unref();
			}
		});
	};

	const unsubscribe = (boardId: string, board: Subscription) => {
		if (boards.get(boardId) !== board) return;
		boards.delete(boardId);
		if (board.headTimer) clearTimeout(board.headTimer);
		// the last head goes out anyway: another instance may have missed our last update
		if (board.publishedSeq > board.headSeq) void publish({ kind: 'head', origin: instanceId, boardId, seq: board.publishedSeq }, board.channel);
		if (!closed && subscriber.isReady) subscriber.unsubscribe(board.channel).catch(() => {});
	};

	return {
		instanceId,
		distributed: true,

		async subscribe(boardId, room) {
			const previous = boards.get(boardId);
			if (previous) unsubscribe(boardId, previous);
			const board: Subscription = { subscriber: room, channel: `${prefix}board:${boardId}`, knownSeq: 0, publishedSeq: 0, headSeq: 0, headTimer: null };
			boards.set(boardId, board);
			if (!closed && subscriber.isReady) {
				// a room waits for this before it loads the board: never longer than subscribeWaitMs (Redis
				// stalled); a subscription confirmed later makes the room catch up, as after a reconnect
				const subscribed = subscribeBoard(boardId, board, false);
				let timer: NodeJS.Timeout | undefined;
				const inTime = await Promise.race([subscribed, new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), subscribeWaitMs)))]);
				clearTimeout(timer);
				if (inTime === 'late') void subscribed.then((ok) => ok && boards.get(boardId) === board && catchUpBoard(boardId, board));
			}
			return () => unsubscribe(boardId, board);
		},

		publishUpdate(boardId, seq, update) {
			const board = boards.get(boardId);
			if (board) {
				board.publishedSeq = Math.max(board.publishedSeq, seq);
				board.knownSeq = Math.max(board.knownSeq, seq);
				if (board.headTimer) clearTimeout(board.headTimer);
				board.headTimer = setTimeout(() => sendHead(boardId, board), headDelayMs);
				board.headTimer.unref();
			}
			const channel = `${prefix}board:${boardId}`;
			if (update.length <= maxInlineBytes) void publish({ kind: 'update', origin: instanceId, boardId, seq, update }, channel);
			// too big for pub/sub: the head alone makes the others fetch it from the store (a later head repeats it if this one is lost)
			else void publish({ kind: 'head', origin: instanceId, boardId, seq }, channel);
		},

		publishAwareness(boardId, update) {
			void publish({ kind: 'awareness', origin: instanceId, boardId, update }, `${prefix}board:${boardId}`);
		},

		publishEvent(boardId, event: RelayEvent) {
			void publish({ kind: 'event', origin: instanceId, boardId, event }, `${prefix}board:${boardId}`);
		},

		connected: () => publisher.isReady && subscriber.isReady,

		async close() {
			if (closed) return;
			for (const [boardId, board] of [...boards]) unsubscribe(boardId, board);
			await publish({ kind: 'bye', origin: instanceId }, instancesChannel);
			closed = true;
			clearInterval(heartbeat);
			await Promise.allSettled([publisher.close(), subscriber.close()]);
			// a client that never connected has nothing to close gracefully: stop its reconnecting
			for (const client of [publisher, subscriber]) if (client.isOpen) client.destroy();
		}
	};
}
