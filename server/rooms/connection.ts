/**
 * One client socket of a room: its access, its frames queued while the room loads, the awareness
 * client id it owns and the rate of its awareness updates (awareness-guard.ts), liveness for pings.
 */
import type { WebSocket } from 'ws';
import type { Access } from '../auth.ts';
import { RateBucket } from '../rate-limit.ts';

/** A socket joined to a room. Also the Yjs / awareness transaction origin of what it sends. */
export interface Connection {
	readonly ws: WebSocket;
	readonly access: Access;
	/** Frames received before the room finished loading, in order. */
	readonly queue: Uint8Array[];
	/** The awareness client id this connection owns (see awareness-guard.ts), null until it announced one. */
	ownId: number | null;
	/** Rate of its applied awareness updates. */
	readonly awarenessRate: RateBucket;
	/** Its latest awareness update over the rate, applied when the rate allows (newer ones replace it). */
	heldAwareness: Uint8Array | null;
	heldTimer: NodeJS.Timeout | null;
	/** An oversized state was already logged for this connection. */
	warnedOversize: boolean;
	/** Answered (a frame or a pong) since the last ping. */
	alive: boolean;
	/** Set once we decided to close it: its frames are ignored from then on. */
	closing: boolean;
}

/** A new connection for an open, authorised socket. */
export function createConnection(ws: WebSocket, access: Access, awarenessPerSecond: number): Connection {
	return {
		ws,
		access,
		queue: [],
		ownId: null,
		awarenessRate: new RateBucket(awarenessPerSecond, performance.now()),
		heldAwareness: null,
		heldTimer: null,
		warnedOversize: false,
		alive: true,
		closing: false
	};
}

/** Closes the socket with `code` (reason cut to fit a close frame); its frames are ignored from now on. */
export function closeConnection(conn: Connection, code: number, reason: string): void {
	conn.closing = true;
	try {
		conn.ws.close(code, reason.slice(0, 120));
	} catch {
		conn.ws.terminate();
	}
}

/**
 * Sends one frame unless the connection is closing; a peer whose send buffer is past
 * `maxBuffered` bytes is too slow to read and is closed with `onSlow` instead.
 */
export function sendFrame(conn: Connection, frame: Uint8Array, maxBuffered: number, onSlow: () => void): void {
	if (conn.closing || conn.ws.readyState !== conn.ws.OPEN) return;
	if (conn.ws.bufferedAmount > maxBuffered) {
		onSlow();
		return;
	}
	conn.ws.send(frame);
}

/** Resolves when every socket has closed, terminating the stragglers after `graceMs`. */
export function waitForClose(sockets: WebSocket[], graceMs: number): Promise<void> {
	const open = sockets.filter((ws) => ws.readyState !== ws.CLOSED);
	if (open.length === 0) return Promise.resolve();
	return new Promise((resolve) => {
		let left = open.length;
		const timer = setTimeout(() => {
			for (const ws of open) ws.terminate();
		}, graceMs);
		for (const ws of open) {
			ws.once('close', () => {
				if (--left === 0) {
					clearTimeout(timer);
					resolve();
				}
			});
		}
	});
}
