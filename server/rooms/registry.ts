/**
 * The rooms registry: the live boards of this instance. Opens a board's room on its first
 * connection (or read), unloads it after `roomIdleMs` without clients (after committing and
 * compacting), drops peers that miss a ping, and asks the store for background upkeep (WAL
 * checkpoints) once a second when no commit is pending. The parts: connection.ts (a socket),
 * room.ts (a board), commit-queue.ts (commit before relay), compactor.ts (when to compact) and
 * the relay (relay/contract.ts) between instances.
 */
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Access } from '../auth.ts';
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { createInProcessRelay } from '../relay/in-process.ts';
import type { Relay } from '../relay/contract.ts';
import { loadingBoard } from '../storage-errors.ts';
import type { BoardStore } from '../store/contract.ts';
import { applyStoredState } from '../store/state.ts';
import { CLOSE_BAD_MESSAGE, CLOSE_GOING_AWAY, CLOSE_INTERNAL_ERROR, CLOSE_UNAUTHORIZED, CLOSE_UNKNOWN_BOARD } from './close-codes.ts';
import { createCommitQueue } from './commit-queue.ts';
import { createCompactor } from './compactor.ts';
import { closeConnection, createConnection, waitForClose } from './connection.ts';
import { Room } from './room.ts';

/** Dependencies of {@link createRooms}. */
export interface RoomsDeps {
	readonly store: BoardStore;
	/** The relay between instances (its owner closes it); default: in-process, this instance alone, closed with the rooms. */
	readonly relay?: Relay;
	readonly log: Logger;
	readonly config: Pick<
		ServerConfig,
		'roomIdleMs' | 'pingIntervalMs' | 'compactAfterUpdates' | 'maxMessageBytes' | 'awarenessMaxBytes' | 'awarenessPerSecond'
	>;
	/** Runs on every freshly loaded doc (the model's migrateDoc); its writes are stored like any update. */
	readonly prepareDoc?: (doc: Y.Doc) => void;
	/** Told when a board's room opens (its doc may change from now on). */
	readonly onOpen?: (boardId: string) => void;
	/**
	 * Given an idle room's doc just before it is unloaded, with the board's seq it holds through:
	 * everything in it is stored. Must not write.
	 */
	readonly onUnload?: (boardId: string, doc: Y.Doc, lastSeq: number) => void;
	/**
	 * With a distributed relay: how often (ms) each live room compares the seq it holds with the
	 * store's and fetches what it lacks (a relayed message lost with nothing after it). Default
	 * {@link STORE_CHECK_MS}.
	 */
	readonly storeCheckMs?: number;
}

/** Default of {@link RoomsDeps.storeCheckMs}: boards converge within a few seconds after a lost message. */
export const STORE_CHECK_MS = 2000;

/** Live numbers for logs and tests. */
export interface RoomStats {
	readonly rooms: number;
	readonly connections: number;
}

/** The room manager returned by {@link createRooms}. */
export interface Rooms {
	/** Attaches an authorised, open WebSocket to a board's room, loading the board if needed. */
	join(boardId: string, ws: WebSocket, access: Access): void;
	/**
	 * Runs `read` on the board's current document: the live one (after committing anything
	 * pending, so nothing uncommitted is read) or, when nobody has it open here, one loaded from
	 * the store — kept loaded as an idle room with `open: true` (the board page does this: its
	 * socket connects a moment later). `read` must not write to the doc. Resolves undefined if the
	 * board has no stored state; rejects with DamagedBoardError when its stored data cannot be read.
	 */
	readDoc<T>(boardId: string, read: (doc: Y.Doc) => T, options?: { open?: boolean }): Promise<T | undefined>;
	/**
	 * Runs `write` on the board's live document (loading it into an idle room when nobody has it
	 * open) after committing everything pending, so `write` sees committed state only; then
	 * commits what `write` changed before resolving, and relays it like any update. `write` must
	 * write through the model with a server origin; when it awaits, it writes after the await
	 * (the doc may have taken others' edits meanwhile). Resolves undefined for an unknown board or a
	 * closing server; rejects when the board cannot be loaded or the commit fails (the room is
	 * then dropped and reloads from the store).
	 */
	writeDoc<T>(boardId: string, write: (doc: Y.Doc) => T | Promise<T>): Promise<T | undefined>;
	/** Commits every pending update now (normally done once per event-loop turn); resolves once committed. */
	flush(): Promise<void>;
	/** Numbers of loaded rooms and open connections. */
	stats(): RoomStats;
	/** Open connections of one board, or undefined when its room is not loaded. */
	connectionsOf(boardId: string): number | undefined;
	/**
	 * Closes the board's connections that hold `access` with 4401, on every instance (a link was
	 * reset: its old token stops working at once). Returns how many were closed here.
	 */
	linkReset(boardId: string, access: Access): number;
	/**
	 * Drops the board's room without storing anything more, on every instance (the board is being
	 * deleted): pending updates are discarded and every connection is closed with 4404.
	 */
	boardDeleted(boardId: string): void;
	/** Commits, closes every connection with 1001, compacts and unloads every room. */
	close(): Promise<void>;
}

/**
 * Creates the room manager. It owns no module-level state: everything lives in the returned
 * object, so tests can run several servers in one process.
 */
export function createRooms({ store, relay: givenRelay, log, config, prepareDoc, onOpen, onUnload, storeCheckMs = STORE_CHECK_MS }: RoomsDeps): Rooms {
	const relay = givenRelay ?? createInProcessRelay();
	const rooms = new Map<string, Room>();
	const idleTimers = new Map<Room, NodeJS.Timeout>();
	const commits = createCommitQueue(store);
	const compactor = createCompactor({ store, log, compactAfterUpdates: config.compactAfterUpdates });
	let closed = false;

	const clearIdle = (room: Room) => {
		const timer = idleTimers.get(room);
		if (timer) clearTimeout(timer);
		idleTimers.delete(room);
	};

	const context = {
		store,
		relay,
		log,
		config,
		commits,
		compactor,
		maxBuffered: Math.max(64 * 1024 * 1024, 4 * config.maxMessageBytes),
		prepareDoc,
		onDestroyed: (room: Room) => {
			clearIdle(room);
			if (rooms.get(room.id) === room) rooms.delete(room.id);
		}
	};

	const unloadIfIdle = async (room: Room) => {
		idleTimers.delete(room);
		if (room.conns.size > 0 || room.state !== 'ready') return;
		if (!(await room.settle())) return; // the commit failed and dropped it
		await compactor.compact(room);
		// a client may have joined, or the room been dropped, meanwhile
		if (room.conns.size > 0 || room.state !== 'ready' || room.hasUncommitted) return;
		try {
			onUnload?.(room.id, room.doc, room.lastSeq);
		} catch (error) {
			log.warn('unload hook failed', { board: room.id, error });
		}
		room.destroy();
		log.debug('unloaded idle board', { board: room.id });
	};

	const scheduleIdle = (room: Room) => {
		if (idleTimers.has(room) || room.conns.size > 0 || room.state !== 'ready') return;
		const timer = setTimeout(() => void unloadIfIdle(room), config.roomIdleMs);
		timer.unref();
		idleTimers.set(room, timer);
	};

	const openRoom = (boardId: string): Room => {
		const existing = rooms.get(boardId);
		if (existing) return existing;
		onOpen?.(boardId);
		const room = new Room(boardId, context);
		rooms.set(boardId, room);
		void room.ready.then(() => scheduleIdle(room));
		return room;
	};

	const pingTimer = setInterval(() => {
		for (const room of rooms.values()) {
			for (const conn of room.conns) {
				if (!conn.alive) {
					log.debug('dropping dead peer', { board: room.id });
					conn.ws.terminate();
					continue;
				}
				conn.alive = false;
				try {
					conn.ws.ping();
				} catch {
					conn.ws.terminate();
				}
			}
		}
	}, config.pingIntervalMs);
	pingTimer.unref();

	// automatic WAL checkpoints are off (store/sqlite.ts): upkeep once a second, only when no
	// commit is pending, so its fsync never delays a relay
	const maintainTimer = setInterval(() => {
		if (!commits.idle) return;
		try {
			store.maintain();
		} catch (error) {
			log.warn('store upkeep failed', { error });
		}
	}, 1000);
	maintainTimer.unref();

	// a relayed message lost with nothing after it leaves no gap to notice: ask the store now and
	// then — ONE batched lookup for every live room of this instance, never one query per room,
	// and never a second while the last is still out (a slow store is not piled onto)
	let storeCheckRunning = false;
	const checkStore = async () => {
		const live = [...rooms.values()].filter((room) => room.state === 'ready');
		if (live.length === 0) return;
		let seqs: Map<string, number>;
		try {
			seqs = await store.lastSeqs(live.map((room) => room.id));
		} catch (error) {
			log.warn('could not compare the live boards with the store', { rooms: live.length, error });
			return;
		}
		for (const room of live) {
			if (room.state !== 'ready' || rooms.get(room.id) !== room) continue;
			const lastSeq = seqs.get(room.id);
			if (lastSeq === undefined) room.evict(CLOSE_UNKNOWN_BOARD, 'board deleted');
			else if (lastSeq > room.lastSeq) void room.fillFromStore(true);
		}
	};
	const storeCheckTimer = relay.distributed
		? setInterval(() => {
				if (storeCheckRunning) return;
				storeCheckRunning = true;
				checkStore()
					.catch((error: unknown) => log.error('comparing the live boards with the store failed', { error }))
					.finally(() => {
						storeCheckRunning = false;
					});
			}, storeCheckMs)
		: null;
	storeCheckTimer?.unref();

	/** A stored board read into a doc of its own (nobody has it open here). */
	const readStored = async <T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T | undefined> => {
		const state = await store.loadState(boardId);
		const doc = new Y.Doc();
		try {
			const loaded = loadingBoard(boardId, () => {
				if (!applyStoredState(doc, state)) return false;
				prepareDoc?.(doc);
				return true;
			});
			return loaded ? read(doc) : undefined;
		} finally {
			doc.destroy();
		}
	};

	return {
		join(boardId, ws, access) {
			if (closed) {
				ws.close(CLOSE_GOING_AWAY, 'server shutting down');
				return;
			}
			const room = openRoom(boardId);
			clearIdle(room);
			const conn = createConnection(ws, access, config.awarenessPerSecond);
			ws.on('message', (data, isBinary) => {
				conn.alive = true;
				if (conn.closing) return;
				if (!isBinary) {
					log.warn('closing connection: text frame', { board: boardId });
					closeConnection(conn, CLOSE_BAD_MESSAGE, 'expected a binary frame');
					return;
				}
				// kept a Buffer: relayed as is, ws sends it without wrapping it again
				const frame = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
				try {
					if (room.state === 'loading') conn.queue.push(frame);
					else if (room.state === 'ready') room.handleFrame(conn, frame);
				} catch (error) {
					// a bug, not bad input (that is answered 4400 above): it costs this socket, never the process
					log.error('closing connection: handling its frame failed', { board: boardId, error });
					closeConnection(conn, CLOSE_INTERNAL_ERROR, 'internal error');
				}
			});
			ws.on('pong', () => {
				conn.alive = true;
			});
			ws.on('error', (error) => {
				// ws emits this before closing with 1009 (frame too big) or on protocol violations.
				log.warn('connection error', { board: boardId, error: error.message });
			});
			ws.on('close', (code) => {
				log.debug('connection closed', { board: boardId, code });
				if (room.remove(conn)) scheduleIdle(room);
			});
			log.debug('connection opened', { board: boardId, access });
			room.add(conn);
		},

		async readDoc(boardId, read, options = {}) {
			let live = rooms.get(boardId);
			if (!live && options.open && !closed && (await store.getBoard(boardId))) live = openRoom(boardId);
			if (live) {
				await live.ready;
				if (live.state === 'ready' && (await live.settle())) return read(live.doc);
			}
			return readStored(boardId, read);
		},

		async writeDoc(boardId, write) {
			if (closed || !(await store.getBoard(boardId))) return undefined;
			const room = openRoom(boardId);
			await room.ready;
			if (room.state !== 'ready' || !(await room.settle())) throw new Error('the board could not be loaded');
			let result: Awaited<ReturnType<typeof write>>;
			try {
				result = await write(room.doc);
			} finally {
				await commits.flush(); // whatever `write` changed, even if it then threw, is committed before anything else
			}
			if (room.state !== 'ready') throw new Error('the change could not be stored');
			scheduleIdle(room);
			return result;
		},

		flush: () => commits.flush(),

		stats() {
			let connections = 0;
			for (const room of rooms.values()) connections += room.conns.size;
			return { rooms: rooms.size, connections };
		},

		connectionsOf(boardId) {
			return rooms.get(boardId)?.conns.size;
		},

		linkReset(boardId, access) {
			relay.publishEvent(boardId, { kind: 'link-reset', access });
			return rooms.get(boardId)?.disconnect(access, CLOSE_UNAUTHORIZED, `${access} link was reset`) ?? 0;
		},

		boardDeleted(boardId) {
			relay.publishEvent(boardId, { kind: 'deleted' });
			rooms.get(boardId)?.evict(CLOSE_UNKNOWN_BOARD, 'board deleted');
		},

		async close() {
			closed = true;
			clearInterval(pingTimer);
			clearInterval(maintainTimer);
			if (storeCheckTimer) clearInterval(storeCheckTimer);
			await Promise.all([...rooms.values()].map((room) => room.ready));
			await commits.flush();
			const sockets: WebSocket[] = [];
			const open = [...rooms.values()];
			for (const room of open) {
				for (const conn of room.conns) {
					sockets.push(conn.ws);
					closeConnection(conn, CLOSE_GOING_AWAY, 'server shutting down');
				}
			}
			// frames still arriving from closing sockets are ignored (closing); compact what is stored
			await Promise.all(open.map((room) => compactor.compact(room)));
			for (const room of open) room.destroy();
			if (!givenRelay) await relay.close();
			await waitForClose(sockets, 1000);
		}
	};
}
