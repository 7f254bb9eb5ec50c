import { resolve } from 'node:path';
import { parseFrameAncestors, parseOriginList, syncOrigins, type Origin } from '../src/lib/security/web-policy.ts';

/** How SQLite syncs commits to disk: `normal` survives process crashes, `full` also power loss. */
export type SyncMode = 'normal' | 'full';

/** Log output format: one JSON object per line, or one human-readable line. */
export type LogFormat = 'json' | 'plain';

/** Lowest severity that gets logged. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Every setting of the server process, resolved and validated. All byte sizes are bytes, all
 * durations milliseconds. Built by {@link loadConfig} from the environment.
 */
export interface ServerConfig {
	/** TCP port (0 = pick a free one). Env `PORT`, default 3000. */
	readonly port: number;
	/** Interface to listen on. Env `HOST`, default 127.0.0.1. */
	readonly host: string;
	/** Absolute directory holding the SQLite database. Env `DATA_DIR`, default ./data. */
	readonly dataDir: string;
	/** Largest WebSocket frame accepted; bigger frames close the socket with 1009. Env `MAX_MESSAGE_BYTES`, default 8 MiB. */
	readonly maxMessageBytes: number;
	/** Largest HTTP request body accepted; bigger bodies get 413. Env `MAX_BODY_BYTES`, default 2 MiB. */
	readonly maxBodyBytes: number;
	/** How long a board stays in memory after its last client left. Env `ROOM_IDLE_MS`, default 30 s. */
	readonly roomIdleMs: number;
	/** Ping period; a peer that missed one pong is dropped. Env `PING_INTERVAL_MS`, default 30 s. */
	readonly pingIntervalMs: number;
	/**
	 * A connection must send a complete request head within this many ms (its first one too), else
	 * it is closed; connections that never send a byte cannot pile up. Env `HEADERS_TIMEOUT_MS`, default 10 s.
	 */
	readonly headersTimeoutMs: number;
	/** Largest presence (awareness) state of one connection, JSON bytes; bigger ones are dropped. Env `AWARENESS_MAX_BYTES`, default 8 KiB. */
	readonly awarenessMaxBytes: number;
	/**
	 * Presence updates applied per second per connection (bursts of twice that); faster ones are
	 * coalesced, the newest applied when the rate allows. Env `AWARENESS_PER_SECOND`, default 20.
	 */
	readonly awarenessPerSecond: number;
	/**
	 * Boards one client address may create or import per minute, on average; beyond it 429 with
	 * Retry-After. Env `CREATE_BOARDS_PER_MINUTE`, default 60.
	 */
	readonly createBoardsPerMinute: number;
	/** Boards one client address may create at once before the per-minute rate applies. Env `CREATE_BOARDS_BURST`, default 120. */
	readonly createBoardsBurst: number;
	/** Take the client address from the last `X-Forwarded-For` hop (behind a reverse proxy). Env `TRUST_PROXY` (`true` | `false`), default false. */
	readonly trustProxy: boolean;
	/**
	 * How long building one board from a big plan or markdown document may take on the builder's
	 * worker thread before the request is answered 413. Env `BUILD_TIME_LIMIT_MS`, default 10 s.
	 */
	readonly buildTimeLimitMs: number;
	/**
	 * Stored updates of one board that trigger compaction into its snapshot (once the board is quiet
	 * for 50 ms; at twice this count at once). Env `COMPACT_AFTER_UPDATES`, default 500.
	 */
	readonly compactAfterUpdates: number;
	/** SQLite `synchronous` level. Env `SQLITE_SYNC` (`normal` | `full`), default normal. */
	readonly sqliteSync: SyncMode;
	/** Origin used in editUrl/viewUrl (no trailing slash); unset = taken from the request's Host. Env `PUBLIC_URL`. */
	readonly publicUrl: string | undefined;
	/**
	 * CSP `frame-ancestors` source list of every page: who may frame the app. Env `FRAME_ANCESTORS`
	 * (`'none'`, `'self'` and/or http(s) origins), default `'none'`.
	 */
	readonly frameAncestors: string;
	/**
	 * Origins whose pages may open the sync socket: PUBLIC_URL's origin plus env `ALLOWED_ORIGINS`;
	 * null (any origin) when neither is set.
	 */
	readonly syncOrigins: ReadonlySet<Origin> | null;
	/**
	 * Redis of the relay between instances (`redis://` or `rediss://`); unset = one process, no
	 * relay. Env `REDIS_URL`.
	 */
	readonly redisUrl: string | undefined;
	/** Prefix of the relay's Redis channel names (several deployments on one Redis). Env `REDIS_PREFIX`, default `groundwork:`. */
	readonly redisPrefix: string;
	/** Env `LOG_FORMAT` (`plain` | `json`), default plain. */
	readonly logFormat: LogFormat;
	/** Env `LOG_LEVEL` (`debug` | `info` | `warn` | `error`), default info. */
	readonly logLevel: LogLevel;
	/**
	 * Where the store lives when it is not the SQLite file in DATA_DIR: a PostgreSQL server.
	 * undefined = SQLite (the default). Env `DATABASE_URL` (`postgres://user:pass@host:5432/db`)
	 * and `DATABASE_SCHEMA`; see {@link DatabaseConfig}.
	 */
	readonly database: DatabaseConfig | undefined;
	/**
	 * How long the server keeps trying to reach the Postgres of `DATABASE_URL` at start (it may be
	 * starting too, or restarting), with backoff and one log line per attempt, before it gives up
	 * and exits 1. 0 = one attempt. Env `STORE_CONNECT_TIMEOUT_MS`, default 30 s.
	 */
	readonly storeConnectTimeoutMs: number;
}

/** A PostgreSQL store's connection settings (server/store/postgres.ts). */
export interface DatabaseConfig {
	/** Connection URL as given (`postgres:` or `postgresql:`); holds the password, so never logged. */
	readonly url: string;
	/**
	 * Schema holding the store's tables (created if missing), or undefined for the connection's
	 * default (`public`). Lets several deployments — or test runs — share one database.
	 */
	readonly schema: string | undefined;
}

/** A PostgreSQL identifier we accept as schema name: lower case, unquoted, at most 63 bytes. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Validates `DATABASE_URL` / `DATABASE_SCHEMA`; returns the problems (one sentence each, never
 * quoting the URL: it may hold a password) or the settings (undefined when DATABASE_URL is unset).
 */
export function parseDatabaseConfig(
	rawUrl: string | undefined,
	rawSchema: string | undefined
): { ok: true; value: DatabaseConfig | undefined } | { ok: false; problems: string[] } {
	const problems: string[] = [];
	const url = rawUrl?.trim() || undefined;
	const schema = rawSchema?.trim() || undefined;
	if (url) {
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			problems.push('DATABASE_URL must be a URL like postgres://user:password@host:5432/database (it could not be parsed)');
		}
		if (parsed && parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
			problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got ${JSON.stringify(parsed.protocol + '//')})`);
		} else if (parsed && !parsed.hostname && !parsed.searchParams.get('host')) {
			problems.push('DATABASE_URL must name a host, e.g. postgres://127.0.0.1:5432/groundwork');
		}
	}
	if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
		problems.push(`DATABASE_SCHEMA must be a lower-case name of letters, digits and _ (at most 63, not starting with a digit) (got ${JSON.stringify(schema)})`);
	}
	if (schema !== undefined && !url) problems.push('DATABASE_SCHEMA needs DATABASE_URL (the SQLite store has no schemas)');
	if (problems.length > 0) return { ok: false, problems };
	return { ok: true, value: url ? { url, schema } : undefined };
}

/** Thrown by {@link loadConfig}; `problems` lists every bad variable, one sentence each. */
export class ConfigError extends Error {
	/** One entry per invalid variable, e.g. `PORT must be an integer 0..65535 (got "abc")`. */
	readonly problems: readonly string[];
	constructor(problems: string[]) {
		super(`invalid configuration:\n  ${problems.join('\n  ')}`);
		this.name = 'ConfigError';
		this.problems = problems;
	}
}

/** Environment variable names and their defaults, in the order the README documents them. */
export const CONFIG_DEFAULTS = {
	PORT: '3000',
	HOST: '127.0.0.1',
	DATA_DIR: './data',
	MAX_MESSAGE_BYTES: String(8 * 1024 * 1024),
	MAX_BODY_BYTES: String(2 * 1024 * 1024),
	ROOM_IDLE_MS: '30000',
	PING_INTERVAL_MS: '30000',
	HEADERS_TIMEOUT_MS: '10000',
	AWARENESS_MAX_BYTES: '8192',
	AWARENESS_PER_SECOND: '20',
	CREATE_BOARDS_PER_MINUTE: '60',
	CREATE_BOARDS_BURST: '120',
	TRUST_PROXY: 'false',
	BUILD_TIME_LIMIT_MS: '10000',
	COMPACT_AFTER_UPDATES: '500',
	SQLITE_SYNC: 'normal',
	PUBLIC_URL: '',
	FRAME_ANCESTORS: "'none'",
	ALLOWED_ORIGINS: '',
	REDIS_URL: '',
	REDIS_PREFIX: 'groundwork:',
	LOG_FORMAT: 'plain',
	LOG_LEVEL: 'info',
	DATABASE_URL: '',
	DATABASE_SCHEMA: '',
	STORE_CONNECT_TIMEOUT_MS: '30000'
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the configuration from `env` (default `process.env`). Empty variables count
 * as unset. Throws one {@link ConfigError} naming every invalid variable; never returns a partly
 * valid config. Relative DATA_DIR is resolved against `cwd`.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
	const problems: string[] = [];
	const get = (name: keyof typeof CONFIG_DEFAULTS): string => {
		const value = env[name]?.trim();
		return value ? value : CONFIG_DEFAULTS[name];
	};
	const int = (name: keyof typeof CONFIG_DEFAULTS, min: number, max: number): number => {
		const raw = get(name);
		const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
		if (!Number.isSafeInteger(value) || value < min || value > max) {
			problems.push(`${name} must be an integer ${min}..${max} (got ${JSON.stringify(raw)})`);
			return Number(CONFIG_DEFAULTS[name]);
		}
		return value;
	};
	const oneOf = <T extends string>(name: keyof typeof CONFIG_DEFAULTS, allowed: readonly T[]): T => {
		const raw = get(name).toLowerCase();
		if (!(allowed as readonly string[]).includes(raw)) {
			problems.push(`${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(raw)})`);
			return CONFIG_DEFAULTS[name] as T;
		}
		return raw as T;
	};

	const port = int('PORT', 0, 65535);
	const host = get('HOST');
	if (/\s|\//.test(host)) problems.push(`HOST must be a host name or IP address (got ${JSON.stringify(host)})`);
	const dataDir = resolve(cwd, get('DATA_DIR'));
	const maxMessageBytes = int('MAX_MESSAGE_BYTES', 1024, 1024 * 1024 * 1024);
	const maxBodyBytes = int('MAX_BODY_BYTES', 1024, 1024 * 1024 * 1024);
	const roomIdleMs = int('ROOM_IDLE_MS', 0, 24 * 60 * 60 * 1000);
	const pingIntervalMs = int('PING_INTERVAL_MS', 100, 24 * 60 * 60 * 1000);
	// at most Node's requestTimeout (5 min), which must stay above it
	const headersTimeoutMs = int('HEADERS_TIMEOUT_MS', 100, 5 * 60 * 1000);
	const awarenessMaxBytes = int('AWARENESS_MAX_BYTES', 64, 1024 * 1024);
	const awarenessPerSecond = int('AWARENESS_PER_SECOND', 1, 10_000);
	const createBoardsPerMinute = int('CREATE_BOARDS_PER_MINUTE', 1, 1_000_000);
	const createBoardsBurst = int('CREATE_BOARDS_BURST', 1, 1_000_000);
	const trustProxy = oneOf<'true' | 'false'>('TRUST_PROXY', ['true', 'false']) === 'true';
	const buildTimeLimitMs = int('BUILD_TIME_LIMIT_MS', 100, 10 * 60 * 1000);
	const compactAfterUpdates = int('COMPACT_AFTER_UPDATES', 1, 10_000_000);
	const storeConnectTimeoutMs = int('STORE_CONNECT_TIMEOUT_MS', 0, 60 * 60 * 1000);
	const sqliteSync = oneOf<SyncMode>('SQLITE_SYNC', ['normal', 'full']);
	const logFormat = oneOf<LogFormat>('LOG_FORMAT', ['plain', 'json']);
	const logLevel = oneOf<LogLevel>('LOG_LEVEL', ['debug', 'info', 'warn', 'error']);

	let publicUrl: string | undefined;
	const rawPublicUrl = get('PUBLIC_URL');
	if (rawPublicUrl) {
		try {
			const url = new URL(rawPublicUrl);
			if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
			if (url.search || url.hash || url.username || url.password) throw new Error('extra parts');
			publicUrl = url.href.replace(/\/+$/, '');
		} catch {
			problems.push(
				`PUBLIC_URL must be an absolute http(s) URL without query or credentials (got ${JSON.stringify(rawPublicUrl)})`
			);
		}
	}

	let redisUrl: string | undefined;
	const rawRedisUrl = get('REDIS_URL');
	if (rawRedisUrl) {
		try {
			const url = new URL(rawRedisUrl);
			if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('scheme');
			redisUrl = rawRedisUrl;
		} catch {
			// the value may hold a password: never echo it
			problems.push('REDIS_URL must be a redis:// or rediss:// URL');
		}
	}
	const redisPrefix = get('REDIS_PREFIX');
	if (!/^[\w:.-]{1,64}$/.test(redisPrefix)) problems.push(`REDIS_PREFIX must be 1–64 letters, digits, '_', ':', '.' or '-' (got ${JSON.stringify(redisPrefix)})`);

	const frameAncestors = parseFrameAncestors(get('FRAME_ANCESTORS'));
	if (!frameAncestors.ok) problems.push(frameAncestors.problem);
	const allowedOrigins = parseOriginList(get('ALLOWED_ORIGINS'));
	if (!allowedOrigins.ok) problems.push(allowedOrigins.problem);
	const database = parseDatabaseConfig(env.DATABASE_URL, env.DATABASE_SCHEMA);
	if (!database.ok) problems.push(...database.problems);

	if (problems.length > 0 || !frameAncestors.ok || !allowedOrigins.ok || !database.ok) throw new ConfigError(problems);
	return {
		port,
		host,
		dataDir,
		maxMessageBytes,
		maxBodyBytes,
		roomIdleMs,
		pingIntervalMs,
		headersTimeoutMs,
		awarenessMaxBytes,
		awarenessPerSecond,
		createBoardsPerMinute,
		createBoardsBurst,
		trustProxy,
		buildTimeLimitMs,
		compactAfterUpdates,
		sqliteSync,
		publicUrl,
		frameAncestors: frameAncestors.value,
		syncOrigins: syncOrigins(publicUrl, allowedOrigins.value),
		redisUrl,
		redisPrefix,
		logFormat,
		logLevel,
		database: database.value,
		storeConnectTimeoutMs
	};
}
