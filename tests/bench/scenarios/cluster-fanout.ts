/**
 * Cross-instance fan-out (issue 16): one writer on instance A, 100 readers on instance B, beside
 * the single-instance run (writer and readers on A) in the same bench. Two real server processes
 * share a private Postgres schema (DATABASE_URL) and a private Redis prefix (REDIS_URL), so
 * every update is committed to Postgres, then relayed to B through Redis. Both shapes run on the
 * same two processes, alternating in segments at a fixed rate; latency = receive − send on the
 * shared monotonic clock, each percentile the median over segments. Target: cross p99 ≤ 2× the
 * single-instance p99. Skipped (with a note) when Postgres or Redis is not reachable.
 * Run alone: `npm run bench -- --only cluster-fanout`.
 */
import { createTestSchema, postgresAvailable } from '../../support/postgres.ts';
import { serverWiringMissing } from '../../integration/multi-instance/cluster.ts';
import { redisAvailability, uniquePrefix, TEST_REDIS_URL } from '../../integration/multi-instance/services.ts';
import { createBoard, syncUrl } from '../lib/api.ts';
import { removeDir, startChild, tempDir, type Child } from '../lib/children.ts';
import { collect, CollectTally } from '../lib/collect.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioResult } from '../lib/scenario.ts';
import { median, percentile } from '../lib/stats.ts';
import { syncOnce } from '../lib/sync-client.ts';

type Shape = 'single' | 'cross';
const RATE = Number(process.env.BENCH_FANOUT_RATE) || 100;
const READERS = 100;
const DOC_READERS = 3;

interface Side {
	readonly writers: Child;
	readonly readers: Child;
	readonly checkUrl: string;
}

/** Scenario (see file comment). */
export const clusterFanout: Scenario = {
	name: 'cluster-fanout',
	title: 'Cross-instance fan-out (Postgres + Redis)',
	async run(ctx): Promise<ScenarioResult> {
		const [pg, redis] = await Promise.all([postgresAvailable(), redisAvailability()]);
		const wiring = serverWiringMissing();
		if (!pg.ok || !redis.ok || wiring) {
			const reasons = [...[pg, redis].flatMap((a) => (a.ok ? [] : [a.reason])), ...(wiring ? [wiring] : [])];
			return { rows: [], notes: [`cross-instance fan-out skipped: ${reasons.join('; ')}`] };
		}
		const schema = await createTestSchema();
		const env = { DATABASE_URL: schema.database.url, DATABASE_SCHEMA: schema.schema, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniquePrefix('gw-bench') };
		const dirs = [tempDir('cluster-a'), tempDir('cluster-b')];
		const servers = dirs.map((dir, i) => startChild('our-server.ts', { env: { ...env, DATA_DIR: dir }, profileName: `cluster-${'ab'[i]}-server` }));
		const sides = new Map<Shape, Side>();
		const children: Child[] = [...servers];
		try {
			const [a, b] = (await Promise.all(servers.map((s) => s.ready))) as { url: string }[];
			for (const shape of ['single', 'cross'] as const) {
				const board = await createBoard(a.url, { title: `Cluster fan-out ${shape}` });
				const readerBase = shape === 'single' ? a.url : b.url;
				const writers = startChild('fanout-clients.ts', { profileName: `cluster-${shape}-writers` });
				const readers = startChild('fanout-clients.ts', { profileName: `cluster-${shape}-readers` });
				children.push(writers, readers);
				await Promise.all([writers.ready, readers.ready]);
				await writers.call('connect', { url: syncUrl(a.url, board.id, board.editToken), count: 1, writer: true, docs: 0, handshake: true });
				await readers.call('connect', { url: syncUrl(readerBase, board.id, board.viewToken), count: READERS, writer: false, docs: DOC_READERS, handshake: true });
				sides.set(shape, { writers, readers, checkUrl: syncUrl(readerBase, board.id, board.viewToken) });
			}
			const segments = ctx.quick ? 2 : 8;
			const perSegment = 250;
			ctx.log(`cross-instance fan-out 1 → ${READERS}: ${segments} alternating segments of ${perSegment} updates at ${RATE}/s, single instance vs writer on A / readers on B`);
			const pooled = new Map<Shape, Float64Array[]>([['single', []], ['cross', []]]);
			const runs = new Map<Shape, number>([['single', 0], ['cross', 0]]);
			const sent = new Map<Shape, number>([['single', 0], ['cross', 0]]);
			const tallies = new Map<Shape, CollectTally>([['single', new CollectTally()], ['cross', new CollectTally()]]);
			for (let seg = 0; seg < segments; seg++) {
				const order: Shape[] = seg % 2 === 0 ? ['single', 'cross'] : ['cross', 'single'];
				for (const shape of order) {
					const side = sides.get(shape)!;
					const warm = seg === 0 ? 200 : 20;
					const total = warm + perSegment;
					const run = runs.get(shape)!;
					runs.set(shape, run + 1);
					sent.set(shape, sent.get(shape)! + total);
					const expectArg = { run, total, warm, writers: 1 };
					await Promise.all([side.writers.call('expect', expectArg), side.readers.call('expect', expectArg)]);
					await side.writers.call('send', { rate: RATE, burst: false });
					const [collected, own] = await Promise.all([collect(side.readers), collect(side.writers)]);
					tallies.get(shape)!.add('readers', collected, total);
					tallies.get(shape)!.add('writers', own, total);
					if (collected.stopped !== 'complete' || collected.waitedMs > 10_000) {
						ctx.log(`cross-instance fan-out ${shape} run ${run}: collect ended (${collected.stopped}) after ${(collected.waitedMs / 1000).toFixed(1)} s with ${collected.delivered} of ${collected.expected} deliveries`);
					}
					pooled.get(shape)!.push(collected.latenciesMs);
				}
			}
			const notes: string[] = [];
			const figures = {} as Record<Shape, { p50: number; p95: number; p99: number }>;
			for (const shape of ['single', 'cross'] as const) {
				const parts = pooled.get(shape)!;
				const over = (p: number) => median(parts.map((part) => percentile(part, p)));
				const fresh = await syncOnce(sides.get(shape)!.checkUrl);
				const keys = fresh.doc.getMap('bench').size;
				fresh.doc.destroy();
				const verdict = tallies.get(shape)!.verdict(keys, sent.get(shape)!, servers.flatMap((s) => s.stderr));
				notes.push(`cross-instance fan-out ${shape}: ${parts.reduce((n, p) => n + p.length, 0).toLocaleString('en-US')} latency samples; ${verdict.text}`);
				if (!verdict.ok) throw new Error(`cross-instance fan-out ${shape}: ${verdict.text}`);
				figures[shape] = { p50: over(50), p95: over(95), p99: over(99) };
			}
			const scenario = `cross-instance 1 → ${READERS} (vs one instance)`;
			const rows: Row[] = [
				{ scenario, metric: 'latency p50', unit: 'ms', ours: figures.cross.p50, baseline: figures.single.p50 },
				{ scenario, metric: 'latency p95', unit: 'ms', ours: figures.cross.p95, baseline: figures.single.p95 },
				{ scenario, metric: 'latency p99', unit: 'ms', ours: figures.cross.p99, baseline: figures.single.p99, target: { kind: 'max', value: 2 } }
			];
			return { rows, notes };
		} finally {
			for (const child of children.reverse()) await child.stop().catch(() => {});
			for (const dir of dirs) removeDir(dir);
			await schema.drop();
		}
	}
};
