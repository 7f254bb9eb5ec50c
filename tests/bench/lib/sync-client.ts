/**
 * A minimal y-websocket client over a plain `ws` socket for one-shot reads: sends sync step 1,
 * answers the server's step 1, and resolves when the server's step 2 (the full state) arrived,
 * with the times of the first frame and of that reply.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { nowMs } from './stats.ts';

/** Result of {@link syncOnce}. Times in ms from the call. */
export interface SyncOnce {
	readonly doc: Y.Doc;
	/** First frame from the server (its sync step 1, sent once the board is loaded). */
	readonly firstFrameMs: number;
	/** The server's sync step 2 (the board's state) was received — not yet applied. */
	readonly replyMs: number;
	/** Size of that step-2 frame in bytes. */
	readonly replyBytes: number;
}

/** Connects to `url`, syncs an empty doc and closes. Rejects on close before sync or after `timeoutMs`. */
export function syncOnce(url: string, timeoutMs = 60_000): Promise<SyncOnce> {
	const start = nowMs();
	const doc = new Y.Doc();
	const ws = new WebSocket(url, { perMessageDeflate: false });
	let firstFrameMs = -1;
	return new Promise<SyncOnce>((resolve, reject) => {
		const timer = setTimeout(() => {
			ws.terminate();
			reject(new Error(`no sync reply from ${url.replace(/token=[^&]+/, 'token=…')} within ${timeoutMs} ms`));
		}, timeoutMs);
		ws.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		ws.on('close', (code) => {
			clearTimeout(timer);
			reject(new Error(`socket closed with ${code} before sync`));
		});
		ws.on('open', () => {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 0);
			syncProtocol.writeSyncStep1(e, doc);
			ws.send(encoding.toUint8Array(e));
		});
		ws.on('message', (data: Buffer) => {
			const at = nowMs() - start;
			if (firstFrameMs < 0) firstFrameMs = at;
			if (data[0] !== 0) return;
			const isReply = data[1] === syncProtocol.messageYjsSyncStep2;
			const decoder = decoding.createDecoder(data);
			decoding.readVarUint(decoder);
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			syncProtocol.readSyncMessage(decoder, encoder, doc, 'remote');
			if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
			if (isReply) {
				clearTimeout(timer);
				ws.removeAllListeners('close');
				ws.on('error', () => {});
				ws.close();
				resolve({ doc, firstFrameMs, replyMs: at, replyBytes: data.byteLength });
			}
		});
	});
}
