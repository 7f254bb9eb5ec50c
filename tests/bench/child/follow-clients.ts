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
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readPresenting, setPresenceUser, setPresenting } from '../../../src/lib/sync/presence.ts';
import { announceReady, serve } from './ipc.ts';

const providers: WebsocketProvider[] = [];
let armed: { presenterId: number; slide: number; receivedNs: (number | null)[]; left: number; done: () => void } | null = null;
let finished: Promise<void> = Promise.resolve();
const session = `bench-${process.pid}`;
const startedAt = Date.now();

function check(index: number): void {
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
		for (let i = 0; i < arg.count; i++) {
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
		await until(() => providers.every((p) => p.wsconnected), 30_000, 'every client connected');
		return { clientIds: providers.map((p) => p.awareness.clientID) };
	},
	seen: async (arg: { clientId: number }) => {
		await until(() => providers.every((p) => p.awareness.getStates().has(arg.clientId)), 30_000, `every client sees ${arg.clientId}`);
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
		armed = { presenterId: arg.presenterId, slide: arg.slide, receivedNs: providers.map(() => null), left: providers.length, done };
		providers.forEach((_, i) => check(i));
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
		for (const p of providers) {
			p.awareness.setLocalState(null);
			p.destroy();
		}
	}
});
announceReady({ pid: process.pid });
