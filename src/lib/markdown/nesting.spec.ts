import { describe, expect, it } from 'vitest';
import { findDeepNesting } from './nesting.ts';

describe('findDeepNesting', () => {
	it('accepts ordinary notes, quotes and lists', () => {
		expect(findDeepNesting('# 目标\n\n> 引用\n> > 嵌套\n\n- 一\n  - 二\n    - 三\n')).toBeNull();
	});

	it('finds a long run of block-quote markers at once', () => {
		expect(findDeepNesting('ok\n' + '>'.repeat(2_000_000))).toEqual({ line: 2, message: expect.stringMatching(/more than 32 levels/) });
	});

	it('finds deeply nested lists', () => {
		const nested = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i * 2)}- item ${i}`).join('\n');
		expect(findDeepNesting(nested)?.line).toBe(33);
		const markers = Array.from({ length: 40 }, () => '- ').join('') + 'x';
		expect(findDeepNesting(markers)?.line).toBe(1);
	});

	it('does not count indentation inside fenced code', () => {
		const code = '```\n' + ' '.repeat(200) + 'deep code\n```\n';
		expect(findDeepNesting(code)).toBeNull();
	});

	it('takes a limit', () => {
		expect(findDeepNesting('> > > x', 2)?.line).toBe(1);
		expect(findDeepNesting('> > x', 2)).toBeNull();
	});
});
