/**
 * Learning that the server has committed this browser's edits, with the plain y-websocket
 * protocol and an unmodified provider. The server handles one socket's frames in order and holds
 * every answer until the updates received before it are committed to its store (the durability
 * contract). So a sync step 1 sent after some updates is a question — "have you stored them?" —
 * and its sync step 2 answer is the acknowledgement. Each socket's step 2 answers are matched, in
 * order, to the step 1 messages sent on it: first the provider's own one (sent when the socket
 * opens, before our state reached the server, so it confirms nothing), then ours.
 *
 * A question is only asked once the server's own sync step 1 has been answered on the socket:
 * from then on everything in the local doc has been handed to that socket (the answer carried
 * whatever the server lacked, and the provider relays every later update at once).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';

/** The y-websocket top-level message type of document sync. */
const MESSAGE_SYNC = 0;

/** What {@link ServerAcks} reports. */
export interface ServerAckHandlers {
	/** The server confirmed the question asked with `seq`: everything sent before it is committed. */
	acknowledged(seq: number): void;
	/** A question may be asked now ({@link ServerAcks.canAsk} turned true). */
	ready(): void;
	/** The socket closed: outstanding questions will never be answered. */
	lost(): void;
}

type SyncHandler = WebsocketProvider['messageHandlers'][number];

/**
 * Asks a provider's server for acknowledgements and reports them. At most one question is
 * outstanding at a time (a burst of edits is confirmed by the next question). `destroy()`
 * restores the provider's sync handler.
 */
export class ServerAcks {
	readonly #provider: WebsocketProvider;
	readonly #handlers: ServerAckHandlers;
	readonly #original: SyncHandler;
	/** Step 2 answers expected on the current socket, oldest first: a question's seq, or null (the provider's own step 1). */
	#expected: (number | null)[] = [];
	/** The server's sync step 1 has been answered on the current socket. */
	#answeredServer = false;
	#socket: WebSocket | null = null;
	#destroyed = false;

	constructor(provider: WebsocketProvider, handlers: ServerAckHandlers) {
		this.#provider = provider;
		this.#handlers = handlers;
		this.#original = provider.messageHandlers[MESSAGE_SYNC];
		provider.messageHandlers[MESSAGE_SYNC] = this.#onSyncMessage;
		provider.on('status', this.#onStatus);
		provider.on('connection-close', this.#onClose);
		if (provider.wsconnected) this.#reset(provider.ws);
	}

	/** True when a question can be sent now: socket open, handshake answered, no question outstanding. */
	get canAsk(): boolean {
		return (
			!this.#destroyed &&
			this.#answeredServer &&
			this.#provider.wsconnected &&
			this.#provider.ws === this.#socket &&
			this.#socket?.readyState === 1 &&
			!this.#expected.some((seq) => seq !== null)
		);
	}

	/** Ask the server to confirm everything sent so far; `seq` comes back in `acknowledged`. False if it cannot ask now. */
	ask(seq: number): boolean {
		if (!this.canAsk || !this.#socket) return false;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, this.#provider.doc);
		this.#expected.push(seq);
		this.#socket.send(encoding.toUint8Array(encoder));
		return true;
	}

	/** Stop listening and give the provider its own sync handler back. */
	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		if (this.#provider.messageHandlers[MESSAGE_SYNC] === this.#onSyncMessage) this.#provider.messageHandlers[MESSAGE_SYNC] = this.#original;
		this.#provider.off('status', this.#onStatus);
		this.#provider.off('connection-close', this.#onClose);
	}

	#reset(socket: WebSocket | null): void {
		this.#socket = socket;
		// the provider sends its own sync step 1 right after announcing 'connected'
		this.#expected = socket ? [null] : [];
		this.#answeredServer = false;
	}

	#onStatus = ({ status }: { status: string }) => {
		if (status === 'connected') this.#reset(this.#provider.ws);
	};

	#onClose = () => {
		this.#reset(null);
		if (!this.#destroyed) this.#handlers.lost();
	};

	// Called by the provider for every sync frame, from the socket (emitSynced true) or from other tabs (false).
	#onSyncMessage: SyncHandler = (encoder, decoder, provider, emitSynced, messageType) => {
		const fromSocket = emitSynced && provider.ws === this.#socket && !this.#destroyed;
		const kind = fromSocket && decoding.hasContent(decoder) ? decoding.peekVarUint(decoder) : -1;
		this.#original(encoder, decoder, provider, emitSynced, messageType);
		if (kind === syncProtocol.messageYjsSyncStep1) {
			// the provider sends our answer when this returns; questions must go after it
			queueMicrotask(() => {
				if (provider.ws !== this.#socket || this.#answeredServer) return;
				this.#answeredServer = true;
				if (this.canAsk) this.#handlers.ready();
			});
		} else if (kind === syncProtocol.messageYjsSyncStep2) {
			const seq = this.#expected.shift();
			if (seq !== undefined && seq !== null) this.#handlers.acknowledged(seq);
			if (this.canAsk) this.#handlers.ready();
		}
	};
}
