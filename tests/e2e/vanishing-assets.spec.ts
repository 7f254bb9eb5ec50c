/**
 * A static file of the app that disappears while the server runs (a rebuild in place) answers
 * 404 — or is served from a variant still on disk — and the process goes on. Runs on a copy of
 * the build (inside the project, so the build's imports resolve), never on build/ itself.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('a static file removed while the server runs gets 404 and the server goes on', async () => {
	const buildCopy = mkdtempSync(join(root, '.e2e-build-'));
	const dataDir = mkdtempSync(join(tmpdir(), 'gw-e2e-assets-'));
	cpSync(join(root, 'build'), buildCopy, { recursive: true });
	const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
	const child: ChildProcess = spawn(process.execPath, ['--import', tsx, join(root, 'tests', 'e2e', 'serve-build-copy.ts'), buildCopy, dataDir], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs: string[] = [];
	createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
	try {
		const url = await new Promise<string>((resolve, reject) => {
			createInterface({ input: child.stdout! }).on('line', (line) => {
				logs.push(line);
				const match = /"msg":"groundwork listening".*"url":"([^"]+)"/.exec(line);
				if (match) resolve(match[1]);
			});
			child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${logs.join('\n')}`)));
		});
		const assets = join(buildCopy, 'client', '_app', 'immutable', 'assets');
		const name = readdirSync(assets).find((file) => file.endsWith('.css.br'))!.slice(0, -3);
		const path = `/_app/immutable/assets/${name}`;
		const get = () => fetch(`${url}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });

		const before = await get();
		expect(before.status).toBe(200);
		expect(before.headers.get('content-encoding')).toBe('br');
		const css = await before.text();

		rmSync(join(assets, `${name}.br`));
		const withoutBrotli = await get();
		expect(withoutBrotli.status).toBe(200);
		expect(withoutBrotli.headers.get('content-encoding')).not.toBe('br');
		expect(await withoutBrotli.text()).toBe(css);

		rmSync(join(assets, `${name}.gz`), { force: true });
		rmSync(join(assets, name));
		const gone = await get();
		expect(gone.status).toBe(404);
		expect(((await gone.json()) as { error: string }).error).toMatch(/not found/);

		const health = await fetch(`${url}/api/health`);
		expect(health.status).toBe(200);
		expect(child.exitCode).toBeNull();
		expect(logs.some((line) => line.includes('static file vanished'))).toBe(true);
	} finally {
		child.kill('SIGKILL');
		rmSync(buildCopy, { recursive: true, force: true });
		rmSync(dataDir, { recursive: true, force: true });
	}
});
