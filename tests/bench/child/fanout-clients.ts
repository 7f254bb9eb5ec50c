/**
 * Client side of the fan-out scenario, run as a child process (one for the writers, one for the
 * readers) so the server's event loop and the clients' never share a thread. Sockets are plain
 * `ws` clients speaking the y-websocket protocol by hand: cheap enough to run 100 of them.
 *
 * Every update a writer sends sets map key `r<run>t<k>` of a scratch top-level map to the string
 * `@@<run>:<k>:<hrtime ns>@@`; a receiver finds that marker in the frame's bytes (Yjs writes
 * strings verbatim), so both sides read the same monotonic clock and no decoding skews the timing.
 * A marker of an earlier run (a straggler) is never counted for the current one.
 * `docReaders` of the sockets also apply every frame to a real Y.Doc to check convergence.
 *
 * Commands: connect → expect → send (writers) → collect. `collect` waits until every socket has
 * everything, or until nothing more arrives for `quietMs` (the run is over: what is missing is
 * missing), or `capMs` at most — and says which, how long it waited, how many deliveries of how
 * many arrived, and which sockets the server closed, so a slow machine is never mistaken for loss.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { announceReady, serve } from './ipc.ts';

/** Name of the scratch top-level map the benchmark writes to (the plan model ignores it). */
const BENCH_MAP = 'bench';
/** Document name the Hocuspocus peer is asked for. */
const HOCUSPOCUS_DOC = 'fanout';
const REMOTE = Symbol('remote');
const AT = 0x40;
const COLON = 0x3a;

interface Sock {
	readonly index: number;
	readonly ws: WebSocket;
	/** A real document (writers, and the first `docReaders` readers), else null. */
	readonly doc: Y.Doc | null;
	synced: boolean;
	/** Which update numbers of the current run this socket has seen (1 = seen). */
	seen: Uint8Array;
	/** How many measured updates this socket still waits for. */
	missing: number;
}

let socks: Sock[] = [];
let isWriter = false;
let run = 0;
let total = 0;
let warm = 0;
let writerCount = 1;
let latencies = new Float64Array(0);
let latencyCount = 0;
let lastReceiveNs = 0;
/** Measured deliveries of the current run so far (every socket). */
let delivered = 0;
/** Sockets that closed after `connect` (the harness never closes one before `exit`): index and close code. */
const closed: { index: number; code: number }[] = [];

/**
 * Hocuspocus speaks the y-websocket messages with the document name in front (a varString) and
 * wants an Auth message first; null for every other server.
 */
let docPrefix: Uint8Array | null = null;

/** Sends a y-websocket message, with the Hocuspocus document prefix when there is one. */
function out(ws: WebSocket, message: Uint8Array): void {
	if (!docPrefix) return ws.send(message);
	const framed = new Uint8Array(docPrefix.length + message.length);
	framed.set(docPrefix);
	framed.set(message, docPrefix.length);
	ws.send(framed);
}

/** The y-websocket message inside a received frame (Hocuspocus: prefix cut, SyncReply read as Sync). */
function incoming(data: Buffer): Buffer {
	if (!docPrefix) return data;
	const inner = data.subarray(docPrefix.length);
	if (inner[0] !== 4) return inner; // 4 = SyncReply: a sync message answering ours
	const copy = Buffer.from(inner);
	copy[0] = 0;
	return copy;
}

const hrNs = (): number => Number(process.hrtime.bigint());

const emptyDoc = new Y.Doc();
const rawStep1 = (() => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	syncProtocol.writeSyncStep1(e, emptyDoc);
	return encoding.toUint8Array(e);
})();
const rawStep2 = (() => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	syncProtocol.writeSyncStep2(e, emptyDoc);
	return encoding.toUint8Array(e);
})();

/**
 * Finds `@@<run>:<k>:<ns>@@` in a frame; returns [run, k, ns] or null. Only a whole marker counts:
 * the bytes before it can hold `@@` too (a client id whose varint ends in 0x40 followed by clock
 * 64 — seen once in ~500,000 updates, and it cost a full run an update "lost" to every reader).
 */
function readMarker(b: Uint8Array): [number, number, number] | null {
	for (let i = 2; i < b.length - 1; i++) {
		if (b[i] !== AT || b[i + 1] !== AT) continue;
		const r = readDigits(b, i + 2, COLON);
		if (!r) continue;
		const k = readDigits(b, r.end + 1, COLON);
		if (!k) continue;
		const ns = readDigits(b, k.end + 1, AT);
		if (!ns || b[ns.end + 1] !== AT) continue;
		return [r.value, k.value, ns.value];
	}
	return null;
}

/** Reads one or more ASCII digits from `start` up to the byte `stop`; null when anything else comes first. */
function readDigits(b: Uint8Array, start: number, stop: number): { value: number; end: number } | null {
	let value = 0;
	let j = start;
	while (j < b.length && b[j] >= 48 && b[j] <= 57) value = value * 10 + (b[j++] - 48);
	return j > start && j < b.length && b[j] === stop ? { value, end: j } : null;
}

function onFrame(sock: Sock, data: Buffer): void {
	const received = hrNs();
	if (data[0] !== 0) return; // awareness or query: not measured
	if (data[1] === syncProtocol.messageYjsUpdate) {
		const marker = readMarker(data);
		if (marker) {
			const [r, k, sentNs] = marker;
			// a writer's own update echoed back (the y-websocket server sends every update to its
			// sender too) is not a delivery: counting it once made a peer's writers "receive" more
			// than expected, which hid as many missing reader deliveries in the total
			const own = isWriter && k % writerCount === sock.index;
			if (r === run && k < total && !own && sock.seen[k] === 0) {
				sock.seen[k] = 1;
				if (k >= warm) {
					sock.missing--;
					delivered++;
					if (latencyCount < latencies.length) latencies[latencyCount++] = (received - sentNs) / 1e6;
					lastReceiveNs = received;
				}
			}
		}
		// writers do not merge each other's edits (their own keys never conflict); readers with docs do
		if (sock.doc && !isWriter) applySync(sock, data);
		return;
	}
	if (sock.doc) applySync(sock, data);
	else if (data[1] === syncProtocol.messageYjsSyncStep1) out(sock.ws, rawStep2);
	if (data[1] === syncProtocol.messageYjsSyncStep2) sock.synced = true;
}

function applySync(sock: Sock, data: Buffer): void {
	const decoder = decoding.createDecoder(data);
	decoding.readVarUint(decoder);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	syncProtocol.readSyncMessage(decoder, encoder, sock.doc!, REMOTE);
	if (encoding.length(encoder) > 1) out(sock.ws, encoding.toUint8Array(encoder));
}

function open(url: string, index: number, withDoc: boolean, handshake: boolean): Promise<Sock> {
	const ws = new WebSocket(url, { perMessageDeflate: false });
	const doc = withDoc ? new Y.Doc() : null;
	const sock: Sock = { index, ws, doc, synced: !handshake, seen: new Uint8Array(0), missing: 0 };
	if (doc && isWriter) {
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === REMOTE) return;
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 0);
			syncProtocol.writeUpdate(e, update);
			out(ws, encoding.toUint8Array(e));
		});
	}
	ws.on('message', (data: Buffer) => onFrame(sock, incoming(data)));
	return new Promise((resolve, reject) => {
		ws.once('error', reject);
		ws.once('close', (code) => reject(new Error(`socket ${index} closed with ${code} before it was ready`)));
		ws.once('open', () => {
			if (docPrefix) {
				const auth = encoding.createEncoder();
				encoding.writeVarString(auth, HOCUSPOCUS_DOC);
				encoding.writeVarUint(auth, 2); // Auth
				encoding.writeVarUint(auth, 0); // token
				encoding.writeVarString(auth, '');
				ws.send(encoding.toUint8Array(auth));
			}
			if (handshake) {
				if (doc) {
					const e = encoding.createEncoder();
					encoding.writeVarUint(e, 0);
					syncProtocol.writeSyncStep1(e, doc);
					out(ws, encoding.toUint8Array(e));
				} else out(ws, rawStep1);
			}
			const check = () => (sock.synced ? resolve(sock) : setTimeout(check, 5));
			check();
		});
	});
}

/**
 * Which measured updates of the current run sockets still lack: the first few update numbers
 * with how many sockets lack each (all sockets lacking the same updates points at the server;
 * scattered gaps at single connections).
 */
function missingKeys(): { k: number; sockets: number }[] {
	const lacking = new Map<number, number>();
	for (const s of socks) {
		if (s.missing <= 0) continue;
		for (let k = warm; k < total; k++) {
			if (s.seen[k] === 0 && !(isWriter && k % writerCount === s.index)) lacking.set(k, (lacking.get(k) ?? 0) + 1);
		}
	}
	return [...lacking].slice(0, 8).map(([k, sockets]) => ({ k, sockets }));
}

serve({
	/** Opens `count` sockets to `url` (all open and, with `handshake`, synced before it resolves). */
	connect: async (arg: { url: string; count: number; writer: boolean; docs: number; handshake: boolean; hocuspocus?: boolean }) => {
		isWriter = arg.writer;
		if (arg.hocuspocus) {
			const e = encoding.createEncoder();
			encoding.writeVarString(e, HOCUSPOCUS_DOC);
			docPrefix = encoding.toUint8Array(e);
		}
		const opened: Promise<Sock>[] = [];
		for (let i = 0; i < arg.count; i++) {
			opened.push(open(arg.url, i, arg.writer || i < arg.docs, arg.handshake));
			if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5)); // do not flood the accept queue
		}
		socks = await Promise.all(opened);
		for (const s of socks) {
			s.ws.removeAllListeners('close');
			s.ws.on('close', (code) => {
				closed.push({ index: s.index, code });
				process.stderr.write(`fan-out socket ${s.index} closed: ${code}\n`);
			});
		}
		return { sockets: socks.length };
	},
	/** Starts run number `run`: updates 0..total-1, the first `warm` not measured, update k written by writer k % writers. */
	expect: (arg: { run: number; total: number; warm: number; writers: number }) => {
		({ run, total, warm } = arg);
		writerCount = arg.writers;
		let expected = 0;
		for (const s of socks) {
			s.seen = new Uint8Array(total);
			s.missing = 0;
			for (let k = warm; k < total; k++) if (!(isWriter && k % writerCount === s.index)) s.missing++;
			expected += s.missing;
		}
		latencies = new Float64Array(expected);
		latencyCount = 0;
		lastReceiveNs = 0;
		delivered = 0;
		return { expected };
	},
	/** Writers: sends the run's updates at `rate` per second (or as fast as possible when `burst`). Times in ns. */
	send: (arg: { rate: number; burst: boolean }) =>
		new Promise<{ startNs: number; endNs: number }>((resolve) => {
			const write = (k: number) => {
				const sock = socks[k % writerCount];
				sock.doc!.getMap(BENCH_MAP).set(`r${run}t${k}`, `@@${run}:${k}:${hrNs()}@@`);
			};
			const periodNs = 1e9 / arg.rate;
			const startNs = hrNs() + 20e6;
			let k = 0;
			const tick = () => {
				const now = hrNs();
				if (arg.burst) {
					for (let n = 0; n < 100 && k < total; n++) write(k++);
				} else {
					while (k < total && startNs + k * periodNs <= now) write(k++);
				}
				if (k >= total) {
					resolve({ startNs, endNs: hrNs() });
					return;
				}
				if (arg.burst) setImmediate(tick);
				else setTimeout(tick, Math.max(0, (startNs + k * periodNs - hrNs()) / 1e6 - 0.3));
			};
			setTimeout(tick, 20);
		}),
	/**
	 * Waits until every socket saw every update meant for it, or nothing arrived for `quietMs`, or
	 * `capMs` passed; returns latencies in ms and what happened (see the file comment).
	 */
	collect: async (arg: { quietMs: number; capMs: number }) => {
		const started = performance.now();
		const expected = socks.reduce((n, s) => n + s.missing, 0) + delivered;
		let stopped: 'complete' | 'quiet' | 'cap' = 'complete';
		// quiet time starts at 0 here (a slow server may have sent nothing yet while the writers
		// sent) and counts only in steps of at most 100 ms: after this process was starved of CPU
		// for seconds, the timer fires before the sockets' waiting frames are read, and that stall
		// must not pass for a quiet spell
		let quietMs = 0;
		let lastCheck = performance.now();
		let seen = delivered;
		while (socks.some((s) => s.missing > 0)) {
			const now = performance.now();
			if (delivered !== seen) {
				seen = delivered;
				quietMs = 0;
			} else quietMs += Math.min(now - lastCheck, 100);
			lastCheck = now;
			if (quietMs >= arg.quietMs) {
				stopped = 'quiet';
				break;
			}
			if (now - started >= arg.capMs) {
				stopped = 'cap';
				break;
			}
			await new Promise((r) => setTimeout(r, 10));
		}
		const docKeys = socks
			.filter((s) => s.doc && !isWriter)
			.map((s) => {
				const map = s.doc!.getMap<string>(BENCH_MAP);
				let good = 0;
				for (let k = 0; k < total; k++) {
					const value = map.get(`r${run}t${k}`);
					if (typeof value === 'string' && value.startsWith(`@@${run}:${k}:`)) good++;
				}
				return good;
			});
		return {
			latenciesMs: latencies.slice(0, latencyCount),
			missing: socks.reduce((n, s) => n + s.missing, 0),
			lastReceiveNs,
			docKeys,
			stopped,
			waitedMs: performance.now() - started,
			delivered,
			expected,
			socketsShort: socks.filter((s) => s.missing > 0).length,
			missingKeys: missingKeys(),
			closed: [...closed]
		};
	},
	exit: () => {
		for (const s of socks) s.ws.terminate();
	}
});
announceReady({ pid: process.pid });
