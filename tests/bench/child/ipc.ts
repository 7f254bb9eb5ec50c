/**
 * Child side of the harness's IPC (see lib/children.ts): answers `{ id, cmd, arg }` requests
 * with `{ id, ok, value | error }`, and announces readiness with `{ ready }`. The command `exit`
 * runs the `exit` handler (cleanup) and ends the process with code 0.
 */

/** Command handlers of a child; each may be async. */
export type Handlers = Record<string, (arg: never) => unknown>;

/** Starts answering requests. Call {@link announceReady} once the child can take commands. */
export function serve(handlers: Handlers): void {
	if (!process.send) throw new Error('this entry must be started by the benchmark harness (IPC)');
	process.on('message', async (message: { id: number; cmd: string; arg: unknown }) => {
		if (message.cmd === 'exit') {
			try {
				await handlers.exit?.(undefined as never);
			} finally {
				process.exit(0);
			}
		}
		const handler = handlers[message.cmd];
		try {
			if (!handler) throw new Error(`unknown command ${message.cmd}`);
			const value = await handler(message.arg as never);
			process.send!({ id: message.id, ok: true, value });
		} catch (error) {
			process.send!({ id: message.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
		}
	});
	process.on('disconnect', () => process.exit(0));
}

/** Tells the parent the child is ready, with facts such as the port it listens on. */
export function announceReady(facts: Record<string, unknown>): void {
	process.send!({ ready: facts });
}

/** Runs the garbage collector a few times (needs --expose-gc) and returns process.memoryUsage(). */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
	const gc = (globalThis as { gc?: () => void }).gc;
	for (let i = 0; i < 4 && gc; i++) {
		gc();
		await new Promise((r) => setTimeout(r, 50));
	}
	return process.memoryUsage();
}
