/**
 * Preloaded (`node --expose-gc --import …/memory-probe.mjs <entry>`) into a server process the
 * bench runs as shipped — our compiled production entry, y-websocket's own bin/server.js, a plain
 * Hocuspocus script — so every server's memory is measured the same way, from inside, after GC,
 * without changing its code. Plain JavaScript: no TypeScript loader (its thread would add RSS).
 * IPC commands: `memory` (process.memoryUsage() after four GCs) and `exit` (SIGTERM to itself,
 * so a server with a clean shutdown runs it).
 */
if (process.send) {
	process.on('message', async (message) => {
		if (!message || typeof message !== 'object' || typeof message.cmd !== 'string') return;
		if (message.cmd === 'exit') {
			process.kill(process.pid, 'SIGTERM');
			return;
		}
		if (message.cmd !== 'memory') {
			process.send({ id: message.id, ok: false, error: `unknown command ${message.cmd}` });
			return;
		}
		for (let i = 0; i < 4 && globalThis.gc; i++) {
			globalThis.gc();
			await new Promise((r) => setTimeout(r, 50));
		}
		process.send({ id: message.id, ok: true, value: process.memoryUsage() });
	});
	// the channel must not keep a server alive that would otherwise exit, and the harness gone
	// (crashed, timed out) must not leave the server behind
	process.channel?.unref();
	process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
	process.send({ ready: { pid: process.pid } });
}
