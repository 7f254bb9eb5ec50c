/** The card schema at both doors: plans coming in (validatePlan) and cards read from the doc. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardsMap, metaMap } from './doc-keys.ts';
import { addCard, createOrigin, initBoard, readCard, readMeta, validatePlan } from './index.ts';

const origin = createOrigin('user', 'alice');

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: '深圳门店', startMonth: '2027-03' }, createOrigin('server'));
	return doc;
}

describe('reading cards through the schema', () => {
	it('reads a damaged required field as its default and drops a damaged optional one, keeping the rest', () => {
		const doc = board();
		const id = addCard(doc, 'role', { title: '产品经理', headcount: 2, monthlyCost: 4_500_000, endMonth: '2027-12', level: 'P7' }, origin);
		const map = cardsMap(doc).get(id)!;
		doc.transact(() => {
			map.set('headcount', 'two'); // required: reads as the default, 1
			map.set('endMonth', '2027-13'); // optional: reads as absent
			map.set('monthlyCost', -5); // required: reads as the default, 0
		});
		expect(readCard(doc, id)).toEqual({
			id,
			kind: 'role',
			title: '产品经理',
			headcount: 1,
			monthlyCost: 0,
			startMonth: '2027-03',
			level: 'P7',
			x: map.get('x'),
			y: map.get('y')
		});
	});

	it('keeps a card whose doc key is not a valid id (the key is the id, never rewritten)', () => {
		const doc = board();
		doc.transact(() => {
			const map = new Y.Map<unknown>();
			map.set('kind', 'goal');
			map.set('title', '覆盖十个城市');
			cardsMap(doc).set('bad id!', map);
		});
		expect(readCard(doc, 'bad id!')).toEqual({ id: 'bad id!', kind: 'goal', title: '覆盖十个城市' });
	});

	it('lists a read card id first, then kind and the fields in schema order', () => {
		const doc = board();
		const id = addCard(doc, 'spend', { title: '广告', amount: 100, x: 0, y: 0 }, origin);
		expect(Object.keys(readCard(doc, id)!)).toEqual(['id', 'kind', 'title', 'x', 'y', 'category', 'amount', 'recurrence', 'startMonth']);
	});

	it('reads damaged board settings as their defaults', () => {
		const doc = board();
		doc.transact(() => {
			metaMap(doc).set('horizonMonths', 500);
			metaMap(doc).set('currency', 'yuan');
		});
		expect(readMeta(doc)).toMatchObject({ title: '深圳门店', currency: 'CNY', horizonMonths: 24, startMonth: '2027-03' });
	});
});

describe('validatePlan and undefined', () => {
	const base = { title: '计划', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24 };

	it('takes a field given as undefined as absent, as JSON would', () => {
		const missing = validatePlan({ ...base, cards: [{ id: 'r', kind: 'role', title: 'R', headcount: undefined, monthlyCost: 0, startMonth: '2027-01' }] });
		expect(missing).toEqual({ ok: false, errors: ['cards[0].headcount: is required'] });
		const result = validatePlan({ ...base, title: undefined, cards: [] });
		expect(result).toEqual({ ok: false, errors: ['title: is required'] });
		const optional = validatePlan({ ...base, cards: [{ id: 'r', kind: 'role', title: 'R', headcount: 1, monthlyCost: 0, startMonth: '2027-01', endMonth: undefined }] });
		expect(optional.ok && Object.keys(optional.plan.cards[0])).toEqual(['kind', 'id', 'title', 'headcount', 'monthlyCost', 'startMonth']);
	});
});
