/**
 * Reconnecting when the page knows it can work (src/lib/sync/reconnect.ts), with a real provider
 * and a real server restarted on the same port: the tab coming back to the front or the network
 * returning opens a socket at once instead of waiting out the provider's backoff, and the browser
 * reporting the network gone drops the open socket at once. The window and document are plain
 * EventTargets standing in for the browser's (Node has neither).
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { keepReconnecting } from '../../src/lib/sync/reconnect.ts';
import { createBoard, removeDir, startTestServer, tempDataDir, waitFor, type TestServer } from './helpers.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

const globals = globalThis as unknown as { window?: EventTarget; document?: EventTarget & { visibilityState: string } };

function fakePage(): { window: EventTarget; document: EventTarget & { visibilityState: string } } {
	const page = { window: new EventTarget(), document: Object.assign(new EventTarget(), { visibilityState: 'visible' }) };
	globals.window = page.window;
	globals.document = page.document;
	cleanup.push(() => {
		delete globals.window;
		delete globals.document;
	});
	return page;
}

describe('reconnect', () => {
	it('retries at once when the tab comes back or the network returns, and drops the socket when the network goes', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		let server: TestServer = await startTestServer({}, dataDir);
		cleanup.push(() => server.close());
		const board = await createBoard(server.url, { title: '重连测试' });
		const page = fakePage();
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(`${server.wsUrl}/sync`, board.id, doc, {
			params: { token: board.editToken },
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			maxBackoffTime: 60_000 // the provider alone would wait a minute between the last attempts
		});
		const stop = keepReconnecting(provider);
		cleanup.push(() => {
			stop();
			provider.destroy();
			doc.destroy();
		});
		await waitFor(() => provider.synced, 'first sync');

		// the server goes away; the provider backs off further with every failed attempt
		const port = server.port;
		await server.close();
		await waitFor(() => provider.wsUnsuccessfulReconnects >= 4 && provider.ws === null, 'a few failed attempts');
		server = await startTestServer({ PORT: String(port) }, dataDir);

		// coming back to the front: a socket opens now, not after the backoff
		page.document.dispatchEvent(new Event('visibilitychange'));
		expect(provider.ws).not.toBeNull();
		await waitFor(() => provider.synced, 'sync after the tab came back');

		// the network goes: the open socket is dropped at once and a fresh attempt starts
		const open = provider.ws;
		page.window.dispatchEvent(new Event('offline'));
		expect(provider.ws).not.toBe(open);
		expect(provider.synced).toBe(false);
		await waitFor(() => provider.synced, 'sync on the fresh socket');

		// down again; the network returning retries at once too
		await server.close();
		await waitFor(() => provider.wsUnsuccessfulReconnects >= 4 && provider.ws === null, 'failed attempts again');
		server = await startTestServer({ PORT: String(port) }, dataDir);
		page.window.dispatchEvent(new Event('online'));
		expect(provider.ws).not.toBeNull();
		await waitFor(() => provider.synced, 'sync after the network returned');
	});

	it('leaves a board the server refused for good alone', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const server = await startTestServer({}, dataDir);
		cleanup.push(() => server.close());
		const board = await createBoard(server.url);
		const page = fakePage();
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(`${server.wsUrl}/sync`, board.id, doc, {
			params: { token: 'not-the-token-of-this-board' },
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		const stop = keepReconnecting(provider);
		cleanup.push(() => {
			stop();
			provider.destroy();
			doc.destroy();
		});
		await waitFor(() => !provider.shouldConnect, 'the 4401 refusal');
		await waitFor(() => provider.ws === null, 'the socket to close');
		page.window.dispatchEvent(new Event('online'));
		page.document.dispatchEvent(new Event('visibilitychange'));
		expect(provider.ws).toBeNull();
	});
});
