/**
 * The fan-out floor: a bare `ws` server (same socket options as ours: no compression, same max
 * frame) that relays every binary frame, byte for byte, to every other open socket. No Yjs, no
 * store, no auth — the least any relay must do.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { announceReady, serve } from './ipc.ts';

const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 8 * 1024 * 1024, clientTracking: true });
http.on('upgrade', (req, socket, head) => {
	socket.on('error', () => socket.destroy());
	wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
		ws.on('error', () => {});
		ws.on('message', (data: Buffer, isBinary) => {
			if (!isBinary) return;
			for (const peer of wss.clients) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data);
		});
	});
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const port = (http.address() as AddressInfo).port;

serve({
	stats: () => ({ connections: wss.clients.size }),
	exit: async () => {
		for (const ws of wss.clients) ws.terminate();
		await new Promise<void>((resolve) => http.close(() => resolve()));
	}
});
announceReady({ port, url: `http://127.0.0.1:${port}`, pid: process.pid });
