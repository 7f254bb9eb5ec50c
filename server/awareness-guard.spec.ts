import { describe, expect, it } from 'vitest';
import { decodeAwarenessEntries, encodeAwarenessEntries, ownEntryOf, stateBytes, type AwarenessEntry } from './awareness-guard.ts';

const entry = (clientId: number, state: unknown, clock = 1): AwarenessEntry => ({ clientId, clock, stateJson: JSON.stringify(state) });

describe('awareness entries', () => {
	it('round-trip through the y-protocols encoding', () => {
		const entries = [entry(1, { user: { name: '张三' } }, 3), entry(2, null, 9)];
		expect(decodeAwarenessEntries(encodeAwarenessEntries(entries))).toEqual(entries);
	});

	it('measure states in UTF-8 bytes', () => {
		expect(stateBytes(entry(1, '中'))).toBe(5); // quotes + 3 bytes
	});
});

describe('ownEntryOf', () => {
	const anyone = () => true;
	it('claims the first id announced with a state, and keeps only its entry', () => {
		const result = ownEntryOf([entry(7, null), entry(8, { a: 1 }), entry(9, { b: 2 })], null, anyone);
		expect(result.ownId).toBe(8);
		expect(result.entry?.clientId).toBe(8);
		expect(result.dropped).toBe(2);
	});

	it('never claims an id it may not, and never a second id', () => {
		expect(ownEntryOf([entry(5, { a: 1 })], null, (id) => id !== 5)).toEqual({ ownId: null, entry: null, dropped: 1 });
		expect(ownEntryOf([entry(6, { a: 1 })], 5, anyone)).toEqual({ ownId: 5, entry: null, dropped: 1 });
	});

	it('lets the owner remove its own state', () => {
		const result = ownEntryOf([entry(5, null, 4)], 5, anyone);
		expect(result.entry).toEqual(entry(5, null, 4));
		expect(result.dropped).toBe(0);
	});
});
