#!/usr/bin/env node
/**
 * Compiles the production server (server/ and the src/lib modules it imports) to plain JavaScript
 * in dist-server/, so `npm start` runs `node dist-server/index.js` with no TypeScript loader:
 * - entries: the process (index.js) and the worker thread modules (board-build-worker.js,
 *   store/sqlite-worker.js, store/fold-thread.js), with shared code split into chunks in the top folder;
 * - packages stay external (loaded from node_modules at run time, as from the sources);
 * - dist-server/ sits beside server/, so paths the server takes relative to its own files
 *   (`../build/handler.js`, the worker modules beside it) are the same compiled and from source.
 * Part of `npm run build`; `npm start` runs it when dist-server/ is missing.
 */
import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir <folder>` (tests): another folder beside server/ (e.g. `.test-server-1234`)
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? resolve(root, process.argv[outdirArg + 1]) : fileURLToPath(new URL('../dist-server', import.meta.url));

/** The worker thread modules, started by name through server/worker-module.ts. */
const WORKERS = ['board-build-worker', 'store/sqlite-worker', 'store/fold-thread'];

rmSync(outdir, { recursive: true, force: true });
await build({
	absWorkingDir: root,
	entryPoints: ['server/index.ts', ...WORKERS.map((name) => `server/${name}.ts`)],
	outdir,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20.19',
	packages: 'external',
	sourcemap: true,
	// stack traces need only the mappings; the sources' text would be parsed into every process (--enable-source-maps)
	sourcesContent: false,
	// chunks beside the entries: import.meta.url means the same folder in every file
	chunkNames: 'chunk-[hash]',
	logLevel: 'warning'
});
console.log(`server compiled to ${relative(root, outdir)}/`);
