/**
 * Scenario 1, fan-out: one writer → 100 readers and 20 writers ↔ 20 readers on one board over
 * loopback. Ours = the real server (child process, temp DATA_DIR, every update committed to
 * SQLite before it is relayed); floor = a bare `ws` relay of the same bytes. Writers and readers
 * are two more child processes; latency = receive time − send time on the shared monotonic clock.
 * Steady runs (fixed rate, ours and floor alternating in segments) give the latency percentiles;
 * a burst run (as fast as the writers can send) gives updates/s, i.e. distinct updates delivered
 * to every reader per second.
 */
import { createBoard, syncUrl } from '../lib/api.ts';
import { removeDir, startChild, tempDir, type Child } from '../lib/children.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/scenario.ts';
import { median, percentile } from '../lib/stats.ts';
import { syncOnce } from '../lib/sync-client.ts';

type Impl = 'ours' | 'floor';

/**
 * Steady rate of the latency runs, updates per second (env BENCH_FANOUT_RATE overrides). Kept well
 * under what the floor sustains on a two-core machine, so the percentiles measure propagation,
 * not queueing behind a saturated CPU.
 */
const RATE = Number(process.env.BENCH_FANOUT_RATE) || 100;

interface Shape {
	readonly label: string;
	readonly writers: number;
	readonly readers: number;
	/** Readers that also apply every frame to a real Y.Doc (convergence check). */
	readonly docReaders: number;
}

const SHAPES: readonly Shape[] = [
	{ label: '1 → 100', writers: 1, readers: 100, docReaders: 3 },
	{ label: '20 ↔ 20', writers: 20, readers: 20, docReaders: 3 }
];

interface Collected {
	latenciesMs: Float64Array;
	missing: number;
	lastReceiveNs: number;
	docKeys: number[];
}

interface Setup {
	readonly server: Child;
	readonly writers: Child;
	readonly readers: Child;
	readonly dir: string;
	/** URL a fresh client can sync from (ours only). */
	readonly checkUrl: string | null;
}

async function setUp(impl: Impl, shape: Shape): Promise<Setup> {
	const dir = tempDir('fanout');
	const server = startChild(impl === 'ours' ? 'our-server.ts' : 'floor-server.ts', {
		env: { DATA_DIR: dir },
		profileName: `fanout-${impl}-server`
	});
	const writers = startChild('fanout-clients.ts', { profileName: `fanout-${impl}-writers` });
	const readers = startChild('fanout-clients.ts', { profileName: `fanout-${impl}-readers` });
	const { url } = (await server.ready) as { url: string };
	await Promise.all([writers.ready, readers.ready]);
	let writeUrl = `${url.replace(/^http/, 'ws')}/floor`;
	let readUrl = writeUrl;
	let checkUrl: string | null = null;
	if (impl === 'ours') {
		const board = await createBoard(url, { title: 'Fan-out bench' });
		writeUrl = syncUrl(url, board.id, board.editToken);
		readUrl = syncUrl(url, board.id, board.viewToken);
		checkUrl = readUrl;
	}
	const handshake = impl === 'ours';
	await writers.call('connect', { url: writeUrl, count: shape.writers, writer: true, docs: 0, handshake });
	await readers.call('connect', { url: readUrl, count: shape.readers, writer: false, docs: shape.docReaders, handshake });
	return { server, writers, readers, dir, checkUrl };
}

async function tearDown(setup: Setup): Promise<void> {
	await Promise.all([setup.writers.stop(), setup.readers.stop()]);
	await setup.server.stop();
	removeDir(setup.dir);
}

interface RunResult {
	latenciesMs: Float64Array;
	missing: number;
	/** Distinct measured updates per second, from the first send to the last receipt anywhere. */
	updatesPerSecond: number;
	docKeys: number[];
	expected: number;
}

async function runOnce(setup: Setup, shape: Shape, run: number, total: number, warm: number, rate: number, burst: boolean): Promise<RunResult> {
	const expectArg = { run, total, warm, writers: shape.writers };
	const [w, r] = (await Promise.all([setup.writers.call('expect', expectArg), setup.readers.call('expect', expectArg)])) as { expected: number }[];
	const sent = (await setup.writers.call('send', { rate, burst })) as { startNs: number; endNs: number };
	const timeoutMs = 15_000;
	const [cw, cr] = (await Promise.all([
		setup.writers.call('collect', { timeoutMs }),
		setup.readers.call('collect', { timeoutMs })
	])) as Collected[];
	const latenciesMs = new Float64Array(cw.latenciesMs.length + cr.latenciesMs.length);
	latenciesMs.set(cw.latenciesMs);
	latenciesMs.set(cr.latenciesMs, cw.latenciesMs.length);
	const last = Math.max(cw.lastReceiveNs, cr.lastReceiveNs);
	return {
		latenciesMs,
		missing: cw.missing + cr.missing,
		updatesPerSecond: (total - warm) / ((last - sent.startNs) / 1e9),
		docKeys: cr.docKeys,
		expected: w.expected + r.expected
	};
}

interface Figures {
	p50: number;
	p95: number;
	p99: number;
	ups: number;
}

/**
 * Measures one shape on both implementations, set up side by side (idle children cost nothing)
 * and run in alternating segments, so a busy spell of a shared machine hits both alike. Each
 * percentile is the median over the segments of that segment's percentile, so one disturbed
 * segment cannot decide the figure. Then one burst run each.
 */
async function measureShape(ctx: ScenarioContext, shape: Shape, notes: string[]): Promise<Record<Impl, Figures>> {
	const segments = ctx.quick ? 2 : 8;
	const perSegment = 250;
	ctx.log(`fan-out ${shape.label}: ${segments} alternating segments of ${perSegment} updates at ${RATE}/s per implementation, then a burst each`);
	const impls: Impl[] = ['floor', 'ours'];
	const setups = new Map<Impl, Setup>();
	try {
		for (const impl of impls) setups.set(impl, await setUp(impl, shape));
		const pooled = new Map<Impl, Float64Array[]>(impls.map((i) => [i, []]));
		const missing = new Map<Impl, number>(impls.map((i) => [i, 0]));
		const converged = new Map<Impl, boolean>(impls.map((i) => [i, true]));
		const bursts = new Map<Impl, number>();
		const runs = new Map<Impl, number>(impls.map((i) => [i, 0]));
		const sent = new Map<Impl, number>(impls.map((i) => [i, 0]));
		const once = async (impl: Impl, warm: number, measured: number, burst: boolean) => {
			const total = warm + measured;
			const run = runs.get(impl)!;
			runs.set(impl, run + 1);
			sent.set(impl, sent.get(impl)! + total);
			const r = await runOnce(setups.get(impl)!, shape, run, total, warm, RATE, burst);
			missing.set(impl, missing.get(impl)! + r.missing);
			converged.set(impl, converged.get(impl)! && r.docKeys.every((n) => n === total));
			return r;
		};
		for (let seg = 0; seg < segments; seg++) {
			const order = seg % 2 === 0 ? impls : [...impls].reverse();
			for (const impl of order) pooled.get(impl)!.push((await once(impl, seg === 0 ? 200 : 20, perSegment, false)).latenciesMs);
		}
		for (const impl of impls) bursts.set(impl, (await once(impl, 0, segments * perSegment, true)).updatesPerSecond);

		const result = {} as Record<Impl, Figures>;
		for (const impl of impls) {
			const parts = pooled.get(impl)!;
			const samples = parts.reduce((n, a) => n + a.length, 0);
			const over = (p: number) => median(parts.map((part) => percentile(part, p)));
			let serverKeys: number | null = null;
			const checkUrl = setups.get(impl)!.checkUrl;
			if (checkUrl) {
				const fresh = await syncOnce(checkUrl);
				serverKeys = fresh.doc.getMap('bench').size;
				fresh.doc.destroy();
			}
			const expectedKeys = sent.get(impl)!;
			notes.push(
				`fan-out ${shape.label} ${impl}: ${samples.toLocaleString('en-US')} latency samples in ${parts.length} segments, ${missing.get(impl)} deliveries missing; ` +
					`${shape.docReaders} Y.Doc readers ${converged.get(impl) ? 'converged (every key of every run present)' : 'did NOT converge'}` +
					(serverKeys === null ? '' : `; a fresh client synced ${serverKeys.toLocaleString('en-US')} keys from the server (expected ${expectedKeys.toLocaleString('en-US')})`)
			);
			if (missing.get(impl)! > 0 || !converged.get(impl) || (serverKeys !== null && serverKeys !== expectedKeys)) {
				throw new Error(`fan-out ${shape.label} ${impl}: lost updates (${missing.get(impl)} missing, converged=${converged.get(impl)}, server keys=${serverKeys})`);
			}
			result[impl] = { p50: over(50), p95: over(95), p99: over(99), ups: bursts.get(impl)! };
		}
		return result;
	} finally {
		for (const setup of setups.values()) await tearDown(setup);
	}
}

/** Scenario 1 (see file comment). */
export const fanout: Scenario = {
	name: 'fanout',
	title: 'Fan-out',
	async run(ctx): Promise<ScenarioResult> {
		const rows: Row[] = [];
		const notes: string[] = [];
		for (const shape of SHAPES) {
			const { floor, ours } = await measureShape(ctx, shape, notes);
			const scenario = `fan-out ${shape.label}`;
			rows.push(
				{ scenario, metric: 'latency p50', unit: 'ms', ours: ours.p50, baseline: floor.p50 },
				{ scenario, metric: 'latency p95', unit: 'ms', ours: ours.p95, baseline: floor.p95 },
				{ scenario, metric: 'latency p99', unit: 'ms', ours: ours.p99, baseline: floor.p99, target: { kind: 'max', value: 1.5 } },
				{ scenario, metric: 'burst throughput', unit: 'updates/s', ours: ours.ups, baseline: floor.ups }
			);
		}
		return { rows, notes };
	}
};
