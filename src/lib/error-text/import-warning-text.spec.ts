import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { markdownToPlan } from '$lib/markdown/import.ts';
import { m } from '$lib/paraglide/messages.js';
import { importProblemText, importWarningText } from './import-warning-text.ts';

/** The real importer's warnings for `markdown` (it must read). */
function warningsOf(markdown: string): string[] {
	const read = markdownToPlan(markdown);
	if (!read.ok) throw new Error(`did not read: ${JSON.stringify(read)}`);
	return read.warnings;
}

describe('import warnings in Chinese', () => {
	const before = getLocale;
	beforeAll(() => overwriteGetLocale(() => 'zh-CN'));
	afterAll(() => overwriteGetLocale(before));

	test('every warning of a sloppy plan is recognised, with its line and the user’s words kept', () => {
		const warnings = warningsOf(['前言一段', '', '## 杂项', '', '随便写写', '', '## Team', '', '| Role |', '|---|', '| 店长 |', ''].join('\n'));
		expect(warnings.length).toBeGreaterThanOrEqual(4);
		const texts = warnings.map(importWarningText);
		for (const [i, read] of texts.entries()) {
			expect(read.text, warnings[i]).not.toBe(m.iw_other());
			expect(read.line, warnings[i]).toBeTypeOf('number');
		}
		expect(texts.map((t) => t.text).join('\n')).toContain('杂项');
		for (const read of texts) expect(read.text).toMatch(/[\u4e00-\u9fff]/);
	});

	test('a warning of an unknown kind becomes a plain "not understood" line, not the English text', () => {
		expect(importWarningText('line 9: something new the importer says')).toEqual({ line: 9, text: m.iw_other() });
	});

	test('a document that cannot be read names its problem in words of its own', () => {
		const read = markdownToPlan('随便写点\n');
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.errors.map((e) => importProblemText(e.message))).toEqual([m.ip_nothing()]);
		expect(importProblemText('something new')).toBe(m.ip_other());
	});

	test('a value the importer could not read keeps the user’s text', () => {
		expect(importProblemText('"someday" is not a month (write YYYY-MM, e.g. 2027-01)')).toBe('“someday”不是月份（请写成 YYYY-MM，例如 2027-01）');
	});
});

describe('import warnings in English', () => {
	test('the importer’s own sentence is shown as it is', () => {
		expect(importWarningText('line 3: text before the first section is ignored')).toEqual({ line: 3, text: 'text before the first section is ignored' });
		expect(importProblemText('"someday" is not a month')).toBe('"someday" is not a month');
	});
});
