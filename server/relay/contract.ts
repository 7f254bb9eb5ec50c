/**
 * The relay contract: how live rooms of one board on different server instances hear of each
 * other. A room commits an update to the store FIRST, then hands (board, seq, bytes) to the relay;
 * the relay delivers it to the rooms of that board on other instances, which apply it and send it
 * to their own clients. Awareness (presence, cursors, presenter-follow) and board events (deleted,
 * link reset) travel the same way.
 *
 * A relay may drop or duplicate messages (Redis pub/sub does): rooms repair from the store. Each
 * update carries its per-board seq (store/contract.ts); a room holding the board through seq N
 * that receives seq M > N + 1 fetches `loadUpdatesAfter(board, N)`; M <= N is a duplicate and
 * ignored. When the relay may have missed messages it cannot number (it reconnected), it calls
 * `resync()` on every subscription and rooms fetch from the store the same way.
 *
 * Implementations: in-process (in-process.ts: one instance, delivers nothing elsewhere — the
 * default) and Redis (`REDIS_URL`). A relay never delivers a message back to the instance that
 * published it.
 */

/** What a relay can tell the rooms of one board on other instances besides updates. */
export type RelayEvent =
	/** The board was deleted: close every socket with `code` (4404) and drop the room. */
	| { readonly kind: 'deleted' }
	/** A link was reset: close the sockets holding `access` (edit or view) with 4401. */
	| { readonly kind: 'link-reset'; readonly access: 'edit' | 'view' }
	/** Another instance joined the board and asks for everyone's awareness states: publish yours. */
	| { readonly kind: 'awareness-query' };

/** Receives what other instances published for one board. Handlers must not throw (errors are logged by the relay and dropped). */
export interface RelaySubscriber {
	/** An update committed elsewhere with per-board `seq` (bytes exactly as stored). */
	update(seq: number, update: Uint8Array): void;
	/**
	 * An awareness update (y-protocols encoding) of clients connected to instance `instanceId`.
	 * Already guarded there (own client id, size, rate).
	 */
	awareness(update: Uint8Array, instanceId: string): void;
	/** A board event published elsewhere. */
	event(event: RelayEvent, instanceId: string): void;
	/**
	 * Messages may have been missed (the relay reconnected): fetch the board's updates after the
	 * last seq you hold from the store, and publish your awareness states again.
	 */
	resync(): void;
	/**
	 * Instance `instanceId` is gone (stopped, killed, or silent past the relay's heartbeat
	 * timeout, a few seconds): remove the awareness states it published.
	 */
	instanceGone(instanceId: string): void;
}

/** The relay between instances. */
export interface Relay {
	/** This instance's id, unique per process start (sent with everything it publishes). */
	readonly instanceId: string;
	/**
	 * Other instances may publish (Redis; an in-process hub shared by several servers). Rooms then
	 * also compare the seq they hold with the store's every few seconds: a lost message with
	 * nothing after it leaves no gap to see.
	 */
	readonly distributed: boolean;
	/**
	 * Starts delivering board `boardId`'s messages to `subscriber` (one subscriber per board per
	 * instance: its room). Resolves once subscribed, i.e. once every message published after that
	 * moment will be delivered (or a later `resync()` says it may not have been). Returns the
	 * function that unsubscribes.
	 */
	subscribe(boardId: string, subscriber: RelaySubscriber): Promise<() => void>;
	/** Publishes an update already committed with per-board `seq`. Fire-and-forget: never throws, never waits. */
	publishUpdate(boardId: string, seq: number, update: Uint8Array): void;
	/** Publishes an awareness update of this instance's clients (fire-and-forget). */
	publishAwareness(boardId: string, update: Uint8Array): void;
	/** Publishes a board event (fire-and-forget). */
	publishEvent(boardId: string, event: RelayEvent): void;
	/** Stops: unsubscribes everything, tells others this instance is gone when it can. Idempotent. */
	close(): Promise<void>;
}
