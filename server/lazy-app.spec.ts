import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Middleware } from './http.ts';
import { lazyMiddleware } from './lazy-app.ts';

let server: Server | null = null;

async function serve(handler: Middleware): Promise<string> {
	server = createServer((req, res) => handler(req, res, () => res.writeHead(404).end('next')));
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
	server?.closeAllConnections();
	await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
	server = null;
});

describe('lazyMiddleware', () => {
	it('loads its handler on the first request only, once for requests that arrive together', async () => {
		let loads = 0;
		const handler = lazyMiddleware(async () => {
			loads++;
			await new Promise((r) => setTimeout(r, 20));
			return (req, res, next) => (req.url === '/pass' ? next() : res.end(`app ${req.url}`));
		});
		expect(loads).toBe(0);
		const base = await serve(handler);
		const answers = await Promise.all(['/a', '/b', '/pass'].map(async (path) => (await fetch(base + path)).text()));
		expect(answers).toEqual(['app /a', 'app /b', 'next']);
		expect(await (await fetch(`${base}/c`)).text()).toBe('app /c');
		expect(loads).toBe(1);
	});

	it('answers 500 with the reason when the handler cannot be loaded, and logs it once', async () => {
		const logged: string[] = [];
		const log = { error: (message: string) => logged.push(message), warn() {}, info() {}, debug() {} };
		const handler = lazyMiddleware(() => Promise.reject(new Error('build/handler.js: 构建缺失')), log as never);
		const base = await serve(handler);
		for (let i = 0; i < 2; i++) {
			const res = await fetch(`${base}/b/x`);
			expect(res.status).toBe(500);
			expect(((await res.json()) as { error: string }).error).toContain('构建缺失');
		}
		expect(logged).toHaveLength(1);
	});
});
