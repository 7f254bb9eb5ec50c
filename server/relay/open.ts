/**
 * Picks the relay from the configuration: Redis pub/sub when `REDIS_URL` is set (several
 * instances), else the in-process relay (one instance: nothing to relay to).
 */
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Relay } from './contract.ts';
import { createInProcessRelay } from './in-process.ts';

/** The relay `config` asks for; the Redis one is connected (or trying to, see createRedisRelay). */
export async function openRelay(config: Pick<ServerConfig, 'redisUrl' | 'redisPrefix'>, log: Logger): Promise<Relay> {
	if (!config.redisUrl) return createInProcessRelay();
	// loaded only when configured: the Redis client costs ~12 MiB of a process that never uses it
	const { createRedisRelay } = await import('./redis.ts');
	return createRedisRelay({ url: config.redisUrl, prefix: config.redisPrefix, log });
}
