/**
 * The board page's boot-script rewrite (src/lib/server/first-paint.ts) against the real build: the script
 * SvelteKit writes into this build's pages, not a copy of it. If a Kit upgrade changes the shape of
 * its boot script, the rewrite would silently leave it alone (the page would still work, only
 * slower to paint): these tests fail instead.
 */
import { expect, test } from './fixtures.ts';
import { boardPath, createBoard } from './board-helpers.ts';
import { afterFirstPaint } from '../../src/lib/server/first-paint.ts';

/** The text of the page's inline script that boots SvelteKit (the one naming `__sveltekit_`). */
function bootScriptOf(html: string): string {
	const scripts = [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
	const boot = scripts.filter((s) => s.includes('__sveltekit_'));
	expect(boot, 'exactly one SvelteKit boot script').toHaveLength(1);
	return boot[0];
}

test("the rewrite recognises this SvelteKit's boot script (the home page is served unchanged)", async ({ request, server }) => {
	const home = await request.get(server.url);
	expect(home.status()).toBe(200);
	const kitBoot = bootScriptOf(await home.text());
	expect(kitBoot).toContain('Promise.all([');
	const rewritten = afterFirstPaint(kitBoot, ['../_app/immutable/chunks/x.js']);
	expect(rewritten).not.toBe(kitBoot);
	expect(rewritten).toContain('requestAnimationFrame');
});

test('the board page as served starts its app after the first frame, preloading its modules then', async ({ request, server }) => {
	const board = await createBoard(request, server, { plan: { title: '成都咖啡连锁', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24, cards: [] } });
	const res = await request.get(boardPath(server, board));
	expect(res.status()).toBe(200);
	// the module preloads are not announced in a Link header (the browser would fetch them during the first paint)
	expect(res.headers()['link'] ?? '').not.toContain('modulepreload');
	const script = bootScriptOf(await res.text());
	expect(script).not.toMatch(/\n\s*Promise\.all\(\[\s*import\(/);

	// run the served script with a fake frame, message channel, document and import
	const log: string[] = [];
	const frames: (() => void)[] = [];
	const tasks: (() => void)[] = [];
	class FakeChannel {
		port1: { onmessage: ((e: unknown) => void) | null } = { onmessage: null };
		port2 = { postMessage: () => tasks.push(() => this.port1.onmessage?.({})) };
	}
	const document = {
		currentScript: { parentElement: {} },
		createElement: (tag: string) => ({ tag, rel: '', href: '' }),
		head: { append: (l: { rel: string; href: string }) => log.push(`${l.rel} ${l.href}`) }
	};
	let started = 0;
	const importer = (path: string) => {
		log.push(`import ${path}`);
		return Promise.resolve({ start: () => started++ });
	};
	const run = new Function('document', 'location', 'navigator', 'requestAnimationFrame', 'MessageChannel', 'importer', script.replace(/\bimport\(/g, 'importer('));
	const url = new URL(boardPath(server, board));
	// navigator without serviceWorker: the build's registration of its service worker is skipped
	run(document, { href: url.href, pathname: url.pathname, toString: () => url.href }, {}, (cb: () => void) => frames.push(cb), FakeChannel, importer);
	// drain the microtasks: frames and tasks are fakes, so nothing else can move the script on
	await new Promise((r) => setImmediate(r));
	expect(log, 'nothing is fetched before the first frame').toEqual([]);
	expect(frames).toHaveLength(1);
	frames.shift()!();
	expect(log, 'nor in the frame itself').toEqual([]);
	for (const task of tasks.splice(0)) task();
	await expect.poll(() => started).toBe(1);

	const preloads = log.filter((l) => l.startsWith('modulepreload '));
	const imports = log.filter((l) => l.startsWith('import '));
	expect(preloads.length).toBeGreaterThan(0);
	expect(imports).toHaveLength(2);
	// every preload is issued before the app is imported, and names a module of this build
	expect(log.indexOf(imports[0])).toBeGreaterThan(log.indexOf(preloads[preloads.length - 1]));
	for (const line of preloads) {
		const href = new URL(line.slice('modulepreload '.length), url).href;
		expect((await request.get(href)).status(), href).toBe(200);
	}
});
