/**
 * Wires config, log, store, rooms, API and the WebSocket endpoint together. Used by the
 * production process (index.ts), by the Vite dev server plugin and by the integration tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { checkAccess, type Access } from './auth.ts';
import { boardPages, FirstScreenCache } from './board-page.ts';
import { lockDataDir } from './data-lock.ts';
import { prepareBoardDoc } from './boards.ts';
import type { ServerConfig } from './config.ts';
import { closeSilentConnections, guardRequests, guardUpgrades, refuseSocket } from './guards.ts';
import { createApi, sendJson, type Middleware } from './http.ts';
import { createLogger, redact, type Logger } from './log.ts';
import { CLOSE_UNAUTHORIZED, CLOSE_UNKNOWN_BOARD, createRooms, type Rooms } from './rooms.ts';
import { createBoardBuilder } from './board-builder.ts';
import { createAddressLimiter } from './rate-limit.ts';
import type { Relay } from './relay/contract.ts';
import { createInProcessRelay } from './relay/in-process.ts';
import { openRelay } from './relay/open.ts';
import { openPostgresStore } from './store/postgres.ts';
import { openSqliteStore } from './store/sqlite.ts';
import type { BoardStore } from './store/contract.ts';
import { originAllowed } from '../src/lib/security/web-policy.ts';
import { provideBoardPages, type BoardPageSource } from '../src/lib/server/board-page.ts';

/** Path prefix of the sync endpoint: `/sync/<boardId>?token=<token>`. */
export const SYNC_PATH_PREFIX = '/sync/';

/** `decodeURIComponent`, or null for text that does not decode (`%ZZ`, a cut-off `%E0%A4%A`). */
export function decodePathSegment(text: string): string | null {
	try {
		return decodeURIComponent(text);
	} catch {
		return null;
	}
}

/** The assembled server parts, independent of which HTTP server carries them. */
export interface Groundwork {
	readonly store: BoardStore;
	readonly relay: Relay;
	readonly rooms: Rooms;
	/** The `/api/*` middleware. */
	readonly api: Middleware;
	/** First screens of boards for the board page's server render. */
	readonly pages: BoardPageSource;
	/**
	 * Handles an HTTP upgrade if its path is `/sync/<boardId>`: checks the token first, then
	 * accepts and either joins the room or closes with 4401 / 4404. Returns false for other
	 * paths (left to the caller).
	 */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Flushes and closes every room and socket, then the relay and the store. Idempotent. */
	close(): Promise<void>;
}

/** Parts {@link createGroundwork} can be given instead of building its defaults; it owns (and closes) them. */
export interface GroundworkParts {
	/** The store; default: SQLite in `config.dataDir` (the folder locked for this process). */
	readonly store?: BoardStore;
	/** The relay between instances; default: in-process (this instance alone). */
	readonly relay?: Relay;
}

/**
 * The parts the configuration asks for beyond the defaults: with `DATABASE_URL` the Postgres
 * store (connected and migrated here; several instances share it, so no DATA_DIR lock is taken),
 * with `REDIS_URL` the Redis relay (relay/redis.ts). Without them: nothing (SQLite in DATA_DIR and
 * the in-process relay, built by {@link createGroundwork}).
 */
export async function openConfiguredParts(config: ServerConfig, log: Logger): Promise<GroundworkParts> {
	let store: BoardStore | undefined;
	if (config.database) {
		store = await openPostgresStore(config.database, {
			onPoolError: (error) => log.warn('postgres connection lost', { error })
		});
		log.info('store: postgres', { schema: config.database.schema ?? 'public' });
	}
	// REDIS_URL: the relay between instances (Redis pub/sub); else the in-process one
	let relay: Relay | undefined;
	try {
		relay = config.redisUrl ? await openRelay(config, log) : undefined;
	} catch (error) {
		await store?.close();
		throw error;
	}
	return { store, relay };
}

/**
 * Builds store, rooms, API and WebSocket handling from a config. Without a given store, locks the
 * data folder (throws DataDirLockedError when another server holds it) and opens the SQLite
 * database in it.
 */
export function createGroundwork(config: ServerConfig, log: Logger, parts: GroundworkParts = {}): Groundwork {
	let lock: { release(): void } = { release() {} };
	let store: BoardStore;
	if (parts.store) store = parts.store;
	else {
		lock = lockDataDir(config.dataDir);
		try {
			store = openSqliteStore({ dataDir: config.dataDir, sync: config.sqliteSync });
		} catch (error) {
			lock.release();
			throw error;
		}
	}
	const relay = parts.relay ?? createInProcessRelay();
	const screens = new FirstScreenCache();
	const rooms = createRooms({
		store,
		relay,
		log,
		config,
		prepareDoc: prepareBoardDoc,
		onOpen: (id) => screens.awake(id),
		onUnload: (id, doc, seq) => screens.atRest(id, doc, seq)
	});
	// a new board is at rest until someone opens it: its first screen is known already
	const createLimiter = createAddressLimiter({
		perMinute: config.createBoardsPerMinute,
		burst: config.createBoardsBurst,
		trustProxy: config.trustProxy
	});
	const builder = createBoardBuilder({ timeLimitMs: config.buildTimeLimitMs, log });
	const api = createApi({
		store,
		rooms,
		log,
		config,
		createLimiter,
		builder,
		onCreated: (id, doc) => screens.atRest(id, doc, 0),
		onDeleted: (id) => screens.forget(id)
	});
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: config.maxMessageBytes,
		perMessageDeflate: false,
		clientTracking: true
	});
	let closing: Promise<void> | null = null;

	const decide = async (id: string, token: string | null): Promise<{ access: Access } | { code: number; reason: string }> => {
		const check = await checkAccess(id, token, (boardId) => store.getBoard(boardId));
		if (check.ok) return { access: check.access };
		if (check.reason === 'unknown-board') return { code: CLOSE_UNKNOWN_BOARD, reason: 'no such board' };
		return { code: CLOSE_UNAUTHORIZED, reason: check.reason === 'missing-token' ? 'missing token' : 'invalid token' };
	};

	return {
		store,
		relay,
		rooms,
		api,
		pages: boardPages({ store, rooms, screens }),
		handleUpgrade(req, socket, head) {
			let url: URL;
			try {
				url = new URL(req.url ?? '/', 'http://localhost');
			} catch {
				return false;
			}
			if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return false;
			const id = decodePathSegment(url.pathname.slice(SYNC_PATH_PREFIX.length).replace(/\/+$/, ''));
			if (id === null) {
				log.info('refused sync connection: board id does not decode', { path: redact(url.pathname) });
				refuseSocket(socket, 400, 'Bad Request');
				return true;
			}
			if (closing) {
				refuseSocket(socket, 503, 'Service Unavailable');
				return true;
			}
			// another site's page (cross-site WebSocket hijacking) is refused before the upgrade
			if (!originAllowed(req.headers.origin, config.syncOrigins)) {
				log.info('refused sync connection from another origin', { board: id, origin: req.headers.origin });
				refuseSocket(socket, 403, 'Forbidden');
				return true;
			}
			// Fail closed: the decision is made before the upgrade is accepted. The refusal is sent as
			// a close code (not an HTTP status) because browsers only expose close codes to scripts.
			const accept = (decision: Awaited<ReturnType<typeof decide>>) => wss.handleUpgrade(req, socket, head, (ws) => {
				if ('code' in decision) {
					log.info('refused sync connection', { board: id, code: decision.code, reason: decision.reason });
					ws.on('error', () => {});
					ws.close(decision.code, decision.reason);
					return;
				}
				try {
					rooms.join(id, ws, decision.access);
				} catch (error) {
					log.error('could not join a board', { board: id, error });
					ws.terminate();
				}
			});
			void decide(id, url.searchParams.get('token')).then(
				(decision) => {
					if (socket.destroyed) return;
					if (closing) {
						refuseSocket(socket, 503, 'Service Unavailable');
						return;
					}
					accept(decision);
				},
				(error: unknown) => {
					log.error('could not check access', { board: id, error });
					refuseSocket(socket, 503, 'Service Unavailable');
				}
			);
			return true;
		},
		close() {
			closing ??= (async () => {
				builder.close();
				await rooms.close();
				for (const ws of wss.clients) ws.terminate();
				await new Promise<void>((resolve) => wss.close(() => resolve()));
				try {
					await relay.close();
					await store.close();
				} finally {
					lock.release();
				}
			})();
			return closing;
		}
	};
}

/** A running server. */
export interface RunningServer {
	/** Base URL, e.g. `http://127.0.0.1:3000` (no trailing slash). */
	readonly url: string;
	/** The bound TCP port (useful with PORT=0). */
	readonly port: number;
	readonly groundwork: Groundwork;
	/** Flushes everything, closes sockets, stops listening, closes the store. */
	close(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface StartOptions {
	/** Logger; default: one built from the config, writing to stdout. */
	readonly log?: Logger;
	/** Handler for every non-API request (the built SvelteKit app); default: JSON 404. */
	readonly app?: Middleware | null;
	/** Store and relay to use instead of those the config asks for ({@link openConfiguredParts}). */
	readonly parts?: GroundworkParts;
}

/** Printable base URL for a bound address. */
export function baseUrl(host: string, port: number): string {
	const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
	return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Starts one HTTP server carrying the API, the sync endpoint and (optionally) the app, listening
 * on `config.host:config.port` (port 0 picks a free port).
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
	const log = options.log ?? createLogger({ format: config.logFormat, level: config.logLevel });
	const parts = options.parts ?? (await openConfiguredParts(config, log));
	let groundwork: Groundwork;
	try {
		groundwork = createGroundwork(config, log, parts);
	} catch (error) {
		await parts.store?.close();
		await parts.relay?.close();
		throw error;
	}
	const app = options.app ?? null;
	// the app's board page renders its first screen from this server's boards
	const unprovide = app ? provideBoardPages(groundwork.pages) : () => {};
	const notFound = (res: ServerResponse) => sendJson(res, 404, { error: 'not found' });

	const server = createServer(
		guardRequests((req, res) => {
			// every answer, static assets included: browsers take the declared type, never a guess
			res.setHeader('x-content-type-options', 'nosniff');
			groundwork.api(req, res, () => (app ? app(req, res, () => notFound(res)) : notFound(res)));
		}, log)
	);
	server.on(
		'upgrade',
		guardUpgrades((req, socket, head) => {
			if (!groundwork.handleUpgrade(req, socket, head)) refuseSocket(socket, 404, 'Not Found');
		}, log)
	);
	closeSilentConnections(server, config.headersTimeoutMs, log);

	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(config.port, config.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
	} catch (error) {
		unprovide();
		await groundwork.close();
		throw error;
	}
	const port = (server.address() as AddressInfo).port;
	let closing: Promise<void> | null = null;
	return {
		url: baseUrl(config.host, port),
		port,
		groundwork,
		close() {
			closing ??= (async () => {
				const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
				server.closeIdleConnections();
				unprovide();
				await groundwork.close();
				server.closeAllConnections();
				await stopped;
			})();
			return closing;
		}
	};
}
