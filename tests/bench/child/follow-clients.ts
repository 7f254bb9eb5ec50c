/**
 * Presenter-follow clients: stock y-websocket `WebsocketProvider`s (each with its own Y.Doc and
 * awareness) in one process, publishing and reading the `presenting` awareness field with the
 * app's own presence code. One process plays the presenter (`connect` with count 1, then
 * `present`), another the followers (`connect` with count N, `expect`, `collect`). Times are
 * `process.hrtime.bigint()` (the machine's monotonic clock, shared by processes) in ns.
 *
 * Commands: `connect { serverUrl, room, token?, count, name }` → { clientIds };
 * `seen { clientId }` resolves once every client sees that client's awareness state;
 * `present { slide }` (presenter) → { sentNs }; `expect { presenterId, slide }` arms the followers;
 * `collect { timeoutMs }` → { receivedNs[] } once every follower shows the slide.
 * Floor mode (`connectRaw`, `presentRaw`): plain `ws` sockets; the presenter sends the same
 * awareness frame a provider would, and a follower counts the first frame it gets.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { readPresenting, setPresenceUser, setPresenting } from '../../../src/lib/sync/presence.ts';
import { announceReady, serve } from './ipc.ts';

const providers: WebsocketProvider[] = [];
/** Floor mode: raw sockets (no y-websocket) that count any frame as the slide change. */
const raws: WebSocket[] = [];
const rawAwareness = new Awareness(new Y.Doc());
let armed: { presenterId: number; slide: number; receivedNs: (number | null)[]; left: number; done: () => void } | null = null;
let finished: Promise<void> = Promise.resolve();
const session = `bench-${process.pid}`;
const startedAt = Date.now();

function checkRaw(index: number): void {
	const a = armed;
	if (!a || a.receivedNs[index] !== null) return;
	a.receivedNs[index] = Number(process.hrtime.bigint());
	if (--a.left === 0) a.done();
}

function check(index: number): void {
	if (raws.length > 0) return checkRaw(index);
	const a = armed;
	if (!a || a.receivedNs[index] !== null) return;
	const state = providers[index].awareness.getStates().get(a.presenterId) as Record<string, unknown> | undefined;
	if (readPresenting(state?.presenting)?.slide !== a.slide) return;
	a.receivedNs[index] = Number(process.hrtime.bigint());
	if (--a.left === 0) a.done();
}

function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const tick = () => {
			if (test()) resolve();
			else if (Date.now() - started > timeoutMs) reject(new Error(`timed out: ${what}`));
			else setTimeout(tick, 5);
		};
		tick();
	});
}

serve({
	connect: async (arg: { serverUrl: string; room: string; token?: string; count: number; name: string }) => {
		// in batches of 10, each connected before the next: on the floor every join is relayed to all
		for (let i = 0; i < arg.count; i++) {
			if (i > 0 && i % 10 === 0) await until(() => providers.every((p) => p.wsconnected), 120_000, `${i} clients connected`);
			const provider = new WebsocketProvider(arg.serverUrl, arg.room, new Y.Doc(), {
				params: arg.token ? { token: arg.token } : {},
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				disableBc: true
			});
			const index = providers.length;
			providers.push(provider);
			setPresenceUser(provider.awareness, { name: `${arg.name} ${i + 1}`, color: '#2563eb' });
			provider.awareness.on('change', () => check(index));
		}
		await until(() => providers.every((p) => p.wsconnected), 120_000, 'every client connected');
		return { clientIds: providers.map((p) => p.awareness.clientID) };
	},
	connectRaw: async (arg: { url: string; count: number }) => {
		for (let i = 0; i < arg.count; i++) {
			const ws = new WebSocket(arg.url);
			const index = raws.length;
			raws.push(ws);
			ws.on('message', () => checkRaw(index));
			await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
		}
		return { clientIds: [rawAwareness.clientID] };
	},
	presentRaw: (arg: { slide: number }) => {
		const sentNs = Number(process.hrtime.bigint());
		setPresenting(rawAwareness, { session, slide: arg.slide, kind: 'bench', startedAt });
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1); // y-websocket message type: awareness
		encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(rawAwareness, [rawAwareness.clientID]));
		raws[0].send(encoding.toUint8Array(encoder));
		return { sentNs };
	},
	seen: async (arg: { clientId: number }) => {
		await until(() => providers.every((p) => p.awareness.getStates().has(arg.clientId)), 120_000, `every client sees ${arg.clientId}`);
		return true;
	},
	present: (arg: { slide: number }) => {
		const sentNs = Number(process.hrtime.bigint());
		setPresenting(providers[0].awareness, { session, slide: arg.slide, kind: 'bench', startedAt });
		return { sentNs };
	},
	expect: (arg: { presenterId: number; slide: number }) => {
		let done!: () => void;
		finished = new Promise<void>((resolve) => (done = resolve));
		const count = raws.length || providers.length;
		armed = { presenterId: arg.presenterId, slide: arg.slide, receivedNs: Array.from({ length: count }, () => null), left: count, done };
		if (raws.length === 0) providers.forEach((_, i) => check(i));
		return true;
	},
	collect: async (arg: { timeoutMs: number }) => {
		const a = armed!;
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, arg.timeoutMs)))]);
		clearTimeout(timer);
		armed = null;
		return { receivedNs: a.receivedNs };
	},
	exit: () => {
		for (const ws of raws) ws.terminate();
		for (const p of providers) {
			p.awareness.setLocalState(null);
			p.destroy();
		}
	}
});
announceReady({ pid: process.pid });
