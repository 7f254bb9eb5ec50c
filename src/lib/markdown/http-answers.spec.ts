import { describe, expect, it } from 'vitest';
import { isMarkdownContentType, markdownExportAnswer, markdownImportAnswer } from './http-answers.ts';

const plan = { title: '上海 plan', currency: 'CNY', budget: 100, startMonth: '2027-01', horizonMonths: 1, cards: [] };

describe('markdown HTTP answers', () => {
	it('export: markdown with a UTF-8 download name and exact byte length', () => {
		const { body, headers } = markdownExportAnswer(plan);
		expect(body.startsWith('# 上海 plan\n')).toBe(true);
		expect(headers['content-type']).toBe('text/markdown; charset=utf-8');
		expect(headers['content-disposition']).toBe(
			`attachment; filename="__ plan.md"; filename*=UTF-8''%E4%B8%8A%E6%B5%B7%20plan.md`
		);
		expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
	});

	it('import: a plan, or a 400 body naming the first line', () => {
		expect(markdownImportAnswer(markdownExportAnswer(plan).body)).toMatchObject({ ok: true, plan });
		expect(markdownImportAnswer('# P\n\n## Team\n\n| Role | Start |\n| --- | --- |\n| Dev | someday |\n')).toEqual({
			ok: false,
			status: 400,
			body: {
				error: 'line 7: "someday" is not a month (write YYYY-MM, e.g. 2027-01)',
				errors: [{ line: 7, message: '"someday" is not a month (write YYYY-MM, e.g. 2027-01)' }]
			}
		});
	});

	it('accepts markdown and plain-text content types', () => {
		expect(isMarkdownContentType('text/markdown; charset=utf-8')).toBe(true);
		expect(isMarkdownContentType('text/plain')).toBe(true);
		expect(isMarkdownContentType(undefined)).toBe(true);
		expect(isMarkdownContentType('application/json')).toBe(false);
	});
});
