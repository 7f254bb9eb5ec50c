/**
 * Presenter-follow (review mode): one presenter and 50 followers, each a stock y-websocket
 * `WebsocketProvider` (followers in one child process, the presenter in another, the server in a
 * third). The presenter changes slide by setting its awareness `presenting` field; latency = time
 * from that call until EVERY follower's awareness shows the new slide (the slowest follower), on
 * the shared monotonic clock. Ours = the real server (awareness relayed by the room); floor = the
 * bare `ws` relay of the fan-out scenario with plain sockets: the presenter sends the same
 * awareness frame, each follower counts its arrival (no Yjs, no y-websocket). Stock providers
 * cannot be the floor's clients: a provider re-broadcasts every awareness change it applies, so a
 * relay that forwards everything multiplies each change by the number of followers (the real
 * server applies awareness and relays only real changes). Slide changes are paced like a
 * presenter clicking quickly (one every 40 ms), ours and floor alternating in segments.
 */
import { createBoard } from '../lib/api.ts';
import { removeDir, startChild, tempDir, type Child } from '../lib/children.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/scenario.ts';
import { median, percentile, sleep } from '../lib/stats.ts';

type Impl = 'ours' | 'floor';
const FOLLOWERS = 50;
const PACE_MS = 40;

interface Setup {
	server: Child;
	presenter: Child;
	followers: Child;
	presenterId: number;
	dir: string;
	slide: number;
	impl: Impl;
}

async function setUp(impl: Impl): Promise<Setup> {
	const dir = tempDir('follow');
	const server = startChild(impl === 'ours' ? 'our-server.ts' : 'floor-server.ts', { env: { DATA_DIR: dir }, profileName: `follow-${impl}-server` });
	const presenter = startChild('follow-clients.ts', { profileName: `follow-${impl}-presenter` });
	const followers = startChild('follow-clients.ts', { profileName: `follow-${impl}-followers` });
	const { url } = (await server.ready) as { url: string };
	await Promise.all([presenter.ready, followers.ready]);
	const ws = url.replace(/^http/, 'ws');
	let target = { serverUrl: ws, room: 'floor', edit: undefined as string | undefined, view: undefined as string | undefined };
	if (impl === 'ours') {
		const board = await createBoard(url, { title: 'Presenter-follow bench' });
		target = { serverUrl: `${ws}/sync`, room: board.id, edit: board.editToken, view: board.viewToken };
	}
	if (impl === 'floor') {
		const url = `${ws}/floor`;
		await followers.call('connectRaw', { url, count: FOLLOWERS });
		const { clientIds } = await presenter.call<{ clientIds: number[] }>('connectRaw', { url, count: 1 });
		return { server, presenter, followers, presenterId: clientIds[0], dir, slide: 0, impl };
	}
	// followers first, then the presenter, whose state the server then relays to all
	await followers.call('connect', { serverUrl: target.serverUrl, room: target.room, token: target.view, count: FOLLOWERS, name: 'Follower' });
	const { clientIds } = await presenter.call<{ clientIds: number[] }>('connect', { serverUrl: target.serverUrl, room: target.room, token: target.edit, count: 1, name: 'Presenter' });
	await followers.call('seen', { clientId: clientIds[0] });
	return { server, presenter, followers, presenterId: clientIds[0], dir, slide: 0, impl };
}

async function tearDown(setup: Setup): Promise<void> {
	await Promise.all([setup.presenter.stop(), setup.followers.stop()]);
	await setup.server.stop();
	removeDir(setup.dir);
}

/** One slide change: ms until every follower shows it, and until each one did. */
async function change(setup: Setup): Promise<{ all: number; each: number[]; missing: number }> {
	const slide = ++setup.slide;
	await setup.followers.call('expect', { presenterId: setup.presenterId, slide });
	const { sentNs } = await setup.presenter.call<{ sentNs: number }>(setup.impl === 'floor' ? 'presentRaw' : 'present', { slide });
	const { receivedNs } = await setup.followers.call<{ receivedNs: (number | null)[] }>('collect', { timeoutMs: 5_000 });
	const each = receivedNs.filter((t): t is number => t !== null).map((t) => (t - sentNs) / 1e6);
	return { all: Math.max(...each), each, missing: receivedNs.length - each.length };
}

async function measure(ctx: ScenarioContext, notes: string[]): Promise<Record<Impl, { p50: number; p95: number; each50: number; each95: number }>> {
	const segments = ctx.quick ? 2 : 6;
	const perSegment = ctx.quick ? 15 : 40;
	ctx.log(`presenter-follow: 1 presenter → ${FOLLOWERS} followers, ${segments} alternating segments of ${perSegment} slide changes every ${PACE_MS} ms`);
	const impls: Impl[] = ['floor', 'ours'];
	const setups = new Map<Impl, Setup>();
	try {
		for (const impl of impls) {
			const t0 = Date.now();
			setups.set(impl, await setUp(impl));
			ctx.log(`presenter-follow ${impl}: ${FOLLOWERS} followers and the presenter connected in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		}
		const all = new Map<Impl, number[][]>(impls.map((i) => [i, []]));
		const each = new Map<Impl, number[][]>(impls.map((i) => [i, []]));
		const missing = new Map<Impl, number>(impls.map((i) => [i, 0]));
		for (let seg = 0; seg < segments; seg++) {
			for (const impl of seg % 2 === 0 ? impls : [...impls].reverse()) {
				const setup = setups.get(impl)!;
				if (seg < 2) for (let w = 0; w < 5; w++) await change(setup); // warm-up
				const a: number[] = [];
				const e: number[] = [];
				for (let i = 0; i < perSegment; i++) {
					const r = await change(setup);
					a.push(r.all);
					e.push(...r.each);
					missing.set(impl, missing.get(impl)! + r.missing);
					await sleep(PACE_MS);
				}
				all.get(impl)!.push(a);
				each.get(impl)!.push(e);
				ctx.log(`presenter-follow ${impl} segment ${seg + 1}/${segments}: every follower p50 ${percentile(Float64Array.from(a), 50).toFixed(1)} ms`);
			}
		}
		const result = {} as Record<Impl, { p50: number; p95: number; each50: number; each95: number }>;
		for (const impl of impls) {
			const over = (parts: number[][], p: number) => median(parts.map((part) => percentile(Float64Array.from(part), p)));
			const changes = all.get(impl)!.reduce((n, a) => n + a.length, 0);
			notes.push(`presenter-follow ${impl}: ${changes} slide changes × ${FOLLOWERS} followers, ${missing.get(impl)} follower updates missing (5 s timeout)`);
			if (missing.get(impl)! > 0) throw new Error(`presenter-follow ${impl}: ${missing.get(impl)} followers never showed a slide`);
			result[impl] = { p50: over(all.get(impl)!, 50), p95: over(all.get(impl)!, 95), each50: over(each.get(impl)!, 50), each95: over(each.get(impl)!, 95) };
		}
		return result;
	} finally {
		for (const setup of setups.values()) await tearDown(setup);
	}
}

/** Presenter-follow scenario (see file comment). Target: every follower within 150 ms at p95. */
export const follow: Scenario = {
	name: 'follow',
	title: 'Presenter-follow',
	async run(ctx): Promise<ScenarioResult> {
		const notes: string[] = [];
		const { ours, floor } = await measure(ctx, notes);
		const scenario = `presenter-follow 1 → ${FOLLOWERS}`;
		const rows: Row[] = [
			{ scenario, metric: 'every follower p50', unit: 'ms', ours: ours.p50, baseline: floor.p50 },
			{ scenario, metric: 'every follower p95', unit: 'ms', ours: ours.p95, baseline: floor.p95, target: { kind: 'abs-max', value: 150 } },
			{ scenario, metric: 'each follower p50', unit: 'ms', ours: ours.each50, baseline: floor.each50 },
			{ scenario, metric: 'each follower p95', unit: 'ms', ours: ours.each95, baseline: floor.each95 }
		];
		return { rows, notes };
	}
};
