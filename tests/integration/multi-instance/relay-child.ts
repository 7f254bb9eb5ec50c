/**
 * A relay in a process of its own, for the test that SIGKILLs an instance: connects to
 * RELAY_URL with RELAY_PREFIX, subscribes board RELAY_BOARD, publishes one presence update
 * (RELAY_AWARENESS, base64) and prints `ready <instanceId>`. It never says goodbye: it is killed.
 */
import { createLogger } from '../../../server/log.ts';
import { createRedisRelay } from '../../../server/relay/redis.ts';

const env = process.env;
const relay = await createRedisRelay({
	url: env.RELAY_URL!,
	prefix: env.RELAY_PREFIX!,
	log: createLogger({ format: 'json', level: 'warn', write: (line) => process.stderr.write(line + '\n') }),
	heartbeatMs: 250
});
await relay.subscribe(env.RELAY_BOARD!, {
	update: () => {},
	awareness: () => {},
	event: () => {},
	resync: () => {},
	instanceGone: () => {}
});
relay.publishAwareness(env.RELAY_BOARD!, new Uint8Array(Buffer.from(env.RELAY_AWARENESS ?? '', 'base64')));
process.stdout.write(`ready ${relay.instanceId}\n`);
setInterval(() => {}, 60_000);
