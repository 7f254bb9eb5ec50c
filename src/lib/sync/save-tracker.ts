/**
 * Which local edits of an open board the server has committed. Counts local changes
 * (unsent-changes.ts), asks the server to confirm them (server-acks.ts) whenever some are not
 * covered by a question yet, and keeps the count in Web Storage so a reload — also offline —
 * still knows how many changes wait on this device. Browser or Node (tests).
 */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ServerAcks } from './server-acks.ts';
import { loadUnsentCount, saveUnsentCount, UnsentChanges } from './unsent-changes.ts';

/** What a {@link SaveTracker} needs. */
export interface SaveTrackerOptions {
	boardId: string;
	doc: Y.Doc;
	provider: WebsocketProvider;
	/**
	 * Resolves once the offline copy has been loaded into `doc`: changes a previous page left
	 * unconfirmed are only in the doc (and so only sent) from then on.
	 */
	whenCached: Promise<void>;
	/** Where the count is kept between pages (localStorage); undefined keeps it in memory only. */
	storage?: Storage;
	/** Clock (ms), for grouping edits into changes. */
	now?: () => number;
}

/** Tracks unconfirmed local changes of one board; `destroy()` when leaving the board. */
export class SaveTracker {
	readonly #options: SaveTrackerOptions;
	readonly #changes: UnsentChanges;
	readonly #acks: ServerAcks;
	readonly #listeners = new Set<() => void>();
	#cached = false;
	#destroyed = false;

	constructor(options: SaveTrackerOptions) {
		this.#options = options;
		this.#changes = new UnsentChanges(loadUnsentCount(options.boardId, options.storage));
		this.#acks = new ServerAcks(options.provider, {
			acknowledged: (seq) => {
				if (this.#changes.acknowledge(seq) > 0) this.#changed();
				this.#askIfNeeded();
			},
			ready: () => this.#askIfNeeded(),
			lost: () => this.#changes.forgetRequests()
		});
		options.doc.on('update', this.#onUpdate);
		void options.whenCached.then(() => {
			this.#cached = true;
			this.#askIfNeeded();
		});
	}

	/** Local changes the server has not confirmed yet (edits less than a second apart count once). */
	get unsent(): number {
		return this.#changes.count;
	}

	/** Call `listener` whenever {@link unsent} changes; returns an unsubscribe function. */
	onChange(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** This device's copy of the board was removed: nothing waits here any more. */
	clear(): void {
		this.#changes.clear();
		this.#changed();
	}

	/** Stop tracking (the kept count stays for the next page of this board). */
	destroy(): void {
		this.#destroyed = true;
		this.#options.doc.off('update', this.#onUpdate);
		this.#acks.destroy();
		this.#listeners.clear();
	}

	#onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
		// remote updates (provider, offline copy) arrive through applyUpdate, which is not local
		if (!transaction.local) return;
		if (this.#changes.record((this.#options.now ?? Date.now)())) this.#changed();
		// the provider relays the update in its own 'update' listener, registered before this one;
		// ask after the rest of this turn so one question covers a burst of transactions
		queueMicrotask(() => this.#askIfNeeded());
	};

	#askIfNeeded(): void {
		if (this.#destroyed || !this.#cached || !this.#changes.needsRequest || !this.#acks.canAsk) return;
		this.#acks.ask(this.#changes.requestThrough());
	}

	#changed(): void {
		saveUnsentCount(this.#options.boardId, this.#changes.count, this.#options.storage);
		for (const listener of this.#listeners) listener();
	}
}
