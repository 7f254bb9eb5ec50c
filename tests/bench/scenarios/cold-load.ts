/**
 * Scenario 3, cold load: a stored board of 1,000 cards with 20,000 edits of history, built with
 * the model's write functions (addCard, setCardNotes, moveCard, updateCard) and stored exactly as rooms.ts
 * stores it (every update appended, compaction each time 500 updates piled up, so the board at
 * rest is its snapshot). Ours = a fresh server process: time from opening the socket until the
 * server's sync step 2 (the reply carrying the board) arrives. Baseline = a fresh process doing
 * `Y.applyUpdate` of the compacted snapshot. A second, informational row loads the same history
 * left as a 20,000-row update log (never compacted), which the server replays and then compacts
 * before its first reply.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { newCredentials } from '../../../server/auth.ts';
import { initialBoardState } from '../../../server/boards.ts';
import { DATABASE_FILE, openStore, type Store } from '../../../server/store.ts';
import { addCard, createOrigin, listCardIds, moveCard, readCard, setCardNotes, updateCard, type Card } from '../../../src/lib/model/index.ts';
import { syncUrl } from '../lib/api.ts';
import { removeDir, startChild, tempDir } from '../lib/children.ts';
import { syntheticPlan } from '../lib/plans.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioResult } from '../lib/scenario.ts';
import { median } from '../lib/stats.ts';
import { syncOnce } from '../lib/sync-client.ts';

const CARDS = 1_000;
const EDITS = 20_000;
/** rooms.ts compacts when this many updates piled up (the server's default COMPACT_AFTER_UPDATES). */
const COMPACT_AFTER = 500;

/** The stored test board: its credentials, both stores and the baseline's snapshot file. */
export interface Built {
	readonly id: string;
	readonly editToken: string;
	/** Directory holding the compacted store (as the server leaves a board at rest). */
	readonly compactedDir: string;
	/** Directory holding the same history as an uncompacted update log. */
	readonly logDir: string;
	/** File with the compacted snapshot (the baseline's input). */
	readonly snapshotFile: string;
	readonly snapshotBytes: number;
}

/** Builds the board: 1,000 addCard edits, then moves and field edits up to 20,000 edits in all. */
export async function build(root: string): Promise<Built> {
	const { id, editToken, editHash, viewHash } = newCredentials();
	const initial = initialBoardState({ title: 'Cold-load bench' });
	const compactedDir = join(root, 'compacted');
	const logDir = join(root, 'log');
	const compacted = openStore({ dataDir: compactedDir, sync: 'normal' });
	const log = openStore({ dataDir: logDir, sync: 'normal' });
	for (const store of [compacted, log]) await store.createBoard({ id, editHash, viewHash, state: initial });

	const doc = new Y.Doc();
	Y.applyUpdate(doc, initial);
	let pending: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => pending.push(u));
	let uncompacted = 0;
	const logBatch: Uint8Array[] = [];
	const commit = async (store: Store) => {
		await store.appendUpdates(pending.map((update) => ({ boardId: id, update })));
		uncompacted += pending.length;
		logBatch.push(...pending);
		pending = [];
		if (uncompacted >= COMPACT_AFTER) {
			await store.compact(id);
			uncompacted = 0;
		}
		if (logBatch.length >= 1000) await log.appendUpdates(logBatch.splice(0).map((update) => ({ boardId: id, update })));
	};

	const origin = createOrigin('user');
	const plan = syntheticPlan(CARDS);
	const ids: string[] = [];
	let edits = 0;
	for (const card of plan.cards) {
		const { kind, notes, ...fields } = card;
		const cardId = addCard(doc, kind, fields as Partial<Card>, origin);
		ids.push(cardId);
		await commit(compacted);
		edits++;
		if (notes) {
			setCardNotes(doc, cardId, notes, origin);
			await commit(compacted);
			edits++;
		}
	}
	for (let i = edits; i < EDITS; i++) {
		const cardId = ids[(i * 7919) % ids.length];
		const card = readCard(doc, cardId)!;
		if (i % 2 === 0) moveCard(doc, cardId, (card.x ?? 0) + 8 * ((i % 5) - 2), (card.y ?? 0) + 8 * ((i % 3) - 1), origin);
		else if (i % 4 === 1) updateCard(doc, cardId, { title: `${card.title.replace(/ \(v\d+\)$/, '')} (v${i})` }, origin);
		else if (card.kind === 'spend') updateCard(doc, cardId, { amount: card.amount + 100 }, origin);
		else if (card.kind === 'role') updateCard(doc, cardId, { headcount: (card.headcount % 5) + 1 }, origin);
		else if (card.kind === 'risk') updateCard(doc, cardId, { impact: ((card.impact % 5) + 1) as 1 }, origin);
		else moveCard(doc, cardId, (card.x ?? 0) + 8, card.y ?? 0, origin);
		if (pending.length === 0) moveCard(doc, cardId, (card.x ?? 0) + 16, card.y ?? 0, origin); // every edit must change something
		await commit(compacted);
	}
	if (logBatch.length > 0) await log.appendUpdates(logBatch.splice(0).map((update) => ({ boardId: id, update })));
	await compacted.compact(id);
	const counts = { compacted: await compacted.counts(id), log: await log.counts(id) };
	await compacted.close();
	await log.close();
	if (counts.compacted.updates !== 0 || counts.log.updates !== EDITS) {
		throw new Error(`cold-load build: unexpected row counts ${JSON.stringify(counts)}`);
	}
	const snapshot = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	const snapshotFile = join(root, 'snapshot.bin');
	writeFileSync(snapshotFile, snapshot);
	return { id, editToken, compactedDir, logDir, snapshotFile, snapshotBytes: snapshot.byteLength };
}

/** One fresh server process on a copy of `sourceDir`; returns ms until the sync reply arrived. */
async function loadOnce(built: Built, sourceDir: string, root: string, trial: string): Promise<number> {
	const dir = join(root, `trial-${trial}`);
	mkdirSync(dir);
	copyFileSync(join(sourceDir, DATABASE_FILE), join(dir, DATABASE_FILE));
	const server = startChild('our-server.ts', { env: { DATA_DIR: dir }, profileName: `cold-load-${trial}` });
	try {
		const { url } = (await server.ready) as { url: string };
		const result = await syncOnce(syncUrl(url, built.id, built.editToken));
		const cards = listCardIds(result.doc).length;
		result.doc.destroy();
		if (cards !== CARDS) throw new Error(`cold load: the synced doc has ${cards} cards, expected ${CARDS}`);
		return result.replyMs;
	} finally {
		await server.stop();
		removeDir(dir);
	}
}

async function applyOnce(built: Built): Promise<number> {
	const child = startChild('apply-snapshot.ts', { env: { BENCH_SNAPSHOT: built.snapshotFile }, profileName: 'cold-load-baseline' });
	try {
		const { ms, cards } = (await child.ready) as { ms: number; cards: number };
		if (cards !== CARDS) throw new Error(`baseline: ${cards} cards, expected ${CARDS}`);
		return ms;
	} finally {
		await child.stop();
	}
}

/** Scenario 3 (see file comment). */
export const coldLoad: Scenario = {
	name: 'cold-load',
	title: 'Cold load',
	async run(ctx): Promise<ScenarioResult> {
		const trials = ctx.quick ? 2 : 5;
		const root = tempDir('cold');
		try {
			ctx.log(`cold load: building a ${CARDS}-card board with ${EDITS.toLocaleString('en-US')} edits`);
			const built = await build(root);
			const snap: number[] = [];
			const compacted: number[] = [];
			const replay: number[] = [];
			for (let t = 0; t < trials; t++) {
				ctx.log(`cold load: trial ${t + 1} of ${trials}`);
				snap.push(await applyOnce(built));
				compacted.push(await loadOnce(built, built.compactedDir, root, `compacted-${t}`));
				replay.push(await loadOnce(built, built.logDir, root, `log-${t}`));
			}
			const baseline = median(snap);
			const rows: Row[] = [
				{ scenario: 'cold load', metric: `first sync reply, board at rest`, unit: 'ms', ours: median(compacted), baseline, target: { kind: 'max', value: 1.3 } },
				{ scenario: 'cold load', metric: `… 20,000-row log, uncompacted`, unit: 'ms', ours: median(replay), baseline }
			];
			const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
			return {
				rows,
				notes: [
					`cold load: ${CARDS.toLocaleString('en-US')} cards, ${EDITS.toLocaleString('en-US')} edits, snapshot ${(built.snapshotBytes / 1024).toFixed(0)} KiB; medians of ${trials} fresh processes — ours at rest [${fmt(compacted)}] ms, uncompacted [${fmt(replay)}] ms, Y.applyUpdate [${fmt(snap)}] ms`
				]
			};
		} finally {
			removeDir(root);
		}
	}
};
