/**
 * The real Groundwork server (server/app.ts `startServer`) in a child process, configured from
 * the environment exactly like production (PORT is forced to 0). `BENCH_APP=1` also serves the
 * built SvelteKit app (build/handler.js). Commands: `memory` (RSS etc. after GC; run with
 * --expose-gc), `stats` (rooms / connections), `bareDocs` (memory floor: the given boards'
 * stored states held as plain Y.Docs).
 */
import * as Y from 'yjs';
import { startServer } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import { loadKitHandler } from '../../../server/index.ts';
import { createLogger } from '../../../server/log.ts';
import { applyStoredState } from '../../../server/store.ts';
import { announceReady, serve, settledMemory } from './ipc.ts';

// the bench creates hundreds of boards from one address as setup: not what the rate limit is for
const config = loadConfig({ CREATE_BOARDS_PER_MINUTE: '1000000', CREATE_BOARDS_BURST: '1000000', ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', LOG_LEVEL: process.env.LOG_LEVEL || 'warn' });
const log = createLogger({ format: 'json', level: config.logLevel, write: (line) => process.stderr.write(`${line}\n`) });
const app = process.env.BENCH_APP === '1' ? await loadKitHandler() : null;
if (process.env.BENCH_APP === '1' && !app) throw new Error('no app build (build/handler.js): run `npm run build`');
const server = await startServer(config, { log, app });
let held: Y.Doc[] = [];

serve({
	memory: () => settledMemory(),
	stats: () => server.groundwork.rooms.stats(),
	bareDocs: async (ids: string[]) => {
		const before = await settledMemory();
		const states = await Promise.all(ids.map((id) => server.groundwork.store.loadState(id)));
		held = states.map((state) => {
			const doc = new Y.Doc();
			applyStoredState(doc, state);
			return doc;
		});
		const after = await settledMemory();
		for (const doc of held) doc.destroy();
		held = [];
		return { before, after };
	},
	exit: () => server.close()
});
announceReady({ port: server.port, url: server.url, pid: process.pid });
