/** Reactive connection/save status of the open board. */
import { createSubscriber } from 'svelte/reactivity';
import { watchSyncStatus, type SyncState, type SyncStatus, type WatchedConnection } from '$lib/sync/status.ts';

/** `current` is the status, `unsent` the changes the server has not confirmed, `offlineCopy` whether this device keeps one. */
export class SyncStatusState {
	#state: SyncState = { status: 'connecting', unsent: 0, offlineCopy: 'opening', offlineCopyOff: null };
	readonly #subscribe: () => void;

	constructor(connection: WatchedConnection, options: { readOnly: boolean }) {
		this.#subscribe = createSubscriber((update) =>
			watchSyncStatus(connection, options, (state) => {
				this.#state = state;
				update();
			})
		);
	}

	/** 'connecting' | 'saving' | 'saved' | 'offline' | 'view-only'. */
	get current(): SyncStatus {
		this.#subscribe();
		return this.#state.status;
	}

	/** Local changes not confirmed by the server yet (kept on this device while the copy is on). */
	get unsent(): number {
		this.#subscribe();
		return this.#state.unsent;
	}

	/** Why this device keeps no copy ('refused', 'full', 'unsupported', 'removed'), or null. */
	get offlineCopyOff(): SyncState['offlineCopyOff'] {
		this.#subscribe();
		return this.#state.offlineCopyOff;
	}

	/** 'opening' | 'on' | 'off': whether this device keeps a copy of the board. */
	get offlineCopy(): SyncState['offlineCopy'] {
		this.#subscribe();
		return this.#state.offlineCopy;
	}
}
