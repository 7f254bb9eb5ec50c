/**
 * The production server (server/index.ts's parts, unchanged) serving the app build whose
 * `handler.js` is at GROUNDWORK_E2E_HANDLER: lets the deploy test restart the server on a second
 * build, as a deployment would. Logs "groundwork listening" like the real process; SIGTERM stops it.
 */
import { loadConfig, loadKitHandler, startServer } from '../../server/index.ts';
import { createLogger } from '../../server/log.ts';

const config = loadConfig();
const log = createLogger({ format: config.logFormat, level: config.logLevel });
const handler = process.env.GROUNDWORK_E2E_HANDLER;
const app = await loadKitHandler(handler);
if (!app) throw new Error(`no app build at ${handler}`);
const server = await startServer(config, { log, app });
log.info('groundwork listening', { url: server.url, dataDir: config.dataDir });
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
