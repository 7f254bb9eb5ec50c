import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	cardNotes,
	createOrigin,
	deleteCard,
	initBoard,
	listCardIds,
	migrateDoc,
	moveCard,
	newId,
	observePlan,
	readCard,
	readMeta,
	SCHEMA_VERSION,
	setCardNotes,
	updateCard,
	updateMeta,
	type PlanChange
} from './index.ts';
import { GRID_COLUMNS, slotPosition } from './layout.ts';
import { fragmentToMarkdown } from '../rich-text/convert.ts';

const user = createOrigin('user', 'alice');

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Shenzhen', startMonth: '2027-01' }, createOrigin('server'));
	return doc;
}

/** Count transactions and record their origins. */
function watch(doc: Y.Doc): unknown[] {
	const origins: unknown[] = [];
	doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
	return origins;
}

describe('board meta', () => {
	it('initialises defaults and schemaVersion', () => {
		const doc = board();
		expect(readMeta(doc)).toEqual({
			title: 'Shenzhen',
			currency: 'CNY',
			budget: 1_000_000_000,
			startMonth: '2027-01',
			horizonMonths: 24
		});
		expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
	});

	it('validates updates and writes in one transaction', () => {
		const doc = board();
		const origins = watch(doc);
		updateMeta(doc, { budget: 5_000_00, currency: 'USD', horizonMonths: 36 }, user);
		expect(origins).toEqual([user]);
		expect(readMeta(doc)).toMatchObject({ budget: 500_000, currency: 'USD', horizonMonths: 36 });
		expect(() => updateMeta(doc, { horizonMonths: 121 }, user)).toThrow(/horizonMonths: must be an integer 1..120/);
		expect(() => updateMeta(doc, { currency: 'usd' }, user)).toThrow(/currency/);
		expect(() => updateMeta(doc, { budget: 1.5 }, user)).toThrow(/budget: must be a non-negative integer/);
		expect(() => updateMeta(doc, { nope: 1 } as never, user)).toThrow(/nope/);
		expect(origins).toHaveLength(1);
	});
});

describe('migrations', () => {
	it('leaves an empty (unsynced) doc alone and is idempotent', () => {
		const empty = new Y.Doc();
		const origins = watch(empty);
		expect(migrateDoc(empty)).toEqual({ from: 0, to: 0 });
		expect(origins).toHaveLength(0);

		const doc = board();
		const o2 = watch(doc);
		expect(migrateDoc(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
		expect(o2).toHaveLength(0);
	});

	it('migrates a legacy doc without schemaVersion (fills meta, gives cards a notes fragment)', () => {
		const doc = new Y.Doc();
		const card = new Y.Map<unknown>();
		doc.getMap('cards').set('old', card);
		card.set('kind', 'goal');
		card.set('title', 'Legacy goal');
		doc.getMap('meta').set('title', 'Legacy');
		const result = migrateDoc(doc);
		expect(result).toEqual({ from: 0, to: SCHEMA_VERSION });
		expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
		expect(readMeta(doc).title).toBe('Legacy');
		expect(doc.getMap('meta').get('currency')).toBe('CNY');
		expect(cardNotes(doc, 'old')).toBeInstanceOf(Y.XmlFragment);
		expect(migrateDoc(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
	});

	it('does not touch a doc from a newer schema', () => {
		const doc = board();
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		expect(migrateDoc(doc)).toEqual({ from: SCHEMA_VERSION + 1, to: SCHEMA_VERSION + 1 });
	});
});

describe('cards', () => {
	it('adds cards with per-kind defaults, laid out in their zone grid', () => {
		const doc = board();
		const origins = watch(doc);
		const role = addCard(doc, 'role', undefined, user);
		expect(readCard(doc, role)).toMatchObject({
			id: role, kind: 'role', title: 'New role', headcount: 1, monthlyCost: 0, startMonth: '2027-01'
		});
		const goal = addCard(doc, 'goal', { title: 'Win Shenzhen' }, user);
		const m1 = addCard(doc, 'milestone', { goalId: goal }, user);
		const m2 = addCard(doc, 'milestone', { goalId: goal }, user);
		const loose = addCard(doc, 'milestone', undefined, user);
		expect(readCard(doc, m1)).toMatchObject({ order: 1, status: 'todo', goalId: goal, title: 'New milestone' });
		expect(readCard(doc, m2)).toMatchObject({ order: 2 });
		expect(readCard(doc, loose)).toMatchObject({ order: 1 });
		expect(readCard(doc, loose)).not.toHaveProperty('goalId');
		const risk = addCard(doc, 'risk', undefined, user);
		expect(readCard(doc, risk)).toMatchObject({ likelihood: 3, impact: 3 });
		const spend = addCard(doc, 'spend', { amount: 500 }, user);
		expect(readCard(doc, spend)).toMatchObject({ category: 'other', amount: 500, recurrence: 'once', startMonth: '2027-01' });
		expect(fragmentToMarkdown(cardNotes(doc, spend)!)).toBe('');
		expect(setCardNotes(doc, spend, '**launch** plan', user)).toBe(true);
		expect(fragmentToMarkdown(cardNotes(doc, spend)!)).toBe('**launch** plan');
		expect(readCard(doc, spend)).not.toHaveProperty('notes');
		// notes are rich text, not a typed field
		expect(() => addCard(doc, 'spend', { notes: 'x' } as never, user)).toThrow(/notes/);
		expect(setCardNotes(doc, 'gone', 'x', user)).toBe(false);
		expect(() => setCardNotes(doc, spend, 'x'.repeat(1_000_000), user)).toThrow(/notes/);
		expect(origins).toHaveLength(8); // one transaction per write
		expect(origins.every((o) => o === user)).toBe(true);
		expect(listCardIds(doc)).toEqual([role, goal, m1, m2, loose, risk, spend].sort());

		// layout: strategy cards fill the GRID_COLUMNS-wide grid left to right, then wrap
		const strategy = [goal, m1, m2, loose, risk];
		const pos = strategy.map((id) => readCard(doc, id)!);
		expect(pos.map((c) => ({ x: c.x, y: c.y }))).toEqual(
			strategy.map((_, i) => slotPosition('strategy', i % GRID_COLUMNS, Math.floor(i / GRID_COLUMNS)))
		);
		expect(new Set(pos.map((c) => `${c.x},${c.y}`)).size).toBe(5);
		const firstRow = Math.min(GRID_COLUMNS, pos.length);
		expect(pos.slice(0, firstRow).every((c) => c.y === pos[0].y)).toBe(true);
		for (let i = 1; i < firstRow; i++) expect(pos[i].x).toBeGreaterThan(pos[i - 1].x!);
		if (GRID_COLUMNS < pos.length) {
			expect(pos[GRID_COLUMNS].x).toBe(pos[0].x); // wraps to the first column of the next row
			expect(pos[GRID_COLUMNS].y).toBeGreaterThan(pos[0].y!);
		}
		expect(readCard(doc, role)).toMatchObject(slotPosition('team', 0, 0));
		expect(readCard(doc, spend)).toMatchObject(slotPosition('spending', 0, 0));
		expect(readCard(doc, role)!.x).toBeLessThan(Math.min(...pos.map((c) => c.x!)));
		expect(readCard(doc, spend)!.x).toBeGreaterThan(Math.max(...pos.map((c) => c.x!)));
	});

	it('keeps given ids and positions, rejects bad input before writing', () => {
		const doc = board();
		const id = addCard(doc, 'opportunity', { id: 'opp-1', x: 5000, y: 7 } as never, user);
		expect(id).toBe('opp-1');
		expect(readCard(doc, id)).toMatchObject({ x: 5000, y: 7 });
		const origins = watch(doc);
		expect(() => addCard(doc, 'opportunity', { id: 'opp-1' } as never, user)).toThrow(/taken/);
		expect(() => addCard(doc, 'role', { headcount: -1 } as never, user)).toThrow(/headcount: must be a non-negative integer/);
		expect(() => addCard(doc, 'role', { wings: 2 } as never, user)).toThrow(/wings/);
		expect(() => addCard(doc, 'milestone', { goalId: 'nope' } as never, user)).toThrow(/goalId: names no goal/);
		expect(() => addCard(doc, 'dragon' as never, undefined, user)).toThrow(/kind/);
		expect(() => addCard(doc, 'role', { startMonth: '2027-05', endMonth: '2027-04' } as never, user)).toThrow(/endMonth/);
		expect(origins).toHaveLength(0);
	});

	it('updates typed fields only, removes optional ones with undefined', () => {
		const doc = board();
		const id = addCard(doc, 'role', { endMonth: '2027-12', level: 'senior' } as never, user);
		const origins = watch(doc);
		expect(updateCard(doc, id, { headcount: 3, monthlyCost: 4_500_000, level: undefined }, user)).toBe(true);
		const card = readCard(doc, id)!;
		expect(card).toMatchObject({ headcount: 3, monthlyCost: 4_500_000, endMonth: '2027-12' });
		expect(card).not.toHaveProperty('level');
		expect(origins).toEqual([user]);
		expect(() => updateCard(doc, id, { headcount: 1.5 }, user)).toThrow(/headcount/);
		expect(() => updateCard(doc, id, { monthlyCost: '100' }, user)).toThrow(/monthlyCost/);
		expect(() => updateCard(doc, id, { amount: 1 }, user)).toThrow(/amount: a role card has no such field/);
		expect(() => updateCard(doc, id, { startMonth: undefined }, user)).toThrow(/required/);
		expect(() => updateCard(doc, id, { kind: 'spend' }, user)).toThrow(/kind/);
		expect(() => updateCard(doc, id, { endMonth: '2026-01' }, user)).toThrow(/endMonth: must not be before startMonth/);
		expect(origins).toHaveLength(1);
		// moving the start past the end shifts the end, keeping the duration (11 months)
		updateCard(doc, id, { startMonth: '2028-03' }, user);
		expect(readCard(doc, id)).toMatchObject({ startMonth: '2028-03', endMonth: '2029-02' });
		// notes as markdown
		expect(() => updateCard(doc, id, { notes: '# Hiring' }, user)).toThrow(/setCardNotes/);
		setCardNotes(doc, id, '# Hiring\n\n- one', user);
		expect(fragmentToMarkdown(cardNotes(doc, id)!)).toBe('# Hiring\n\n- one');
		expect(updateCard(doc, 'gone', { title: 'x' }, user)).toBe(false);
	});

	it('moves and deletes; deleting a goal keeps its milestones without goalId', () => {
		const doc = board();
		const goal = addCard(doc, 'goal', undefined, user);
		const m = addCard(doc, 'milestone', { goalId: goal }, user);
		expect(moveCard(doc, m, 100.4, 250.6, user)).toBe(true);
		expect(readCard(doc, m)).toMatchObject({ x: 100, y: 251 });
		expect(() => moveCard(doc, m, Number.NaN, 0, user)).toThrow(RangeError);
		const origins = watch(doc);
		expect(deleteCard(doc, goal, user)).toBe(true);
		expect(origins).toEqual([user]);
		expect(readCard(doc, goal)).toBeUndefined();
		expect(readCard(doc, m)).not.toHaveProperty('goalId');
		expect(deleteCard(doc, goal, user)).toBe(false);
	});

	it('undo tracks one origin only', () => {
		const doc = board();
		const mine = createOrigin('user');
		const theirs = createOrigin('user');
		const undo = new Y.UndoManager([doc.getMap('cards'), doc.getMap('meta')], { trackedOrigins: new Set([mine]) });
		const a = addCard(doc, 'goal', { title: 'mine' }, mine);
		const b = addCard(doc, 'goal', { title: 'theirs' }, theirs);
		undo.undo();
		expect(readCard(doc, a)).toBeUndefined();
		expect(readCard(doc, b)).toBeDefined();
	});

	it('generates url-safe ids with 96 random bits', () => {
		const ids = new Set(Array.from({ length: 1000 }, newId));
		expect(ids.size).toBe(1000);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
	});
});

describe('observePlan', () => {
	it('reports changed card ids and meta once per transaction, with the origin', () => {
		const doc = board();
		const a = addCard(doc, 'goal', undefined, user);
		const b = addCard(doc, 'risk', undefined, user);
		const seen: [PlanChange, unknown][] = [];
		const stop = observePlan(doc, (change, origin) => seen.push([change, origin]));
		updateCard(doc, a, { title: 'Renamed' }, user);
		setCardNotes(doc, b, 'hello *world*', user);
		updateMeta(doc, { title: 'New' }, user);
		const c = addCard(doc, 'goal', undefined, user);
		deleteCard(doc, a, user);
		expect(seen.map(([ch]) => [ch.meta, [...ch.cards].sort()])).toEqual([
			[false, [a]],
			[false, [b]],
			[true, []],
			[false, [c]],
			[false, [a]]
		]);
		expect(seen.every(([, o]) => o === user)).toBe(true);
		// a remote update arrives with the provider's origin
		const remote = new Y.Doc();
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
		updateCard(remote, b, { impact: 5 }, user);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'provider');
		expect(seen.at(-1)).toEqual([{ meta: false, cards: new Set([b]) }, 'provider']);
		stop();
		updateCard(doc, b, { impact: 1 }, user);
		expect(seen).toHaveLength(6);
	});
});
