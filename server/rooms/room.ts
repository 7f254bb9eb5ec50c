/**
 * One live board: its Y.Doc and Awareness, shared by its connections on this instance.
 *
 * - Loads the stored state before the first sync reply (frames that arrive meanwhile are queued).
 * - Applies each client update once (Yjs's decoder is the validation), hands the received bytes
 *   to the commit queue and holds every frame that could carry them — relays, sync replies —
 *   until they are committed; then relays them to its clients and to the other instances
 *   (relay/contract.ts) with their per-board seq.
 * - Applies updates committed on other instances (from the relay) and sends them to its clients;
 *   a gap in the seqs it holds, or a relay that reconnected, is filled from the store
 *   (`loadUpdatesAfter`).
 * - Guards awareness per connection (awareness-guard.ts): own client id only, bounded size and
 *   rate; its clients' states go to the other instances, theirs come back (never for an id a
 *   local connection owns) and vanish with their instance.
 * - An update Yjs rejects is neither stored nor relayed and closes only its sender; a doc it got
 *   partway into is replaced by a fresh load from the store (the others keep their sockets).
 *
 * The doc has no 'update' listener (Yjs would encode every transaction for it); writes made on the
 * server (prepareDoc's migration, checkpoints) are caught by 'afterTransaction' and stored alike.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwarenessEntries, encodeAwarenessEntries, ownEntryOf, stateBytes } from '../awareness-guard.ts';
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Relay, RelayEvent, RelaySubscriber } from '../relay/contract.ts';
import { DamagedBoardError, loadingBoard } from '../storage-errors.ts';
import type { BoardStore, CompactResult } from '../store/contract.ts';
import { applyStoredState } from '../store/state.ts';
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
} from '../sync.ts';
import { CLOSE_BAD_MESSAGE, CLOSE_DAMAGED_BOARD, CLOSE_INTERNAL_ERROR, CLOSE_TRY_AGAIN_LATER, CLOSE_UNAUTHORIZED, CLOSE_UNKNOWN_BOARD } from './close-codes.ts';
import type { CommitClient, CommitQueue } from './commit-queue.ts';
import type { Compactable, Compactor } from './compactor.ts';
import { closeConnection, sendFrame, type Connection } from './connection.ts';

/**
 * How long (ms) a room waits for a missing seq to arrive through the relay before it fetches it
 * from the store (a relayed message can simply come after the room's own later commit).
 */
export const GAP_WAIT_MS = 100;

/** Transaction origin of updates committed elsewhere (relayed or fetched): applied, never stored again. */
const STORED_ELSEWHERE = Symbol('stored elsewhere');
/** Awareness origin of states of other instances' clients: applied, never published again. */
const REMOTE = Symbol('remote awareness');
/** Awareness origin of a local client's state removed when its socket closed: published. */
const LOCAL_LEAVE = Symbol('local leave');

/** A frame waiting for the commit of every update applied before it was queued. */
type Outgoing = { readonly to: Connection; readonly frame: Uint8Array } | { readonly except: Connection | null; readonly frame: Uint8Array };

/** What a room needs from its server. */
export interface RoomContext {
	readonly store: BoardStore;
	readonly relay: Relay;
	readonly log: Logger;
	readonly config: Pick<ServerConfig, 'awarenessMaxBytes'>;
	readonly commits: CommitQueue;
	readonly compactor: Compactor;
	/** Largest send buffer (bytes) of a peer before it is dropped as too slow. */
	readonly maxBuffered: number;
	/** Runs on every freshly loaded doc (the model's migrateDoc); its writes are stored like any update. */
	readonly prepareDoc?: (doc: Y.Doc) => void;
	/** The room is gone (unloaded, dropped or evicted): forget it. */
	readonly onDestroyed: (room: Room) => void;
}

/** One live board on this instance. */
export class Room implements CommitClient, Compactable {
	readonly id: string;
	/** The live document; replaced by a fresh load when a rejected update had changed part of it. */
	doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Set<Connection>();
	/** Which local connection owns each awareness client id set on this board. */
	readonly owners = new Map<number, Connection>();
	/** Awareness client ids set by other instances' clients, and which instance. */
	readonly remoteIds = new Map<number, string>();
	state: 'loading' | 'ready' | 'closed' = 'loading';
	/** Settles when loading ended (ready or failed). */
	readonly ready: Promise<void>;
	/** The doc's full state as one update while it is unchanged since load/compaction (the stored snapshot), else null. */
	fullState: Uint8Array | null = null;
	/** Size of the board's last snapshot (bytes). */
	snapshotBytes = 0;

	/** Updates applied to `doc`, not yet handed to the commit queue, as received (or as encoded, for server writes). */
	#pending: Uint8Array[] = [];
	/** Updates applied to `doc` so far, and how many of them are committed. */
	#applied = 0;
	#committedCount = 0;
	/** Frames held back until the updates applied before them are committed, in send order. */
	#outbox: { out: Outgoing; waitFor: number }[] = [];
	/** Highest seq up to which this room holds every update of the board; seqs held beyond it. */
	#lastSeq = 0;
	#ahead = new Set<number>();
	/** Seq of the stored snapshot this room knows of. */
	#snapshotSeq = 0;
	#gapTimer: NodeJS.Timeout | null = null;
	#filling = false;
	/** Updates relayed while loading, applied once loaded. */
	#backlog: { seq: number; update: Uint8Array }[] = [];
	#unsubscribe: (() => void) | null = null;
	readonly #ctx: RoomContext;

	constructor(id: string, ctx: RoomContext) {
		this.id = id;
		this.#ctx = ctx;
		this.doc = new Y.Doc();
		// its own tiny doc, not the board's: the board's doc is replaced when a rejected update had
		// changed part of it, and destroying a doc destroys the awareness made on it
		this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
		this.awareness.setLocalState(null);
		this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
			this.#awarenessChanged([...added, ...updated, ...removed], origin)
		);
		this.ready = this.#load();
	}

	/** Highest seq up to which this room holds the board. */
	get lastSeq(): number {
		return this.#lastSeq;
	}

	/** Rows this room knows are stored and not folded (Compactable). */
	get uncompacted(): number {
		return Math.max(0, this.#lastSeq - this.#snapshotSeq);
	}

	/** Loaded and not gone (Compactable). */
	get live(): boolean {
		return this.state === 'ready';
	}

	/** Something applied here is not committed yet. */
	get hasUncommitted(): boolean {
		return this.#committedCount < this.#applied;
	}

	// ---- loading -------------------------------------------------------------------------------

	async #load(): Promise<void> {
		const { store, relay, log, prepareDoc } = this.#ctx;
		try {
			// subscribe first: nothing committed elsewhere after the load below can be missed
			this.#unsubscribe = await relay.subscribe(this.id, this.#subscriber());
			if (this.state !== 'loading') return;
			const state = await store.loadState(this.id);
			if (this.state !== 'loading') return;
			loadingBoard(this.id, () => applyStoredState(this.doc, state));
			this.fullState = state.updates.length === 0 ? state.snapshot : null;
			this.snapshotBytes = state.snapshot?.length ?? 0;
			this.#lastSeq = state.lastSeq;
			this.#snapshotSeq = state.snapshotSeq;
			this.#watchServerWrites(this.doc);
			loadingBoard(this.id, () => prepareDoc?.(this.doc));
			await this.#ctx.commits.flush();
		} catch (error) {
			if (this.state !== 'loading') return;
			if (error instanceof DamagedBoardError) {
				log.error('board data is damaged; its clients are refused for good (4422)', { board: this.id, error });
				for (const conn of this.conns) closeConnection(conn, CLOSE_DAMAGED_BOARD, 'board data is damaged');
			} else {
				log.error('failed to load board', { board: this.id, error });
				for (const conn of this.conns) closeConnection(conn, CLOSE_INTERNAL_ERROR, 'failed to load board');
			}
			this.destroy();
			return;
		}
		if (this.state !== 'loading') return;
		this.state = 'ready';
		for (const { seq, update } of this.#backlog.splice(0)) this.#receiveUpdate(seq, update);
		for (const conn of this.conns) {
			this.greet(conn);
			for (const frame of conn.queue.splice(0)) if (!conn.closing) this.handleFrame(conn, frame);
		}
		relay.publishEvent(this.id, { kind: 'awareness-query' });
		if (this.uncompacted >= 1) this.#ctx.compactor.afterCommit(this);
	}

	/** Sends a newly joined (or just loaded) connection sync step 1 and everyone's presence. */
	greet(conn: Connection): void {
		this.#send({ to: conn, frame: encodeSyncStep1(this.doc) });
		const clients = [...this.awareness.getStates().keys()];
		if (clients.length > 0) this.#send({ to: conn, frame: encodeAwareness(this.awareness, clients) });
	}

	// ---- sending: nothing uncommitted leaves ---------------------------------------------------

	#deliver(out: Outgoing): void {
		if ('to' in out) {
			if (this.conns.has(out.to)) this.#sendTo(out.to, out.frame);
			return;
		}
		for (const conn of this.conns) if (conn !== out.except) this.#sendTo(conn, out.frame);
	}

	#sendTo(conn: Connection, frame: Uint8Array): void {
		sendFrame(conn, frame, this.#ctx.maxBuffered, () => {
			this.#ctx.log.warn('dropping slow connection', { board: this.id, bufferedBytes: conn.ws.bufferedAmount });
			closeConnection(conn, CLOSE_TRY_AGAIN_LATER, 'too slow');
		});
	}

	/** Sends now, or after the commit of everything applied so far (keeps order, never leaks uncommitted state). */
	#send(out: Outgoing): void {
		if (this.hasUncommitted || this.#outbox.length > 0) this.#outbox.push({ out, waitFor: this.#applied });
		else this.#deliver(out);
	}

	/** An update was applied to the doc here: store it, and hold what follows until it is. */
	#storeApplied(update: Uint8Array, soon: boolean): void {
		this.#pending.push(update);
		this.#applied++;
		if (soon) this.#ctx.commits.soon(this);
		else this.#ctx.commits.defer(this);
	}

	// ---- commit queue (CommitClient) -----------------------------------------------------------

	takePending(): Uint8Array[] {
		const pending = this.#pending;
		this.#pending = [];
		return pending;
	}

	committed(updates: readonly Uint8Array[], seqs: readonly number[]): void {
		if (this.state === 'closed') return;
		this.#committedCount += updates.length;
		if (seqs.some((seq) => seq === 0)) {
			// the board was deleted (on another instance, whose event has not arrived yet)
			this.evict(CLOSE_UNKNOWN_BOARD, 'board deleted');
			return;
		}
		const { relay } = this.#ctx;
		for (let i = 0; i < updates.length; i++) {
			relay.publishUpdate(this.id, seqs[i], updates[i]);
			this.#hold(seqs[i]);
		}
		while (this.#outbox.length > 0 && this.#outbox[0].waitFor <= this.#committedCount) this.#deliver(this.#outbox.shift()!.out);
		this.#ctx.compactor.afterCommit(this);
	}

	commitFailed(error: unknown): void {
		if (this.state === 'closed') return;
		this.fail(error);
	}

	/** Drops the room, whose in-memory state may differ from the store; clients reconnect and resync. */
	fail(error: unknown): void {
		this.#ctx.log.error('storage failed; dropping room', { board: this.id, error });
		this.#pending = [];
		this.#outbox = [];
		for (const conn of this.conns) closeConnection(conn, CLOSE_INTERNAL_ERROR, 'storage error');
		this.destroy();
	}

	// ---- seqs: what this room holds, and filling gaps from the store ---------------------------

	/** Records that this room holds update `seq`; a gap behind it is filled from the store unless the relay brings it soon. */
	#hold(seq: number): void {
		if (seq <= this.#lastSeq) return;
		if (seq === this.#lastSeq + 1) {
			this.#lastSeq = seq;
			while (this.#ahead.delete(this.#lastSeq + 1)) this.#lastSeq++;
		} else {
			this.#ahead.add(seq);
		}
		if (this.#ahead.size > 0) this.#scheduleGapFill(GAP_WAIT_MS);
	}

	#holds(seq: number): boolean {
		return seq <= this.#lastSeq || this.#ahead.has(seq);
	}

	#scheduleGapFill(delayMs: number): void {
		if (this.#gapTimer || this.state === 'closed') return;
		this.#gapTimer = setTimeout(() => {
			this.#gapTimer = null;
			void this.fillFromStore(false);
		}, delayMs);
		this.#gapTimer.unref();
	}

	/**
	 * Fetches what the board stored after the last seq this room holds (`force`: even with no gap
	 * known — the relay reconnected), applies it and sends it to the clients here.
	 */
	async fillFromStore(force: boolean): Promise<void> {
		if (this.state !== 'ready' || this.#filling || (!force && this.#ahead.size === 0)) return;
		this.#filling = true;
		const { store, log } = this.#ctx;
		try {
			const from = this.#lastSeq;
			const found = await store.loadUpdatesAfter(this.id, from);
			if (this.state !== 'ready') return;
			if (!found) {
				this.evict(CLOSE_UNKNOWN_BOARD, 'board deleted');
				return;
			}
			const missing = found.updates.filter((row) => !this.#ahead.has(row.seq));
			if (found.snapshot || missing.length > 0) {
				this.#applyStoredElsewhere(() => {
					if (found.snapshot) Y.applyUpdate(this.doc, found.snapshot, STORED_ELSEWHERE);
					for (const row of missing) Y.applyUpdate(this.doc, row.data, STORED_ELSEWHERE);
				});
			}
			// the snapshot holds every seq before the first row after it
			if (found.snapshot) this.#snapshotSeq = Math.max(this.#snapshotSeq, found.updates.length > 0 ? found.updates[0].seq - 1 : found.lastSeq);
			if (found.lastSeq > this.#lastSeq) this.#lastSeq = found.lastSeq;
			for (const seq of this.#ahead) if (seq <= this.#lastSeq) this.#ahead.delete(seq);
			while (this.#ahead.delete(this.#lastSeq + 1)) this.#lastSeq++;
			if (found.lastSeq > from) log.debug('filled a gap from the store', { board: this.id, from, to: found.lastSeq });
			this.#ctx.compactor.afterCommit(this);
		} catch (error) {
			log.warn('could not fetch missed updates from the store; retrying', { board: this.id, error });
			this.#filling = false;
			this.#scheduleGapFill(1000);
			return;
		} finally {
			this.#filling = false;
		}
		if (this.#ahead.size > 0) this.#scheduleGapFill(GAP_WAIT_MS);
	}

	/** Applies updates committed elsewhere in one transaction and sends what they changed to every client here. */
	#applyStoredElsewhere(apply: () => void): void {
		const before = Y.encodeStateVector(this.doc);
		let changed = false;
		this.doc.once('afterTransaction', (transaction: Y.Transaction) => {
			changed = transactionChanged(transaction);
		});
		this.doc.transact(apply, STORED_ELSEWHERE);
		if (!changed) return;
		this.fullState = null;
		this.#send({ except: null, frame: encodeUpdate(Y.encodeStateAsUpdate(this.doc, before)) });
	}

	/** An update committed on another instance with `seq`. */
	#receiveUpdate(seq: number, update: Uint8Array): void {
		if (this.state === 'loading') {
			this.#backlog.push({ seq, update });
			return;
		}
		if (this.state !== 'ready' || this.#holds(seq)) return;
		try {
			this.doc.transact(() => Y.applyUpdate(this.doc, update, STORED_ELSEWHERE), STORED_ELSEWHERE);
		} catch (error) {
			// the store has the row: it will be fetched from there
			this.#ctx.log.warn('a relayed update did not apply; fetching from the store', { board: this.id, seq, error });
			this.#scheduleGapFill(0);
			return;
		}
		this.fullState = null;
		this.#send({ except: null, frame: encodeUpdate(update) });
		this.#hold(seq);
		this.#ctx.compactor.afterCommit(this);
	}

	#subscriber(): RelaySubscriber {
		return {
			update: (seq, update) => this.#receiveUpdate(seq, update),
			awareness: (update, instanceId) => this.#receiveAwareness(update, instanceId),
			event: (event, instanceId) => this.#receiveEvent(event, instanceId),
			resync: () => {
				void this.fillFromStore(true);
				this.#publishLocalAwareness();
			},
			instanceGone: (instanceId) => {
				const ids = [...this.remoteIds].filter(([, from]) => from === instanceId).map(([id]) => id);
				for (const id of ids) this.remoteIds.delete(id);
				if (ids.length > 0 && this.state !== 'closed') awarenessProtocol.removeAwarenessStates(this.awareness, ids, REMOTE);
			}
		};
	}

	#receiveEvent(event: RelayEvent, instanceId: string): void {
		if (this.state === 'closed') return;
		switch (event.kind) {
			case 'deleted':
				this.evict(CLOSE_UNKNOWN_BOARD, 'board deleted');
				return;
			case 'link-reset':
				this.disconnect(event.access, CLOSE_UNAUTHORIZED, `${event.access} link was reset`);
				return;
			case 'awareness-query':
				this.#ctx.log.debug('awareness asked for', { board: this.id, by: instanceId });
				this.#publishLocalAwareness();
				return;
		}
	}

	// ---- client frames -------------------------------------------------------------------------

	/** Handles one binary frame of a connection (the room is ready). */
	handleFrame(conn: Connection, frame: Uint8Array): void {
		const { log } = this.#ctx;
		let effect;
		let snapshot: Uint8Array | null = null;
		try {
			const message = decodeClientMessage(frame);
			// a fresh client asks for everything: while the doc is unchanged, the stored snapshot is exactly that
			if (message.kind === 'sync-step-1' && this.fullState && isEmptyStateVector(message.stateVector)) snapshot = this.fullState;
			else effect = effectOf(message, this, conn.access);
		} catch (error) {
			const reason = error instanceof ProtocolError ? error.message : 'bad message';
			log.warn('closing connection: bad message', { board: this.id, reason });
			closeConnection(conn, CLOSE_BAD_MESSAGE, reason);
			return;
		}
		if (snapshot) {
			this.#send({ to: conn, frame: encodeSyncStep2Update(snapshot) });
			return;
		}
		if (!effect) return;
		switch (effect.kind) {
			case 'reply':
				this.#send({ to: conn, frame: effect.frame });
				return;
			case 'drop':
				log.debug('dropped message', { board: this.id, reason: effect.reason });
				return;
			case 'apply-update': {
				let changed: boolean;
				try {
					changed = applyClientUpdate(this.doc, effect.update, conn);
				} catch (error) {
					log.warn('closing connection: update rejected by Yjs', { board: this.id, error });
					closeConnection(conn, CLOSE_BAD_MESSAGE, 'update rejected');
					if (error instanceof RejectedUpdate && error.touchedDoc) void this.reloadDoc();
					return;
				}
				if (!changed) return;
				// even an update Yjs only parks as pending changes what encodeStateAsUpdate returns
				this.fullState = null;
				this.#storeApplied(effect.update, true);
				this.#send({ except: conn, frame: effect.frame ?? encodeUpdate(effect.update) });
				return;
			}
			case 'apply-awareness':
				this.#admitAwareness(conn, effect.update);
				return;
		}
	}

	/**
	 * Client updates are stored by handleFrame, and updates committed elsewhere are not stored
	 * again. Any other write to the doc (prepareDoc's migration, a server-side edit) is caught here
	 * and encoded from the state before it: a superset of the transaction's changes (all deletions
	 * included), stored and relayed alike.
	 */
	#watchServerWrites(doc: Y.Doc): void {
		doc.on('afterTransaction', (transaction: Y.Transaction) => {
			const origin = transaction.origin;
			if (origin === STORED_ELSEWHERE || (typeof origin === 'object' && origin !== null && this.#isClientOrigin(origin))) return;
			if (!transactionChanged(transaction)) return;
			const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState));
			this.fullState = null;
			this.#storeApplied(update, false); // at the end of the turn: not from inside Yjs's cleanup
			this.#send({ except: null, frame: encodeUpdate(update) });
		});
	}

	/** Connections are the origins of client transactions; a closed one may still be the origin of a late one. */
	#clientOrigins = new WeakSet<object>();
	#isClientOrigin(origin: object): boolean {
		return this.#clientOrigins.has(origin);
	}

	/**
	 * Replaces a doc that holds changes that are not stored (a rejected update got partway in) by a
	 * fresh load from the store, behind the scenes: what is pending is committed (and relayed)
	 * first, so the store then holds exactly what every peer has been sent, and the peers keep
	 * their sockets and their state. Only if the store fails is the room dropped.
	 */
	async reloadDoc(): Promise<void> {
		const { store, log } = this.#ctx;
		for (let attempt = 0; ; attempt++) {
			if (!(await this.settle())) return; // the commit failed and already dropped it
			const fresh = new Y.Doc();
			let state;
			try {
				state = await store.loadState(this.id);
				applyStoredState(fresh, state);
			} catch (error) {
				fresh.destroy();
				if (this.state === 'ready') this.fail(error);
				return;
			}
			if (this.state !== 'ready') {
				fresh.destroy();
				return;
			}
			if (this.hasUncommitted) {
				// edits arrived while the store was read: the fresh doc lacks them; read again once they are stored
				fresh.destroy();
				if (attempt < 3) continue;
				this.fail(new Error('the board kept changing while it was reloaded'));
				return;
			}
			const stale = this.doc;
			// rows committed elsewhere that the relay has not brought yet: the clients here get them now
			const news = Y.encodeStateAsUpdate(fresh, Y.encodeStateVector(stale));
			this.doc = fresh;
			this.#watchServerWrites(fresh);
			this.fullState = state.updates.length === 0 ? state.snapshot : null;
			this.#lastSeq = state.lastSeq;
			this.#snapshotSeq = Math.max(this.#snapshotSeq, state.snapshotSeq);
			this.#ahead.clear();
			if (news.length > 2) this.#send({ except: null, frame: encodeUpdate(news) });
			stale.destroy();
			log.warn('reloaded board from the store: a rejected update had changed part of its doc', { board: this.id });
			// anything relayed while the store was read and not in it is fetched again
			void this.fillFromStore(true);
			return;
		}
	}

	// ---- awareness -----------------------------------------------------------------------------

	/**
	 * Applies the part of a connection's awareness update it is allowed to (awareness-guard.ts):
	 * its own id only, a state of bounded size, at a bounded rate (the excess is held and applied
	 * later, newest first).
	 */
	#admitAwareness(conn: Connection, update: Uint8Array): void {
		const { log, config } = this.#ctx;
		const entries = decodeAwarenessEntries(update);
		const own = ownEntryOf(entries, conn.ownId, (clientId) => {
			const owner = this.owners.get(clientId);
			return !owner || owner.access === conn.access; // same link: the same person reconnecting
		});
		if (own.dropped > 0) log.debug('dropped awareness entries of ids the connection does not own', { board: this.id, dropped: own.dropped });
		if (!own.entry || own.ownId === null) return;
		if (stateBytes(own.entry) > config.awarenessMaxBytes) {
			if (!conn.warnedOversize) log.warn('dropped an oversized awareness state', { board: this.id, bytes: stateBytes(own.entry), limit: config.awarenessMaxBytes });
			conn.warnedOversize = true;
			return;
		}
		if (conn.ownId === null) {
			const previous = this.owners.get(own.ownId);
			if (previous && previous !== conn) previous.ownId = null; // taken over by its reconnected client
			this.owners.set(own.ownId, conn);
			this.remoteIds.delete(own.ownId); // it reconnected here from another instance
			conn.ownId = own.ownId;
		}
		const allowed = own.dropped === 0 ? update : encodeAwarenessEntries([own.entry]);
		if (conn.heldAwareness || !conn.awarenessRate.take(performance.now())) {
			conn.heldAwareness = allowed;
			conn.heldTimer ??= setTimeout(() => this.#applyHeldAwareness(conn), conn.awarenessRate.waitMs(performance.now()));
			return;
		}
		this.#applyAwareness(conn, allowed);
	}

	#applyHeldAwareness(conn: Connection): void {
		conn.heldTimer = null;
		const held = conn.heldAwareness;
		if (!held || conn.closing || this.state !== 'ready' || !this.conns.has(conn)) return;
		if (!conn.awarenessRate.take(performance.now())) {
			conn.heldTimer = setTimeout(() => this.#applyHeldAwareness(conn), conn.awarenessRate.waitMs(performance.now()));
			return;
		}
		conn.heldAwareness = null;
		this.#applyAwareness(conn, held);
	}

	#applyAwareness(conn: Connection, update: Uint8Array): void {
		try {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
		} catch (error) {
			this.#ctx.log.warn('closing connection: awareness rejected', { board: this.id, error });
			closeConnection(conn, CLOSE_BAD_MESSAGE, 'awareness rejected');
		}
	}

	/** States of other instances' clients; never for an id a connection here owns (a client that moved here). */
	#receiveAwareness(update: Uint8Array, instanceId: string): void {
		if (this.state !== 'ready') return; // asked again (awareness-query) once loaded
		let entries;
		try {
			entries = decodeAwarenessEntries(update).filter((entry) => !this.owners.has(entry.clientId));
		} catch (error) {
			this.#ctx.log.warn('dropped a relayed awareness update that does not decode', { board: this.id, error });
			return;
		}
		if (entries.length === 0) return;
		for (const entry of entries) {
			if (entry.stateJson === 'null') this.remoteIds.delete(entry.clientId);
			else this.remoteIds.set(entry.clientId, instanceId);
		}
		try {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), REMOTE);
		} catch (error) {
			this.#ctx.log.warn('dropped a relayed awareness update', { board: this.id, error });
		}
	}

	/** Sends changed presence to the clients here (not back to its sender) and, when it is this instance's, to the others. */
	#awarenessChanged(changed: number[], origin: unknown): void {
		const sender = typeof origin === 'object' && origin !== null && this.conns.has(origin as Connection) ? (origin as Connection) : null;
		this.#send({ except: sender, frame: encodeAwareness(this.awareness, changed) });
		if (sender || origin === LOCAL_LEAVE) this.#ctx.relay.publishAwareness(this.id, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
	}

	#publishLocalAwareness(): void {
		if (this.state !== 'ready') return;
		const ids = [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
		if (ids.length > 0) this.#ctx.relay.publishAwareness(this.id, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
	}

	// ---- connections ---------------------------------------------------------------------------

	/** Adds a connection (greeted now when the room is ready, else once loaded). */
	add(conn: Connection): void {
		this.#clientOrigins.add(conn);
		this.conns.add(conn);
		if (this.state === 'ready') this.greet(conn);
	}

	/** Removes a closed connection; the state of the awareness id it still owns is removed for everyone. Returns false if it was not here. */
	remove(conn: Connection): boolean {
		if (!this.conns.delete(conn)) return false;
		if (conn.heldTimer) clearTimeout(conn.heldTimer);
		conn.heldTimer = null;
		conn.heldAwareness = null;
		// only the id it still owns: a client that reconnected on another socket keeps its state
		if (conn.ownId !== null && this.owners.get(conn.ownId) === conn) {
			this.owners.delete(conn.ownId);
			if (this.state !== 'closed') awarenessProtocol.removeAwarenessStates(this.awareness, [conn.ownId], LOCAL_LEAVE);
		}
		return true;
	}

	/** Closes the connections holding `access` with `code`; returns how many. */
	disconnect(access: Connection['access'], code: number, reason: string): number {
		let closed = 0;
		for (const conn of this.conns) {
			if (conn.access !== access || conn.closing) continue;
			closeConnection(conn, code, reason);
			closed++;
		}
		return closed;
	}

	/** Drops the room without storing anything more; every connection is closed with `code`. */
	evict(code: number, reason: string): void {
		this.#pending = [];
		this.#outbox = [];
		for (const conn of this.conns) closeConnection(conn, code, reason);
		this.destroy();
		this.#ctx.log.info('board evicted', { board: this.id, reason });
	}

	// ---- compaction (Compactable) --------------------------------------------------------------

	compacted(result: CompactResult): void {
		if (result.snapshotSeq > this.#snapshotSeq) this.#snapshotSeq = result.snapshotSeq;
		if (!result.snapshot) return;
		this.snapshotBytes = result.snapshot.length;
		// nothing applied here beyond it: the snapshot is the doc's full state
		if (this.state === 'ready' && this.#lastSeq === result.snapshotSeq && this.#ahead.size === 0 && !this.hasUncommitted && this.#pending.length === 0) {
			this.fullState = result.snapshot;
		}
	}

	/** Commits what is pending; resolves true when the room is still live afterwards. */
	async settle(): Promise<boolean> {
		await this.#ctx.commits.flush();
		return this.state === 'ready';
	}

	/** Ends the room: timers, relay subscription, docs. Idempotent. */
	destroy(): void {
		if (this.state === 'closed') return;
		this.state = 'closed';
		if (this.#gapTimer) clearTimeout(this.#gapTimer);
		this.#gapTimer = null;
		for (const conn of this.conns) {
			if (conn.heldTimer) clearTimeout(conn.heldTimer);
			conn.heldTimer = null;
		}
		this.#ctx.compactor.forget(this);
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		this.#ctx.onDestroyed(this);
		this.awareness.destroy();
		this.awareness.doc.destroy();
		this.doc.destroy();
	}
}
