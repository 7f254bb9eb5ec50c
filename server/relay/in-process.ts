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
	/** A new instance's relay on this hub. */
	relay(): Relay;
	/** Tells every subscriber of every relay that messages may have been missed (as after a reconnect). */
	resyncAll(): void;
}

/** Creates a hub; see {@link RelayHub}. */
export function createRelayHub(options: RelayHubOptions = {}): RelayHub {
	/** instance id → board id → subscriber */
	const instances = new Map<string, Map<string, RelaySubscriber>>();
	const publish = (message: HubMessage) => {
		if (options.deliver && !options.deliver(message)) return;
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
		relay(): Relay {
			const instanceId = randomUUID();
			const boards = new Map<string, RelaySubscriber>();
			instances.set(instanceId, boards);
			let closed = false;
			return {
				instanceId,
				async subscribe(boardId, subscriber) {
					boards.set(boardId, subscriber);
					return () => {
						if (boards.get(boardId) === subscriber) boards.delete(boardId);
					};
				},
				publishUpdate(boardId, seq, update) {
					if (!closed) publish({ kind: 'update', boardId, from: instanceId, seq, update: update.slice() });
				},
				publishAwareness(boardId, update) {
					if (!closed) publish({ kind: 'awareness', boardId, from: instanceId, update: update.slice() });
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
	return createRelayHub().relay();
}
