/**
 * Browser measurements of the 10,000-card scenario (issue 20) beyond open and pan:
 * - {@link zoomToFit}: the frames while the board zooms out to "Fit" (worst rAF delta);
 * - {@link remoteEditCost}: the main-thread work one remote edit to one card costs the tab — a
 *   stock y-websocket client in this process changes a spend card's title and amount; the tab's
 *   task time (Chromium's `TaskDuration` metric: script, style, layout, paint of every task) over
 *   the edits and a tail until the offline copy has stored them (its write of other people's
 *   updates is deferred), minus the same span with no edit (the mean of one before and one after,
 *   from a quiet tab), divided by the edits. Each edit is checked to have reached the card on
 *   screen and the budget bar.
 */
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createOrigin, updateCard } from '../../../src/lib/model/index.ts';
import { DEFERRED_WINDOW_MS } from '../../../src/lib/sync/deferred-updates.ts';
import type { CreatedBoard } from './api.ts';
import { sleep } from './stats.ts';

/** requestAnimationFrame deltas into window.__frames (strings: tsx would inject helpers into functions). */
const FRAMES_ON = `(() => {
	const f = (window.__frames = { deltas: [], on: true });
	let last = 0;
	const loop = (t) => {
		if (!f.on) return;
		if (last) f.deltas.push(t - last);
		last = t;
		requestAnimationFrame(loop);
	};
	requestAnimationFrame(loop);
})()`;

/** Clicks "Fit" and returns the rAF deltas of the next `settleMs` (ms), and the zoom before and after. */
export async function zoomToFit(page: Page, settleMs = 2000): Promise<{ deltas: number[]; zoomBefore: string | null; zoomAfter: string | null }> {
	const level = page.getByTestId('zoom-level');
	const zoomBefore = await level.textContent();
	await page.evaluate(FRAMES_ON);
	await page.locator('button.fit').click();
	await sleep(settleMs);
	const deltas = (await page.evaluate('(window.__frames.on = false, window.__frames.deltas)')) as number[];
	return { deltas, zoomBefore, zoomAfter: await level.textContent() };
}

/** The spend cards of a synthetic plan are c000005–c000009, c000025–… (lib/plans.ts). */
const isSpendId = (id: string) => {
	const n = Number(id.slice(1));
	return n % 20 >= 5 && n % 20 < 10;
};

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;
/** Chromium's cumulative main-thread times (seconds): all tasks, and within them script, style, layout. */
const PHASES = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'] as const;
type Phases = Record<(typeof PHASES)[number], number>;
const phases = async (cdp: Cdp): Promise<Phases> => {
	const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
	return Object.fromEntries(PHASES.map((p) => [p, metrics.find((m) => m.name === p)?.value ?? NaN])) as Phases;
};
/** A slot of the tab at rest: its task time (s) stays under this (the harness's own check costs ~0.5–2 ms). */
const QUIET_SLOT_S = 0.01;
const minus = (a: Phases, b: Phases): Phases => Object.fromEntries(PHASES.map((p) => [p, a[p] - b[p]])) as Phases;

/** Result of {@link remoteEditCost}. */
export interface EditCost {
	/** Main-thread task time per edit, ms (idle time of the same span subtracted). */
	readonly perEditMs: number;
	/** Of {@link perEditMs}, what ran after the last edit's slot (the offline copy's deferred write of the last window), ms per edit. */
	readonly tailMs: number;
	/** Task time of the idle spans, ms per edit-length slot (for the notes). */
	readonly idlePerSlotMs: number;
	/** Per edit beyond idle, ms: script, style recalculation, layout (the rest of the task time is paint, compositing, GC, IndexedDB…). */
	readonly scriptMs: number;
	readonly styleMs: number;
	readonly layoutMs: number;
	readonly edits: number;
	readonly cardId: string;
}

/**
 * Edits one on-screen spend card `edits` times from a second client (see the module comment).
 * Throws when an edit does not reach the card or the budget bar within the slot.
 */
export async function remoteEditCost(page: Page, wsBase: string, board: CreatedBoard, edits: number, slotMs = 400): Promise<EditCost> {
	const tailMs = 2 * DEFERRED_WINDOW_MS + 200; // the window, then at most another until the tab is idle
	const cardId = ((await page.evaluate(`[...document.querySelectorAll('[data-card-id]')].map((e) => e.getAttribute('data-card-id'))`)) as string[]).find(isSpendId);
	if (!cardId) throw new Error('no spend card on the first screen to edit');
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsBase}/sync`, board.id, doc, {
		params: { token: board.editToken },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	provider.awareness.setLocalState(null); // no cursor or presence in the tab: only the edit
	const cdp = await page.context().newCDPSession(page);
	try {
		await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
		await cdp.send('Performance.enable');
		const check = (k: number) =>
			`(() => {
				const card = document.querySelector('[data-card-id="${cardId}"]');
				const budget = document.querySelector('[data-testid="budget-allocated"]');
				return { card: !!card && card.textContent.includes('bench edit ${k}.'), budget: budget ? budget.textContent : null };
			})()`;
		let budget = ((await page.evaluate(check(-1))) as { budget: string | null }).budget;
		// an idle span: the same number of slots and the same checks as the edits, with no edit, and
		// the same tail as the edits get (below)
		const idleSpan = async (): Promise<Phases> => {
			const before = await phases(cdp);
			for (let k = 0; k < edits; k++) {
				await sleep(slotMs);
				await page.evaluate(check(-1));
			}
			await sleep(tailMs);
			await page.evaluate(check(-1));
			return minus(await phases(cdp), before);
		};
		// start from a quiet tab: work the open left behind (the offline copy's first write of a big
		// board, a late GC) would otherwise land in the first span only
		const settleUntil = Date.now() + 20_000;
		for (let quiet = 0; quiet < 2 && Date.now() < settleUntil; ) {
			const before = await phases(cdp);
			await sleep(slotMs);
			await page.evaluate(check(-1));
			quiet = (await phases(cdp)).TaskDuration - before.TaskDuration < QUIET_SLOT_S ? quiet + 1 : 0;
		}
		const idleBefore = await idleSpan();
		// BENCH_PROFILE_DIR=dir: a sampled CPU profile of the edits' span, for DevTools (not measured)
		const profileDir = process.env.BENCH_PROFILE_DIR;
		if (profileDir) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
			await cdp.send('Profiler.start');
		}
		const start = await phases(cdp);
		for (let k = 0; k < edits; k++) {
			const amount = 1_000_000 + k * 100_000; // minor units: 10,000 → … CNY, far under the budget
			if (!updateCard(doc, cardId, { title: `bench edit ${k}.`, amount }, createOrigin('api', 'bench edit'))) throw new Error(`card ${cardId} is gone`);
			await sleep(slotMs);
			const seen = (await page.evaluate(check(k))) as { card: boolean; budget: string | null };
			if (!seen.card) throw new Error(`remote edit ${k} did not reach card ${cardId} on screen within ${slotMs} ms`);
			if (seen.budget === budget) throw new Error(`remote edit ${k} did not change the budget bar within ${slotMs} ms (still ${budget})`);
			budget = seen.budget;
		}
		// the tail: the offline copy stores other people's updates a window later, when the tab is
		// idle (src/lib/sync/deferred-updates.ts); that write is the edits' own work, so the span runs
		// until the last window has closed, however the windows fell
		const slotsEnd = await phases(cdp);
		await sleep(tailMs);
		await page.evaluate(check(edits - 1));
		const busy = minus(await phases(cdp), start);
		const tail = minus(await phases(cdp), slotsEnd);
		if (profileDir) {
			const { profile } = await cdp.send('Profiler.stop');
			mkdirSync(profileDir, { recursive: true });
			writeFileSync(join(profileDir, `remote-edits-${board.id}.cpuprofile`), JSON.stringify(profile));
		}
		// idle spans before and after the edits, averaged: background work that fades or grows over
		// the measurement counts against both sides alike
		const idleAfter = await idleSpan();
		const idle = Object.fromEntries(PHASES.map((p) => [p, (idleBefore[p] + idleAfter[p]) / 2])) as Phases;
		const per = (p: (typeof PHASES)[number]) => ((busy[p] - idle[p]) * 1000) / edits;
		const idleTailS = (idle.TaskDuration * tailMs) / (edits * slotMs + tailMs); // idle's share for a span as long as the tail
		return {
			perEditMs: per('TaskDuration'),
			tailMs: ((tail.TaskDuration - idleTailS) * 1000) / edits,
			idlePerSlotMs: (idle.TaskDuration * 1000 * slotMs) / (edits * slotMs + tailMs),
			scriptMs: per('ScriptDuration'),
			styleMs: per('RecalcStyleDuration'),
			layoutMs: per('LayoutDuration'),
			edits,
			cardId
		};
	} finally {
		await cdp.detach().catch(() => {});
		provider.destroy();
		doc.destroy();
	}
}
