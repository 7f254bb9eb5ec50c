import { describe, expect, it } from 'vitest';
import { findCards, findReviewItems, queryMinor } from './find.ts';
import type { Card, ReviewItem } from '$lib/model/types.ts';

const cards: Card[] = [
	{ id: 'r1', kind: 'role', title: '产品经理', headcount: 2, monthlyCost: 3_000_000, startMonth: '2027-01', level: 'P7' },
	{ id: 's1', kind: 'spend', title: '抖音投放', category: 'marketing', amount: 12_000_000, recurrence: 'monthly', startMonth: '2027-01' },
	{ id: 'k1', kind: 'risk', title: '租金上涨', likelihood: 3, impact: 4, mitigation: '签三年长约' },
	{ id: 'g1', kind: 'goal', title: '覆盖十个城市' },
	{ id: 'o1', kind: 'opportunity', title: 'Partner channel' }
];
const notes: Record<string, string> = { g1: '第一站是深圳，然后广州和杭州', o1: '' };
const notesOf = (id: string) => notes[id] ?? '';

describe('findCards', () => {
	it('finds by title first, then by notes, with an excerpt', () => {
		expect(findCards(cards, '产品', notesOf).map((r) => r.card.id)).toEqual(['r1']);
		const [hit] = findCards(cards, '广州', notesOf);
		expect(hit).toMatchObject({ field: 'notes', card: { id: 'g1' } });
		expect(hit.excerpt).toContain('广州');
		expect(findCards(cards, 'PARTNER', notesOf)[0].card.id).toBe('o1');
	});
	it('finds by level, mitigation and category', () => {
		expect(findCards(cards, 'p7', notesOf).map((r) => r.card.id)).toEqual(['r1']);
		expect(findCards(cards, '长约', notesOf)[0]).toMatchObject({ field: 'details', card: { id: 'k1' } });
		expect(findCards(cards, 'marketing', notesOf).map((r) => r.card.id)).toEqual(['s1']);
	});
	it('finds by amount in major units, with separators, signs and 万', () => {
		expect(findCards(cards, '120000', notesOf).map((r) => r.card.id)).toEqual(['s1']);
		expect(findCards(cards, '¥120,000', notesOf).map((r) => r.card.id)).toEqual(['s1']);
		expect(findCards(cards, '12万', notesOf).map((r) => r.card.id)).toEqual(['s1']);
		expect(findCards(cards, '60000', notesOf).map((r) => r.card.id)).toEqual(['r1']); // 2 × 30,000 a month
	});
	it('reads an amount the way money fields do, and finds the totals the cards show', () => {
		const money = { currency: 'CNY', costOf: (id: string) => (id === 's1' ? 288_000_000 : id === 'r1' ? 144_000_000 : 0) };
		for (const q of ['１２万', '0.12M', '12万/月', '¥12万元', '120,000.00'])
			expect(findCards(cards, q, notesOf, money).map((r) => r.card.id), q).toEqual(['s1']);
		// the cost over the plan, shown at the bottom of a card
		expect(findCards(cards, '288万', notesOf, money)[0]).toMatchObject({ field: 'amount', amount: 288_000_000, card: { id: 's1' } });
		expect(findCards(cards, '144万', notesOf, money).map((r) => r.card.id)).toEqual(['r1']);
		// the result says which amount matched: 2 × 30,000 a month
		expect(findCards(cards, '6万', notesOf, money)[0]).toMatchObject({ field: 'amount', amount: 6_000_000 });
		// a currency without minor units
		const yen: Card[] = [{ id: 'y', kind: 'spend', title: '広告', category: 'marketing', amount: 45_000, recurrence: 'once', startMonth: '2027-01' }];
		expect(findCards(yen, '4.5万', notesOf, { currency: 'JPY' }).map((r) => r.card.id)).toEqual(['y']);
	});
	it('needs every word and finds nothing for blank queries', () => {
		expect(findCards(cards, '深圳 杭州', notesOf).map((r) => r.card.id)).toEqual(['g1']);
		expect(findCards(cards, '深圳 北京', notesOf)).toEqual([]);
		expect(findCards(cards, '   ', notesOf)).toEqual([]);
	});
	it('reads amounts', () => {
		expect(queryMinor('3万')).toBe(3_000_000);
		expect(queryMinor('1.5k')).toBe(150_000);
		expect(queryMinor('5万/月')).toBe(5_000_000);
		expect(queryMinor('3万', 'JPY')).toBe(30_000);
		expect(queryMinor('abc')).toBeNull();
	});
});

describe('findReviewItems', () => {
	const at = '2027-03-01T09:00:00.000Z';
	const items: ReviewItem[] = [
		{ id: 'd1', kind: 'decision', text: '先开深圳店，再开广州店', createdAt: at },
		{ id: 'a1', kind: 'action', text: '联系房东谈租金', owner: '王芳', dueMonth: '2027-04', createdAt: at },
		{ id: 'a2', kind: 'action', text: '招聘店长', owner: 'Li Wei', createdAt: at },
		{ id: 'a3', kind: 'action', text: '把王芳的报价发给财务', owner: '张伟', createdAt: at }
	];

	it('finds items by owner, owner matches first', () => {
		expect(findReviewItems(items, '王芳').map((r) => [r.item.id, r.field])).toEqual([
			['a1', 'owner'],
			['a3', 'text']
		]);
		expect(findReviewItems(items, 'li wei').map((r) => r.item.id)).toEqual(['a2']);
		expect(findReviewItems(items, 'WEI').map((r) => r.item.id)).toEqual(['a2']);
	});

	it('finds items by text; every word must match in the text or the owner', () => {
		expect(findReviewItems(items, '深圳').map((r) => [r.item.id, r.field])).toEqual([['d1', 'text']]);
		expect(findReviewItems(items, '店长 li').map((r) => r.item.id)).toEqual(['a2']);
		expect(findReviewItems(items, '店长 王芳')).toEqual([]);
		expect(findReviewItems(items, '  ')).toEqual([]);
	});
});
