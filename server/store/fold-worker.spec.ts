import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log.ts';
import { startFoldWorker } from './fold-worker.ts';
import { foldState } from './state.ts';

/** A snapshot of `n` keys of ~1 KiB and `m` later updates that delete some and add others. */
function history(n: number, m: number): { snapshot: Uint8Array; updates: Uint8Array[]; doc: Y.Doc } {
	const doc = new Y.Doc();
	const map = doc.getMap<string>('m');
	for (let i = 0; i < n; i++) map.set(`k${i}`, `计划 ${i} `.repeat(100));
	const snapshot = Y.encodeStateAsUpdate(doc);
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < m; i++) {
		if (i % 2) map.delete(`k${i}`);
		else map.set(`new${i}`, '4.5万');
	}
	return { snapshot, updates, doc };
}

describe('fold worker', () => {
	it('folds on its thread (its module loads: no error logged) to the same state as the main thread, leaving the caller’s bytes intact', async () => {
		const logged: string[] = [];
		const worker = startFoldWorker(createLogger({ format: 'json', level: 'debug', write: (line) => logged.push(line) }));
		try {
			const { snapshot, updates, doc } = history(400, 200);
			const before = Buffer.from(snapshot);
			const folded = await worker.fold(snapshot, updates);
			expect(Buffer.from(folded)).toEqual(Buffer.from(foldState(snapshot, updates)));
			expect(Buffer.from(snapshot)).toEqual(before);
			const copy = new Y.Doc();
			Y.applyUpdate(copy, folded);
			expect(copy.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
			// deleted content was garbage-collected: smaller than the parts
			expect(folded.byteLength).toBeLessThan(snapshot.byteLength + updates.reduce((n, u) => n + u.byteLength, 0));
			// several at once, answered each to its caller
			const many = await Promise.all([history(10, 5), history(20, 5), history(30, 5)].map((h) => worker.fold(null, [h.snapshot, ...h.updates])));
			expect(many.map((state) => Object.keys((() => { const d = new Y.Doc(); Y.applyUpdate(d, state); return d.getMap('m').toJSON(); })()).length)).toEqual([11, 21, 31]);
			expect(logged).toEqual([]);
		} finally {
			worker.close();
		}
	});

	it('folds on the calling thread once closed', async () => {
		const worker = startFoldWorker();
		worker.close();
		const { snapshot, updates } = history(5, 4);
		expect(Buffer.from(await worker.fold(snapshot, updates))).toEqual(Buffer.from(foldState(snapshot, updates)));
	});
});
