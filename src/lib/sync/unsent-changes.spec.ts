import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CHANGE_COALESCE_MS, loadUnsentCount, saveUnsentCount, unsentKey, UnsentChanges } from './unsent-changes.ts';
import { MemoryStorage } from '../../../tests/support/memory-storage.ts';

describe('UnsentChanges', () => {
	test('edits less than a second apart are one change; a pause starts another', () => {
		const changes = new UnsentChanges();
		expect(changes.record(0)).toBe(true);
		expect(changes.record(200)).toBe(false);
		expect(changes.record(200 + CHANGE_COALESCE_MS - 1)).toBe(false);
		expect(changes.count).toBe(1);
		expect(changes.record(200 + 2 * CHANGE_COALESCE_MS)).toBe(true);
		expect(changes.count).toBe(2);
	});

	test('an acknowledgement settles exactly the changes recorded before it was requested', () => {
		const changes = new UnsentChanges();
		changes.record(0);
		changes.record(5000);
		const seq = changes.requestThrough();
		expect(changes.needsRequest).toBe(false);
		changes.record(5100); // after the question: a new change, even within the second
		expect(changes.count).toBe(3);
		expect(changes.needsRequest).toBe(true);
		expect(changes.acknowledge(seq)).toBe(2);
		expect(changes.count).toBe(1);
		expect(changes.acknowledge(changes.requestThrough())).toBe(1);
		expect(changes.count).toBe(0);
	});

	test('a lost connection forgets the question: the same changes need asking again', () => {
		const changes = new UnsentChanges();
		changes.record(0);
		changes.requestThrough();
		expect(changes.needsRequest).toBe(false);
		changes.forgetRequests();
		expect(changes.needsRequest).toBe(true);
		expect(changes.count).toBe(1);
	});

	test('changes restored from an earlier page are settled by the first acknowledgement', () => {
		const changes = new UnsentChanges(3);
		expect(changes.count).toBe(3);
		expect(changes.needsRequest).toBe(true);
		changes.acknowledge(changes.requestThrough());
		expect(changes.count).toBe(0);
	});

	test('property: the count never goes negative and equals changes recorded after the last acknowledged question', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.constant('ask' as const), fc.integer({ min: 0, max: 3000 }))), (steps) => {
				const changes = new UnsentChanges();
				let now = 0;
				let started = 0;
				let settledThrough = 0;
				const starts: number[] = [];
				for (const step of steps) {
					if (step === 'ask') {
						const seq = changes.requestThrough();
						changes.acknowledge(seq);
						settledThrough = seq;
					} else {
						now += step;
						if (changes.record(now)) starts.push(++started);
					}
					expect(changes.count).toBe(starts.filter((s) => s > settledThrough).length);
				}
			})
		);
	});
});

describe('kept count', () => {
	test('round-trips through storage and is removed at zero', () => {
		const store = new MemoryStorage();
		saveUnsentCount('b1', 4, store);
		expect(loadUnsentCount('b1', store)).toBe(4);
		expect(loadUnsentCount('b2', store)).toBe(0);
		saveUnsentCount('b1', 0, store);
		expect(store.getItem(unsentKey('b1'))).toBeNull();
	});
	test('garbage or missing storage reads as zero', () => {
		const store = new MemoryStorage();
		store.setItem(unsentKey('b1'), 'lots');
		expect(loadUnsentCount('b1', store)).toBe(0);
		store.setItem(unsentKey('b1'), '-3');
		expect(loadUnsentCount('b1', store)).toBe(0);
		expect(loadUnsentCount('b1', undefined)).toBe(0);
	});
});
