import { describe, expect, it } from 'vitest';
import type { PlanData, PlanReviews } from '../model/types.ts';
import { reviewGroups } from '../review/groups.ts';
import { planToMarkdown } from './export.ts';
import { markdownToPlan } from './import.ts';

const BASE: PlanData = {
	title: '上海咖啡试点',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 12,
	cards: [{ id: 'r-gm', kind: 'role', title: '店长', headcount: 1, monthlyCost: 3_000_000, startMonth: '2027-01', x: 24, y: 96 }]
};

const REVIEWS: PlanReviews = {
	checkpoints: [
		{ id: 'cp1', name: '一月评审', createdAt: '2027-01-15T09:00:00.000Z', figures: { currency: 'CNY', budget: 1_000_000_000, allocated: 1_036_000_000, remaining: -36_000_000, peakMonthlyBurn: 93_000_000, runsOutIn: '2027-11' } },
		{ id: 'cp2', name: 'Review 2027-02-01', createdAt: '2027-02-01T09:00:00.000Z', figures: { currency: 'CNY', budget: 1_000_000_000, allocated: 36_000_000, remaining: 964_000_000, peakMonthlyBurn: 3_000_000, runsOutIn: null } }
	],
	items: [
		{ id: 'i1', kind: 'decision', text: '先开人民广场店', slide: 7, checkpointId: 'cp1', createdAt: '2027-01-15T09:10:00.000Z' },
		{ id: 'i2', kind: 'action', text: '谈下五年租约', owner: '王芳', dueMonth: '2027-02', checkpointId: 'cp1', createdAt: '2027-01-15T09:11:00.000Z' },
		{ id: 'i3', kind: 'action', text: '招聘 3 位咖啡师', owner: '李雷', createdAt: '2027-02-20T10:00:00.000Z' }
	]
};

const SECTION = `## Reviews

### 一月评审 <!-- checkpoint=cp1 at=2027-01-15T09:00:00.000Z -->

| Figure | Value |
| --- | --- |
| Saved | 2027-01-15 09:00 UTC |
| Budget | 10,000,000.00 CNY |
| Allocated | 10,360,000.00 CNY |
| Remaining | -360,000.00 CNY |
| Peak monthly burn | 930,000.00 CNY |
| Runway | Runs out in 2027-11 |

#### Decisions

- 先开人民广场店 <!-- item=i1 at=2027-01-15T09:10:00.000Z slide=7 -->

#### Action items

| Action | Owner | Due |
| --- | --- | --- |
| 谈下五年租约 <!-- item=i2 at=2027-01-15T09:11:00.000Z --> | 王芳 | 2027-02 |

### Review 2027-02-01 <!-- checkpoint=cp2 at=2027-02-01T09:00:00.000Z -->

| Figure | Value |
| --- | --- |
| Saved | 2027-02-01 09:00 UTC |
| Budget | 10,000,000.00 CNY |
| Allocated | 360,000.00 CNY |
| Remaining | 9,640,000.00 CNY |
| Peak monthly burn | 30,000.00 CNY |
| Runway | Lasts the horizon |

_No decisions or action items yet._

### Current review

#### Action items

| Action | Owner | Due |
| --- | --- | --- |
| 招聘 3 位咖啡师 <!-- item=i3 at=2027-02-20T10:00:00.000Z --> | 李雷 | |
`;

function importOk(md: string) {
	const result = markdownToPlan(md);
	if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
	return result;
}

describe('the Reviews section', () => {
	it('is written after Spending: each checkpoint with its date, figures, decisions and action items, then the current review', () => {
		const md = planToMarkdown({ ...BASE, reviews: REVIEWS });
		expect(md.endsWith(SECTION)).toBe(true);
		expect(md.indexOf('## Reviews')).toBeGreaterThan(md.indexOf('### Month by month'));
		expect(planToMarkdown(BASE)).not.toContain('## Reviews');
	});

	it('reads back exactly (Chinese text, negative remaining, empty reviews)', () => {
		const md = planToMarkdown({ ...BASE, reviews: REVIEWS });
		const { plan, warnings } = importOk(md);
		expect(warnings).toEqual([]);
		expect(plan.reviews).toEqual(REVIEWS);
		expect(planToMarkdown(plan)).toBe(md);
	});

	it('writes decisions with an owner or due month as a table, and reads it back', () => {
		const reviews: PlanReviews = {
			checkpoints: [],
			items: [{ id: 'd1', kind: 'decision', text: '暂停二期', owner: '总经理', dueMonth: '2027-06', createdAt: '2027-03-01T00:00:00.000Z' }]
		};
		const md = planToMarkdown({ ...BASE, reviews });
		expect(md).toContain('#### Decisions\n\n| Decision | Owner | Due |\n| --- | --- | --- |\n| 暂停二期 <!-- item=d1 at=2027-03-01T00:00:00.000Z --> | 总经理 | 2027-06 |');
		expect(importOk(md).plan.reviews).toEqual(reviews);
	});

	it('reads a hand-written section: no comments, synonyms, a Saved date; new ids and the review time for items', () => {
		const md = `# 试点

## Headline figures

- Budget: 1,000,000 CNY
- Start month: 2027-01
- Horizon: 12 months

## Reviews

### 二月评审

| Figure | Value |
| --- | --- |
| Saved | 2027-02-03 |
| Budget | 1,000,000.00 CNY |
| Allocated | 200,000 CNY |
| Remaining | 800,000 CNY |
| Peak monthly burn | 20,000 CNY |
| Runway | Lasts the horizon |

#### Decisions

- 先做外卖

#### Next steps

| Task | Who | Deadline |
| --- | --- | --- |
| 找供应商 | 小王 | 2027-03 |
`;
		const { plan, warnings } = importOk(md);
		expect(warnings.filter((w) => /review|Reviews/i.test(w))).toEqual([]);
		const [checkpoint] = plan.reviews!.checkpoints;
		expect(checkpoint).toMatchObject({ name: '二月评审', createdAt: '2027-02-03T00:00:00.000Z', figures: { currency: 'CNY', budget: 100_000_000, allocated: 20_000_000, remaining: 80_000_000, peakMonthlyBurn: 2_000_000, runsOutIn: null } });
		expect(checkpoint.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(plan.reviews!.items.map((i) => [i.kind, i.text, i.owner, i.dueMonth, i.checkpointId, i.createdAt])).toEqual([
			['decision', '先做外卖', undefined, undefined, checkpoint.id, '2027-02-03T00:00:00.000Z'],
			['action', '找供应商', '小王', '2027-03', checkpoint.id, '2027-02-03T00:00:00.001Z']
		]);
	});

	it('names the line of what it cannot read', () => {
		const md = planToMarkdown({ ...BASE, reviews: REVIEWS })
			.replace('| Runway | Runs out in 2027-11 |', '| Runway | soon |')
			.replace('| 王芳 | 2027-02 |', '| 王芳 | next month |')
			.replace('| Budget | 10,000,000.00 CNY |\n| Allocated | 360,000.00 CNY |', '| Allocated | 360,000.00 CNY |');
		const result = markdownToPlan(md);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const line = (text: string) => md.split('\n').findIndex((l) => l.includes(text)) + 1;
		expect(result.errors).toEqual([
			{ line: line('| Runway | soon |'), message: 'runway "soon" should read "Runs out in YYYY-MM" or "Lasts the horizon"' },
			{ line: line('next month'), message: 'due month "next month" of action "谈下五年租约" is not a month (YYYY-MM)' },
			{ line: line('### Review 2027-02-01'), message: 'checkpoint "Review 2027-02-01" has no "Budget" figure' }
		]);
	});
});

describe('reviewGroups', () => {
	it('one group per checkpoint (oldest first, also without items), then the current review when it has items', () => {
		const groups = reviewGroups(REVIEWS);
		expect(groups.map((g) => [g.checkpoint?.id ?? null, g.items.map((i) => i.id)])).toEqual([
			['cp1', ['i1', 'i2']],
			['cp2', []],
			[null, ['i3']]
		]);
		expect(reviewGroups({ checkpoints: [], items: [] })).toEqual([]);
		expect(reviewGroups(undefined)).toEqual([]);
	});
});
