/**
 * The y-websocket wire protocol, without I/O: decodes client frames (rejecting anything that does
 * not decode completely), decides what a frame means for the room, applies a client's document
 * update all-or-nothing as far as the store and the peers can tell, and encodes server frames
 * with y-protocols. The room (rooms.ts) does the sending, storing and broadcasting.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Access } from './auth.ts';

/** Top-level message type: document sync (step 1, step 2, update). */
export const MESSAGE_SYNC = 0;
/** Top-level message type: awareness update. */
export const MESSAGE_AWARENESS = 1;
/** Top-level message type: ask the peer to send all awareness states. */
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * A decoded client frame. State vectors and awareness payloads are validated (they decode
 * completely); a document update payload is validated by applying it ({@link applyClientUpdate}),
 * so it is decoded once, not twice. `frame` of an update is the client's whole frame, which is
 * byte for byte the update frame to relay.
 */
export type ClientMessage =
	| { readonly kind: 'sync-step-1'; readonly stateVector: Uint8Array }
	| { readonly kind: 'sync-step-2'; readonly update: Uint8Array }
	| { readonly kind: 'update'; readonly update: Uint8Array; readonly frame: Uint8Array }
	| { readonly kind: 'awareness'; readonly update: Uint8Array }
	| { readonly kind: 'query-awareness' };

/** A frame that is not a valid y-websocket client message; the connection closes with 4400. */
export class ProtocolError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ProtocolError';
	}
}

/**
 * A document update Yjs rejected (it does not decode, or fails to integrate). `touchedDoc` is true
 * when Yjs had already changed the doc before it gave up: the doc then holds part of an update
 * that is neither stored nor relayed, and must be reloaded from the store.
 */
export class RejectedUpdate extends ProtocolError {
	readonly touchedDoc: boolean;
	constructor(message: string, touchedDoc: boolean) {
		super(message);
		this.name = 'RejectedUpdate';
		this.touchedDoc = touchedDoc;
	}
}

function expectEnd(decoder: decoding.Decoder, what: string): void {
	if (decoding.hasContent(decoder)) throw new ProtocolError(`trailing bytes after ${what}`);
}

function validateAwarenessUpdate(update: Uint8Array): void {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		decoding.readVarUint(decoder); // client id
		decoding.readVarUint(decoder); // clock
		JSON.parse(decoding.readVarString(decoder));
	}
	expectEnd(decoder, 'awareness update');
}

/**
 * Decodes one client frame. Throws {@link ProtocolError} for an empty or truncated frame, an
 * unknown message or sync type, trailing bytes, a state vector that does not decode, or an
 * awareness update with invalid JSON. Document update payloads are not decoded here (see
 * {@link ClientMessage}).
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_SYNC) {
			const syncType = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			expectEnd(decoder, 'sync message');
			switch (syncType) {
				case syncProtocol.messageYjsSyncStep1:
					Y.decodeStateVector(payload);
					return { kind: 'sync-step-1', stateVector: payload };
				case syncProtocol.messageYjsSyncStep2:
					return { kind: 'sync-step-2', update: payload };
				case syncProtocol.messageYjsUpdate:
					return { kind: 'update', update: payload, frame };
				default:
					throw new ProtocolError(`unknown sync message type ${syncType}`);
			}
		}
		if (type === MESSAGE_AWARENESS) {
			const update = decoding.readVarUint8Array(decoder);
			expectEnd(decoder, 'awareness message');
			validateAwarenessUpdate(update);
			return { kind: 'awareness', update };
		}
		if (type === MESSAGE_QUERY_AWARENESS) {
			expectEnd(decoder, 'query-awareness message');
			return { kind: 'query-awareness' };
		}
		throw new ProtocolError(`unknown message type ${type}`);
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(`frame does not decode: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/** What the room must do with a decoded message. */
export type MessageEffect =
	/** Send `frame` back to the sender only. */
	| { readonly kind: 'reply'; readonly frame: Uint8Array }
	/**
	 * Apply this document update (edit access only) with {@link applyClientUpdate}; if it changed
	 * the doc, store it, then relay it: as `frame` when that is set (the client's own update
	 * frame), else as `encodeUpdate(update)`.
	 */
	| { readonly kind: 'apply-update'; readonly update: Uint8Array; readonly frame: Uint8Array | null }
	/** Apply this awareness update on behalf of the sender, then relay it. */
	| { readonly kind: 'apply-awareness'; readonly update: Uint8Array }
	/** Ignore the message; `reason` says why. */
	| { readonly kind: 'drop'; readonly reason: string };

/**
 * Decides the effect of a client message on a room holding `doc` and `awareness`. Reads, never
 * writes: a view connection's document updates become `drop`.
 */
export function effectOf(
	message: ClientMessage,
	room: { readonly doc: Y.Doc; readonly awareness: awarenessProtocol.Awareness },
	access: Access
): MessageEffect {
	switch (message.kind) {
		case 'sync-step-1':
			return { kind: 'reply', frame: encodeSyncStep2(room.doc, message.stateVector) };
		case 'sync-step-2':
		case 'update':
			if (access !== 'edit') {
				// never applied, but still checked: a malformed update is bad input from any peer (4400).
				// Rare and small (a view client's provider sends one sync step 2 per connection).
				try {
					Y.decodeUpdate(message.update);
				} catch {
					throw new ProtocolError('malformed document update');
				}
				return { kind: 'drop', reason: 'view-only connection sent a document update' };
			}
			return { kind: 'apply-update', update: message.update, frame: message.kind === 'update' ? message.frame : null };
		case 'awareness':
			return { kind: 'apply-awareness', update: message.update };
		case 'query-awareness':
			return { kind: 'reply', frame: encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]) };
	}
}

/**
 * True when a finished transaction changed the document (integrated or deleted something): the
 * condition under which Yjs emits 'update'.
 */
export function transactionChanged(transaction: Y.Transaction): boolean {
	if (transaction.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
	return false;
}

/**
 * Applies a client's document update to `doc` in one transaction with `origin`, decoding it once
 * (Yjs's own decoder is the validation). Returns true when the doc changed (content integrated or
 * deleted, or parts parked as pending until their dependencies arrive): the update must then be
 * stored and relayed exactly as received. Returns false for an update that adds nothing (e.g. an
 * empty sync step 2). Throws {@link RejectedUpdate} when Yjs rejects it; Yjs reads every struct
 * before integrating any, so a truncated or garbled update normally leaves the doc untouched,
 * and `touchedDoc` reports the rare case (a bad delete set, or a failure while integrating) where
 * it did not. No 'update' listener is needed (and none should be on a room's doc: Yjs re-encodes
 * every transaction for them). Call it outside any transaction on `doc`; it is not reentrant.
 */
export function applyClientUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): boolean {
	const store = doc.store;
	const pendingStructs = store.pendingStructs;
	const pendingUpdate = pendingStructs?.update;
	const pendingDs = store.pendingDs;
	applying.update = update;
	applying.transaction = null;
	let failed = false;
	let rejected: unknown;
	try {
		// Y.applyUpdate joins this outer transaction, which afterwards (however it ended) holds the
		// before/after state vectors and the delete set
		doc.transact(applyInTransaction, origin);
	} catch (error) {
		failed = true;
		rejected = error;
	}
	const transaction = applying.transaction as Y.Transaction | null;
	applying.update = null;
	applying.transaction = null;
	const changed =
		(transaction !== null && transactionChanged(transaction)) ||
		store.pendingStructs !== pendingStructs ||
		store.pendingStructs?.update !== pendingUpdate ||
		store.pendingDs !== pendingDs;
	if (failed) {
		throw new RejectedUpdate(`update rejected by Yjs: ${rejected instanceof Error ? rejected.message : String(rejected)}`, changed);
	}
	return changed;
}

// State of the applyClientUpdate in progress, at module level so no closure is made per update
// (under tsx, every closure created also costs a defineProperty for its name).
const applying: { update: Uint8Array | null; transaction: Y.Transaction | null } = { update: null, transaction: null };

function applyInTransaction(transaction: Y.Transaction): void {
	applying.transaction = transaction;
	Y.applyUpdate(transaction.doc, applying.update as Uint8Array, transaction.origin);
}

/** Sync step 1 frame: the server's state vector, asking the client for what it has beyond it. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

/** Sync step 2 frame: everything in `doc` the peer with `stateVector` lacks (all of it if omitted). */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

/** Update frame carrying one Yjs update (v1 encoding). */
export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Awareness frame with the current states (or removals) of `clients`. */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

/** Sync step 2 frame carrying an already encoded update (e.g. a stored snapshot). */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** True when a state vector names no client (the peer has nothing yet). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return Y.decodeStateVector(stateVector).size === 0;
}
