/**
 * Live boards ("rooms"): one Y.Doc + Awareness per open board, shared by its WebSocket
 * connections. Guarantees: stored state is loaded before the first sync reply; every document
 * update is committed to the store before any frame that could carry it leaves the process;
 * an update Yjs rejects is neither stored nor relayed and closes only its sender (a doc it got
 * partway into is replaced by a fresh load from the store; the other peers keep their sockets);
 * a connection sets and removes only its own awareness client id, with states of bounded size at
 * a bounded rate (awareness-guard.ts), and its state is removed for everyone when it closes; dead peers are dropped
 * by ping/pong; a room past `compactAfterUpdates` is compacted once it is quiet (at twice that,
 * at once; a big board's encoding runs on the store's worker thread); an idle room is flushed,
 * compacted and unloaded.
 *
 * Hot path of an edit: the client's update is applied once (Yjs's decoder is the validation), then
 * the received bytes themselves are committed — at once after a quiet spell, else in one
 * transaction per event-loop turn for all rooms — and the received frame itself is relayed, one
 * Buffer shared by every peer. The doc has no 'update' listener, so Yjs never re-encodes a
 * transaction. WAL checkpoints and the compaction of big live boards run on a worker thread (store-worker.ts).
 */
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Access } from './auth.ts';
import type { ServerConfig } from './config.ts';
import type { Logger } from './log.ts';
import { applyStoredState, type Store } from './store.ts';
import { decodeAwarenessEntries, encodeAwarenessEntries, ownEntryOf, stateBytes } from './awareness-guard.ts';
import { RateBucket } from './rate-limit.ts';
import { DamagedBoardError, loadingBoard } from './storage-errors.ts';
import {
	ProtocolError,
	RejectedUpdate,
	applyClientUpdate,
	decodeClientMessage,
	effectOf,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2Update,
	encodeUpdate,
	isEmptyStateVector,
	transactionChanged
} from './sync.ts';

/** Quiet spell (ms) after which an update is committed and relayed at once rather than at the end of the event-loop turn. */
const QUIET_MS = 2;
/**
 * Quiet spell (ms) a board past `compactAfterUpdates` waits for before it is compacted, so
 * writing the snapshot (and, without the store's worker, encoding it) does not hold up edits in
 * flight. Past twice the threshold it is compacted at once, edits or not.
 */
const COMPACT_QUIET_MS = 50;
/**
 * Size (bytes) of a board's last snapshot above which a live board is compacted on the store's
 * worker. Below it, encoding the doc here takes a few ms (180 KB: ~5 ms warm), less than the
 * worker spends rebuilding the doc from the stored rows on a machine whose cores are all busy;
 * above it, encoding here stalls every relay (a 4,000-card board, 1.1 MB: ~37 ms warm, ~115 ms cold).
 */
const BACKGROUND_COMPACT_BYTES = 256 * 1024;

/** Close code: the frame was not a valid message, or Yjs rejected its update. */
export const CLOSE_BAD_MESSAGE = 4400;
/** Close code: no or invalid token. */
export const CLOSE_UNAUTHORIZED = 4401;
/** Close code: no such board. */
export const CLOSE_UNKNOWN_BOARD = 4404;
/**
 * Close code: the board's stored data cannot be read (damaged bytes). Final: the stock provider
 * does not reconnect on 4400–4499, and the app shows the person an error page.
 */
export const CLOSE_DAMAGED_BOARD = 4422;
/** Close code: server shutting down (clients reconnect). */
export const CLOSE_GOING_AWAY = 1001;
/** Close code: the room was dropped and will reload from the store (clients reconnect): storage failed. */
export const CLOSE_INTERNAL_ERROR = 1011;
/** Close code: the peer does not read its frames fast enough (clients reconnect). */
export const CLOSE_TRY_AGAIN_LATER = 1013;

/** Dependencies of {@link createRooms}. */
export interface RoomsDeps {
	readonly store: Store;
	readonly log: Logger;
	readonly config: Pick<
		ServerConfig,
		'roomIdleMs' | 'pingIntervalMs' | 'compactAfterUpdates' | 'maxMessageBytes' | 'awarenessMaxBytes' | 'awarenessPerSecond'
	>;
	/** Runs on every freshly loaded doc (the model's migrateDoc); its writes are stored like any update. */
	readonly prepareDoc?: (doc: Y.Doc) => void;
	/** Told when a board's room opens (its doc may change from now on). */
	readonly onOpen?: (boardId: string) => void;
	/** Given an idle room's doc just before it is unloaded: everything in it is stored, nothing changes it until it opens again. Must not write. */
	readonly onUnload?: (boardId: string, doc: Y.Doc) => void;
}

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
	 * pending, so nothing uncommitted is read) or, when nobody has it open, one loaded from the
	 * store — kept loaded as an idle room with `open: true` (the board page does this: its socket
	 * connects a moment later). `read` must not write to the doc. Resolves undefined if the board
	 * has no stored state; rejects with DamagedBoardError when its stored data cannot be read.
	 */
	readDoc<T>(boardId: string, read: (doc: Y.Doc) => T, options?: { open?: boolean }): Promise<T | undefined>;
	/**
	 * Runs `write` on the board's live document (loading it into an idle room when nobody has it
	 * open) after committing everything pending, so `write` sees committed state only; then
	 * commits what `write` changed before resolving, and relays it like any update. `write` must
	 * write through the model with a server origin. Resolves undefined for an unknown board or a
	 * closing server; rejects when the board cannot be loaded or the commit fails (the room is
	 * then dropped and reloads from the store).
	 */
	writeDoc<T>(boardId: string, write: (doc: Y.Doc) => T): Promise<T | undefined>;
	/** Commits every pending update now (normally done once per event-loop turn). */
	flush(): void;
	/** Numbers of loaded rooms and open connections. */
	stats(): RoomStats;
	/** Open connections of one board, or undefined when its room is not loaded. */
	connectionsOf(boardId: string): number | undefined;
	/**
	 * Closes the board's connections that hold `access` with `code` (a link was reset: its old
	 * token stops working at once). Returns how many were closed.
	 */
	disconnect(boardId: string, access: Access, code: number, reason: string): number;
	/**
	 * Drops the board's room without storing anything more (the board is being deleted): pending
	 * updates are discarded and every connection is closed with `code`. No-op when not loaded.
	 */
	evict(boardId: string, code: number, reason: string): void;
	/** Flushes, closes every connection with 1001, compacts and unloads every room. */
	close(): Promise<void>;
}

interface Connection {
	readonly ws: WebSocket;
	readonly access: Access;
	/** Frames received before the room finished loading, in order. */
	readonly queue: Uint8Array[];
	/** The awareness client id this connection owns (see awareness-guard.ts), null until it announced one. */
	ownId: number | null;
	/** Rate of its applied awareness updates. */
	readonly awarenessRate: RateBucket;
	/** Its latest awareness update over the rate, applied when the rate allows (newer ones replace it). */
	heldAwareness: Uint8Array | null;
	heldTimer: NodeJS.Timeout | null;
	/** An oversized state was already logged for this connection. */
	warnedOversize: boolean;
	alive: boolean;
	/** Set once we decided to close it: its frames are ignored from then on. */
	closing: boolean;
}

type Outgoing = { readonly to: Connection; readonly frame: Uint8Array } | { readonly except: Connection | null; readonly frame: Uint8Array };

interface Room {
	readonly id: string;
	/** The live document; replaced by a fresh load when a rejected update had changed part of it (reloadDoc). */
	doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns: Set<Connection>;
	/** Which connection owns each awareness client id set on this board. */
	readonly owners: Map<number, Connection>;
	state: 'loading' | 'ready' | 'closed';
	ready: Promise<void>;
	/** Updates applied to `doc` but not yet committed, as received (or as encoded, for writes made on the server). */
	pending: Uint8Array[];
	/** Frames held back until `pending` is committed, in send order. */
	outbox: Outgoing[];
	/** Highest committed sequence number of this board. */
	lastSeq: number;
	/** Committed updates not yet folded into the snapshot. */
	uncompacted: number;
	/** The doc's full state as one update while the doc is unchanged since load/compaction (the stored snapshot), else null. */
	fullState: Uint8Array | null;
	idleTimer: NodeJS.Timeout | null;
	/** Pending quiet-spell compaction (see {@link COMPACT_QUIET_MS}), re-armed by every commit. */
	compactTimer: NodeJS.Timeout | null;
	/** A compaction is being encoded on the store's worker. */
	folding: boolean;
	/** Size of the board's last snapshot (bytes): how long encoding its doc takes, roughly. */
	snapshotBytes: number;
}

/**
 * Creates the room manager. It owns no module-level state: everything lives in the returned
 * object, so tests can run several servers in one process.
 */
export function createRooms({ store, log, config, prepareDoc, onOpen, onUnload }: RoomsDeps): Rooms {
	const rooms = new Map<string, Room>();
	const dirty = new Set<Room>();
	/** Every connection ever joined: the origins of client transactions, which handleFrame stores itself. */
	const clientOrigins = new WeakSet<object>();
	let flushScheduled = false;
	/** When the last commit ended (performance.now() ms). */
	let lastFlushEnd = -Infinity;
	let closed = false;
	const maxBuffered = Math.max(64 * 1024 * 1024, 4 * config.maxMessageBytes);

	const rawSend = (room: Room, conn: Connection, frame: Uint8Array) => {
		if (conn.closing || conn.ws.readyState !== conn.ws.OPEN) return;
		if (conn.ws.bufferedAmount > maxBuffered) {
			log.warn('dropping slow connection', { board: room.id, bufferedBytes: conn.ws.bufferedAmount });
			closeConn(conn, CLOSE_TRY_AGAIN_LATER, 'too slow');
			return;
		}
		conn.ws.send(frame);
	};

	const deliver = (room: Room, out: Outgoing) => {
		if ('to' in out) {
			if (room.conns.has(out.to)) rawSend(room, out.to, out.frame);
			return;
		}
		for (const conn of room.conns) if (conn !== out.except) rawSend(room, conn, out.frame);
	};

	/** Sends now, or after the pending commit when one is outstanding (keeps order, never leaks uncommitted state). */
	const send = (room: Room, out: Outgoing) => {
		if (room.pending.length > 0 || room.outbox.length > 0) room.outbox.push(out);
		else deliver(room, out);
	};

	const closeConn = (conn: Connection, code: number, reason: string) => {
		conn.closing = true;
		try {
			conn.ws.close(code, reason.slice(0, 120));
		} catch {
			conn.ws.terminate();
		}
	};

	/**
	 * Folds the room's committed updates into its snapshot. A big board (see
	 * {@link BACKGROUND_COMPACT_BYTES}) that is live, just loaded or being unloaded has its stored
	 * updates encoded on the store's worker, so no relay of any board waits for the encoding (the
	 * worker reads what is committed; the room goes on meanwhile, or is gone); small boards, and
	 * every board at shutdown (`here`) or when the worker is unavailable, encode their doc here.
	 */
	const compactRoom = (room: Room, when: 'live' | 'unload' | 'here') => {
		if (room.compactTimer) clearTimeout(room.compactTimer);
		room.compactTimer = null;
		if (room.uncompacted === 0) return;
		if (when !== 'here' && room.snapshotBytes > BACKGROUND_COMPACT_BYTES) {
			// a live room asks again at its next commit past the threshold; an unloading one cannot
			if (room.folding && when === 'live') return;
			const throughSeq = room.lastSeq;
			const folded = room.uncompacted;
			const started = store.compactInBackground(room.id, throughSeq, (result) => {
				room.folding = false;
				if ('error' in result) {
					// the updates are still stored: folded next time (the next load, if the room is gone)
					if (result.closing) log.debug('background compaction dropped: the store closed', { board: room.id });
					else log.error('compaction failed', { board: room.id, error: result.error });
					room.uncompacted += folded;
					return;
				}
				log.debug('compacted board', { board: room.id, folded, inBackground: true });
				if (!result.snapshot) return;
				room.snapshotBytes = result.snapshot.length;
				// nothing committed or applied since: the snapshot is the doc's full state
				if (room.state === 'ready' && room.lastSeq === throughSeq && room.pending.length === 0) room.fullState = result.snapshot;
			});
			if (started) {
				room.folding = true;
				room.uncompacted = 0;
				return;
			}
		}
		try {
			const snapshot = Y.encodeStateAsUpdate(room.doc);
			if (store.writeSnapshot(room.id, snapshot, room.lastSeq)) room.fullState = snapshot;
			room.snapshotBytes = snapshot.length;
			log.debug('compacted board', { board: room.id, folded: room.uncompacted });
			room.uncompacted = 0;
		} catch (error) {
			log.error('compaction failed', { board: room.id, error });
		}
	};

	/** Drops a room whose in-memory state may differ from the store; clients reconnect and resync. */
	const failRoom = (room: Room, error: unknown) => {
		log.error('storage failed; dropping room', { board: room.id, error });
		room.pending = [];
		room.outbox = [];
		for (const conn of room.conns) closeConn(conn, CLOSE_INTERNAL_ERROR, 'storage error');
		destroyRoom(room);
	};

	/**
	 * Replaces the doc of a room whose doc holds changes that are not stored (a rejected update got
	 * partway in) by a fresh load from the store, behind the scenes: what is pending is committed
	 * (and relayed) first, so the store then holds exactly what every peer has been sent, and the
	 * peers keep their sockets and their state. Only if the store fails is the room dropped.
	 */
	const reloadDoc = (room: Room) => {
		flush();
		if (room.state !== 'ready') return; // the flush failed and already dropped it
		const fresh = new Y.Doc();
		let state;
		try {
			state = store.loadState(room.id);
			applyStoredState(fresh, state);
		} catch (error) {
			fresh.destroy();
			failRoom(room, error);
			return;
		}
		const stale = room.doc;
		room.doc = fresh;
		watchServerWrites(room, fresh);
		room.fullState = state.updates.length === 0 ? state.snapshot : null;
		stale.destroy();
		log.warn('reloaded board from the store: a rejected update had changed part of its doc', { board: room.id });
	};

	const destroyRoom = (room: Room) => {
		room.state = 'closed';
		if (room.idleTimer) clearTimeout(room.idleTimer);
		room.idleTimer = null;
		if (room.compactTimer) clearTimeout(room.compactTimer);
		room.compactTimer = null;
		dirty.delete(room);
		if (rooms.get(room.id) === room) rooms.delete(room.id);
		room.awareness.destroy();
		room.awareness.doc.destroy();
		room.doc.destroy();
	};

	const flush = () => {
		flushScheduled = false;
		if (dirty.size === 0) return;
		const batchRooms = [...dirty];
		dirty.clear();
		const batch: { boardId: string; update: Uint8Array }[] = [];
		for (const room of batchRooms) for (const update of room.pending) batch.push({ boardId: room.id, update });
		let seqs: number[];
		try {
			seqs = store.appendUpdates(batch);
		} catch (error) {
			for (const room of batchRooms) failRoom(room, error);
			return;
		}
		let i = 0;
		for (const room of batchRooms) {
			i += room.pending.length;
			room.lastSeq = seqs[i - 1];
			room.uncompacted += room.pending.length;
			room.pending = [];
			const outbox = room.outbox;
			room.outbox = [];
			for (const out of outbox) deliver(room, out);
			if (room.uncompacted >= 2 * config.compactAfterUpdates) compactRoom(room, 'live');
			else if (room.uncompacted >= config.compactAfterUpdates) compactWhenQuiet(room);
		}
		lastFlushEnd = performance.now();
	};

	/** Compacts the room once no commit touched it for {@link COMPACT_QUIET_MS}. */
	const compactWhenQuiet = (room: Room) => {
		if (room.compactTimer) {
			room.compactTimer.refresh();
			return;
		}
		room.compactTimer = setTimeout(() => {
			room.compactTimer = null;
			if (room.state !== 'ready') return;
			flush(); // the snapshot must hold committed updates only
			if (room.state === 'ready') compactRoom(room, 'live');
		}, COMPACT_QUIET_MS);
		room.compactTimer.unref();
	};

	/** Marks the room for the commit made at the end of this event-loop turn (setImmediate). */
	const deferFlush = (room: Room) => {
		dirty.add(room);
		if (flushScheduled) return;
		flushScheduled = true;
		setImmediate(flush);
	};

	/**
	 * Commits the room's pending client updates at once after a quiet spell (no commit for
	 * {@link QUIET_MS}), so at low load an update is relayed without waiting for the end of the
	 * event-loop turn; while commits follow each other closely, the updates of one turn share one
	 * transaction ({@link deferFlush}). Call it only where the room may be dropped (storage error).
	 */
	const flushSoon = (room: Room) => {
		if (flushScheduled || performance.now() - lastFlushEnd < QUIET_MS) {
			deferFlush(room);
			return;
		}
		dirty.add(room);
		flush();
	};

	const unloadIfIdle = (room: Room) => {
		room.idleTimer = null;
		if (room.conns.size > 0 || room.state !== 'ready') return;
		flush();
		if (room.state !== 'ready') return; // the flush failed and dropped it
		compactRoom(room, 'unload');
		try {
			onUnload?.(room.id, room.doc);
		} catch (error) {
			log.warn('unload hook failed', { board: room.id, error });
		}
		destroyRoom(room);
		log.debug('unloaded idle board', { board: room.id });
	};

	const scheduleIdle = (room: Room) => {
		if (room.idleTimer || room.conns.size > 0 || room.state !== 'ready') return;
		room.idleTimer = setTimeout(() => unloadIfIdle(room), config.roomIdleMs);
		room.idleTimer.unref();
	};

	const handleFrame = (room: Room, conn: Connection, frame: Uint8Array) => {
		let effect;
		let snapshot: Uint8Array | null = null;
		try {
			const message = decodeClientMessage(frame);
			// a fresh client asks for everything: while the doc is unchanged, the stored snapshot is exactly that
			if (message.kind === 'sync-step-1' && room.fullState && isEmptyStateVector(message.stateVector)) snapshot = room.fullState;
			else effect = effectOf(message, room, conn.access);
		} catch (error) {
			const reason = error instanceof ProtocolError ? error.message : 'bad message';
			log.warn('closing connection: bad message', { board: room.id, reason });
			closeConn(conn, CLOSE_BAD_MESSAGE, reason);
			return;
		}
		if (snapshot) {
			send(room, { to: conn, frame: encodeSyncStep2Update(snapshot) });
			return;
		}
		if (!effect) return;
		switch (effect.kind) {
			case 'reply':
				send(room, { to: conn, frame: effect.frame });
				return;
			case 'drop':
				log.debug('dropped message', { board: room.id, reason: effect.reason });
				return;
			case 'apply-update': {
				let changed: boolean;
				try {
					changed = applyClientUpdate(room.doc, effect.update, conn);
				} catch (error) {
					log.warn('closing connection: update rejected by Yjs', { board: room.id, error });
					closeConn(conn, CLOSE_BAD_MESSAGE, 'update rejected');
					if (error instanceof RejectedUpdate && error.touchedDoc) reloadDoc(room);
					return;
				}
				if (!changed) return;
				// even an update Yjs only parks as pending changes what encodeStateAsUpdate returns
				room.fullState = null;
				room.pending.push(effect.update);
				send(room, { except: conn, frame: effect.frame ?? encodeUpdate(effect.update) });
				flushSoon(room);
				return;
			}
			case 'apply-awareness':
				admitAwareness(room, conn, effect.update);
				return;
		}
	};

	/**
	 * Applies the part of a connection's awareness update it is allowed to (awareness-guard.ts):
	 * its own id only, a state of bounded size, at a bounded rate (the excess is held and applied
	 * later, newest first).
	 */
	const admitAwareness = (room: Room, conn: Connection, update: Uint8Array) => {
		const entries = decodeAwarenessEntries(update);
		const own = ownEntryOf(entries, conn.ownId, (clientId) => {
			const owner = room.owners.get(clientId);
			return !owner || owner.access === conn.access; // same link: the same person reconnecting
		});
		if (own.dropped > 0) log.debug('dropped awareness entries of ids the connection does not own', { board: room.id, dropped: own.dropped });
		if (!own.entry || own.ownId === null) return;
		if (stateBytes(own.entry) > config.awarenessMaxBytes) {
			if (!conn.warnedOversize) log.warn('dropped an oversized awareness state', { board: room.id, bytes: stateBytes(own.entry), limit: config.awarenessMaxBytes });
			conn.warnedOversize = true;
			return;
		}
		if (conn.ownId === null) {
			const previous = room.owners.get(own.ownId);
			if (previous && previous !== conn) previous.ownId = null; // taken over by its reconnected client
			room.owners.set(own.ownId, conn);
			conn.ownId = own.ownId;
		}
		const allowed = own.dropped === 0 ? update : encodeAwarenessEntries([own.entry]);
		if (conn.heldAwareness || !conn.awarenessRate.take(performance.now())) {
			conn.heldAwareness = allowed;
			conn.heldTimer ??= setTimeout(() => applyHeldAwareness(room, conn), conn.awarenessRate.waitMs(performance.now()));
			return;
		}
		applyAwareness(room, conn, allowed);
	};

	const applyHeldAwareness = (room: Room, conn: Connection) => {
		conn.heldTimer = null;
		const held = conn.heldAwareness;
		if (!held || conn.closing || room.state !== 'ready' || !room.conns.has(conn)) return;
		if (!conn.awarenessRate.take(performance.now())) {
			conn.heldTimer = setTimeout(() => applyHeldAwareness(room, conn), conn.awarenessRate.waitMs(performance.now()));
			return;
		}
		conn.heldAwareness = null;
		applyAwareness(room, conn, held);
	};

	const applyAwareness = (room: Room, conn: Connection, update: Uint8Array) => {
		try {
			awarenessProtocol.applyAwarenessUpdate(room.awareness, update, conn);
		} catch (error) {
			log.warn('closing connection: awareness rejected', { board: room.id, error });
			closeConn(conn, CLOSE_BAD_MESSAGE, 'awareness rejected');
		}
	};

	const greet = (room: Room, conn: Connection) => {
		send(room, { to: conn, frame: encodeSyncStep1(room.doc) });
		const clients = [...room.awareness.getStates().keys()];
		if (clients.length > 0) send(room, { to: conn, frame: encodeAwareness(room.awareness, clients) });
	};

	const loadRoom = async (room: Room): Promise<void> => {
		const state = store.loadState(room.id);
		loadingBoard(room.id, () => applyStoredState(room.doc, state));
		room.fullState = state.updates.length === 0 ? state.snapshot : null;
		room.snapshotBytes = state.snapshot?.length ?? 0;
		room.lastSeq = state.lastSeq;
		room.uncompacted = state.updates.length;
		watchServerWrites(room, room.doc);
		loadingBoard(room.id, () => prepareDoc?.(room.doc));
		flush();
		if (room.uncompacted >= config.compactAfterUpdates) compactRoom(room, 'live');
	};

	/**
	 * Client updates are stored and relayed by handleFrame. Any other write to the room's `doc`
	 * (prepareDoc's migration, or a future server-side edit) is caught here and encoded from the
	 * state before it: a superset of the transaction's changes (all deletions included), stored and
	 * relayed alike.
	 */
	const watchServerWrites = (room: Room, doc: Y.Doc) => {
		doc.on('afterTransaction', (transaction: Y.Transaction) => {
			if (clientOrigins.has(transaction.origin as object) || !transactionChanged(transaction)) return;
			const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState));
			room.fullState = null;
			room.pending.push(update);
			send(room, { except: null, frame: encodeUpdate(update) });
			deferFlush(room); // not from inside Yjs's cleanup: a failing commit destroys the doc
		});
	};

	const isConnection = (room: Room, origin: unknown): origin is Connection =>
		typeof origin === 'object' && origin !== null && room.conns.has(origin as Connection);

	const openRoom = (boardId: string): Room => {
		const existing = rooms.get(boardId);
		if (existing) return existing;
		onOpen?.(boardId);
		const doc = new Y.Doc();
		// its own tiny doc, not the board's: the board's doc is replaced when a rejected update had
		// changed part of it, and destroying a doc destroys the awareness made on it
		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		awareness.setLocalState(null);
		const room: Room = {
			id: boardId,
			doc,
			awareness,
			conns: new Set(),
			owners: new Map(),
			state: 'loading',
			ready: Promise.resolve(),
			pending: [],
			outbox: [],
			lastSeq: 0,
			uncompacted: 0,
			fullState: null,
			folding: false,
			snapshotBytes: 0,
			idleTimer: null,
			compactTimer: null
		};
		awareness.on(
			'update',
			({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
				const sender = isConnection(room, origin) ? origin : null;
				const changed = [...added, ...updated, ...removed];
				send(room, { except: sender, frame: encodeAwareness(awareness, changed) });
			}
		);
		rooms.set(boardId, room);
		room.ready = loadRoom(room).then(
			() => {
				if (room.state !== 'loading') return;
				room.state = 'ready';
				for (const conn of room.conns) {
					greet(room, conn);
					for (const frame of conn.queue.splice(0)) if (!conn.closing) handleFrame(room, conn, frame);
				}
				scheduleIdle(room);
			},
			(error: unknown) => {
				if (error instanceof DamagedBoardError) {
					log.error('board data is damaged; its clients are refused for good (4422)', { board: boardId, error });
					for (const conn of room.conns) closeConn(conn, CLOSE_DAMAGED_BOARD, 'board data is damaged');
				} else {
					log.error('failed to load board', { board: boardId, error });
					for (const conn of room.conns) closeConn(conn, CLOSE_INTERNAL_ERROR, 'failed to load board');
				}
				destroyRoom(room);
			}
		);
		return room;
	};

	const leave = (room: Room, conn: Connection) => {
		if (!room.conns.delete(conn)) return;
		if (conn.heldTimer) clearTimeout(conn.heldTimer);
		conn.heldTimer = null;
		conn.heldAwareness = null;
		// only the id it still owns: a client that reconnected on another socket keeps its state
		if (conn.ownId !== null && room.owners.get(conn.ownId) === conn) {
			room.owners.delete(conn.ownId);
			if (room.state !== 'closed') awarenessProtocol.removeAwarenessStates(room.awareness, [conn.ownId], null);
		}
		scheduleIdle(room);
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

	// automatic WAL checkpoints are off (store.ts): fold the WAL into the database once a second,
	// only when no commit is pending, so its fsync never delays a relay
	const checkpointTimer = setInterval(() => {
		if (dirty.size > 0) return;
		try {
			store.checkpoint();
		} catch (error) {
			log.warn('checkpoint failed', { error });
		}
	}, 1000);
	checkpointTimer.unref();

	return {
		join(boardId, ws, access) {
			if (closed) {
				ws.close(CLOSE_GOING_AWAY, 'server shutting down');
				return;
			}
			const room = openRoom(boardId);
			if (room.idleTimer) clearTimeout(room.idleTimer);
			room.idleTimer = null;
			const conn: Connection = {
				ws,
				access,
				queue: [],
				ownId: null,
				awarenessRate: new RateBucket(config.awarenessPerSecond, performance.now()),
				heldAwareness: null,
				heldTimer: null,
				warnedOversize: false,
				alive: true,
				closing: false
			};
			clientOrigins.add(conn);
			room.conns.add(conn);
			ws.on('message', (data, isBinary) => {
				conn.alive = true;
				if (conn.closing) return;
				if (!isBinary) {
					log.warn('closing connection: text frame', { board: boardId });
					closeConn(conn, CLOSE_BAD_MESSAGE, 'expected a binary frame');
					return;
				}
				// kept a Buffer: relayed as is, ws sends it without wrapping it again
				const frame = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
				try {
					if (room.state === 'loading') conn.queue.push(frame);
					else if (room.state === 'ready') handleFrame(room, conn, frame);
				} catch (error) {
					// a bug, not bad input (that is answered 4400 above): it costs this socket, never the process
					log.error('closing connection: handling its frame failed', { board: boardId, error });
					closeConn(conn, CLOSE_INTERNAL_ERROR, 'internal error');
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
				leave(room, conn);
			});
			log.debug('connection opened', { board: boardId, access });
			if (room.state === 'ready') greet(room, conn);
		},

		async readDoc(boardId, read, options = {}) {
			const live = rooms.get(boardId) ?? (options.open && !closed && store.getBoard(boardId) ? openRoom(boardId) : undefined);
			if (live) {
				await live.ready;
				if (live.state === 'ready') {
					flush();
					if (live.state === 'ready') return read(live.doc);
				}
			}
			const doc = new Y.Doc();
			try {
				const state = store.loadState(boardId);
				const loaded = loadingBoard(boardId, () => {
					if (!applyStoredState(doc, state)) return false;
					prepareDoc?.(doc);
					return true;
				});
				return loaded ? read(doc) : undefined;
			} finally {
				doc.destroy();
			}
		},

		async writeDoc(boardId, write) {
			if (closed || !store.getBoard(boardId)) return undefined;
			const room = openRoom(boardId);
			await room.ready;
			if (room.state === 'ready') flush();
			if (room.state !== 'ready') throw new Error('the board could not be loaded');
			let result: ReturnType<typeof write>;
			try {
				result = write(room.doc);
			} finally {
				flush(); // whatever `write` changed, even if it then threw, is committed before anything else
			}
			if (room.state !== 'ready') throw new Error('the change could not be stored');
			scheduleIdle(room);
			return result;
		},

		flush,

		stats() {
			let connections = 0;
			for (const room of rooms.values()) connections += room.conns.size;
			return { rooms: rooms.size, connections };
		},

		connectionsOf(boardId) {
			return rooms.get(boardId)?.conns.size;
		},

		disconnect(boardId, access, code, reason) {
			const room = rooms.get(boardId);
			let closedCount = 0;
			for (const conn of room?.conns ?? []) {
				if (conn.access !== access || conn.closing) continue;
				closeConn(conn, code, reason);
				closedCount++;
			}
			return closedCount;
		},

		evict(boardId, code, reason) {
			const room = rooms.get(boardId);
			if (!room) return;
			room.pending = [];
			room.outbox = [];
			for (const conn of room.conns) closeConn(conn, code, reason);
			destroyRoom(room);
			log.info('board evicted', { board: boardId, reason });
		},

		async close() {
			closed = true;
			clearInterval(pingTimer);
			clearInterval(checkpointTimer);
			await Promise.all([...rooms.values()].map((room) => room.ready));
			flush();
			const sockets: WebSocket[] = [];
			for (const room of [...rooms.values()]) {
				for (const conn of room.conns) {
					sockets.push(conn.ws);
					closeConn(conn, CLOSE_GOING_AWAY, 'server shutting down');
				}
				compactRoom(room, 'here');
				destroyRoom(room);
			}
			await waitForClose(sockets, 1000);
		}
	};
}

/** Resolves when every socket has closed, terminating the stragglers after `graceMs`. */
function waitForClose(sockets: WebSocket[], graceMs: number): Promise<void> {
	const open = sockets.filter((ws) => ws.readyState !== ws.CLOSED);
	if (open.length === 0) return Promise.resolve();
	return new Promise((resolve) => {
		let left = open.length;
		const timer = setTimeout(() => {
			for (const ws of open) ws.terminate();
		}, graceMs);
		for (const ws of open) {
			ws.once('close', () => {
				if (--left === 0) {
					clearTimeout(timer);
					resolve();
				}
			});
		}
	});
}
