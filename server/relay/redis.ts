/**
 * The relay between server instances over Redis pub/sub (node-redis, `@redis/client`): when
 * `REDIS_URL` is set, every instance publishes what it committed and its clients' presence, and
 * delivers what the others committed to its open rooms.
 *
 * Channels (all under the configured key prefix): `<prefix>board:<boardId>` per open board, and
 * `<prefix>instances` for heartbeats and goodbyes. Frames are binary (wire.ts) and carry the
 * origin instance id (an instance ignores its own), the board id, and for updates the per-board
 * sequence number the store gave the update and its bytes.
 *
 * Redis pub/sub delivers at most once. What the relay does about it:
 * - A room that sees a gap in seq fetches the missing rows from the store (the room's job); a
 *   `head` message goes out a moment after each burst of updates (and again until it is sent), so a
 *   dropped LAST message is noticed too.
 * - When the subscriber connects (the first time, or again after Redis restarted or the
 *   connection dropped) and after a board's subscription is confirmed, every affected board is
 *   told to resync from the store, and asks the other instances for their presence states.
 * - Publishing while Redis is unreachable fails at once (no offline queue that would grow and
 *   replay stale frames): the others resync from the store when they, or we, reconnect.
 * - Presence: each instance sends a heartbeat every `heartbeatMs`; an instance silent for
 *   `deadAfterMs` (or that said goodbye) has its clients' states removed on every board
 *   (remote-presence.ts) — within a few seconds of a SIGKILL.
 */
import { createClient, type RedisClientType } from '@redis/client';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.ts';
import { RemotePresence } from './remote-presence.ts';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './wire.ts';

/** What the relay tells one open board (its room) about the other instances. */
export interface RelayBoardHandlers {
	/** Another instance committed `update` as the board's `seq`. */
	onUpdate(seq: number, update: Uint8Array): void;
	/** Another instance's log of the board reaches `seq`: fetch from the store if behind. */
	onHead(seq: number): void;
	/** A presence update from another instance (or the removal of a dead instance's clients). */
	onAwareness(update: Uint8Array): void;
	/** Messages may have been missed (the relay (re)connected or just subscribed): fetch what is missing from the store. */
	onResync(): void;
	/** Close the board's sockets holding `access` (`all`: every socket) with `code`. */
	onDisconnect(access: 'edit' | 'view' | 'all', code: number, reason: string): void;
	/** This instance's own clients' presence on the board as one awareness update, or null when none. */
	localAwareness(): Uint8Array | null;
}

/** One board as the relay sees it, returned by {@link RedisRelay.open}. */
export interface RelayBoard {
	/** Publishes an update committed as the board's `seq` (call only after the commit). */
	publishUpdate(seq: number, update: Uint8Array): void;
	/** Publishes a presence update of this instance's clients. */
	publishAwareness(update: Uint8Array): void;
	/** Tells the other instances to close sockets of the board (link reset, board deleted). */
	publishDisconnect(access: 'edit' | 'view' | 'all', code: number, reason: string): void;
	/** Unsubscribes (the room unloaded). Idempotent. */
	close(): void;
}

/** Options of {@link createRedisRelay}. */
export interface RedisRelayOptions {
	/** `redis://…` or `rediss://…`. */
	readonly url: string;
	/** Prefix of every channel name (several deployments or test runs on one Redis). */
	readonly prefix: string;
	readonly log: Logger;
	/** This instance's id (default: random). */
	readonly instanceId?: string;
	/** Heartbeat period (ms), default 1000. */
	readonly heartbeatMs?: number;
	/** Silence after which another instance counts as dead (ms), default 4000. */
	readonly deadAfterMs?: number;
	/** Quiet spell after a board's last published update before its `head` goes out (ms), default 250. */
	readonly headDelayMs?: number;
	/** How long {@link createRedisRelay} waits for the first connection before it goes on without (ms), default 5000. */
	readonly connectTimeoutMs?: number;
}

/** The relay returned by {@link createRedisRelay}. */
export interface RedisRelay {
	readonly instanceId: string;
	/** Subscribes to a board. One handler set per board per instance. */
	open(boardId: string, handlers: RelayBoardHandlers): RelayBoard;
	/** True while both connections to Redis are up. */
	connected(): boolean;
	/** Says goodbye (the others drop our clients' presence at once) and disconnects. Idempotent. */
	close(): Promise<void>;
}

interface OpenBoard {
	readonly handlers: RelayBoardHandlers;
	readonly channel: string;
	/** Highest seq this instance published for the board. */
	publishedSeq: number;
	/** Highest seq a `head` went out for. */
	headSeq: number;
	headTimer: NodeJS.Timeout | null;
}

/**
 * Connects to Redis and returns the relay (after the first connection, or after
 * `connectTimeoutMs` without one: then it keeps trying, logs it, and rooms resync once connected).
 */
export async function createRedisRelay(options: RedisRelayOptions): Promise<RedisRelay> {
	const { log, prefix } = options;
	const instanceId = options.instanceId ?? randomBytes(9).toString('base64url');
	const heartbeatMs = options.heartbeatMs ?? 1000;
	const headDelayMs = options.headDelayMs ?? 250;
	const instancesChannel = `${prefix}instances`;
	const boardChannel = (boardId: string) => `${prefix}board:${boardId}`;
	const presence = new RemotePresence(options.deadAfterMs ?? 4000);
	const boards = new Map<string, OpenBoard>();
	let closed = false;

	const clientOptions = (role: string) => ({
		url: options.url,
		// shows up in CLIENT LIST, so an operator (or a test) can tell the relay's connections apart
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
			log.error('redis relay: connection lost; rooms will resync from the store when it is back', { connection: name, error: error.message });
		});
		client.on('ready', () => {
			if (outage && publisher.isReady && subscriber.isReady) {
				outage = false;
				log.info('redis relay: connected again');
			}
		});
	}

	const publish = (message: RelayMessage, channel: string): Promise<boolean> => {
		if (closed || !publisher.isReady) return Promise.resolve(false);
		return publisher.publish(channel, Buffer.from(encodeRelayMessage(message))).then(
			() => true,
			() => false // unreachable right now: the others resync when the connection is back
		);
	};

	const deliverRemovals = (removals: ReturnType<RemotePresence['forget']>) => {
		for (const removal of removals) {
			const board = boards.get(removal.boardId);
			if (board) safely(removal.boardId, () => board.handlers.onAwareness(removal.update));
		}
	};

	const safely = (boardId: string, fn: () => void) => {
		try {
			fn();
		} catch (error) {
			log.error('redis relay: handling a relayed message failed', { board: boardId, error });
		}
	};

	const onFrame = (frame: Buffer) => {
		const message = decodeRelayMessage(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength));
		if (!message || message.origin === instanceId || closed) return;
		const now = performance.now();
		switch (message.kind) {
			case 'heartbeat':
				presence.heard(message.origin, now, message.intervalMs);
				return;
			case 'bye':
				deliverRemovals(presence.forget(message.origin));
				return;
			default:
				break;
		}
		const board = boards.get(message.boardId);
		if (!board) return;
		presence.heard(message.origin, now);
		const { handlers } = board;
		safely(message.boardId, () => {
			switch (message.kind) {
				case 'update':
					handlers.onUpdate(message.seq, message.update);
					return;
				case 'head':
					handlers.onHead(message.seq);
					return;
				case 'awareness':
					presence.noteAwareness(message.origin, message.boardId, message.update, now);
					handlers.onAwareness(message.update);
					return;
				case 'awareness-query': {
					const local = handlers.localAwareness();
					if (local) void publish({ kind: 'awareness', origin: instanceId, boardId: message.boardId, update: local }, board.channel);
					return;
				}
				case 'disconnect':
					handlers.onDisconnect(message.access, message.code, message.reason);
					return;
			}
		});
	};

	/** After (re)connecting or subscribing: the board may have missed messages, and needs the others' presence. */
	const catchUp = (boardId: string, board: OpenBoard) => {
		safely(boardId, () => board.handlers.onResync());
		void publish({ kind: 'awareness-query', origin: instanceId, boardId }, board.channel);
	};

	/** Subscribes the board's channel, then has it catch up (whatever was published before the subscription took effect was not heard). */
	const subscribeBoard = (boardId: string, board: OpenBoard) => {
		subscriber.subscribe(board.channel, onFrame, true).then(
			() => boards.get(boardId) === board && catchUp(boardId, board),
			// not connected: 'ready' subscribes it when the connection is there
			() => {}
		);
	};

	subscriber.on('ready', () => {
		// after a reconnect node-redis re-subscribes by itself; what was published meanwhile is lost,
		// so every open board catches up (subscribing again is a no-op for a channel already held)
		if (closed) return;
		for (const [boardId, board] of boards) subscribeBoard(boardId, board);
	});

	const connectFirst = async () => {
		await Promise.all([publisher.connect(), subscriber.connect()]);
		await subscriber.subscribe(instancesChannel, onFrame, true);
	};
	const first = connectFirst();
	let timer: NodeJS.Timeout | undefined;
	const timedOut = await Promise.race([
		first.then(() => false),
		new Promise<boolean>((resolve) => {
			timer = setTimeout(() => resolve(true), options.connectTimeoutMs ?? 5000);
		})
	]).finally(() => clearTimeout(timer));
	first.catch((error: unknown) => log.error('redis relay: could not connect', { error: error instanceof Error ? error.message : String(error) }));
	if (timedOut) log.error('redis relay: Redis is not reachable yet; serving anyway, rooms resync once it is', { prefix });

	const heartbeat = setInterval(() => {
		const now = performance.now();
		void publish({ kind: 'heartbeat', origin: instanceId, intervalMs: heartbeatMs }, instancesChannel);
		const gone = presence.expire(now);
		if (gone.origins.length > 0) log.info('redis relay: instances went silent; their presence is removed', { instances: gone.origins.length });
		deliverRemovals(gone.removals);
	}, heartbeatMs);
	heartbeat.unref();
	void publish({ kind: 'heartbeat', origin: instanceId, intervalMs: heartbeatMs }, instancesChannel);

	const sendHead = (boardId: string, board: OpenBoard) => {
		board.headTimer = null;
		const seq = board.publishedSeq;
		if (seq <= board.headSeq) return;
		void publish({ kind: 'head', origin: instanceId, boardId, seq }, board.channel).then((sent) => {
			if (sent) board.headSeq = Math.max(board.headSeq, seq);
			// not sent: try again later, until it is (or the board closes)
			else if (boards.get(boardId) === board && !board.headTimer && !closed) {
				board.headTimer = setTimeout(() => sendHead(boardId, board), Math.max(headDelayMs, 1000));
				board.headTimer.unref();
			}
		});
	};

	return {
		instanceId,

		open(boardId, handlers) {
			if (boards.has(boardId)) throw new Error(`relay: board ${boardId} is already open`);
			const channel = boardChannel(boardId);
			const board: OpenBoard = { handlers, channel, publishedSeq: 0, headSeq: 0, headTimer: null };
			boards.set(boardId, board);
			if (!closed && subscriber.isReady) subscribeBoard(boardId, board);
			let open = true;
			return {
				publishUpdate(seq, update) {
					if (!open) return;
					board.publishedSeq = Math.max(board.publishedSeq, seq);
					void publish({ kind: 'update', origin: instanceId, boardId, seq, update }, channel);
					if (board.headTimer) clearTimeout(board.headTimer);
					board.headTimer = setTimeout(() => sendHead(boardId, board), headDelayMs);
					board.headTimer.unref();
				},
				publishAwareness(update) {
					if (open) void publish({ kind: 'awareness', origin: instanceId, boardId, update }, channel);
				},
				publishDisconnect(access, code, reason) {
					void publish({ kind: 'disconnect', origin: instanceId, boardId, access, code, reason }, channel);
				},
				close() {
					if (!open) return;
					open = false;
					if (board.headTimer) clearTimeout(board.headTimer);
					// the last head goes out anyway: another instance may have missed our last update
					if (board.publishedSeq > board.headSeq) void publish({ kind: 'head', origin: instanceId, boardId, seq: board.publishedSeq }, channel);
					if (boards.get(boardId) === board) boards.delete(boardId);
					presence.dropBoard(boardId);
					if (!closed && subscriber.isReady) subscriber.unsubscribe(channel).catch(() => {});
				}
			};
		},

		connected: () => publisher.isReady && subscriber.isReady,

		async close() {
			if (closed) return;
			await publish({ kind: 'bye', origin: instanceId }, instancesChannel);
			closed = true;
			clearInterval(heartbeat);
			for (const board of boards.values()) if (board.headTimer) clearTimeout(board.headTimer);
			boards.clear();
			await Promise.allSettled([publisher.close(), subscriber.close()]);
			// a client that never connected has nothing to close gracefully: stop its reconnecting
			for (const client of [publisher, subscriber]) if (client.isOpen) client.destroy();
		}
	};
}
