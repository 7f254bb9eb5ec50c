/**
 * The messages instances exchange through the relay (Redis pub/sub), as bytes: one lib0-encoded
 * frame per message, binary-safe (Yjs updates and awareness updates travel as they are). Pure: no
 * I/O. Every message names the instance it comes from, so an instance ignores its own echoes and
 * can tell whose presence states to drop when another instance dies.
 *
 * Frame: varUint version (1) · varUint kind · varString origin instance id · kind-specific fields.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RelayEvent } from './contract.ts';

/** Wire version; a frame of another version is ignored (mixed versions during a rolling upgrade). */
export const RELAY_WIRE_VERSION = 1;

/** A message between instances. */
export type RelayMessage =
	/** An update committed to the store as the board's `seq` (per-board sequence number). */
	| { readonly kind: 'update'; readonly origin: string; readonly boardId: string; readonly seq: number; readonly update: Uint8Array }
	/** The board's log reaches at least `seq` (sent a moment after updates, so a dropped last message is noticed). */
	| { readonly kind: 'head'; readonly origin: string; readonly boardId: string; readonly seq: number }
	/** An awareness (presence) update of the origin's clients on the board, y-protocols encoding. */
	| { readonly kind: 'awareness'; readonly origin: string; readonly boardId: string; readonly update: Uint8Array }
	/** A board event (contract.ts): deleted, a link reset, or a newcomer asking for presence. */
	| { readonly kind: 'event'; readonly origin: string; readonly boardId: string; readonly event: RelayEvent }
	/** Liveness of an instance (on the instances channel). `intervalMs`: when to expect the next one. */
	| { readonly kind: 'heartbeat'; readonly origin: string; readonly intervalMs: number }
	/** The instance is stopping: drop its presence states now. */
	| { readonly kind: 'bye'; readonly origin: string };

const KINDS = ['update', 'head', 'awareness', 'event', 'heartbeat', 'bye'] as const;
/** Board events on the wire: one byte each, link resets with their access. */
const EVENTS = ['deleted', 'link-reset-edit', 'link-reset-view', 'awareness-query'] as const;

const eventCode = (event: RelayEvent): number =>
	EVENTS.indexOf(event.kind === 'link-reset' ? (`link-reset-${event.access}` as const) : event.kind);

const eventOf = (code: number): RelayEvent | null => {
	switch (EVENTS[code]) {
		case 'deleted':
			return { kind: 'deleted' };
		case 'link-reset-edit':
			return { kind: 'link-reset', access: 'edit' };
		case 'link-reset-view':
			return { kind: 'link-reset', access: 'view' };
		case 'awareness-query':
			return { kind: 'awareness-query' };
		default:
			return null;
	}
};

/** Encodes one message as a frame. */
export function encodeRelayMessage(message: RelayMessage): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, RELAY_WIRE_VERSION);
	encoding.writeVarUint(e, KINDS.indexOf(message.kind));
	encoding.writeVarString(e, message.origin);
	switch (message.kind) {
		case 'update':
			encoding.writeVarString(e, message.boardId);
			encoding.writeVarUint(e, message.seq);
			encoding.writeVarUint8Array(e, message.update);
			break;
		case 'head':
			encoding.writeVarString(e, message.boardId);
			encoding.writeVarUint(e, message.seq);
			break;
		case 'awareness':
			encoding.writeVarString(e, message.boardId);
			encoding.writeVarUint8Array(e, message.update);
			break;
		case 'event':
			encoding.writeVarString(e, message.boardId);
			encoding.writeVarUint(e, eventCode(message.event));
			break;
		case 'heartbeat':
			encoding.writeVarUint(e, message.intervalMs);
			break;
		case 'bye':
			break;
	}
	return encoding.toUint8Array(e);
}

/**
 * Decodes a frame; null for a frame of another wire version or one that does not decode (a bug
 * or a foreign publisher on our channels: ignored, never thrown into the caller).
 */
export function decodeRelayMessage(frame: Uint8Array): RelayMessage | null {
	try {
		const d = decoding.createDecoder(frame);
		if (decoding.readVarUint(d) !== RELAY_WIRE_VERSION) return null;
		const kind = KINDS[decoding.readVarUint(d)];
		const origin = decoding.readVarString(d);
		let message: RelayMessage;
		switch (kind) {
			case 'update': {
				const boardId = decoding.readVarString(d);
				const seq = decoding.readVarUint(d);
				message = { kind, origin, boardId, seq, update: decoding.readVarUint8Array(d) };
				break;
			}
			case 'head':
				message = { kind, origin, boardId: decoding.readVarString(d), seq: decoding.readVarUint(d) };
				break;
			case 'awareness': {
				const boardId = decoding.readVarString(d);
				message = { kind, origin, boardId, update: decoding.readVarUint8Array(d) };
				break;
			}
			case 'event': {
				const boardId = decoding.readVarString(d);
				const event = eventOf(decoding.readVarUint(d));
				if (!event) return null;
				message = { kind, origin, boardId, event };
				break;
			}
			case 'heartbeat':
				message = { kind, origin, intervalMs: decoding.readVarUint(d) };
				break;
			case 'bye':
				message = { kind, origin };
				break;
			default:
				return null;
		}
		return decoding.hasContent(d) ? null : message;
	} catch {
		return null;
	}
}
