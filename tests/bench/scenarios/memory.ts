/**
 * Scenario 4, memory: the real server in a child process run with --expose-gc, so every RSS
 * figure is the server's alone (the clients live in this process). 200 boards of 20 cards each
 * are created through the API; after a warm-up (one board opened and unloaded) the start RSS is
 * taken; then each board gets one idle y-websocket client (WebsocketProvider) → RSS per open
 * board; then every client leaves and ROOM_IDLE_MS (set to 300 ms) passes → RSS against the
 * start. The per-board floor is the same 200 stored states held as plain Y.Docs in that process.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createBoard, type CreatedBoard } from '../lib/api.ts';
import { removeDir, startChild, tempDir, type Child } from '../lib/children.ts';
import { syntheticPlan } from '../lib/plans.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioResult } from '../lib/scenario.ts';
import { sleep, until } from '../lib/stats.ts';

const BOARDS = 200;
const CARDS_PER_BOARD = 20;
const IDLE_MS = 300;
const MiB = 1024 * 1024;

interface Client {
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
}

function connect(wsBase: string, board: CreatedBoard): Promise<Client> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsBase}/sync`, board.id, doc, {
		params: { token: board.editToken },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return new Promise((resolve) => {
		if (provider.synced) resolve({ doc, provider });
		else provider.once('sync', () => resolve({ doc, provider }));
	});
}

async function rooms(server: Child): Promise<number> {
	return ((await server.call('stats')) as { rooms: number }).rooms;
}

/** Scenario 4 (see file comment). */
export const memory: Scenario = {
	name: 'memory',
	title: 'Memory',
	async run(ctx): Promise<ScenarioResult> {
		const dir = tempDir('memory');
		// every WebsocketProvider adds a process 'exit' listener (y-websocket): 200 at once are expected, not a leak
		const maxListeners = process.getMaxListeners();
		const server = startChild('our-server.ts', {
			env: { DATA_DIR: dir, ROOM_IDLE_MS: String(IDLE_MS) },
			nodeFlags: ['--expose-gc'],
			profileName: 'memory-server'
		});
		try {
			const { url } = (await server.ready) as { url: string };
			const wsBase = url.replace(/^http/, 'ws');
			ctx.log(`memory: creating ${BOARDS} boards of ${CARDS_PER_BOARD} cards`);
			const boards: CreatedBoard[] = [];
			for (let i = 0; i < BOARDS; i++) boards.push(await createBoard(url, { plan: syntheticPlan(CARDS_PER_BOARD, `Memory board ${i}`) }));

			// warm-up: one board through its whole life, so code and caches are loaded before the start figure
			for (let round = 0; round < 2; round++) {
				const warm = await connect(wsBase, boards[round]);
				warm.provider.destroy();
				warm.doc.destroy();
				await until(async () => (await rooms(server)) === 0, 'the warm-up board to unload', 10_000, 50);
			}
			const start = (await server.call('memory')) as NodeJS.MemoryUsage;

			ctx.log(`memory: opening ${BOARDS} boards with one client each`);
			process.setMaxListeners(maxListeners + BOARDS);
			const clients: Client[] = [];
			for (let i = 0; i < BOARDS; i += 20) clients.push(...(await Promise.all(boards.slice(i, i + 20).map((b) => connect(wsBase, b)))));
			await until(async () => (await rooms(server)) === BOARDS, `${BOARDS} open rooms`, 30_000, 50);
			await sleep(200);
			const open = (await server.call('memory')) as NodeJS.MemoryUsage;

			ctx.log('memory: closing every client and waiting for the rooms to unload');
			for (const c of clients) {
				c.provider.destroy();
				c.doc.destroy();
			}
			await until(async () => (await rooms(server)) === 0, 'every room to unload', 30_000, 50);
			await sleep(IDLE_MS);
			const after = (await server.call('memory')) as NodeJS.MemoryUsage;

			const floor = (await server.call('bareDocs', boards.map((b) => b.id))) as { before: NodeJS.MemoryUsage; after: NodeJS.MemoryUsage };
			const perBoard = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage, key: 'rss' | 'heapUsed') => (b[key] - a[key]) / BOARDS / 1024;
			const rows: Row[] = [
				{ scenario: 'memory', metric: `RSS per open board (${BOARDS} boards)`, unit: 'KiB', ours: perBoard(start, open, 'rss'), baseline: perBoard(floor.before, floor.after, 'rss') },
				{ scenario: 'memory', metric: 'heap per open board', unit: 'KiB', ours: perBoard(start, open, 'heapUsed'), baseline: perBoard(floor.before, floor.after, 'heapUsed') },
				{ scenario: 'memory', metric: 'RSS after all closed vs start', unit: 'MiB', ours: after.rss / MiB, baseline: start.rss / MiB, target: { kind: 'max', value: 1.1 } },
				{ scenario: 'memory', metric: 'heap after all closed vs start', unit: 'MiB', ours: after.heapUsed / MiB, baseline: start.heapUsed / MiB }
			];
			const mib = (m: NodeJS.MemoryUsage) => `RSS ${(m.rss / MiB).toFixed(1)} MiB / heap ${(m.heapUsed / MiB).toFixed(1)} MiB`;
			return {
				rows,
				notes: [
					`memory: server child with --expose-gc, ROOM_IDLE_MS=${IDLE_MS}; start ${mib(start)}, ${BOARDS} open ${mib(open)}, after unload ${mib(after)}; per-board baseline = the same stored states as bare Y.Docs in that process`
				]
			};
		} finally {
			process.setMaxListeners(maxListeners);
			await server.stop();
			removeDir(dir);
		}
	}
};
