import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	applyPlanData,
	createOrigin,
	editTitle,
	initBoard,
	migrateDoc,
	observePlan,
	readCard,
	readMeta,
	SCHEMA_VERSION,
	toPlanData,
	updateCard,
	updateMeta,
	type PlanChange
} from './index.ts';
import { MAX_TITLE_LENGTH } from './fields.ts';
import { diffText, writeTitle } from './title-text.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');

/** A board as schema 1 stored it: titles are plain strings. */
function schema1Doc(): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		const meta = doc.getMap('meta');
		meta.set('schemaVersion', 1);
		meta.set('title', '深圳门店 · 开业计划');
		meta.set('currency', 'CNY');
		meta.set('budget', 1_000_000_000);
		meta.set('startMonth', '2027-01');
		meta.set('horizonMonths', 24);
		const cards = doc.getMap<Y.Map<unknown>>('cards');
		const add = (id: string, fields: Record<string, unknown>) => {
			const card = new Y.Map<unknown>();
			for (const [key, value] of Object.entries(fields)) card.set(key, value);
			const notes = new Y.XmlFragment();
			card.set('notes', notes);
			cards.set(id, card);
		};
		// inserted out of id order on purpose (map order differs between replicas)
		add('r2', { kind: 'role', title: '店员', headcount: 4, monthlyCost: 8_000_00, startMonth: '2027-02', x: 20, y: 200 });
		add('g1', { kind: 'goal', title: '三个月内盈亏平衡', x: 500, y: 20 });
		add('r1', { kind: 'role', title: '店长', headcount: 1, monthlyCost: 20_000_00, startMonth: '2027-01', x: 20, y: 20 });
		add('s1', { kind: 'spend', title: '装修 😀', category: 'other', amount: 45_000_00, recurrence: 'once', startMonth: '2027-01', x: 900, y: 20 });
	});
	return doc;
}

/** A replica of `doc` (its whole state applied to a new doc, with its own client id). */
function replica(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

/** Exchange everything both ways. */
function sync(a: Y.Doc, b: Y.Doc): void {
	const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, toB);
	Y.applyUpdate(a, toA);
}

function titleType(doc: Y.Doc, cardId?: string): unknown {
	return cardId ? doc.getMap<Y.Map<unknown>>('cards').get(cardId)!.get('title') : doc.getMap('meta').get('title');
}

describe('diffText', () => {
	it('finds the one changed span', () => {
		expect(diffText('店长', '店长助理')).toEqual({ index: 2, remove: 0, insert: '助理' });
		expect(diffText('开业计划', '计划')).toEqual({ index: 0, remove: 2, insert: '' });
		expect(diffText('abc', 'aXc')).toEqual({ index: 1, remove: 1, insert: 'X' });
		expect(diffText('same', 'same')).toBeNull();
	});

	it('puts an ambiguous insertion or deletion at the caret', () => {
		expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
		expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
		expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
	});

	it('never splits a surrogate pair', () => {
		// 😀 is \ud83d\ude00, 😃 is \ud83d\ude03: they share the high half
		expect(diffText('x😀', 'x😃')).toEqual({ index: 1, remove: 2, insert: '😃' });
		// 😀 and 🙀 (\ud83d\ude40) share the low half
		expect(diffText('😀y', '🙀y')).toEqual({ index: 0, remove: 2, insert: '🙀' });
	});
});

describe('titles are shared text', () => {
	it('new boards and cards store Y.Text titles and read them as strings', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: '成都' }, alice);
		const id = addCard(doc, 'role', { title: '店长' }, alice);
		expect(titleType(doc)).toBeInstanceOf(Y.Text);
		expect(titleType(doc, id)).toBeInstanceOf(Y.Text);
		expect(readMeta(doc).title).toBe('成都');
		expect(readCard(doc, id)?.title).toBe('店长');
	});

	it('an update edits the text in place with the smallest change', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: '开业计划' }, alice);
		const id = addCard(doc, 'role', { title: '店长' }, alice);
		const cardText = titleType(doc, id);
		const deltas: unknown[] = [];
		(cardText as Y.Text).observe((event) => deltas.push(event.delta));
		updateCard(doc, id, { title: '店长助理' }, alice);
		expect(titleType(doc, id)).toBe(cardText);
		expect(deltas).toEqual([[{ retain: 2 }, { insert: '助理' }]]);
		updateMeta(doc, { title: '深圳开业计划' }, alice);
		expect(readMeta(doc).title).toBe('深圳开业计划');
	});

	it('two people typing in one title at once both keep their words', () => {
		const a = new Y.Doc();
		initBoard(a, { title: '计划' }, alice);
		const id = addCard(a, 'goal', { title: '开店' }, alice);
		const b = replica(a);
		updateCard(a, id, { title: '深圳开店' }, alice);
		updateCard(b, id, { title: '开店三家' }, bob);
		updateMeta(a, { title: '计划 A' }, alice);
		updateMeta(b, { title: 'B 计划' }, bob);
		sync(a, b);
		expect(readCard(a, id)?.title).toBe('深圳开店三家');
		expect(readCard(b, id)?.title).toBe('深圳开店三家');
		expect(readMeta(a).title).toBe('B 计划 A');
		expect(readMeta(b).title).toBe('B 计划 A');
	});

	it('reads a plain string title (written by an older client) and turns it into text on the next edit', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: '计划' }, alice);
		const id = addCard(doc, 'risk', { title: '租金上涨' }, alice);
		doc.getMap<Y.Map<unknown>>('cards').get(id)!.set('title', '房租上涨');
		doc.getMap('meta').set('title', '旧计划');
		expect(readCard(doc, id)?.title).toBe('房租上涨');
		expect(readMeta(doc).title).toBe('旧计划');
		updateCard(doc, id, { title: '房租上涨 20%' }, alice);
		updateMeta(doc, { title: '新计划' }, alice);
		expect(titleType(doc, id)).toBeInstanceOf(Y.Text);
		expect(titleType(doc)).toBeInstanceOf(Y.Text);
		expect(readCard(doc, id)?.title).toBe('房租上涨 20%');
	});

	it('a title that concurrent typing made too long reads cut to the limit, never mid-character', () => {
		const doc = new Y.Doc();
		initBoard(doc, {}, alice);
		const id = addCard(doc, 'goal', { title: '目标' }, alice);
		const text = titleType(doc, id) as Y.Text;
		text.insert(0, 'x'.repeat(MAX_TITLE_LENGTH - 3) + '😀😀');
		const title = readCard(doc, id)!.title;
		expect(title.length).toBe(MAX_TITLE_LENGTH - 1);
		expect(title.endsWith('😀')).toBe(true);
		// a change of another field does not rewrite the title
		updateCard(doc, id, { x: 40 }, alice);
		expect(text.length).toBe(MAX_TITLE_LENGTH + 3);
		// typing may shorten it, never lengthen it
		const stored = text.toString();
		expect(() => editTitle(doc, id, stored + 'x', alice)).toThrow(/title: must be at most 200/);
		editTitle(doc, id, stored.slice(1), alice, 0);
		expect(text.length).toBe(MAX_TITLE_LENGTH + 2);
	});

	it('typing in the board title is a meta change for observers', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: '计划' }, alice);
		const changes: PlanChange[] = [];
		observePlan(doc, (change) => changes.push(change));
		(titleType(doc) as Y.Text).insert(2, '书');
		expect(changes).toEqual([{ meta: true, cards: new Set() }]);
	});

	it('plan data round-trips unchanged through Y.Text titles', () => {
		const source = schema1Doc();
		const plan = toPlanData(source);
		const doc = new Y.Doc();
		applyPlanData(doc, plan, alice);
		expect(titleType(doc, 'r1')).toBeInstanceOf(Y.Text);
		expect(toPlanData(doc)).toEqual(plan);
		// writing the same plan again changes nothing in the texts
		const before = Y.encodeStateVector(doc);
		writeTitle(doc.getMap<Y.Map<unknown>>('cards').get('r1')!, '店长');
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});
});

describe('migration 2: titles become Y.Text', () => {
	it('converts every title with nothing lost, in one update', () => {
		const doc = schema1Doc();
		const before = toPlanData(doc);
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		const origin = createOrigin('migration');
		expect(migrateDoc(doc, origin)).toEqual({ from: 1, to: SCHEMA_VERSION });
		expect(origins).toEqual([origin]);
		expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
		expect(titleType(doc)).toBeInstanceOf(Y.Text);
		for (const id of ['r1', 'r2', 'g1', 's1']) expect(titleType(doc, id)).toBeInstanceOf(Y.Text);
		expect(toPlanData(doc)).toEqual(before);
		expect(readCard(doc, 's1')?.title).toBe('装修 😀');
		expect(migrateDoc(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
	});

	it('two replicas migrating the same state concurrently write the same items: no duplicated text', () => {
		const server = schema1Doc();
		const client = replica(server);
		expect(client.clientID).not.toBe(server.clientID);
		migrateDoc(server);
		migrateDoc(client);
		expect(Y.encodeStateVector(client)).toEqual(Y.encodeStateVector(server));
		const stateBefore = Y.encodeStateVector(server);
		sync(server, client);
		// each side already had every item of the other's migration
		expect(Y.encodeStateVector(server)).toEqual(stateBefore);
		expect(toPlanData(client)).toEqual(toPlanData(server));
		expect(readMeta(server).title).toBe('深圳门店 · 开业计划');
		expect(readCard(server, 'g1')?.title).toBe('三个月内盈亏平衡');
	});

	it('typing right after two concurrent migrations lands in one shared text: both words kept', () => {
		const a = schema1Doc();
		const b = replica(a);
		migrateDoc(a);
		migrateDoc(b);
		updateCard(a, 'r1', { title: '资深店长' }, alice);
		updateCard(b, 'r1', { title: '店长（兼职）' }, bob);
		updateMeta(a, { title: '深圳门店 · 开业计划 v2' }, alice);
		updateMeta(b, { title: '【草稿】深圳门店 · 开业计划' }, bob);
		sync(a, b);
		expect(readCard(a, 'r1')?.title).toBe('资深店长（兼职）');
		expect(readCard(b, 'r1')?.title).toBe('资深店长（兼职）');
		expect(readMeta(a).title).toBe('【草稿】深圳门店 · 开业计划 v2');
		expect(readMeta(b).title).toBe(readMeta(a).title);
	});

	it('replicas migrating different states converge without duplicating any title', () => {
		const a = schema1Doc();
		const b = replica(a);
		// an older client changed one title on b's side before b migrated
		b.getMap<Y.Map<unknown>>('cards').get('r2')!.set('title', '店员（全职）');
		migrateDoc(a);
		migrateDoc(b);
		sync(a, b);
		expect(toPlanData(a)).toEqual(toPlanData(b));
		const plan = toPlanData(a);
		expect(plan.title).toBe('深圳门店 · 开业计划');
		expect(plan.cards.find((c) => c.id === 'r1')?.title).toBe('店长');
		expect(['店员', '店员（全职）']).toContain(plan.cards.find((c) => c.id === 'r2')?.title);
		expect(a.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
	});

	it('a legacy doc (schema 0) migrates through both steps deterministically', () => {
		const a = new Y.Doc();
		const card = new Y.Map<unknown>();
		a.getMap('cards').set('old', card);
		card.set('kind', 'goal');
		card.set('title', '旧目标');
		a.getMap('meta').set('title', '旧计划');
		const b = replica(a);
		migrateDoc(a);
		migrateDoc(b);
		expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
		expect(readCard(a, 'old')?.title).toBe('旧目标');
		expect(titleType(a, 'old')).toBeInstanceOf(Y.Text);
	});

	describe('with the clock', () => {
		afterEach(() => vi.useRealTimers());

		it('replicas migrating the same legacy state in different months write different items and converge', () => {
			const a = new Y.Doc();
			a.getMap('meta').set('title', '旧计划'); // no startMonth: migration 1 fills in the current month
			const b = replica(a);
			vi.useFakeTimers();
			vi.setSystemTime(new Date('2027-01-31T23:59:59Z'));
			migrateDoc(a);
			vi.setSystemTime(new Date('2027-02-01T00:00:01Z'));
			migrateDoc(b);
			vi.useRealTimers();
			expect(readMeta(a).startMonth).toBe('2027-01');
			expect(readMeta(b).startMonth).toBe('2027-02');
			sync(a, b);
			expect(readMeta(a)).toEqual(readMeta(b));
			expect(['2027-01', '2027-02']).toContain(readMeta(a).startMonth);
			expect(readMeta(a).title).toBe('旧计划');
		});
	});
});
