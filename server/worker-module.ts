/**
 * Starts the server's worker threads from real module files beside this one: in the built server
 * (dist-server/, `npm start`) the compiled `<name>.js`; when the server runs from its TypeScript
 * sources (tests, `npm run dev`) the `<name>.ts` source, loaded through tsx inside the worker (a
 * worker does not inherit the process's loader hooks, and Node 20 cannot run TypeScript itself).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** True when this module runs compiled (dist-server/*.js), false when it runs from server/*.ts. */
export const RUNS_COMPILED = import.meta.url.endsWith('.js');

// Plain CommonJS run with `eval`: imports tsx's API, then the worker module through it. A failure
// to load rejects here and ends the worker with an 'error' event, like a failing compiled module.
const TSX_BOOT = `
const [tsxApi, moduleUrl] = process.argv.slice(2);
import(tsxApi).then(({ tsImport }) => tsImport(moduleUrl, moduleUrl));
`;

/**
 * The URL of the worker module `name` (no extension), a sibling of this file: `.js` when compiled,
 * `.ts` from the sources.
 */
export function workerModuleUrl(name: string): URL {
	return new URL(`./${name}${RUNS_COMPILED ? '.js' : '.ts'}`, import.meta.url);
}

/**
 * A worker thread running the module `name` (see {@link workerModuleUrl}) with `options`
 * (`workerData`, `resourceLimits`, …). The worker gets no `execArgv` of this process (no inherited
 * `--import` hooks). Errors while it loads or runs reach the returned Worker's 'error' event.
 */
export function startModuleWorker(name: string, options: Omit<WorkerOptions, 'eval' | 'execArgv' | 'argv'> = {}): Worker {
	const url = workerModuleUrl(name);
	if (RUNS_COMPILED) return new Worker(url, { ...options, execArgv: [] });
	return new Worker(TSX_BOOT, { ...options, eval: true, execArgv: [], argv: [import.meta.resolve('tsx/esm/api'), url.href] });
}
