/**
 * The Node flags of the production server process: `npm start` (scripts/start.js) runs
 * `node ${SERVER_NODE_FLAGS} dist-server/index.js`, and every test and benchmark that runs the
 * server "as `npm start` runs it" takes its flags from here, so what is measured is what users run.
 * - `--enable-source-maps`: stack traces in the logs point into server/*.ts (the compiled maps
 *   carry only the mappings, see build-server.js).
 * - `--max-semi-space-size=4`: V8's young generation stays at most 2 × 4 MiB. By default it
 *   grows to 2 × 16 MiB when many objects survive, e.g. while a process opens a few hundred
 *   boards, and stays committed afterwards, empty: about 20 MiB of resident memory that buys
 *   nothing for a relay whose per-update garbage dies young (docs/performance.md, "Server RSS
 *   against the peers").
 */
export const SERVER_NODE_FLAGS = Object.freeze(['--enable-source-maps', '--max-semi-space-size=4']);
