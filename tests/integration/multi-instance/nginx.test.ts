/**
 * Two instances behind the real nginx running deploy/nginx/groundwork.conf (ports rewritten, see
 * nginx.ts): clients connect through nginx, land on both instances (no sticky sessions) and
 * converge; an instance SIGKILLed under them costs nothing any client received, and its clients
 * reconnect through nginx to the other one. Skipped, saying why, without Postgres, Redis or nginx.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createBoard, waitFor, type Client } from '../helpers.ts';
import { skipWithoutCluster, startCluster, waitForAsync, type Cluster } from './cluster.ts';
import { templateConf } from './nginx.ts';

const skip = await skipWithoutCluster('the nginx multi-instance test', { nginx: true });

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

const connectionsOf = async (url: string) => ((await (await fetch(`${url}/api/health`)).json()) as { connections: number }).connections;

describe('the deployed nginx configuration', () => {
	it('is templated for the test by rewriting only its upstream servers and listen port', () => {
		const conf = templateConf(['127.0.0.1:4001', '127.0.0.1:4002', '127.0.0.1:4003'], 8123);
		expect(conf.match(/^\s*server 127\.0\.0\.1:\d+.*;$/gm)).toEqual([
			'\tserver 127.0.0.1:4001 max_fails=1 fail_timeout=5s;',
			'\tserver 127.0.0.1:4002 max_fails=1 fail_timeout=5s;',
			'\tserver 127.0.0.1:4003 max_fails=1 fail_timeout=5s;'
		]);
		expect(conf).toContain('listen 127.0.0.1:8123;');
		// what the deployment relies on is still there
		for (const line of ['proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', 'proxy_read_timeout 1h;']) {
			expect(conf).toContain(line);
		}
		expect(conf.replace(/#.*$/gm, '')).not.toMatch(/ip_hash|sticky|hash \$/);
	});
});

describe.skipIf(skip)('two instances behind nginx', () => {
	it('spreads a board’s clients over both instances, converges them, and moves them when one is SIGKILLed', async () => {
		const c: Cluster = await startCluster(2, { TRUST_PROXY: 'true' });
		cleanup.push(() => c.stop());
		const proxy = await c.nginx();
		const board = await createBoard(proxy.url, { title: '两个实例' });
		// links are built from the Host nginx passes on: they point at the proxy
		expect(board.editUrl.startsWith(proxy.url)).toBe(true);

		const clients: Client[] = [];
		for (let i = 0; i < 4; i++) {
			const cl = connect(proxy.wsUrl, board.id, board.editToken);
			cleanup.push(() => cl.destroy());
			await cl.synced;
			clients.push(cl);
		}
		const [a, b] = c.instances;
		// round robin, no stickiness: both instances serve this board
		expect(await connectionsOf(a.url)).toBeGreaterThan(0);
		expect(await connectionsOf(b.url)).toBeGreaterThan(0);

		clients.forEach((cl, i) => cl.doc.getMap('m').set(`c${i}`, `客户${i}`));
		await waitFor(() => clients.every((cl) => cl.doc.getMap('m').size === 4), 'the clients to converge through nginx');

		// kill A while everyone writes: A's clients reconnect through nginx (to B) and everyone converges
		expect(await connectionsOf(a.url)).toBeGreaterThan(0);
		for (let i = 0; i < 50; i++) clients[i % 4].doc.getMap('m').set(`k${i}`, i);
		await c.kill(0);
		await waitFor(() => clients.every((cl) => cl.provider.wsconnected && cl.doc.getMap('m').size === 54), 'A’s clients to reconnect through nginx and converge');
		await waitForAsync(async () => (await connectionsOf(b.url)) === 4, 'all four clients on B');
		expect(proxy.errorLog()).not.toMatch(/\[emerg\]/);
	});
});
