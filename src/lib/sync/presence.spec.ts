import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { editorsByCard, readPeers, setPresenceEditing, setPresencePointer, setPresenceUser } from './presence.ts';
import { MemoryStorage } from '../../../tests/support/memory-storage.ts';
import { cleanName, initials, isHexColor, loadUser, randomUser, MAX_NAME_LENGTH } from './identity.ts';

/** Copy every state of `from` into `to`, as the provider would over the wire. */
function relay(from: Awareness, to: Awareness) {
	applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...from.getStates().keys()]), 'remote');
}

describe('presence over real awareness', () => {
	test('peers carry name, colour, pointer and the card being edited; self first', () => {
		const mine = new Awareness(new Y.Doc());
		const theirs = new Awareness(new Y.Doc());
		setPresenceUser(mine, { name: 'Ana', color: '#2563eb' });
		setPresenceUser(theirs, { name: 'Bo', color: '#16a34a' });
		setPresencePointer(theirs, { x: 10.6, y: -4.2 });
		setPresenceEditing(theirs, 'card-1');
		relay(theirs, mine);
		const peers = readPeers(mine);
		expect(peers.map((p) => p.name)).toEqual(['Ana', 'Bo']);
		expect(peers[0].isSelf).toBe(true);
		expect(peers[1]).toMatchObject({ color: '#16a34a', pointer: { x: 11, y: -4 }, editing: 'card-1', isSelf: false });
		expect(editorsByCard(peers).get('card-1')?.map((p) => p.name)).toEqual(['Bo']);
	});

	test('malformed remote fields are ignored, not trusted', () => {
		const mine = new Awareness(new Y.Doc());
		const theirs = new Awareness(new Y.Doc());
		setPresenceUser(mine, { name: 'Ana', color: '#2563eb' });
		theirs.setLocalState({ user: { name: 'Eve', color: 'red; background:url(x)' }, pointer: { x: 'a', y: 1 }, editing: 42 });
		relay(theirs, mine);
		const eve = readPeers(mine).find((p) => p.name === 'Eve')!;
		expect(eve.color).toMatch(/^#[0-9a-f]{6}$/i);
		expect(eve.color).not.toContain('url');
		expect(eve.pointer).toBeNull();
		expect(eve.editing).toBeNull();
	});

	test('states without a user (e.g. only a caret) are not listed', () => {
		const mine = new Awareness(new Y.Doc());
		mine.setLocalState({ cursor: null });
		expect(readPeers(mine)).toEqual([]);
	});
});

describe('identity', () => {
	test('a stored identity survives reloads; a fresh one is created once', () => {
		const storage = new MemoryStorage();
		const first = loadUser(storage);
		expect(isHexColor(first.color)).toBe(true);
		expect(loadUser(storage)).toEqual(first);
		storage.setItem('groundwork:user', '{"name":"","color":"nope"}');
		const replaced = loadUser(storage);
		expect(replaced.name.length).toBeGreaterThan(0);
		expect(isHexColor(replaced.color)).toBe(true);
	});
	test('names are trimmed, collapsed and bounded; initials come from up to two words', () => {
		expect(cleanName('  Ana   Maria  ')).toBe('Ana Maria');
		expect(cleanName('x'.repeat(100))).toHaveLength(MAX_NAME_LENGTH);
		expect(initials('swift otter fox')).toBe('SO');
		expect(initials('ana')).toBe('A');
		expect(initials('   ')).toBe('?');
		expect(randomUser().name).toMatch(/^\w+ \w+$/);
		expect(randomUser(true).name).toMatch(/^[\u4e00-\u9fff]{3,4}$/);
	});
});

describe('shared selection', () => {
	test('others see which cards I have selected; malformed lists are cleaned', async () => {
		const { setPresenceSelection, selectorsByCard, MAX_SHARED_SELECTION } = await import('./presence.ts');
		const mine = new Awareness(new Y.Doc());
		const theirs = new Awareness(new Y.Doc());
		setPresenceUser(mine, { name: '小王', color: '#2563eb' });
		setPresenceUser(theirs, { name: '小李', color: '#16a34a' });
		setPresenceSelection(theirs, ['a', 'b']);
		setPresenceSelection(mine, ['a']);
		relay(theirs, mine);
		const peers = readPeers(mine);
		expect(peers[1].selection).toEqual(['a', 'b']);
		const selectors = selectorsByCard(peers);
		expect(selectors.get('a')?.map((p) => p.name)).toEqual(['小李']); // self excluded
		expect(selectors.get('b')?.map((p) => p.name)).toEqual(['小李']);
		theirs.setLocalStateField('selection', ['ok', 7, null, 'x'.repeat(65)]);
		relay(theirs, mine);
		expect(readPeers(mine)[1].selection).toEqual(['ok']);
		setPresenceSelection(theirs, Array.from({ length: MAX_SHARED_SELECTION + 10 }, (_, i) => `c${i}`));
		relay(theirs, mine);
		expect(readPeers(mine)[1].selection).toHaveLength(MAX_SHARED_SELECTION);
	});
});
