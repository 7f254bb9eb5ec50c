import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard, createOrigin, initBoard, listCardIds, moveCard, readCard, updateCard } from '$lib/model';
import { UndoState } from './undo-state.svelte.ts';

/** Two "people" editing one document: each write carries its author's own origin object. */
function twoPeople() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'U' }, createOrigin('server'));
	const ana = createOrigin('user');
	const bo = createOrigin('user');
	return { doc, ana, bo, undoAna: new UndoState(doc, ana) };
}

describe('UndoState', () => {
	test('undo reverts only my own changes, never someone else’s', () => {
		const { doc, ana, bo, undoAna } = twoPeople();
		const mine = addCard(doc, 'role', { title: 'Mine' }, ana);
		const theirs = addCard(doc, 'goal', { title: 'Theirs' }, bo);
		undoAna.stopCapturing();
		updateCard(doc, theirs, { title: 'Theirs, edited' }, bo);
		expect(undoAna.canUndo).toBe(true);
		undoAna.undo();
		expect(listCardIds(doc)).toEqual([theirs]);
		expect(readCard(doc, theirs)?.title).toBe('Theirs, edited');
		expect(undoAna.canUndo).toBe(false);
		undoAna.redo();
		expect(readCard(doc, mine)?.title).toBe('Mine');
	});

	test('a drag gesture is one undo step however many moves it makes', () => {
		const { doc, ana, undoAna } = twoPeople();
		const id = addCard(doc, 'goal', { x: 0, y: 0 }, ana);
		const end = undoAna.beginGesture();
		for (let i = 1; i <= 20; i++) moveCard(doc, id, i * 10, i * 5, ana);
		end();
		undoAna.undo();
		expect(readCard(doc, id)).toMatchObject({ x: 0, y: 0 });
		undoAna.undo();
		expect(readCard(doc, id)).toBeUndefined();
	});
});
