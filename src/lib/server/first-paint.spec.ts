import { describe, expect, it } from 'vitest';
import { afterFirstPaint, paintFirstResolveOptions } from './first-paint.ts';

// The shape SvelteKit writes; tests/e2e/first-paint.spec.ts runs the rewrite on the real build's
// pages, so a Kit upgrade that changes it fails there.
const kitBoot = `<script>
				{
					__sveltekit_1 = { base: new URL("..", location).pathname.slice(0, -1) };
					const element = document.currentScript.parentElement;
					Promise.all([
						import("../_app/immutable/entry/start.abc.js"),
						import("../_app/immutable/entry/app.def.js")
					]).then(([kit, app]) => {
						kit.start(app, element, { node_ids: [0, 3], data: [], form: null, error: null });
					});
				}
			</script>`;

describe('afterFirstPaint', () => {
	it('starts the app only after a frame has been painted and the tasks it queued have run, with the same imports', async () => {
		const out = afterFirstPaint(kitBoot);
		expect(out).toContain('new Promise((r) => requestAnimationFrame(() => {');
		expect(out).toContain('})).then(() => { return Promise.all([');
		expect(out).toContain('import("../_app/immutable/entry/start.abc.js")');
		expect(out).toContain(']); }).then(([kit, app]) => {');
		// still valid JavaScript that imports both modules once the frame has passed
		const body = out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1);
		const imported: string[] = [];
		const frames: (() => void)[] = [];
		const tasks: (() => void)[] = [];
		/** Posted messages become tasks, run in order after the frame. */
		class FakeChannel {
			port1: { onmessage: ((e: unknown) => void) | null } = { onmessage: null };
			port2 = { postMessage: (data: unknown) => tasks.push(() => this.port1.onmessage?.({ data })) };
		}
		let started = false;
		const run = new Function('document', 'location', 'requestAnimationFrame', 'MessageChannel', 'importer', body.replace(/import\(/g, 'importer('));
		run(
			{ currentScript: { parentElement: {} } },
			{ href: 'http://x/b/1', toString: () => 'http://x/b/1' },
			(cb: () => void) => frames.push(cb),
			FakeChannel,
			(path: string) => (imported.push(path), Promise.resolve({ start: () => (started = true) }))
		);
		await Promise.resolve();
		expect(imported).toEqual([]);
		// the frame posts a message; tasks queued before it (another frame callback's) run first
		frames.shift()!();
		expect(tasks.length).toBe(1);
		tasks.unshift(() => expect(imported).toEqual([]));
		for (const task of tasks.splice(0)) task();
		await new Promise((r) => setTimeout(r, 0));
		expect(imported).toEqual(['../_app/immutable/entry/start.abc.js', '../_app/immutable/entry/app.def.js']);
		expect(started).toBe(true);
	});

	it('preloads the given modules together, after the frame and before the imports', async () => {
		const out = afterFirstPaint(kitBoot, ['../_app/immutable/chunks/a.js', '../_app/immutable/nodes/3.js']);
		const body = out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1);
		const log: string[] = [];
		const frames: (() => void)[] = [];
		class Channel {
			port1: { onmessage: ((e: unknown) => void) | null } = { onmessage: null };
			port2 = { postMessage: () => queueMicrotask(() => this.port1.onmessage?.({})) };
		}
		const document = {
			currentScript: { parentElement: {} },
			createElement: (tag: string) => ({ tag, rel: '', href: '' }),
			head: { append: (l: { tag: string; rel: string; href: string }) => log.push(`${l.tag} ${l.rel} ${l.href}`) }
		};
		const run = new Function('document', 'location', 'requestAnimationFrame', 'MessageChannel', 'importer', body.replace(/import\(/g, 'importer('));
		run(document, { href: 'http://x/b/1', toString: () => 'http://x/b/1' }, (cb: () => void) => frames.push(cb), Channel, (path: string) => (log.push(`import ${path}`), Promise.resolve({ start: () => {} })));
		await new Promise((r) => setTimeout(r, 0));
		expect(log).toEqual([]);
		frames.shift()!();
		await new Promise((r) => setTimeout(r, 0));
		expect(log).toEqual([
			'link modulepreload ../_app/immutable/chunks/a.js',
			'link modulepreload ../_app/immutable/nodes/3.js',
			'import ../_app/immutable/entry/start.abc.js',
			'import ../_app/immutable/entry/app.def.js'
		]);
	});

	it('takes the module preloads out of the response and hands them to the boot script', () => {
		const options = paintFirstResolveOptions();
		expect(options.preload!({ type: 'js', path: '../_app/immutable/chunks/a.js' })).toBe(false);
		expect(options.preload!({ type: 'js', path: '../_app/immutable/chunks/</script>.js' })).toBe(false);
		expect(options.preload!({ type: 'css', path: '../_app/immutable/assets/0.css' })).toBe(true);
		expect(options.preload!({ type: 'font', path: '../_app/immutable/assets/f.woff2' })).toBe(false);
		const out = options.transformPageChunk!({ html: kitBoot, done: true }) as string;
		expect(out).toContain('"../_app/immutable/chunks/a.js"');
		// a path can never end the inline script early
		expect(out).not.toContain('</script>.js');
		expect(out).toContain('\\u003c/script>.js');
		expect(out).not.toContain('.css');
	});

	it('leaves other pages and unknown shapes alone', () => {
		expect(afterFirstPaint('<p>no boot</p>')).toBe('<p>no boot</p>');
		const other = kitBoot.replace('Promise.all', 'Promise.allSettled');
		expect(afterFirstPaint(other)).toBe(other);
	});
});
