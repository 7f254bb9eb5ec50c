import { describe, expect, test } from 'vitest';
import { MemoryStorage } from '../../../tests/support/memory-storage.ts';
import { boardLink, forgetBoard, listRecentBoards, rememberBoard, storedToken } from './recent-boards.ts';

describe('recent boards', () => {
	test('newest first; reopening moves a board up; titles refresh without reordering when asked', () => {
		const s = new MemoryStorage();
		rememberBoard({ id: 'a', title: 'A', editToken: 'ea' }, { now: 1 }, s);
		rememberBoard({ id: 'b', title: 'B', viewToken: 'vb' }, { now: 2 }, s);
		expect(listRecentBoards(s).map((b) => b.id)).toEqual(['b', 'a']);
		rememberBoard({ id: 'a' }, { now: 3 }, s);
		expect(listRecentBoards(s).map((b) => b.id)).toEqual(['a', 'b']);
		rememberBoard({ id: 'b', title: 'B renamed' }, { touch: false, now: 9 }, s);
		expect(listRecentBoards(s).map((b) => [b.id, b.title])).toEqual([['a', 'A'], ['b', 'B renamed']]);
	});

	test('opening a view link never forgets the edit token this browser holds', () => {
		const s = new MemoryStorage();
		rememberBoard({ id: 'a', title: 'A', editToken: 'edit' }, {}, s);
		rememberBoard({ id: 'a', viewToken: 'view' }, {}, s);
		expect(listRecentBoards(s)[0]).toMatchObject({ editToken: 'edit', viewToken: 'view' });
		expect(storedToken('a', s)).toBe('edit');
		forgetBoard('a', s);
		expect(storedToken('a', s)).toBeUndefined();
	});

	test('corrupt storage reads as empty; links are encoded', () => {
		const s = new MemoryStorage();
		s.setItem('groundwork:boards', '{not json');
		expect(listRecentBoards(s)).toEqual([]);
		s.setItem('groundwork:boards', JSON.stringify([{ id: 1 }, { id: 'x', title: 'ok', openedAt: 1 }]));
		expect(listRecentBoards(s).map((b) => b.id)).toEqual(['x']);
		expect(boardLink('a b', 't&u')).toBe('/b/a%20b?token=t%26u');
	});
});
