/**
 * Serves a copy of the app build with the production wiring (guarded static files), for
 * vanishing-assets.spec.ts: `node --import tsx tests/e2e/serve-build-copy.ts <buildDir> <dataDir>`.
 * Like production, an uncaught exception ends the process (Node's default), so a test can see it.
 */
import { join } from 'node:path';
import { loadKitHandler, startServer } from '../../server/index.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';

const [buildDir, dataDir] = process.argv.slice(2);
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_FORMAT: 'json' });
const log = createLogger({ format: 'json', level: 'info' });
const app = await loadKitHandler(join(buildDir, 'handler.js'), log);
if (!app) throw new Error(`no build at ${buildDir}`);
const server = await startServer(config, { log, app });
log.info('groundwork listening', { url: server.url });
