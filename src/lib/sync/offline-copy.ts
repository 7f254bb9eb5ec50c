/**
 * A board's copy on this device: its Y.Doc kept in IndexedDB by y-indexeddb, so the board opens
 * without a network and edits made offline survive a reload. The browser may refuse to store
 * (private mode, quota, IndexedDB disabled or failing): the copy then turns `off` — the board
 * keeps working online — and says so, instead of failing silently. Browser only.
 */
import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { cacheName, clearBoardCache } from './offline-cache.ts';

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
	/** Resolves once the copy has been loaded into the doc, or has turned out to be unavailable. */
	readonly whenLoaded: Promise<void>;

	constructor(boardId: string, doc: Y.Doc) {
		this.boardId = boardId;
		this.#doc = doc;
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
			if (this.#state === 'opening') this.#set('on', null);
			this.#settleLoaded();
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
		void this.#persistence?.destroy().catch(() => {});
		this.#persistence = null;
		this.#settleLoaded();
	}

	#turnOff(reason: OfflineCopyOffReason): void {
		if (this.#state === 'off') return;
		if (reason !== 'removed') console.warn(`offline copy of board ${this.boardId} is off: ${reason}`);
		// stop writing: what the copy holds may be incomplete from here on
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
