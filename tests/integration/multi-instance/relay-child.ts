/**
 * A relay in a process of its own, for the test that SIGKILLs an instance: connects to
 * RELAY_URL with RELAY_PREFIX, opens board RELAY_BOARD, announces one presence state
 * (RELAY_AWARENESS, base64) as its own client's, answers presence queries with it, and prints
 * `ready <instanceId>` once connected. It never says goodbye: it is killed.
 */
import { createLogger } from '../../../server/log.ts';
import { createRedisRelay } from '../../../server/relay/redis.ts';

const env = process.env;
const awareness = new Uint8Array(Buffer.from(env.RELAY_AWARENESS ?? '', 'base64'));
const relay = await createRedisRelay({
	url: env.RELAY_URL!,
	prefix: env.RELAY_PREFIX!,
	log: createLogger({ format: 'json', level: 'warn', write: (line) => process.stderr.write(line + '\n') }),
	heartbeatMs: 250
});
const board = relay.open(env.RELAY_BOARD!, {
	onUpdate: () => {},
	onHead: () => {},
	onAwareness: () => {},
	onResync: () => {},
	onDisconnect: () => {},
	localAwareness: () => awareness
});
board.publishAwareness(awareness);
process.stdout.write(`ready ${relay.instanceId}\n`);
setInterval(() => {}, 60_000);
