import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DeferredUpdates, type Scheduler } from './deferred-updates.ts';

/** A scheduler the test runs by hand. */
function manual() {
	const pending: Array<() => void> = [];
	let cancelled = 0;
	const schedule: Scheduler = (run) => {
		pending.push(run);
		return () => {
			const at = pending.indexOf(run);
			if (at >= 0) pending.splice(at, 1);
			cancelled++;
		};
	};
	return { schedule, pending, cancelled: () => cancelled, runAll: () => pending.splice(0).forEach((run) => run()) };
}

/** Updates of a doc where a remote person types Chinese text and a 4.5万 amount, one per edit. */
function remoteEdits(): { updates: Uint8Array[]; source: Y.Doc } {
	const source = new Y.Doc();
	const updates: Uint8Array[] = [];
	source.on('update', (update: Uint8Array) => updates.push(update));
	const card = source.getMap('card');
	card.set('title', '采购会议室椅子');
	card.set('amount', 45000);
	source.getText('notes').insert(0, '预算 4.5万，');
	source.getText('notes').insert(7, '含运费');
	return { updates, source };
}

describe('DeferredUpdates', () => {
	it('holds remote updates and stores them as one update when the window ends', () => {
		const clock = manual();
		const stored: Uint8Array[] = [];
		const deferred = new DeferredUpdates((update) => stored.push(update), clock.schedule);
		const { updates, source } = remoteEdits();
		for (const update of updates) deferred.add(update);
		expect(stored).toHaveLength(0);
		expect(clock.pending).toHaveLength(1); // one window for the whole stream
		expect(deferred.size).toBe(updates.length);

		clock.runAll();
		expect(stored).toHaveLength(1);
		expect(deferred.size).toBe(0);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, stored[0]);
		expect(copy.getMap('card').toJSON()).toEqual({ title: '采购会议室椅子', amount: 45000 });
		expect(copy.getText('notes').toString()).toBe(source.getText('notes').toString());
	});

	it('flush stores what is held at once and cancels the window; a later update opens a new one', () => {
		const clock = manual();
		const stored: Uint8Array[] = [];
		const deferred = new DeferredUpdates((update) => stored.push(update), clock.schedule);
		const { updates } = remoteEdits();
		deferred.add(updates[0]);
		deferred.flush();
		expect(stored).toEqual([updates[0]]); // a single update is stored as it came
		expect(clock.pending).toHaveLength(0);
		expect(clock.cancelled()).toBe(1);

		deferred.flush(); // nothing held: nothing stored
		expect(stored).toHaveLength(1);
		deferred.add(updates[1]);
		expect(clock.pending).toHaveLength(1);
	});

	it('clear drops what is held without storing it', () => {
		const clock = manual();
		const stored: Uint8Array[] = [];
		const deferred = new DeferredUpdates((update) => stored.push(update), clock.schedule);
		for (const update of remoteEdits().updates) deferred.add(update);
		deferred.clear();
		clock.runAll();
		expect(stored).toHaveLength(0);
		expect(deferred.size).toBe(0);
	});
});
