/**
 * Peer baseline: y-websocket's reference server (the 1.x package's bin/utils.js
 * `setupWSConnection`, what its bin/server.js runs), in memory, no persistence — it relays before
 * anything is stored. Installed as the alias `y-websocket-server-1` beside the 3.x client.
 */
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { announceReady, serve, settledMemory } from './ipc.ts';

const require = createRequire(import.meta.url);
const { setupWSConnection } = require('y-websocket-server-1/bin/utils') as {
	setupWSConnection: (ws: WebSocket, req: unknown, options?: { docName?: string; gc?: boolean }) => void;
};

const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 8 * 1024 * 1024 });
http.on('upgrade', (req, socket, head) => {
	socket.on('error', () => socket.destroy());
	wss.handleUpgrade(req, socket, head, (ws: WebSocket) => setupWSConnection(ws, req));
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const port = (http.address() as AddressInfo).port;

serve({
	memory: () => settledMemory(),
	stats: () => ({ connections: wss.clients.size }),
	exit: async () => {
		for (const ws of wss.clients) ws.terminate();
		await new Promise<void>((resolve) => http.close(() => resolve()));
	}
});
announceReady({ port, url: `http://127.0.0.1:${port}`, pid: process.pid });
