import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	addCards,
	cardNotes,
	createOrigin,
	deleteCards,
	duplicateCards,
	initBoard,
	listCardIds,
	moveCards,
	placeInZone,
	readCard,
	setCardNotes,
	cardNotesText,
	ZONES,
	CARD_WIDTH,
	ZONE_HEADER
} from './index.ts';
import { fragmentToMarkdown } from '../rich-text/convert.ts';

const user = createOrigin('user', 'alice');

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: '深圳试点', startMonth: '2027-01' }, createOrigin('server'));
	return doc;
}

function transactions(doc: Y.Doc): unknown[] {
	const origins: unknown[] = [];
	doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
	return origins;
}

describe('many cards at once', () => {
	it('moves several cards in one transaction that one undo step reverts', () => {
		const doc = board();
		const a = addCard(doc, 'role', { title: '产品负责人', x: 24, y: 72 }, user);
		const b = addCard(doc, 'role', { title: '运营经理', x: 260, y: 72 }, user);
		const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([user]), captureTimeout: 0 });
		const seen = transactions(doc);
		expect(moveCards(doc, [{ id: a, x: 40, y: 300 }, { id: b, x: 276.4, y: 300 }, { id: 'gone', x: 0, y: 0 }], user)).toBe(2);
		expect(seen).toEqual([user]);
		expect(readCard(doc, b)).toMatchObject({ x: 276, y: 300 });
		undo.undo();
		expect(readCard(doc, a)).toMatchObject({ x: 24, y: 72 });
		expect(readCard(doc, b)).toMatchObject({ x: 260, y: 72 });
	});

	it('refuses a bad coordinate before writing anything', () => {
		const doc = board();
		const a = addCard(doc, 'goal', { title: '开店', x: 0, y: 100 }, user);
		expect(() => moveCards(doc, [{ id: a, x: 5, y: 5 }, { id: a, x: Number.NaN, y: 0 }], user)).toThrow(RangeError);
		expect(readCard(doc, a)).toMatchObject({ x: 0, y: 100 });
	});

	it('deletes several cards in one transaction and unlinks the steps of a deleted goal', () => {
		const doc = board();
		const goal = addCard(doc, 'goal', { title: '覆盖十个城市' }, user);
		const step = addCard(doc, 'milestone', { title: '第一家店', goalId: goal }, user);
		const risk = addCard(doc, 'risk', { title: '租金上涨' }, user);
		const seen = transactions(doc);
		expect(deleteCards(doc, [goal, risk, 'gone'], user)).toBe(2);
		expect(seen).toHaveLength(1);
		expect(listCardIds(doc)).toEqual([step]);
		expect(readCard(doc, step)).not.toHaveProperty('goalId');
		expect(deleteCards(doc, [], user)).toBe(0);
	});

	it('duplicates cards with new ids, cloned notes and the goal link moved to the goal’s copy', () => {
		const doc = board();
		const goal = addCard(doc, 'goal', { title: '覆盖十个城市' }, user);
		const step = addCard(doc, 'milestone', { title: '第一家店', goalId: goal }, user);
		const lone = addCard(doc, 'milestone', { title: '第二家店', goalId: goal }, user);
		setCardNotes(doc, goal, '**先做**深圳', user);
		const seen = transactions(doc);
		const copies = duplicateCards(doc, [goal, step], (c) => ({ x: (c.x ?? 0) + 24, y: (c.y ?? 0) + 24 }), user);
		expect(seen).toHaveLength(1);
		expect(copies).toHaveLength(2);
		const [goalCopy, stepCopy] = copies;
		expect(goalCopy).not.toBe(goal);
		expect(readCard(doc, goalCopy)).toMatchObject({ kind: 'goal', title: '覆盖十个城市', x: readCard(doc, goal)!.x! + 24 });
		expect(readCard(doc, stepCopy)).toMatchObject({ kind: 'milestone', goalId: goalCopy, title: '第一家店' });
		expect(fragmentToMarkdown(cardNotes(doc, goalCopy)!)).toBe('**先做**深圳');
		// the copy's notes are its own
		setCardNotes(doc, goalCopy, '改了', user);
		expect(fragmentToMarkdown(cardNotes(doc, goal)!)).toBe('**先做**深圳');
		// a milestone copied without its goal keeps the original goal
		const [loneCopy] = duplicateCards(doc, [lone], (c) => ({ x: c.x ?? 0, y: (c.y ?? 0) + 200 }), user);
		expect(readCard(doc, loneCopy)).toMatchObject({ goalId: goal });
	});

	it('adds cards (goals first, so milestones can name them) with notes in one transaction', () => {
		const doc = board();
		const seen = transactions(doc);
		const ids = addCards(
			doc,
			[
				{ id: 'm1', kind: 'milestone', title: '试点', goalId: 'g1', order: 1, status: 'todo', notes: '第一步' },
				{ id: 'g1', kind: 'goal', title: '上线' }
			],
			user,
			(id, card) => {
				if (card.notes) setCardNotes(doc, id, card.notes, user);
			}
		);
		expect(ids).toEqual(['m1', 'g1']);
		expect(seen).toHaveLength(1);
		expect(readCard(doc, 'm1')).toMatchObject({ goalId: 'g1' });
		expect(fragmentToMarkdown(cardNotes(doc, 'm1')!)).toBe('第一步');
	});
});

describe('placeInZone', () => {
	it('keeps a card inside its zone column and below the header', () => {
		const team = ZONES.team;
		expect(placeInZone('team', 40, 200)).toEqual({ x: 40, y: 200, strayed: false, moved: false });
		const back = placeInZone('team', ZONES.spending.x + 10, 300);
		expect(back).toMatchObject({ x: team.x + team.width - CARD_WIDTH, y: 300, strayed: true, moved: true });
		expect(placeInZone('spending', ZONES.spending.x + 20, -50)).toMatchObject({ y: ZONE_HEADER, strayed: false, moved: true });
		// hanging a little over the edge is tidied without calling it a stray
		expect(placeInZone('strategy', ZONES.strategy.x - 30, 100)).toMatchObject({ x: ZONES.strategy.x, strayed: false, moved: true });
	});
});

describe('cardNotesText', () => {
	it('reads the notes as plain text, blocks on their own lines, without markup', () => {
		const doc = board();
		const id = addCard(doc, 'goal', { title: '十城' }, user);
		expect(cardNotesText(doc, id)).toBe('');
		setCardNotes(doc, id, '第一站是**深圳**\n\n- 广州\n- 杭州', user);
		const text = cardNotesText(doc, id);
		expect(text).toContain('第一站是深圳');
		expect(text).toMatch(/广州\s+杭州/);
		expect(text).not.toContain('*');
		expect(cardNotesText(doc, 'missing')).toBe('');
	});
});
