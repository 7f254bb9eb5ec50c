/**
 * Scenario `rss` (issue 20): the resident memory of the whole server process with 200 open boards,
 * ours against the servers a team would run instead, each started as shipped and measured the
 * same way — `node --expose-gc --import child/memory-probe.mjs <entry>`, RSS from inside after
 * four GCs, no TypeScript loader in any of them:
 * - ours: the compiled production entry (dist-server/index.js, from `npm run build`) with the
 *   built app and the Node flags `npm start` runs it with (scripts/server-flags.js:
 *   `--enable-source-maps --max-semi-space-size=4`), SQLite in a temp folder;
 * - y-websocket 1.x: its own bin/server.js (in memory, no persistence);
 * - Hocuspocus 3.x: `new Server().listen()` with no extensions (child/hocuspocus-plain.mjs).
 * Each server gets the same 200 boards of 20 cards (ours created through the API by an earlier
 * process on the same data folder; the peers are sent the very Yjs state ours holds, by their
 * first client) and one idle client per board; the clients live in this process. One server runs
 * at a time. For ours, one more figure: after it has also served one board page (the app's server
 * render), as a browser opening a board would make it.
 *
 * The main figure is taken 0.3 s after the last board opened: V8's young generation is then as
 * large as loading the boards made it. With BENCH_RSS_SETTLE_MS=20000 each server is measured
 * once more after that long idle, when V8's memory reducer has shrunk it again in every server
 * (docs/performance.md, "Server RSS against the peers").
 */
import { existsSync } from 'node:fs';
import { createServer, connect as tcpConnect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SERVER_NODE_FLAGS } from '../../../scripts/server-flags.js';
import { createBoard, syncUrl, type CreatedBoard } from '../lib/api.ts';
import { removeDir, ROOT, startChild, tempDir, type Child } from '../lib/children.ts';
import { syntheticPlan } from '../lib/plans.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioResult } from '../lib/scenario.ts';
import { sleep, until } from '../lib/stats.ts';

const BOARDS = 200;
const CARDS_PER_BOARD = 20;
const MiB = 2 ** 20;
const PROBE = join(ROOT, 'tests', 'bench', 'child', 'memory-probe.mjs');
const OUR_ENTRY = join(ROOT, 'dist-server', 'index.js');
/** Idle time before the settled measurement (env BENCH_RSS_SETTLE_MS; 0 = none). */
const SETTLE_MS = Number(process.env.BENCH_RSS_SETTLE_MS) || 0;

type Impl = 'ours' | 'yws' | 'hocuspocus';
const LABEL: Record<Impl, string> = { ours: 'ours', yws: 'y-websocket 1.x server', hocuspocus: 'Hocuspocus 3.x' };
const ENTRY: Record<Impl, string> = {
	ours: OUR_ENTRY,
	yws: join(ROOT, 'node_modules', 'y-websocket-server-1', 'bin', 'server.js'),
	hocuspocus: join(ROOT, 'tests', 'bench', 'child', 'hocuspocus-plain.mjs')
};

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = tcpConnect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** One idle client holding a board open: a y-websocket sync over a plain socket. */
interface Held {
	readonly ws: WebSocket;
	readonly doc: Y.Doc;
}

/**
 * Opens `url` and syncs. With `state`, the client's doc starts with it and sends it as an update
 * first (a peer learns the board from it). Resolves once the server's sync step 2 arrived, which
 * every server sends after handling what came before it on the socket. `hocuspocus`: that
 * server's framing (document name in front, an Auth message first, replies as SyncReply).
 */
function hold(url: string, options: { state?: Uint8Array; hocuspocus?: string }, timeoutMs = 30_000): Promise<Held> {
	const doc = new Y.Doc();
	if (options.state) Y.applyUpdate(doc, options.state);
	const ws = new WebSocket(url, { perMessageDeflate: false });
	let prefix = new Uint8Array(0);
	if (options.hocuspocus) {
		const e = encoding.createEncoder();
		encoding.writeVarString(e, options.hocuspocus);
		prefix = encoding.toUint8Array(e);
	}
	const send = (build: (e: encoding.Encoder) => void) => {
		const e = encoding.createEncoder();
		encoding.writeUint8Array(e, prefix);
		build(e);
		ws.send(encoding.toUint8Array(e));
	};
	return new Promise<Held>((resolve, reject) => {
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
			if (options.hocuspocus) {
				send((e) => {
					encoding.writeVarUint(e, 2); // Auth
					encoding.writeVarUint(e, 0); // token
					encoding.writeVarString(e, '');
				});
			}
			if (options.state) {
				send((e) => {
					encoding.writeVarUint(e, 0);
					syncProtocol.writeUpdate(e, options.state!);
				});
			}
			send((e) => {
				encoding.writeVarUint(e, 0);
				syncProtocol.writeSyncStep1(e, doc);
			});
		});
		ws.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(data);
			if (options.hocuspocus) decoding.readVarString(decoder);
			const type = decoding.readVarUint(decoder);
			if (type !== 0 && type !== 4) return; // 4 = Hocuspocus SyncReply
			const isReply = decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
			const reply = encoding.createEncoder();
			syncProtocol.readSyncMessage(decoder, reply, doc, 'remote');
			if (encoding.length(reply) > 0) send((e) => {
				encoding.writeVarUint(e, 0);
				encoding.writeUint8Array(e, encoding.toUint8Array(reply));
			});
			if (isReply) {
				clearTimeout(timer);
				ws.removeAllListeners('close');
				ws.removeAllListeners('message');
				ws.on('error', () => {});
				resolve({ ws, doc });
			}
		});
	});
}

interface Measured {
	start: NodeJS.MemoryUsage;
	open: NodeJS.MemoryUsage;
	/** With BENCH_RSS_SETTLE_MS: the boards still open, after that long idle. */
	settled: NodeJS.MemoryUsage | null;
	/** Ours only: after also serving one board page (the SvelteKit server render). */
	afterPage: NodeJS.MemoryUsage | null;
	/** The states held (ours: read back from our server, for the peers). */
	states: Uint8Array[];
}

function startServer(impl: Impl, port: number, dir: string): Child {
	const env: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1' };
	if (impl === 'ours') {
		Object.assign(env, { DATA_DIR: dir, LOG_LEVEL: 'warn', CREATE_BOARDS_PER_MINUTE: '1000000', CREATE_BOARDS_BURST: '1000000' });
	}
	// ours with the flags `npm start` (scripts/start.js) runs it with, from scripts/server-flags.js
	const shipped = impl === 'ours' ? SERVER_NODE_FLAGS : [];
	return startChild(ENTRY[impl], { plain: true, env, nodeFlags: [...shipped, '--expose-gc', '--import', PROBE] });
}

async function listening(server: Child, impl: Impl, port: number): Promise<void> {
	await server.ready;
	await until(() => accepts(port), `${LABEL[impl]} to listen on ${port}`, 30_000, 50);
}

/**
 * Creates the boards on ours in a server process of its own, stopped before the measured one
 * starts on the same data folder: the measured process, like each peer's, starts with the boards
 * in its store and only serves them (creating boards is a different request, measured elsewhere).
 */
async function createOurBoards(dir: string, log: (m: string) => void): Promise<CreatedBoard[]> {
	const port = await freePort();
	const server = startServer('ours', port, dir);
	try {
		await listening(server, 'ours', port);
		log(`rss: creating ${BOARDS} boards of ${CARDS_PER_BOARD} cards on ours`);
		const boards: CreatedBoard[] = [];
		for (let i = 0; i < BOARDS; i++) boards.push(await createBoard(`http://127.0.0.1:${port}`, { plan: syntheticPlan(CARDS_PER_BOARD, `Memory board ${i}`) }));
		return boards;
	} finally {
		await server.stop();
	}
}

async function measure(impl: Impl, states: Uint8Array[] | null, log: (m: string) => void): Promise<Measured> {
	const dir = tempDir(`rss-${impl}`);
	const clients: Held[] = [];
	let server: Child | null = null;
	try {
		const boards = impl === 'ours' ? await createOurBoards(dir, log) : [];
		const port = await freePort();
		server = startServer(impl, port, dir);
		await listening(server, impl, port);
		const base = `http://127.0.0.1:${port}`;
		const wsBase = `ws://127.0.0.1:${port}`;
		const start = await server.call<NodeJS.MemoryUsage>('memory');
		log(`rss: ${LABEL[impl]} at start ${(start.rss / MiB).toFixed(1)} MiB; opening ${BOARDS} boards, one client each`);
		for (let i = 0; i < BOARDS; i += 20) {
			const batch = Array.from({ length: Math.min(20, BOARDS - i) }, (_, k) => i + k);
			clients.push(
				...(await Promise.all(
					batch.map((n) =>
						impl === 'ours'
							? hold(syncUrl(base, boards[n].id, boards[n].viewToken), {})
							: impl === 'yws'
								? hold(`${wsBase}/rss-board-${n}`, { state: states![n] })
								: hold(wsBase, { state: states![n], hocuspocus: `rss-board-${n}` })
					)
				))
			);
		}
		const held = clients.map((c) => Y.encodeStateAsUpdate(c.doc));
		if (impl !== 'ours') {
			// a check that each peer really holds the boards: a second client syncs one back
			const check = impl === 'yws' ? await hold(`${wsBase}/rss-board-7`, {}) : await hold(wsBase, { hocuspocus: 'rss-board-7' });
			const cards = check.doc.getMap('cards').size;
			const expected = clients[7].doc.getMap('cards').size;
			check.ws.close();
			if (cards !== expected || cards === 0) throw new Error(`${LABEL[impl]} holds ${cards} cards of board 7, expected ${expected}`);
		}
		await sleep(300);
		const open = await server.call<NodeJS.MemoryUsage>('memory');
		let settled: NodeJS.MemoryUsage | null = null;
		if (SETTLE_MS > 0) {
			log(`rss: ${LABEL[impl]}: ${BOARDS} boards open, idle for ${SETTLE_MS / 1000} s`);
			await sleep(SETTLE_MS);
			settled = await server.call<NodeJS.MemoryUsage>('memory');
		}
		let afterPage: NodeJS.MemoryUsage | null = null;
		if (impl === 'ours') {
			const res = await fetch(`${base}/b/${boards[0].id}?token=${encodeURIComponent(boards[0].viewToken)}`);
			const html = await res.text();
			if (res.status !== 200 || !html.includes('Memory board 0')) throw new Error(`board page answered ${res.status} without the board's title`);
			afterPage = await server.call<NodeJS.MemoryUsage>('memory');
		}
		return { start, open, settled, afterPage, states: held };
	} finally {
		for (const c of clients) c.ws.terminate();
		await server?.stop();
		removeDir(dir);
	}
}

/** Scenario `rss` (see file comment). */
export const serverRss: Scenario = {
	name: 'rss',
	title: 'Server RSS',
	async run(ctx): Promise<ScenarioResult> {
		if (!existsSync(OUR_ENTRY)) throw new Error('no compiled server (dist-server/index.js): run `npm run build` first');
		const ours = await measure('ours', null, ctx.log);
		const cardsKey = new Y.Doc();
		Y.applyUpdate(cardsKey, ours.states[0]);
		if (cardsKey.getMap('cards').size !== CARDS_PER_BOARD) throw new Error(`ours served ${cardsKey.getMap('cards').size} cards of board 0, expected ${CARDS_PER_BOARD}`);
		const peers: Impl[] = ['yws', 'hocuspocus'];
		const measured = new Map<Impl, Measured>([['ours', ours]]);
		for (const impl of peers) measured.set(impl, await measure(impl, ours.states, ctx.log));
		const rows: Row[] = [];
		const mib = (m: NodeJS.MemoryUsage | null, key: 'rss' | 'heapUsed' = 'rss') => (m ? m[key] / MiB : null);
		for (const impl of peers) {
			const peer = measured.get(impl)!;
			const scenario = `server RSS vs ${LABEL[impl]}`;
			rows.push(
				{ scenario, metric: `RSS, ${BOARDS} open boards`, unit: 'MiB', ours: mib(ours.open), baseline: mib(peer.open), target: { kind: 'max', value: 1.0 } },
				{ scenario, metric: 'RSS at start, no board open', unit: 'MiB', ours: mib(ours.start), baseline: mib(peer.start) },
				{ scenario, metric: `RSS per open board`, unit: 'KiB', ours: ((ours.open.rss - ours.start.rss) / BOARDS) / 1024, baseline: ((peer.open.rss - peer.start.rss) / BOARDS) / 1024 },
				{ scenario, metric: `JS heap, ${BOARDS} open boards`, unit: 'MiB', ours: mib(ours.open, 'heapUsed'), baseline: mib(peer.open, 'heapUsed') }
			);
			if (SETTLE_MS > 0) rows.push({ scenario, metric: `RSS, ${BOARDS} open boards, idle ${SETTLE_MS / 1000} s`, unit: 'MiB', ours: mib(ours.settled), baseline: mib(peer.settled) });
		}
		// baseline: ours just before the page (after the idle wait, when there was one)
		rows.push({ scenario: 'server RSS', metric: `ours, ${BOARDS} boards + one board page served`, unit: 'MiB', ours: mib(ours.afterPage), baseline: mib(ours.settled ?? ours.open) });
		const line = (impl: Impl) => {
			const m = measured.get(impl)!;
			const f = (u: NodeJS.MemoryUsage) => `RSS ${(u.rss / MiB).toFixed(1)} / heap ${(u.heapUsed / MiB).toFixed(1)} / external ${(u.external / MiB).toFixed(1)} MiB`;
			return `${LABEL[impl]}: start ${f(m.start)}; ${BOARDS} open ${f(m.open)}${m.settled ? `; idle ${SETTLE_MS / 1000} s ${f(m.settled)}` : ''}${m.afterPage ? `; + one board page ${f(m.afterPage)}` : ''}`;
		};
		return {
			rows,
			notes: [
				`server RSS: each server as shipped (ours: dist-server/index.js with the built app), node --expose-gc with a preloaded probe, after GC, ${BOARDS} boards of ${CARDS_PER_BOARD} cards, one idle client each; ` +
					(['ours', ...peers] as Impl[]).map(line).join('; ')
			]
		};
	}
};
