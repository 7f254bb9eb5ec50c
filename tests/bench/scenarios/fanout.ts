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
import { collect, CollectTally, COLLECT, type Collected } from '../lib/collect.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/scenario.ts';
import { median, percentile } from '../lib/stats.ts';
import { syncOnce } from '../lib/sync-client.ts';

type Impl = 'ours' | 'floor' | 'yws' | 'hocuspocus';

/**
 * The peers a team would run instead (issue 20), each beside ours in the same run. Opt-in while
 * the harness is new: BENCH_FANOUT_PEERS=yws,hocuspocus. (Runs under heavy machine load once saw
 * the y-websocket peer, and later ours, "miss" deliveries: a fixed 15 s collect window had closed
 * while the readers still caught up — see lib/collect.ts, which now waits until quiescent.)
 */
const PEERS: readonly { impl: Impl; label: string }[] = [
	{ impl: 'yws' as const, label: 'y-websocket 1.x server' },
	{ impl: 'hocuspocus' as const, label: 'Hocuspocus 3.x' }
].filter((p) => (process.env.BENCH_FANOUT_PEERS ?? '').split(',').includes(p.impl));
const SERVER_FILE: Record<Impl, string> = { ours: 'our-server.ts', floor: 'floor-server.ts', yws: 'ywsref-server.ts', hocuspocus: 'hocuspocus-server.ts' };

/** Whole measurements per shape (env BENCH_FANOUT_RUNS; default 3, 1 with --quick): figures are their median. */
const RUNS = Number(process.env.BENCH_FANOUT_RUNS) || 0;

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
	const server = startChild(SERVER_FILE[impl], {
		env: { DATA_DIR: dir },
		nodeFlags: impl === 'floor' ? [] : ['--expose-gc'],
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
	} else if (impl !== 'floor') writeUrl = readUrl = `${url.replace(/^http/, 'ws')}/fanout`;
	const handshake = impl !== 'floor';
	const hocuspocus = impl === 'hocuspocus';
	await writers.call('connect', { url: writeUrl, count: shape.writers, writer: true, docs: 0, handshake, hocuspocus });
	await readers.call('connect', { url: readUrl, count: shape.readers, writer: false, docs: shape.docReaders, handshake, hocuspocus });
	return { server, writers, readers, dir, checkUrl };
}

async function tearDown(setup: Setup): Promise<void> {
	await Promise.all([setup.writers.stop(), setup.readers.stop()]);
	await setup.server.stop();
	removeDir(setup.dir);
}

interface RunResult {
	latenciesMs: Float64Array;
	/** What the writers' and the readers' child collected. */
	collected: { writers: Collected; readers: Collected };
	/** Distinct measured updates per second, from the first send to the last receipt anywhere. */
	updatesPerSecond: number;
	expected: number;
}

async function runOnce(setup: Setup, shape: Shape, run: number, total: number, warm: number, rate: number, burst: boolean): Promise<RunResult> {
	const expectArg = { run, total, warm, writers: shape.writers };
	const [w, r] = (await Promise.all([setup.writers.call('expect', expectArg), setup.readers.call('expect', expectArg)])) as { expected: number }[];
	const sent = (await setup.writers.call('send', { rate, burst })) as { startNs: number; endNs: number };
	const [cw, cr] = await Promise.all([collect(setup.writers), collect(setup.readers)]);
	const latenciesMs = new Float64Array(cw.latenciesMs.length + cr.latenciesMs.length);
	latenciesMs.set(cw.latenciesMs);
	latenciesMs.set(cr.latenciesMs, cw.latenciesMs.length);
	const last = Math.max(cw.lastReceiveNs, cr.lastReceiveNs);
	return {
		latenciesMs,
		collected: { writers: cw, readers: cr },
		updatesPerSecond: (total - warm) / ((last - sent.startNs) / 1e9),
		expected: w.expected + r.expected
	};
}

interface Figures {
	p50: number;
	p95: number;
	p99: number;
	ups: number;
	/** Server resident memory after the runs (MiB, after GC), null for the floor. */
	rssMiB: number | null;
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
	ctx.log(
		`fan-out ${shape.label}: ${segments} alternating segments of ${perSegment} updates at ${RATE}/s per implementation, then a burst each ` +
			`(each collect waits until all arrived, ${COLLECT.quietMs / 1000} s without a delivery, or ${COLLECT.capMs / 1000} s)`
	);
	const impls: Impl[] = ['floor', 'ours', ...PEERS.map((p) => p.impl)];
	const setups = new Map<Impl, Setup>();
	try {
		for (const impl of impls) setups.set(impl, await setUp(impl, shape));
		const pooled = new Map<Impl, Float64Array[]>(impls.map((i) => [i, []]));
		const tallies = new Map<Impl, CollectTally>(impls.map((i) => [i, new CollectTally()]));
		const bursts = new Map<Impl, number>();
		const runs = new Map<Impl, number>(impls.map((i) => [i, 0]));
		const sent = new Map<Impl, number>(impls.map((i) => [i, 0]));
		const once = async (impl: Impl, warm: number, measured: number, burst: boolean) => {
			const total = warm + measured;
			const run = runs.get(impl)!;
			runs.set(impl, run + 1);
			sent.set(impl, sent.get(impl)! + total);
			const r = await runOnce(setups.get(impl)!, shape, run, total, warm, RATE, burst);
			tallies.get(impl)!.add('writers', r.collected.writers, total);
			tallies.get(impl)!.add('readers', r.collected.readers, total);
			if (r.collected.writers.stopped !== 'complete' || r.collected.readers.stopped !== 'complete' || r.collected.readers.waitedMs > 10_000) {
				const c = r.collected.readers;
				ctx.log(`fan-out ${shape.label} ${impl} run ${run}: collect ended (${c.stopped}) after ${(c.waitedMs / 1000).toFixed(1)} s with ${c.delivered} of ${c.expected} reader deliveries`);
			}
			return r;
		};
		for (let seg = 0; seg < segments; seg++) {
			const order = seg % 2 === 0 ? impls : [...impls].reverse(); // alternating, so a busy spell hits all alike
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
			const tally = tallies.get(impl)!;
			const verdict = tally.verdict(serverKeys, expectedKeys, setups.get(impl)!.server.stderr);
			notes.push(
				`fan-out ${shape.label} ${impl}: ${samples.toLocaleString('en-US')} latency samples in ${parts.length} segments; ${verdict.text}; ` +
					`${shape.docReaders} Y.Doc readers ${tally.convergedDocs ? 'converged (every key of every run present)' : 'did NOT converge'}`
			);
			if (!verdict.ok) throw new Error(`fan-out ${shape.label} ${impl}: ${verdict.text}`);
			const memory = impl === 'floor' ? null : ((await setups.get(impl)!.server.call('memory')) as NodeJS.MemoryUsage);
			result[impl] = { p50: over(50), p95: over(95), p99: over(99), ups: bursts.get(impl)!, rssMiB: memory ? memory.rss / 2 ** 20 : null };
		}
		return result;
	} finally {
		for (const setup of setups.values()) await tearDown(setup);
	}
}

/** Median of `runs` whole measurements of one figure, with the spread (min–max) for the notes. */
function medianOf(runs: Record<Impl, Figures>[], impl: Impl, key: keyof Figures): { value: number | null; spread: string } {
	const values = runs.map((r) => r[impl][key]).filter((v): v is number => v !== null);
	if (values.length === 0) return { value: null, spread: '' };
	const digits = key === 'ups' || key === 'rssMiB' ? 0 : 2;
	return { value: median(values), spread: `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}` };
}

/** Scenario 1 (see file comment). */
export const fanout: Scenario = {
	name: 'fanout',
	title: 'Fan-out',
	async run(ctx): Promise<ScenarioResult> {
		const rows: Row[] = [];
		const notes: string[] = [];
		const runs = RUNS || (ctx.quick ? 1 : 3);
		for (const shape of SHAPES) {
			const measured: Record<Impl, Figures>[] = [];
			for (let r = 0; r < runs; r++) {
				ctx.log(`fan-out ${shape.label}: run ${r + 1} of ${runs}`);
				measured.push(await measureShape(ctx, shape, notes));
			}
			const fig = (impl: Impl, key: keyof Figures) => medianOf(measured, impl, key).value;
			const scenario = `fan-out ${shape.label}`;
			rows.push(
				{ scenario, metric: 'latency p50', unit: 'ms', ours: fig('ours', 'p50'), baseline: fig('floor', 'p50') },
				{ scenario, metric: 'latency p95', unit: 'ms', ours: fig('ours', 'p95'), baseline: fig('floor', 'p95') },
				{ scenario, metric: 'latency p99', unit: 'ms', ours: fig('ours', 'p99'), baseline: fig('floor', 'p99'), target: { kind: 'max', value: 1.5 } },
				{ scenario, metric: 'burst throughput', unit: 'updates/s', ours: fig('ours', 'ups'), baseline: fig('floor', 'ups') }
			);
			for (const peer of PEERS) {
				const vs = `${scenario} vs ${peer.label}`;
				rows.push(
					{ scenario: vs, metric: 'latency p50', unit: 'ms', ours: fig('ours', 'p50'), baseline: fig(peer.impl, 'p50') },
					{ scenario: vs, metric: 'latency p95', unit: 'ms', ours: fig('ours', 'p95'), baseline: fig(peer.impl, 'p95') },
					{ scenario: vs, metric: 'latency p99', unit: 'ms', ours: fig('ours', 'p99'), baseline: fig(peer.impl, 'p99'), target: { kind: 'max', value: 0.7 } },
					{ scenario: vs, metric: 'burst throughput', unit: 'updates/s', ours: fig('ours', 'ups'), baseline: fig(peer.impl, 'ups'), target: { kind: 'min', value: 1.2 } },
					{ scenario: vs, metric: 'server RSS', unit: 'MiB', ours: fig('ours', 'rssMiB'), baseline: fig(peer.impl, 'rssMiB'), target: { kind: 'max', value: 1.0 } }
				);
			}
			for (const impl of ['ours', 'floor', ...PEERS.map((p) => p.impl)] as Impl[]) {
				const parts = (['p50', 'p95', 'p99', 'ups', 'rssMiB'] as const).map((k) => `${k} ${medianOf(measured, impl, k).spread || '—'}`);
				notes.push(`fan-out ${shape.label} ${impl}, spread over ${runs} run(s) (min–max): ${parts.join(', ')}`);
			}
		}
		return { rows, notes };
	}
};
