import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { syntheticPlan } from '../tests/bench/lib/plans.ts';
import { INLINE_MARKDOWN_CHARS, isSmallJob, runBuild } from './board-build.ts';
import { boardTitle } from './boards.ts';

describe('runBuild', () => {
	it('builds a plan into a board state', () => {
		const outcome = runBuild({ kind: 'plan', meta: { title: '杭州试点' } });
		expect(outcome.ok).toBe(true);
		const doc = new Y.Doc();
		if (outcome.ok) Y.applyUpdate(doc, outcome.state);
		expect(boardTitle(doc)).toBe('杭州试点');
	});

	it('imports markdown with its title and warnings', () => {
		const outcome = runBuild({ kind: 'markdown', text: '# 成都新店\n' });
		expect(outcome).toMatchObject({ ok: true, title: '成都新店', warnings: expect.arrayContaining([expect.stringMatching(/no "Budget" figure/)]) });
	});

	it('refuses deeply nested notes and markdown with 400 before parsing', () => {
		const plan = syntheticPlan(5, 'nested');
		plan.cards[0] = { ...plan.cards[0], notes: '>'.repeat(90_000) };
		expect(runBuild({ kind: 'plan', meta: {}, plan })).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/cards\[0\]\.notes: line 1: markdown nested/) });
		expect(runBuild({ kind: 'markdown', text: '# x\n\n' + '> '.repeat(100) })).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^line 3:/) });
	});

	it('answers markdown it cannot read with 400 and line numbers', () => {
		expect(runBuild({ kind: 'markdown', text: 'no title here' })).toMatchObject({ ok: false, status: 400 });
	});
});

describe('isSmallJob', () => {
	it('keeps small jobs inline and sends big or note-heavy ones to the worker', () => {
		expect(isSmallJob({ kind: 'plan', meta: {} })).toBe(true);
		expect(isSmallJob({ kind: 'plan', meta: {}, plan: syntheticPlan(1000, 'big') })).toBe(false);
		const plan = syntheticPlan(5, 'notes');
		plan.cards[0] = { ...plan.cards[0], notes: 'x'.repeat(5_000) };
		expect(isSmallJob({ kind: 'plan', meta: {}, plan })).toBe(false);
		expect(isSmallJob({ kind: 'markdown', text: 'x'.repeat(INLINE_MARKDOWN_CHARS) })).toBe(true);
		expect(isSmallJob({ kind: 'markdown', text: 'x'.repeat(INLINE_MARKDOWN_CHARS + 1) })).toBe(false);
	});
});
