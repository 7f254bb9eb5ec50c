/**
 * Diagnostic, not part of `npm run bench`: a Chromium trace of remote edits to one card of an
 * N-card board (the browser scenario's edit, lib/browser-probes.ts), broken down per main-thread
 * task. `npx tsx tests/bench/trace-edit.ts [cards=10000] [edits=5]` on the built app
 * (`npm run build`); prints, for each task of the renderer's main thread over 0.1 ms, when it ran
 * (ms after the edit before it), how long, and what it contained (script, style, layout, paint,
 * GC…), then the totals over the edits and over an idle span of the same length.
 * TRACE_OUT=file keeps the raw trace (open it in DevTools' Performance panel).
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createOrigin, updateCard } from '../../src/lib/model/index.ts';
import { createBoard } from './lib/api.ts';
import { removeDir, startChild, tempDir } from './lib/children.ts';
import { CHROMIUM_PATH } from './lib/machine.ts';
import { syntheticPlan } from './lib/plans.ts';
import { sleep } from './lib/stats.ts';

const cards = Number(process.argv[2] ?? 10_000);
const edits = Number(process.argv[3] ?? 5);
const slotMs = 400;
const CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'disabled-by-default-devtools.timeline.invalidationTracking',
	'toplevel',
	'v8',
	'v8.execute',
	'blink.user_timing',
	'disabled-by-default-v8.gc'
];

interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	dur?: number;
	tid: number;
	pid: number;
	args?: Record<string, unknown> & { name?: string; data?: Record<string, unknown> };
}

const dir = tempDir('trace-edit');
const server = startChild('our-server.ts', { env: { DATA_DIR: dir, BENCH_APP: '1', MAX_BODY_BYTES: String(16 * 1024 * 1024) } });
const chrome = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
	const { url } = (await server.ready) as { url: string };
	const board = await createBoard(url, { plan: syntheticPlan(cards) });
	const context = await chrome.newContext({ viewport: { width: 1400, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${url}/b/${board.id}?token=${board.editToken}`);
	await page.getByTestId('sync-status').filter({ hasText: 'Saved' }).waitFor({ timeout: 60_000 });
	await sleep(4000);
	const cardId = ((await page.evaluate(`[...document.querySelectorAll('[data-card-id]')].map((e) => e.getAttribute('data-card-id'))`)) as string[]).find((id) => {
		const n = Number(id.slice(1));
		return n % 20 >= 5 && n % 20 < 10;
	})!;
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, board.id, doc, {
		params: { token: board.editToken },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	provider.awareness.setLocalState(null);
	await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
	await sleep(1000);
	const out = process.env.TRACE_OUT ?? `${dir}/trace.json`;
	await chrome.startTracing(page, { path: out, categories: CATEGORIES });
	// console.timeStamp marks land in the trace (TimeStamp events) on the page's own clock
	let marks = 0;
	const mark = async () => void (await page.evaluate(`console.timeStamp('mark ${marks++}')`));
	await mark(); // idle span start
	for (let k = 0; k < edits; k++) {
		await sleep(slotMs);
		await mark();
	}
	for (let k = 0; k < edits; k++) {
		await mark();
		updateCard(doc, cardId, { title: `trace edit ${k}.`, amount: 1_000_000 + k * 100_000 }, createOrigin('api', 'trace edit'));
		await sleep(slotMs);
	}
	await sleep(2500); // the deferred offline-copy write of the last window
	await mark();
	await chrome.stopTracing();
	provider.destroy();
	await context.close();
	console.log(`trace written: ${out}`);

	const { traceEvents } = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: TraceEvent[] };
	const threadName = new Map<string, string>();
	for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, String(e.args?.name));
	// the page's renderer main thread: the one with the most FunctionCall time
	const callTime = new Map<string, number>();
	for (const e of traceEvents) if (e.name === 'FunctionCall' && e.dur) callTime.set(`${e.pid}:${e.tid}`, (callTime.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
	const main = [...callTime].sort((a, b) => b[1] - a[1])[0][0];
	console.log(`main thread ${main} (${threadName.get(main)})`);
	const onMain = traceEvents.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
	const stamps = traceEvents.filter((e) => e.name === 'TimeStamp' && String(e.args?.data?.message).startsWith('mark ')).sort((a, b) => a.ts - b.ts).map((e) => e.ts);
	if (stamps.length !== 2 * edits + 2) throw new Error(`expected ${2 * edits + 2} marks in the trace, found ${stamps.length}`);
	const tasks = onMain.filter((e) => e.name === 'RunTask'); // DevTools' task (ThreadControllerImpl::RunTask nests the same work)
	const inside = (t: TraceEvent) => {
		let lo = 0;
		for (let hi = onMain.length; lo < hi; ) {
			const mid = (lo + hi) >> 1;
			if (onMain[mid].ts < t.ts) lo = mid + 1;
			else hi = mid;
		}
		const found: TraceEvent[] = [];
		for (let i = lo; i < onMain.length && onMain[i].ts <= t.ts + (t.dur ?? 0); i++) if (onMain[i] !== t && onMain[i].ts + (onMain[i].dur ?? 0) <= t.ts + (t.dur ?? 0)) found.push(onMain[i]);
		return found;
	};
	const KINDS = ['FunctionCall', 'EvaluateScript', 'V8.Execute', 'RunMicrotasks', 'EventDispatch', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MC_BACKGROUND', 'BlinkGC.AtomicPhase', 'ParseHTML', 'HitTest', 'IntersectionObserverController::computeIntersections', 'ProfileCall'];
	const editStamps = stamps.slice(edits + 1, 2 * edits + 1);
	const spans = { idle: [stamps[0], stamps[edits]], edits: [stamps[edits], stamps[stamps.length - 1]] };
	const sum = { idle: 0, edits: 0 };
	for (const t of tasks) {
		const d = (t.dur ?? 0) / 1000;
		if (t.ts < spans.idle[0] || t.ts > spans.edits[1]) continue;
		const span = t.ts < spans.idle[1] ? 'idle' : 'edits';
		sum[span] += d;
		if (d < 0.1) continue;
		const parts = new Map<string, number>();
		for (const e of inside(t)) if (KINDS.includes(e.name)) parts.set(e.name, (parts.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
		const what = inside(t)
			.filter((e) => e.name === 'EventDispatch' || e.name === 'TimerFire' || e.name === 'FunctionCall')
			.slice(0, 2)
			.map((e) => `${e.name}${e.args?.data?.type ? `(${String(e.args.data.type)})` : ''}${e.args?.data?.url ? `(${String(e.args.data.url).split('/').pop()}:${String(e.args.data.lineNumber)})` : ''}${e.args?.data?.functionName ? `[${String(e.args.data.functionName)}]` : ''}`)
			.join(' ');
		const edit = span === 'edits' ? editStamps.findLastIndex((m) => m <= t.ts) : -1;
		const after = edit >= 0 ? (t.ts - editStamps[edit]) / 1000 : (t.ts - spans.idle[0]) / 1000;
		console.log(
			`${span.padEnd(5)} ${edit >= 0 ? `e${edit}+${after.toFixed(0).padStart(4)}` : `   +${after.toFixed(0).padStart(4)}`} ${d.toFixed(2).padStart(6)} ms  ${[...parts].map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}  ${what}`
		);
	}
	console.log(`task time: idle span ${sum.idle.toFixed(2)} ms, edits span (incl. 2.5 s after) ${sum.edits.toFixed(2)} ms; per edit ${((sum.edits - (sum.idle * (spans.edits[1] - spans.edits[0])) / (spans.idle[1] - spans.idle[0])) / edits).toFixed(2)} ms beyond idle`);
} finally {
	await chrome.close();
	await server.stop();
	removeDir(dir);
	process.exit(0);
}
