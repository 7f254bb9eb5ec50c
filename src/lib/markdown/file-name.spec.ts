import { describe, expect, it } from 'vitest';
import { contentDisposition, exportFileName, fileNameFromContentDisposition } from './file-name.ts';

describe('export file names', () => {
	it('keeps readable titles, including CJK and emoji', () => {
		expect(exportFileName('Shanghai coffee chain')).toBe('Shanghai coffee chain.md');
		expect(exportFileName('上海咖啡 🚀')).toBe('上海咖啡 🚀.md');
	});

	it('removes path separators, reserved characters, control characters and edge dots', () => {
		expect(exportFileName('../etc/passwd')).toBe('etc passwd.md');
		expect(exportFileName('a:b*c?"d"<e>|f\\g\n\th')).toBe('a b c d e f g h.md');
		expect(exportFileName('  ...  ')).toBe('plan.md');
		expect(exportFileName('CON')).toBe('CON plan.md');
	});

	it('cuts long titles at a whole grapheme', () => {
		const name = exportFileName('👩‍💻'.repeat(200));
		expect(name).toBe(`${'👩‍💻'.repeat(120)}.md`);
	});

	it('builds Content-Disposition with an RFC 5987 filename* for non-ASCII names', () => {
		expect(contentDisposition('plan.md')).toBe('attachment; filename="plan.md"');
		expect(contentDisposition("上海 (v2)'s.md")).toBe(
			`attachment; filename="__ (v2)'s.md"; filename*=UTF-8''%E4%B8%8A%E6%B5%B7%20%28v2%29%27s.md`
		);
	});

	it('reads the name back from the header, preferring filename*', () => {
		const name = '上海 (v2)\'s.md';
		expect(fileNameFromContentDisposition(contentDisposition(name))).toBe(name);
		expect(fileNameFromContentDisposition('attachment; filename="plan.md"')).toBe('plan.md');
		expect(fileNameFromContentDisposition('attachment; filename="../../x.md"')).toBe('x.md');
		expect(fileNameFromContentDisposition(null)).toBe('plan.md');
	});
});
