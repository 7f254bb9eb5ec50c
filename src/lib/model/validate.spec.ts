import { describe, expect, it } from 'vitest';
import { validatePlan, MAX_CARDS, MAX_TITLE_LENGTH } from './index.ts';

const base = () => ({
	title: 'Plan',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	cards: [] as unknown[]
});

function errorsOf(input: unknown): string[] {
	const result = validatePlan(input);
	if (result.ok) throw new Error('expected errors');
	return result.errors;
}

describe('validatePlan', () => {
	it('accepts a valid plan, dropping unknown fields but keeping known ones', () => {
		const result = validatePlan({
			...base(),
			extra: true,
			cards: [
				{ id: 'g', kind: 'goal', title: 'G', color: 'red' },
				{ id: 'm', kind: 'milestone', title: 'M', goalId: 'g', order: 1.5, status: 'todo', notes: '' },
				{ id: 'r', kind: 'role', title: 'R', headcount: 0, monthlyCost: 0, startMonth: '2027-01', endMonth: '2027-01', x: -10.5, y: 3, notes: '*hi*' }
			]
		});
		expect(result).toEqual({
			ok: true,
			plan: {
				...base(),
				cards: [
					{ id: 'g', kind: 'goal', title: 'G' },
					{ id: 'm', kind: 'milestone', title: 'M', goalId: 'g', order: 1.5, status: 'todo' },
					{ id: 'r', kind: 'role', title: 'R', headcount: 0, monthlyCost: 0, startMonth: '2027-01', endMonth: '2027-01', x: -10.5, y: 3, notes: '*hi*' }
				]
			}
		});
	});

	it('names the path of every error', () => {
		const errors = errorsOf({
			...base(),
			cards: [
				{ id: 'a', kind: 'goal', title: 'ok' },
				{ id: 'b', kind: 'dragon', title: 'x' },
				{ id: 'c', kind: 'role', title: 'x', headcount: 1, monthlyCost: 1, startMonth: '2027-01' },
				{ id: 'd', kind: 'role', title: 'x', headcount: -2, monthlyCost: 10.5, startMonth: '2027-13' },
				{ id: 'a', kind: 'goal', title: 'dup' },
				{ id: 'f', kind: 'milestone', title: 'x', goalId: 'c', order: 1, status: 'todo' },
				{ id: 'g', kind: 'spend', title: 'x', category: 'fun', amount: '5', recurrence: 'weekly', startMonth: '2027-05', endMonth: '2027-04' },
				{ id: 'h', kind: 'risk', title: 'x', likelihood: 6, impact: 0 },
				'nope',
				{ id: 'bad id!', kind: 'opportunity', title: 7 },
				{ kind: 'milestone', title: 'x', order: 1 }
			]
		});
		expect(errors).toEqual([
			'cards[1].kind: must be one of role, goal, milestone, risk, opportunity, spend',
			'cards[3].headcount: must be a non-negative integer',
			'cards[3].monthlyCost: must be a non-negative integer (minor units)',
			'cards[3].startMonth: must be a month YYYY-MM',
			'cards[4].id: duplicate id "a" (also cards[0])',
			'cards[6].category: must be one of marketing, product, operations, infrastructure, legal, other',
			'cards[6].amount: must be a non-negative integer (minor units)',
			'cards[6].recurrence: must be one of once, monthly',
			'cards[6].endMonth: must not be before startMonth',
			'cards[7].likelihood: must be an integer 1..5',
			'cards[7].impact: must be an integer 1..5',
			'cards[8]: must be an object',
			'cards[9].id: must be 1-64 characters of A-Z a-z 0-9 _ -',
			'cards[9].title: must be a string',
			'cards[10].id: is required',
			'cards[10].status: is required',
			'cards[5].goalId: names no goal card ("c")'
		]);
	});

	it('checks plan-level fields', () => {
		expect(errorsOf({ ...base(), horizonMonths: 0 })).toEqual(['horizonMonths: must be an integer 1..120']);
		expect(errorsOf({ ...base(), horizonMonths: 121 })).toEqual(['horizonMonths: must be an integer 1..120']);
		expect(errorsOf({ ...base(), horizonMonths: 2.5 })).toEqual(['horizonMonths: must be an integer 1..120']);
		expect(errorsOf({ ...base(), budget: 1e6 + 0.5 })).toEqual(['budget: must be a non-negative integer (minor units)']);
		expect(errorsOf({ ...base(), budget: -1 })).toHaveLength(1);
		expect(errorsOf({ ...base(), currency: 'cny' })[0]).toMatch(/^currency: must be an ISO 4217 code/);
		expect(errorsOf({ ...base(), currency: 'CNYY' })).toHaveLength(1);
		expect(errorsOf({ ...base(), startMonth: '2027-1' })).toEqual(['startMonth: must be a month YYYY-MM']);
		expect(errorsOf({ ...base(), startMonth: '9999-06' })).toEqual(['horizonMonths: the horizon must end by 9999-12']);
		expect(errorsOf({ ...base(), title: 'x'.repeat(MAX_TITLE_LENGTH + 1) })).toEqual([`title: must be at most ${MAX_TITLE_LENGTH} characters`]);
		expect(errorsOf({ ...base(), cards: {} })).toEqual(['cards: must be an array']);
		expect(errorsOf({ title: 'x' })).toEqual([
			'currency: is required', 'budget: is required', 'startMonth: is required', 'horizonMonths: is required', 'cards: must be an array'
		]);
		expect(errorsOf(null)).toEqual(['plan: must be a JSON object']);
		expect(errorsOf([])).toEqual(['plan: must be a JSON object']);
	});

	it('caps sizes so the API cannot be abused', () => {
		const many = Array.from({ length: MAX_CARDS + 1 }, (_, i) => ({ id: `g${i}`, kind: 'goal', title: 'g' }));
		expect(errorsOf({ ...base(), cards: many })).toEqual([`cards: must hold at most ${MAX_CARDS} cards`]);
		const bad = Array.from({ length: 200 }, (_, i) => ({ id: `g${i}`, kind: 'goal', title: 1 }));
		const errors = errorsOf({ ...base(), cards: bad });
		expect(errors).toHaveLength(51);
		expect(errors[50]).toBe('… and 150 more errors');
		expect(errorsOf({ ...base(), cards: [{ id: 'g', kind: 'goal', title: 'g', notes: 'x'.repeat(100_001) }] })).toEqual([
			'cards[0].notes: must be at most 100000 characters'
		]);
		expect(errorsOf({ ...base(), cards: [{ id: 'g', kind: 'goal', title: 'g', x: 1e12 }] })[0]).toMatch(/^cards\[0\]\.x:/);
		expect(errorsOf({ ...base(), budget: 1e16 })[0]).toMatch(/^budget: must be at most/);
	});
});

describe('validatePlan money bounds', () => {
	it('rejects plans whose total cost could pass 2^53 − 1 minor units', () => {
		const plan = {
			title: 'Huge',
			currency: 'CNY',
			budget: 1000,
			startMonth: '2027-01',
			horizonMonths: 120,
			cards: [
				{ id: 'r1', kind: 'role', title: 'Army', headcount: 1_000_000, monthlyCost: 1_000_000_000, startMonth: '2027-01' }
			]
		};
		const result = validatePlan(plan);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatch(/^cards: costs could reach 120000000000000000 minor units/);
		plan.cards[0].headcount = 10;
		expect(validatePlan(plan).ok).toBe(true);
	});
});
