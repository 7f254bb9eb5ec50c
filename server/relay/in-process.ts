/**
 * The in-process relay. A server on its own (no `REDIS_URL`) gets a relay on a hub of its own:
 * there is no other instance, so nothing is delivered anywhere. Several servers in ONE process
 * (tests) may share a hub: each gets its own relay, and what one publishes is delivered to the
 * others' subscribers on a later event-loop turn, like a network relay would.
 */
import { randomUUID } from 'node:crypto';
import type { Relay, RelayEvent, RelaySubscriber } from './contract.ts';

/** One message on a hub (for {@link RelayHubOptions.deliver} filters in tests). */
export type HubMessage =
	| { readonly kind: 'update'; readonly boardId: string; readonly from: string; readonly seq: number; readonly update: Uint8Array }
	| { readonly kind: 'awareness'; readonly boardId: string; readonly from: string; readonly update: Uint8Array }
	| { readonly kind: 'event'; readonly boardId: string; readonly from: string; readonly event: RelayEvent };

/** Options of {@link createRelayHub}. */
export interface RelayHubOptions {
	/** Decides whether a message is delivered (tests drop some to exercise gap repair); default all. */
	readonly deliver?: (message: HubMessage) => boolean;
}

/** Relays of instances in one process. */
export interface RelayHub {
	/** A new instance's relay on this hub (`distributed`: others may publish on it; default true). */
	relay(distributed?: boolean): Relay;
	/** Tells every subscriber of every relay that messages may have been missed (as after a reconnect). */
	resyncAll(): void;
}

/** Creates a hub; see {@link RelayHub}. */
export function createRelayHub(options: RelayHubOptions = {}): RelayHub {
	/** instance id → board id → subscriber */
	const instances = new Map<string, Map<string, RelaySubscriber>>();
	const publish = (message: HubMessage) => {
		if (options.deliver && !options.deliver(message)) return;
		if (instances.size < 2) return; // alone on the hub: nobody to deliver to
		setImmediate(() => {
			for (const [id, boards] of instances) {
				if (id === message.from) continue;
				const subscriber = boards.get(message.boardId);
				if (!subscriber) continue;
				try {
					if (message.kind === 'update') subscriber.update(message.seq, message.update);
					else if (message.kind === 'awareness') subscriber.awareness(message.update, message.from);
					else subscriber.event(message.event, message.from);
				} catch {
					// a subscriber's failure is its own (the contract says handlers must not throw)
				}
			}
		});
	};
	return {
		relay(distributed = true): Relay {
			const instanceId = randomUUID();
			const boards = new Map<string, RelaySubscriber>();
			instances.set(instanceId, boards);
			let closed = false;
			return {
				instanceId,
				distributed,
				async subscribe(boardId, subscriber) {
					boards.set(boardId, subscriber);
					return () => {
						if (boards.get(boardId) === subscriber) boards.delete(boardId);
					};
				},
				publishUpdate(boardId, seq, update) {
					// the bytes are copied only when someone may get them (the commit path of a lone server pays nothing)
					if (!closed && (distributed || options.deliver)) publish({ kind: 'update', boardId, from: instanceId, seq, update: update.slice() });
				},
				publishAwareness(boardId, update) {
					if (!closed && (distributed || options.deliver)) publish({ kind: 'awareness', boardId, from: instanceId, update: update.slice() });
				},
				publishEvent(boardId, event) {
					if (!closed) publish({ kind: 'event', boardId, from: instanceId, event });
				},
				async close() {
					if (closed) return;
					closed = true;
					instances.delete(instanceId);
					boards.clear();
					for (const others of instances.values()) for (const subscriber of others.values()) subscriber.instanceGone(instanceId);
				}
			};
		},
		resyncAll() {
			for (const boards of instances.values()) for (const subscriber of boards.values()) subscriber.resync();
		}
	};
}

/** The relay of a server on its own: a hub with one instance. */
export function createInProcessRelay(): Relay {
	return createRelayHub().relay(false);
}
