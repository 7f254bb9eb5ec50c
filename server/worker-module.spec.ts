import { describe, expect, it } from 'vitest';
import { RUNS_COMPILED, startModuleWorker, workerModuleUrl } from './worker-module.ts';

describe('worker modules', () => {
	it('are the TypeScript sources beside this file when the server runs from source', () => {
		expect(RUNS_COMPILED).toBe(false);
		expect(workerModuleUrl('board-build-worker').pathname).toMatch(/\/server\/board-build-worker\.ts$/);
	});

	it("report a module that cannot be loaded as the worker's error", async () => {
		const worker = startModuleWorker('no-such-worker-module');
		const error = await new Promise<Error>((resolve) => worker.once('error', resolve));
		expect(error.message).toMatch(/no-such-worker-module/);
		await worker.terminate();
	});

	it('run a real worker module from its source', async () => {
		const worker = startModuleWorker('board-build-worker');
		expect(await new Promise((resolve) => worker.once('message', resolve))).toBe('ready');
		await worker.terminate();
	});
});
