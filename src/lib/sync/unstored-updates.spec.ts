import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { keepUnstored, takeUnstored, unstoredKey, UnstoredUpdates } from './unstored-updates.ts';
import { MemoryStorage } from '../../../tests/support/memory-storage.ts';

/** A doc whose title text records every local update it makes. */
function typingDoc() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return { doc, text: doc.getText('title'), updates };
}

function textOf(update: Uint8Array | null): string {
	const doc = new Y.Doc();
	if (update) Y.applyUpdate(doc, update);
	return doc.getText('title').toString();
}

describe('UnstoredUpdates', () => {
	test('a confirmation forgets exactly the updates added before its mark', () => {
		const { text, updates } = typingDoc();
		const unstored = new UnstoredUpdates();
		for (const ch of '离线时想到') {
			text.insert(text.length, ch);
			unstored.add(updates.at(-1)!);
		}
		const mark = unstored.mark();
		for (const ch of '的合作渠道') {
			text.insert(text.length, ch);
			unstored.add(updates.at(-1)!);
		}
		expect(unstored.size).toBe(10);
		unstored.confirm(mark);
		expect(unstored.size).toBe(5);
		// the later ones still merge into a valid update (applied over the confirmed part)
		const base = new Y.Doc();
		for (const u of updates.slice(0, 5)) Y.applyUpdate(base, u);
		Y.applyUpdate(base, unstored.merged()!);
		expect(base.getText('title').toString()).toBe('离线时想到的合作渠道');
		// an old mark confirmed late, or twice, drops nothing more
		unstored.confirm(mark);
		expect(unstored.size).toBe(5);
		unstored.confirm(unstored.mark());
		expect(unstored.size).toBe(0);
		expect(unstored.merged()).toBeNull();
	});

	test('clear forgets everything', () => {
		const { text, updates } = typingDoc();
		const unstored = new UnstoredUpdates();
		text.insert(0, '4.5万');
		unstored.add(updates[0]);
		unstored.clear();
		expect(unstored.merged()).toBeNull();
	});
});

describe('keeping unstored updates in Web Storage', () => {
	test('kept by one page, taken once by the next', () => {
		const store = new MemoryStorage();
		const { text, updates } = typingDoc();
		text.insert(0, '租金上涨');
		expect(keepUnstored('b1', updates[0], store)).toBe(true);
		expect(textOf(takeUnstored('b1', store))).toBe('租金上涨');
		expect(takeUnstored('b1', store)).toBeNull();
		expect(store.getItem(unstoredKey('b1'))).toBeNull();
	});

	test('two tabs of one board keeping their edits: both are kept', () => {
		const store = new MemoryStorage();
		const a = typingDoc();
		const b = typingDoc();
		a.text.insert(0, '甲');
		b.text.insert(0, '乙');
		keepUnstored('b1', a.updates[0], store);
		keepUnstored('b1', b.updates[0], store);
		expect([...textOf(takeUnstored('b1', store))].sort().join('')).toBe('乙甲'.split('').sort().join(''));
	});

	test('a damaged value is dropped, not applied; no storage keeps nothing', () => {
		const store = new MemoryStorage();
		store.setItem(unstoredKey('b1'), 'not an update');
		expect(takeUnstored('b1', store)).toBeNull();
		expect(store.getItem(unstoredKey('b1'))).toBeNull();
		expect(keepUnstored('b1', new Uint8Array([0, 0]), undefined)).toBe(false);
		expect(takeUnstored('b1', undefined)).toBeNull();
	});
});
