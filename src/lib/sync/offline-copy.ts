/**
 * A board's copy on this device: its Y.Doc kept in IndexedDB by y-indexeddb, so the board opens
 * without a network and edits made offline survive a reload. The browser may refuse to store
 * (private mode, quota, IndexedDB disabled or failing): the copy then turns `off` — the board
 * keeps working online — and says so, instead of failing silently. An edit IndexedDB has not
 * committed yet when the page goes away (a reload right after the last keystroke) is kept in Web
 * Storage and applied again by the next page (see unstored-updates.ts). Updates from other people
 * (`isRemote`) are stored a moment later, many as one (deferred-updates.ts); the user's own are
 * stored at once. Browser only.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { cacheName, clearBoardCache } from './offline-cache.ts';
import { keepUnstored, takeUnstored, UnstoredUpdates } from './unstored-updates.ts';
import { DeferredUpdates } from './deferred-updates.ts';

/** `opening`: not loaded yet; `on`: the copy is kept; `off`: the browser refused, or it was removed. */
export type OfflineCopyState = 'opening' | 'on' | 'off';

/** Why a copy is off. */
export type OfflineCopyOffReason = 'unsupported' | 'refused' | 'full' | 'removed';

/** The offline copy of one open board. */
export class OfflineCopy {
	readonly boardId: string;
	readonly #doc: Y.Doc;
	#persistence: IndexeddbPersistence | null = null;
	#state: OfflineCopyState = 'opening';
	#reason: OfflineCopyOffReason | null = null;
	readonly #listeners = new Set<() => void>();
	#destroyed = false;
	#starting = false;
	#settleLoaded!: () => void;
	/** Updates handed to IndexedDB that it has not confirmed yet. */
	readonly #unstored = new UnstoredUpdates();
	#confirmScheduled = false;
	#stopKeeping: (() => void) | null = null;
	/** Which updates come from other people (held back and stored many as one). */
	readonly #isRemote: (origin: unknown) => boolean;
	/** Remote updates not handed to IndexedDB yet. */
	#deferred: DeferredUpdates | null = null;
	/** Resolves once the copy has been loaded into the doc, or has turned out to be unavailable. */
	readonly whenLoaded: Promise<void>;

	/** `isRemote(origin)`: whether an update with this origin came from the server (another person). */
	constructor(boardId: string, doc: Y.Doc, isRemote: (origin: unknown) => boolean = () => false) {
		this.boardId = boardId;
		this.#doc = doc;
		this.#isRemote = isRemote;
		this.whenLoaded = new Promise<void>((resolve) => (this.#settleLoaded = resolve));
	}

	/** `opening`, `on` or `off`. */
	get state(): OfflineCopyState {
		return this.#state;
	}

	/** Why the copy is off (null while it is not). */
	get offReason(): OfflineCopyOffReason | null {
		return this.#reason;
	}

	/** Call `listener` when the state changes; returns an unsubscribe function. */
	onChange(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Open the copy (load what it holds into the doc, then keep every update). Idempotent. */
	start(): Promise<void> {
		if (this.#starting || this.#state === 'off' || this.#destroyed) return this.whenLoaded;
		this.#starting = true;
		if (typeof indexedDB === 'undefined') {
			this.#turnOff('unsupported');
			return this.whenLoaded;
		}
		// y-indexeddb leaves a refused open as an unhandled rejection: find out first (with a database
		// of our own: opening the board's one here would create it without y-indexeddb's stores)
		void canOpen(STORAGE_CHECK_DB).then((ok) => {
			if (!ok) this.#turnOff('refused');
			else if (!this.#destroyed && this.#state !== 'off') this.#persist();
		});
		return this.whenLoaded;
	}

	#persist(): void {
		let persistence: IndexeddbPersistence;
		try {
			persistence = new IndexeddbPersistence(cacheName(this.boardId), this.#doc);
		} catch {
			this.#turnOff('refused');
			return;
		}
		this.#persistence = persistence;
		this.#keepUnstored(persistence);
		persistence._db.then(
			(db) => {
				// a write the browser refuses (quota) aborts its transaction; the events bubble up to the database
				const failed = (event: Event) => {
					const error = (event.target as IDBRequest | IDBTransaction | null)?.error;
					this.#turnOff(error?.name === 'QuotaExceededError' ? 'full' : 'refused');
				};
				db.addEventListener('abort', failed);
				db.addEventListener('error', failed);
				db.addEventListener('close', () => this.#turnOff('refused'));
			},
			() => this.#turnOff('refused')
		);
		void persistence.whenSynced.then(() => {
			if (this.#persistence === persistence) {
				// what an earlier page had not got into IndexedDB when it went away (y-indexeddb stores it now)
				const kept = takeUnstored(this.boardId, webStorage());
				if (kept) Y.applyUpdate(this.#doc, kept, this);
				this.#confirmLater();
			}
			if (this.#state === 'opening') this.#set('on', null);
			this.#settleLoaded();
		});
	}

	/**
	 * Track the updates y-indexeddb writes until IndexedDB confirms them, and put the unconfirmed
	 * ones in Web Storage when the page is hidden or goes away.
	 */
	#keepUnstored(persistence: IndexeddbPersistence): void {
		// y-indexeddb writes every update in its own transaction: we hand it the updates instead
		persistence.doc.off('update', persistence._storeUpdate);
		const store = (update: Uint8Array) => {
			persistence._storeUpdate(update, null); // skipped by y-indexeddb until its first read
			this.#unstored.add(update);
			this.#confirmLater();
		};
		const deferred = new DeferredUpdates(store);
		this.#deferred = deferred;
		// a board opened here for the first time got the server's copy before this copy started: until
		// y-indexeddb's first write of the whole doc is confirmed, that state is unstored like any update
		// (a page left right after the board was drawn keeps it in Web Storage, so it still opens offline)
		if (this.#doc.store.clients.size > 0) {
			this.#unstored.add(Y.encodeStateAsUpdate(this.#doc));
			this.#confirmLater();
		}
		const onUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === persistence) return; // read from IndexedDB
			if (this.#isRemote(origin)) deferred.add(update);
			else store(update);
		};
		const onHide = () => {
			deferred.flush(); // its transaction may not finish: the updates are also put in Web Storage
			const update = this.#unstored.merged();
			if (update) keepUnstored(this.boardId, update, webStorage());
		};
		const onVisibility = () => {
			if (document.visibilityState === 'hidden') onHide();
		};
		this.#doc.on('update', onUpdate);
		window.addEventListener('pagehide', onHide);
		document.addEventListener('visibilitychange', onVisibility);
		this.#stopKeeping = () => {
			this.#doc.off('update', onUpdate);
			deferred.clear();
			window.removeEventListener('pagehide', onHide);
			document.removeEventListener('visibilitychange', onVisibility);
		};
	}

	/**
	 * After this turn, open a transaction on the updates store: IndexedDB runs it only after every
	 * write transaction created before it has finished, so when it completes, every update tracked
	 * so far is committed. Before the copy has loaded, y-indexeddb skips updates and writes the
	 * whole doc with its first read instead; the confirmation then waits for the load.
	 */
	#confirmLater(): void {
		if (this.#confirmScheduled) return;
		this.#confirmScheduled = true;
		queueMicrotask(() => {
			this.#confirmScheduled = false;
			const persistence = this.#persistence;
			const db = persistence?.db;
			if (!persistence?.synced || !db || this.#unstored.size === 0) return;
			const mark = this.#unstored.mark();
			try {
				const transaction = db.transaction(['updates'], 'readonly');
				transaction.objectStore('updates').getKey(0);
				transaction.oncomplete = () => this.#unstored.confirm(mark);
			} catch {
				// the database is closing: the updates stay unconfirmed, kept in Web Storage on hide
			}
		});
	}

	/**
	 * Delete this device's copy of the board and stop keeping one for this page. Unsent changes
	 * held only here are gone with it.
	 */
	async remove(): Promise<void> {
		const persistence = this.#persistence;
		this.#persistence = null;
		this.#turnOff('removed');
		await persistence?.destroy().catch(() => {});
		await clearBoardCache(this.boardId);
	}

	/** Stop keeping updates (the stored copy stays). */
	destroy(): void {
		this.#destroyed = true;
		this.#listeners.clear();
		// leaving the board within the app: the copy's open writes still finish, but the tab may close first
		this.#deferred?.flush();
		const update = this.#persistence ? this.#unstored.merged() : null;
		if (update) keepUnstored(this.boardId, update, webStorage());
		this.#stopKeeping?.();
		this.#stopKeeping = null;
		void this.#persistence?.destroy().catch(() => {});
		this.#persistence = null;
		this.#settleLoaded();
	}

	#turnOff(reason: OfflineCopyOffReason): void {
		if (this.#state === 'off') return;
		if (reason !== 'removed') console.warn(`offline copy of board ${this.boardId} is off: ${reason}`);
		// stop writing: what the copy holds may be incomplete from here on
		this.#stopKeeping?.();
		this.#stopKeeping = null;
		this.#unstored.clear();
		if (this.#persistence) {
			void this.#persistence.destroy().catch(() => {});
			this.#persistence = null;
		}
		this.#set('off', reason);
		this.#settleLoaded();
	}

	#set(state: OfflineCopyState, reason: OfflineCopyOffReason | null): void {
		this.#state = state;
		this.#reason = reason;
		for (const listener of this.#listeners) listener();
	}
}

function webStorage(): Storage | undefined {
	try {
		return window.localStorage;
	} catch {
		return undefined;
	}
}

/** A tiny database opened to learn whether the browser lets this page store anything. */
const STORAGE_CHECK_DB = 'groundwork:storage-check';

/** Whether the browser lets this page open (or create) IndexedDB database `name`. */
function canOpen(name: string): Promise<boolean> {
	return new Promise((resolve) => {
		try {
			const request = indexedDB.open(name);
			request.onsuccess = () => {
				request.result.close();
				resolve(true);
			};
			request.onerror = (event) => {
				event.preventDefault(); // handled here: not an uncaught error
				resolve(false);
			};
			request.onblocked = () => resolve(true);
		} catch {
			resolve(false);
		}
	});
}
