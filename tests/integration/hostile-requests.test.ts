/**
 * No request can stop or stall the process: URIs that do not decode on the sync endpoint, and
 * connections that never send a byte, are answered or closed; the server keeps answering.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer({ HEADERS_TIMEOUT_MS: '300' });
});
afterAll(async () => {
	await server.close();
	removeDir(server.dataDir);
});

/** Opens a raw TCP connection to the server. */
function openTcp(): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const socket = tcpConnect(server.port, '127.0.0.1', () => resolve(socket));
		socket.once('error', reject);
	});
}

/** Sends `request` on a fresh connection and resolves with everything the server wrote before closing. */
async function rawExchange(request: string): Promise<string> {
	const socket = await openTcp();
	const chunks: Buffer[] = [];
	socket.on('data', (chunk: Buffer) => chunks.push(chunk));
	socket.on('error', () => {});
	const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
	socket.write(request);
	await closed;
	return Buffer.concat(chunks).toString('latin1');
}

const upgradeRequest = (path: string) =>
	`GET ${path} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
	`Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;

async function healthy(): Promise<void> {
	const res = await fetch(`${server.url}/api/health`);
	expect(res.status).toBe(200);
	expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}

describe('hostile requests', () => {
	it.each(['/sync/%ZZ?token=x', '/sync/%E0%A4%A?token=x', '/sync/%?token=x'])(
		'an upgrade to %s that does not decode gets 400 and the server goes on',
		async (path) => {
			const answer = await rawExchange(upgradeRequest(path));
			expect(answer).toMatch(/^HTTP\/1\.1 400 /);
			await healthy();
		}
	);

	it('closes a connection that never sends a byte after HEADERS_TIMEOUT_MS, and keeps serving', async () => {
		const silent = await openTcp();
		silent.on('error', () => {});
		const closed = new Promise<boolean>((resolve) => silent.once('close', () => resolve(true)));
		// a request on another connection meanwhile is answered normally
		await healthy();
		expect(await closed).toBe(true);
		await healthy();
	});

	it('closes a connection that sends a request head too slowly (slowloris)', async () => {
		const slow = await openTcp();
		slow.on('error', () => {});
		const received: Buffer[] = [];
		slow.on('data', (chunk: Buffer) => received.push(chunk));
		const closed = new Promise<boolean>((resolve) => slow.once('close', () => resolve(true)));
		slow.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n'); // head never finished
		expect(await closed).toBe(true);
		expect(Buffer.concat(received).toString()).not.toMatch(/"ok":true/);
	});
});
