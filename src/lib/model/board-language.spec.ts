import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { applyPlanData, toPlanData } from './plan-data.ts';
import { readMeta, updateMeta } from './meta.ts';
import { validatePlan } from './validate.ts';
import type { PlanData } from './types.ts';
import { createOrigin } from './origin.ts';

const origin = createOrigin('user');

const base: PlanData = { title: '试点', currency: 'CNY', budget: 100_000, startMonth: '2027-01', horizonMonths: 12, cards: [] };

describe('board language', () => {
	test('a plan without one stays without one (existing boards read as before)', () => {
		const doc = new Y.Doc();
		applyPlanData(doc, base, origin);
		expect(toPlanData(doc)).not.toHaveProperty('language');
		expect(readMeta(doc).language).toBeUndefined();
	});

	test('a Chinese board keeps its language through PlanData and back', () => {
		const doc = new Y.Doc();
		applyPlanData(doc, { ...base, language: 'zh-CN' }, origin);
		expect(toPlanData(doc).language).toBe('zh-CN');
		const copy = new Y.Doc();
		applyPlanData(copy, toPlanData(doc), origin);
		expect(toPlanData(copy)).toEqual(toPlanData(doc));
	});

	test('only known languages are accepted', () => {
		const result = validatePlan({ ...base, language: 'fr' });
		expect(result.ok ? [] : result.errors).toEqual(['language: must be one of en, zh-CN']);
		const doc = new Y.Doc();
		applyPlanData(doc, base, origin);
		expect(() => updateMeta(doc, { language: 'xx' as 'en' }, origin)).toThrow(/language/);
		updateMeta(doc, { language: 'zh-CN' }, origin);
		expect(readMeta(doc).language).toBe('zh-CN');
	});
});
