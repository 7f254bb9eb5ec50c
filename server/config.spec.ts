import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
	it('uses the documented defaults', () => {
		const config = loadConfig({}, '/srv/app');
		expect(config).toMatchObject({
			port: 3000,
			host: '127.0.0.1',
			dataDir: '/srv/app/data',
			maxMessageBytes: 8 * 1024 * 1024,
			maxBodyBytes: 2 * 1024 * 1024,
			roomIdleMs: 30_000,
			pingIntervalMs: 30_000,
			compactAfterUpdates: 500,
			sqliteSync: 'normal',
			publicUrl: undefined,
			frameAncestors: "'none'",
			syncOrigins: null,
			logFormat: 'plain',
			logLevel: 'info',
			storeConnectTimeoutMs: 30_000
		});
		expect(loadConfig({ STORE_CONNECT_TIMEOUT_MS: '0' }).storeConnectTimeoutMs).toBe(0);
		expect(() => loadConfig({ STORE_CONNECT_TIMEOUT_MS: '-1' })).toThrow(/STORE_CONNECT_TIMEOUT_MS must be an integer/);
	});

	it('reads and normalises the environment', () => {
		const config = loadConfig(
			{ PORT: '0', HOST: '0.0.0.0', DATA_DIR: '/var/lib/gw', PUBLIC_URL: 'https://plan.example.com/', SQLITE_SYNC: 'FULL', LOG_FORMAT: 'json' },
			'/srv/app'
		);
		expect(config.port).toBe(0);
		expect(config.host).toBe('0.0.0.0');
		expect(config.dataDir).toBe('/var/lib/gw');
		expect(config.publicUrl).toBe('https://plan.example.com');
		expect(config.sqliteSync).toBe('full');
		expect(config.logFormat).toBe('json');
		// PUBLIC_URL alone limits the sync socket to its own origin
		expect([...(config.syncOrigins ?? [])]).toEqual(['https://plan.example.com']);
	});

	it('reads the web policy: frame ancestors and the sync origin allow-list', () => {
		const config = loadConfig({ FRAME_ANCESTORS: "'self' https://wiki.example.com", ALLOWED_ORIGINS: 'https://a.example https://b.example:8443' });
		expect(config.frameAncestors).toBe("'self' https://wiki.example.com");
		expect([...(config.syncOrigins ?? [])]).toEqual(['https://a.example', 'https://b.example:8443']);
		expect(() => loadConfig({ FRAME_ANCESTORS: '*', ALLOWED_ORIGINS: 'evil' })).toThrow(/FRAME_ANCESTORS[^]*ALLOWED_ORIGINS/);
	});

	it('reads the relay settings: REDIS_URL off by default, a checked URL and channel prefix', () => {
		expect(loadConfig({})).toMatchObject({ redisUrl: undefined, redisPrefix: 'groundwork:' });
		expect(loadConfig({ REDIS_URL: 'redis://:s3cret@10.0.0.5:6380/2', REDIS_PREFIX: 'gw-prod:' })).toMatchObject({
			redisUrl: 'redis://:s3cret@10.0.0.5:6380/2',
			redisPrefix: 'gw-prod:'
		});
		let error: unknown;
		try {
			loadConfig({ REDIS_URL: 'http://:s3cret@host', REDIS_PREFIX: 'has space' });
		} catch (e) {
			error = e;
		}
		const problems = (error as ConfigError).problems;
		expect(problems).toHaveLength(2);
		expect(problems.join('\n')).toMatch(/REDIS_URL[^]*REDIS_PREFIX/);
		// a URL may hold a password: the message never repeats it
		expect(problems.join('\n')).not.toContain('s3cret');
	});

	it('treats empty variables as unset', () => {
		expect(loadConfig({ PORT: '', DATA_DIR: '  ' }, '/x').port).toBe(3000);
	});

	it('names every invalid variable at once', () => {
		let error: unknown;
		try {
			loadConfig({ PORT: '70000', MAX_MESSAGE_BYTES: '1.5', SQLITE_SYNC: 'sometimes', PUBLIC_URL: 'ftp://x', ROOM_IDLE_MS: '-1' });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConfigError);
		const problems = (error as ConfigError).problems.join('\n');
		for (const name of ['PORT', 'MAX_MESSAGE_BYTES', 'SQLITE_SYNC', 'PUBLIC_URL', 'ROOM_IDLE_MS']) {
			expect(problems).toContain(name);
		}
		expect((error as ConfigError).problems).toHaveLength(5);
	});

	it('reads the Postgres store settings, and leaves SQLite the default', () => {
		expect(loadConfig({}).database).toBeUndefined();
		expect(loadConfig({ DATABASE_URL: ' postgres://gw:secret@db.internal:5432/groundwork ' }).database).toEqual({
			url: 'postgres://gw:secret@db.internal:5432/groundwork',
			schema: undefined
		});
		expect(loadConfig({ DATABASE_URL: 'postgresql://127.0.0.1/test', DATABASE_SCHEMA: 'groundwork_eu' }).database).toEqual({
			url: 'postgresql://127.0.0.1/test',
			schema: 'groundwork_eu'
		});
	});

	it('refuses a bad DATABASE_URL or DATABASE_SCHEMA without echoing the password', () => {
		const problems = (env: Record<string, string>): string[] => {
			try {
				loadConfig(env);
			} catch (error) {
				if (error instanceof ConfigError) return [...error.problems];
				throw error;
			}
			return [];
		};
		expect(problems({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toEqual([
			'DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://")'
		]);
		const unparsable = problems({ DATABASE_URL: 'postgres://user:hunter2@' });
		expect(unparsable).toHaveLength(1);
		expect(unparsable[0]).toMatch(/^DATABASE_URL must/);
		expect(unparsable.join()).not.toContain('hunter2');
		expect(problems({ DATABASE_URL: 'postgres://x/y', DATABASE_SCHEMA: 'Robert"); DROP TABLE boards;--' })[0]).toMatch(/^DATABASE_SCHEMA must be/);
		expect(problems({ DATABASE_SCHEMA: 'groundwork' })).toEqual(['DATABASE_SCHEMA needs DATABASE_URL (the SQLite store has no schemas)']);
	});
});
