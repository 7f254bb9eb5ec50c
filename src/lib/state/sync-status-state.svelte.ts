/** Reactive connection/save status of the open board. */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createSubscriber } from 'svelte/reactivity';
import { watchSyncStatus, type SyncStatus } from '$lib/sync/status.ts';

/** `current` is 'connecting' | 'saving' | 'saved' | 'offline', derived from the provider. */
export class SyncStatusState {
	#status: SyncStatus = 'connecting';
	readonly #subscribe: () => void;

	constructor(provider: WebsocketProvider, doc: Y.Doc) {
		this.#subscribe = createSubscriber((update) =>
			watchSyncStatus(provider, doc, (status) => {
				this.#status = status;
				update();
			})
		);
	}

	/** The current status. */
	get current(): SyncStatus {
		this.#subscribe();
		return this.#status;
	}
}
