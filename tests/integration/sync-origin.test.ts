/**
 * `/sync` and the page's origin: with PUBLIC_URL or ALLOWED_ORIGINS set, a WebSocket from another
 * site's page (cross-site WebSocket hijacking with a leaked or guessed link) is refused before the
 * upgrade; without them any origin may connect (the token still decides).
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createBoard, removeDir, startTestServer, type TestServer } from './helpers.ts';

const servers: TestServer[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) {
		await server.close();
		removeDir(server.dataDir);
	}
});

/** Opens a socket with this Origin header (none when undefined): 'open' or the HTTP status of the refusal. */
function tryOpen(server: TestServer, boardId: string, token: string, origin: string | undefined): Promise<'open' | number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${server.wsUrl}/sync/${boardId}?token=${token}`, origin ? { origin } : {});
		ws.on('open', () => {
			ws.close();
			resolve('open');
		});
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('error', () => {});
	});
}

describe('sync origin allow-list', () => {
	it('refuses other origins with 403 when PUBLIC_URL and ALLOWED_ORIGINS are set', async () => {
		const server = await startTestServer({ PUBLIC_URL: 'https://plan.example.com', ALLOWED_ORIGINS: 'https://wiki.example.com, http://localhost:5173' });
		servers.push(server);
		const board = await createBoard(server.url, { title: '来源检查' });
		expect(await tryOpen(server, board.id, board.editToken, 'https://evil.example')).toBe(403);
		expect(await tryOpen(server, board.id, board.viewToken, 'https://plan.example.com.evil.example')).toBe(403);
		expect(await tryOpen(server, board.id, board.editToken, 'null')).toBe(403);
		expect(await tryOpen(server, board.id, board.editToken, 'https://plan.example.com')).toBe('open');
		expect(await tryOpen(server, board.id, board.editToken, 'https://wiki.example.com')).toBe('open');
		expect(await tryOpen(server, board.id, board.editToken, 'http://localhost:5173')).toBe('open');
		// not a browser page (scripts, servers): no Origin, the token decides
		expect(await tryOpen(server, board.id, board.editToken, undefined)).toBe('open');
		expect(server.logs.some((line) => line.includes('refused sync connection from another origin') && line.includes(board.id))).toBe(true);
	});

	it('accepts any origin when neither is set', async () => {
		const server = await startTestServer({ PUBLIC_URL: '' });
		servers.push(server);
		const board = await createBoard(server.url);
		expect(await tryOpen(server, board.id, board.editToken, 'https://elsewhere.example')).toBe('open');
	});
});
