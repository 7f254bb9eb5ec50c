/**
 * Peer baseline: @hocuspocus/server 3.x (4.x needs Node 22) with no extensions — in memory, it
 * relays before anything is stored. Clients speak its framing (document name first, Auth first).
 */
import { Server } from '@hocuspocus/server';
import { announceReady, serve, settledMemory } from './ipc.ts';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false }, { perMessageDeflate: false, maxPayload: 8 * 1024 * 1024 });
await server.listen();
const port = server.address.port;

serve({
	memory: () => settledMemory(),
	stats: () => ({ connections: server.hocuspocus.getConnectionsCount() }),
	exit: async () => {
		await server.destroy();
	}
});
announceReady({ port, url: `http://127.0.0.1:${port}`, pid: process.pid });
