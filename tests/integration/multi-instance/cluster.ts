/**
 * Several Groundwork instances as child processes sharing one store and one relay — the shape of
 * a real deployment: a private Postgres schema (tests/support/postgres.ts) and a private Redis
 * channel prefix per cluster, each instance on its own port and (unused) data folder, started
 * with the same environment variables operators set. Instances can be SIGKILLed and started
 * again; `nginx()` puts the deployed nginx configuration in front of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestSchema, postgresAvailable, type TestSchema } from '../../support/postgres.ts';
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers.ts';
import { startNginx, type RunningNginx } from './nginx.ts';
import { TEST_REDIS_URL, announceSkip, nginxBinary, redisAvailability, uniquePrefix } from './services.ts';

const SERVER_DIR = fileURLToPath(new URL('../../../server/', import.meta.url));

/**
 * Whether the server opens the Postgres store and the relay from its configuration (issue 16:
 * server/relay/open.ts and server/store/postgres.ts exist before the server is wired to them);
 * undefined when it does, else the reason the suite cannot run yet.
 */
export function serverWiringMissing(): string | undefined {
	const sources = readdirSync(SERVER_DIR)
		.filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
		.map((name) => readFileSync(SERVER_DIR + name, 'utf8'))
		.join('\n');
	const missing = ['openPostgresStore(', 'openRelay('].filter((call) => !sources.includes(call));
	return missing.length === 0 ? undefined : `the server does not open its store and relay from DATABASE_URL / REDIS_URL yet (no ${missing.join(' or ')} in server/*.ts)`;
}

/** Why the suite cannot run here (empty: it can), checked once per file. */
export async function clusterUnavailable(options: { nginx?: boolean } = {}): Promise<string[]> {
	const reasons: string[] = [];
	const wiring = serverWiringMissing();
	if (wiring) reasons.push(wiring);
	const [pg, redis] = await Promise.all([postgresAvailable(), redisAvailability()]);
	if (!pg.ok) reasons.push(pg.reason);
	if (!redis.ok) reasons.push(redis.reason);
	if (options.nginx && !nginxBinary()) reasons.push('nginx is not installed (apt-get install nginx)');
	return reasons;
}

/**
 * For a test file: true (skip) when Postgres, Redis (or nginx) are missing, printing one plain
 * line saying which suite is skipped and why.
 */
export async function skipWithoutCluster(what: string, options: { nginx?: boolean } = {}): Promise<boolean> {
	const reasons = await clusterUnavailable(options);
	announceSkip(what, reasons, serverWiringMissing() ? '' : undefined);
	return reasons.length > 0;
}

/** One instance of a cluster. */
export interface Instance {
	readonly server: ChildServer;
	readonly url: string;
	readonly wsUrl: string;
	readonly port: number;
}

/** Instances sharing a store and a relay. */
export interface Cluster {
	readonly instances: Instance[];
	readonly schema: TestSchema;
	readonly redisPrefix: string;
	/** The environment every instance gets (DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, REDIS_PREFIX, …). */
	readonly env: Record<string, string>;
	/** Starts one more instance (on a new port); it joins `instances`. */
	add(): Promise<Instance>;
	/** SIGKILLs instance `i` (no flush, no goodbye) and waits for it to be gone. */
	kill(i: number): Promise<void>;
	/** nginx with deploy/nginx/groundwork.conf in front of the instances running now. */
	nginx(): Promise<RunningNginx>;
	/** Stops everything and drops the schema. */
	stop(): Promise<void>;
}

/** Starts `count` instances on a fresh schema and prefix; `env` adds settings for every instance. */
export async function startCluster(count: number, env: Record<string, string> = {}): Promise<Cluster> {
	const schema = await createTestSchema();
	const redisPrefix = uniquePrefix('gw-cluster');
	const sharedEnv = {
		DATABASE_URL: schema.database.url,
		DATABASE_SCHEMA: schema.schema,
		REDIS_URL: TEST_REDIS_URL,
		REDIS_PREFIX: redisPrefix,
		LOG_LEVEL: 'info',
		...env
	};
	const instances: Instance[] = [];
	const dirs: string[] = [];
	const nginxes: RunningNginx[] = [];
	const add = async (): Promise<Instance> => {
		const dir = tempDataDir();
		dirs.push(dir);
		const server = await spawnServer(dir, sharedEnv);
		const instance = { server, url: server.url, wsUrl: server.wsUrl, port: Number(new URL(server.url).port) };
		instances.push(instance);
		return instance;
	};
	const stopInstance = async (server: ChildServer, signal: NodeJS.Signals) => {
		if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
		await server.exited;
	};
	try {
		// one at a time: the first migrates the schema (the others would wait on its lock anyway)
		for (let i = 0; i < count; i++) await add();
	} catch (error) {
		await Promise.all(instances.map((instance) => stopInstance(instance.server, 'SIGKILL')));
		await schema.drop();
		throw error;
	}
	return {
		instances,
		schema,
		redisPrefix,
		env: sharedEnv,
		add,
		async kill(i) {
			await stopInstance(instances[i].server, 'SIGKILL');
		},
		async nginx() {
			const running = instances.filter((instance) => instance.server.child.exitCode === null && instance.server.child.signalCode === null);
			const proxy = await startNginx(running.map((instance) => `127.0.0.1:${instance.port}`));
			nginxes.push(proxy);
			return proxy;
		},
		async stop() {
			await Promise.all(nginxes.map((proxy) => proxy.stop()));
			await Promise.all(instances.map((instance) => stopInstance(instance.server, 'SIGTERM')));
			for (const dir of dirs) removeDir(dir);
			await schema.drop();
		}
	};
}

/** Polls an async condition until it holds (helpers' waitFor takes synchronous checks only). */
export async function waitForAsync(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
