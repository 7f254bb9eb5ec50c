/**
 * Creating and importing boards is rate-limited per client address: 429 JSON with Retry-After
 * past the burst, other addresses unaffected, everything else still answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
	// behind a (pretend) proxy, so each test can speak for other client addresses
	server = await startTestServer({ CREATE_BOARDS_PER_MINUTE: '1', CREATE_BOARDS_BURST: '3', TRUST_PROXY: 'true' });
});
afterAll(async () => {
	await server.close();
	removeDir(server.dataDir);
});

const create = (address: string) =>
	fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
		body: JSON.stringify({ title: '深圳试点' })
	});
const importBoard = (address: string) =>
	fetch(`${server.url}/api/boards/import`, {
		method: 'POST',
		headers: { 'content-type': 'text/markdown', 'x-forwarded-for': address },
		body: '# 成都新店\n'
	});

describe('board creation rate limit', () => {
	it('answers 429 with Retry-After past the burst, per address, for create and import alike', async () => {
		const statuses = [];
		for (const call of [create, importBoard, create]) statuses.push((await call('198.51.100.7')).status);
		expect(statuses).toEqual([201, 201, 201]);

		for (const call of [create, importBoard]) {
			const limited = await call('198.51.100.7');
			expect(limited.status).toBe(429);
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			expect(limited.headers.get('content-type')).toMatch(/application\/json/);
			const body = (await limited.json()) as { error: string; retryAfterSeconds: number };
			expect(body.error).toMatch(/too many boards/);
			expect(body.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));
		}

		expect((await create('203.0.113.20')).status).toBe(201);
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
	});
});
