import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createOrigin, editTitle, initBoard, readCard, readMeta, titleText } from '$lib/model/core.ts';
import { TitleBinding, type TitleField } from './title-binding.ts';

/** A text field as the binding sees it: value and selection. */
class Field implements TitleField {
	value = '';
	selectionStart: number | null = 0;
	selectionEnd: number | null = 0;
	setSelectionRange(start: number, end: number): void {
		this.selectionStart = start;
		this.selectionEnd = end;
	}
	/** Type `text` at the caret (replacing the selection), as the browser does before `input`. */
	type(text: string): void {
		const start = this.selectionStart ?? 0;
		const end = this.selectionEnd ?? start;
		this.value = this.value.slice(0, start) + text + this.value.slice(end);
		this.setSelectionRange(start + text.length, start + text.length);
	}
}

const me = createOrigin('user', 'me');

function setup() {
	const doc = new Y.Doc();
	initBoard(doc, { title: '开业计划' }, me);
	const id = addCard(doc, 'role', { title: '店长' }, me);
	const other = new Y.Doc();
	Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
	// live link both ways, as two clients of one board
	doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(other, u, 'remote'));
	other.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(doc, u, 'remote'));
	const field = new Field();
	const errors: (string | null)[] = [];
	const bind = (cardId: string | null) =>
		new TitleBinding(field, {
			doc,
			cardId,
			write: (value, caret) => {
				try {
					editTitle(doc, cardId, value, me, caret);
					return null;
				} catch (error) {
					return (error as Error).message;
				}
			},
			normalize: (v) => v.replace(/\n/g, ' '),
			onerror: (e) => errors.push(e)
		});
	return { doc, other, id, field, bind, errors };
}

describe('TitleBinding', () => {
	it('shows the title and writes typing as small changes', () => {
		const { doc, other, id, field, bind } = setup();
		const binding = bind(id);
		expect(field.value).toBe('店长');
		const deltas: unknown[] = [];
		titleText(other, id)!.observe((e) => deltas.push(e.delta));
		field.setSelectionRange(2, 2);
		field.type('助理');
		binding.input();
		expect(readCard(doc, id)?.title).toBe('店长助理');
		expect(readCard(other, id)?.title).toBe('店长助理');
		expect(deltas).toEqual([[{ retain: 2 }, { insert: '助理' }]]);
	});

	it('keeps the caret on the same characters under a collaborator’s edits', () => {
		const { other, id, field, bind } = setup();
		bind(id);
		field.setSelectionRange(1, 1); // between 店 and 长
		titleText(other, id)!.insert(0, '资深'); // before the caret
		expect(field.value).toBe('资深店长');
		expect([field.selectionStart, field.selectionEnd]).toEqual([3, 3]);
		titleText(other, id)!.insert(4, '（兼职）'); // after it
		expect(field.value).toBe('资深店长（兼职）');
		expect([field.selectionStart, field.selectionEnd]).toEqual([3, 3]);
		field.setSelectionRange(2, 4); // 店长 selected
		titleText(other, id)!.delete(0, 2);
		expect(field.value).toBe('店长（兼职）');
		expect([field.selectionStart, field.selectionEnd]).toEqual([0, 2]);
	});

	it('both people typing at once keep their words', () => {
		const { doc, other, id, field, bind } = setup();
		const binding = bind(id);
		field.setSelectionRange(2, 2);
		field.type('A');
		binding.input();
		titleText(other, id)!.insert(0, 'B');
		field.type('C');
		binding.input();
		expect(readCard(doc, id)?.title).toBe('B店长AC');
		expect(readCard(other, id)?.title).toBe('B店长AC');
		expect(field.value).toBe('B店长AC');
		expect(field.selectionEnd).toBe(5);
	});

	it('an input method composes undisturbed; the composed text lands at the caret with the edits made meanwhile', () => {
		const { doc, other, id, field, bind } = setup();
		const binding = bind(id);
		field.setSelectionRange(2, 2);
		binding.compositionStart();
		field.type('zhu');
		binding.input(); // pinyin is not written
		expect(readCard(other, id)?.title).toBe('店长');
		titleText(other, id)!.insert(0, '资深');
		expect(field.value).toBe('店长zhu'); // not disturbed while composing
		field.value = '店长助理';
		field.setSelectionRange(4, 4);
		binding.compositionEnd();
		expect(readCard(doc, id)?.title).toBe('资深店长助理');
		expect(readCard(other, id)?.title).toBe('资深店长助理');
		expect(field.value).toBe('资深店长助理');
		expect(field.selectionEnd).toBe(6);
	});

	it('follows a title replaced by a plain string (an older client) and makes it text again on typing', () => {
		const { doc, other, id, field, bind } = setup();
		const binding = bind(id);
		other.getMap<Y.Map<unknown>>('cards').get(id)!.set('title', '区域经理');
		expect(field.value).toBe('区域经理');
		field.setSelectionRange(4, 4);
		field.type('\n');
		binding.input();
		expect(readCard(doc, id)?.title).toBe('区域经理 ');
		expect(titleText(other, id)?.toString()).toBe('区域经理 ');
		titleText(other, id)!.insert(0, '华南');
		expect(field.value).toBe('华南区域经理 ');
	});

	it('binds the board title', () => {
		const { doc, other, field, bind } = setup();
		const binding = bind(null);
		expect(field.value).toBe('开业计划');
		field.setSelectionRange(0, 0);
		field.type('深圳');
		binding.input();
		expect(readMeta(other).title).toBe('深圳开业计划');
		titleText(other, null)!.insert(6, ' v2');
		expect(field.value).toBe('深圳开业计划 v2');
		expect(readMeta(doc).title).toBe('深圳开业计划 v2');
	});

	it('reports a refused value and shows the stored title again', () => {
		const { id, field, bind, errors } = setup();
		const binding = bind(id);
		field.value = 'x'.repeat(201);
		binding.input();
		expect(errors.at(-1)).toMatch(/title: must be at most 200/);
		expect(field.value).toBe('店长');
	});

	it('follows another card when the panel switches, and lets go of the first', () => {
		const { doc, other, id, field, bind } = setup();
		const second = addCard(doc, 'goal', { title: '开三家店' }, me);
		const binding = bind(id);
		binding.setOptions({ doc, cardId: second, write: (value, caret) => (editTitle(doc, second, value, me, caret), null) });
		expect(field.value).toBe('开三家店');
		titleText(other, id)!.insert(0, '资深'); // the first card: no longer shown
		expect(field.value).toBe('开三家店');
		field.setSelectionRange(4, 4);
		field.type('（深圳）');
		binding.input();
		expect(readCard(other, second)?.title).toBe('开三家店（深圳）');
		expect(readCard(other, id)?.title).toBe('资深店长');
		binding.destroy();
		titleText(other, second)!.insert(0, '年内');
		expect(field.value).toBe('开三家店（深圳）');
	});
});

