import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { addCard, createOrigin, initBoard, updateCard, updateMeta } from '$lib/model/index.ts';
import { m } from '$lib/paraglide/messages.js';
import { modelErrorText, modelFailureText } from './model-error-text.ts';

/** What `write` threw (it must throw). */
function thrown(write: () => void): unknown {
	try {
		write();
	} catch (error) {
		return error;
	}
	throw new Error('did not throw');
}

describe('model refusals in the UI language', () => {
	test('the model’s own refusals are recognised (not the catch-all)', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: '深圳', startMonth: '2027-01' }, createOrigin('server'));
		const user = createOrigin('user', 'alice');
		const id = addCard(doc, 'role', { title: '店长', headcount: 1, monthlyCost: 2_000_000, startMonth: '2027-03' }, user);
		const refusals = [
			thrown(() => updateCard(doc, id, { endMonth: '2027-01' }, user)),
			thrown(() => updateCard(doc, id, { title: '长'.repeat(5000) }, user)),
			thrown(() => updateCard(doc, id, { monthlyCost: Number.MAX_SAFE_INTEGER }, user)),
			thrown(() => updateMeta(doc, { currency: 'YUAN' }, user))
		];
		for (const error of refusals) {
			const text = modelFailureText(error, 'CNY');
			expect(text, String(error)).not.toBe(m.me_other());
			expect(text, String(error)).not.toMatch(/: (must|is) /);
		}
		expect(modelFailureText(refusals[0])).toBe(m.me_end_before_start());
	});

	test('in Chinese, with the field named and money as the board shows it', () => {
		const before = getLocale;
		overwriteGetLocale(() => 'zh-CN');
		try {
			expect(modelErrorText('endMonth: must not be before startMonth')).toBe('结束月份不能早于开始月份');
			expect(modelErrorText('title: must be at most 200 characters')).toBe('标题：最多 200 个字符');
			expect(modelErrorText('horizonMonths: must be at most 30 here: the plan’s costs …')).toContain('30 个月');
			expect(modelErrorText('something odd happened')).toBe('此值无法保存');
		} finally {
			overwriteGetLocale(before);
		}
	});
});
