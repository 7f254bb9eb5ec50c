import { describe, expect, it } from 'vitest';
import type { PlanData } from '../model/types.ts';
import { planToMarkdown } from './export.ts';

/** A 10,000,000.00 CNY plan over 24 months (the product's classic case). */
const coffee: PlanData = {
	title: 'Shanghai coffee chain',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	cards: [
		{ id: 'r-barista', kind: 'role', title: '咖啡师 Barista', headcount: 8, monthlyCost: 1_200_000, startMonth: '2027-03', endMonth: '2028-06', x: 264, y: 72 },
		{ id: 'r-manager', kind: 'role', title: 'Store manager', level: 'Senior', headcount: 2, monthlyCost: 3_000_000, startMonth: '2027-01', x: 24, y: 72, notes: '# Hiring\n\nTwo **experienced** managers.' },
		{ id: 'g-store', kind: 'goal', title: 'Open the first store', x: 1000, y: 72, notes: 'People\'s Square first.' },
		{ id: 'm-fit', kind: 'milestone', title: 'Fit-out', goalId: 'g-store', order: 2, dueMonth: '2027-04', status: 'doing', x: 1000, y: 400, notes: 'Contractor: `Acme`' },
		{ id: 'm-lease', kind: 'milestone', title: 'Sign the lease', goalId: 'g-store', order: 1, dueMonth: '2027-02', status: 'done', x: 1000, y: 300 },
		{ id: 'm-loose', kind: 'milestone', title: 'Register the company', order: 1, status: 'todo', x: 1240, y: 300 },
		{ id: 'k-rent', kind: 'risk', title: 'Rent | rises', likelihood: 3, impact: 4, mitigation: 'Lock a *5-year* lease', x: 1000, y: 600, notes: 'Watch the market.' },
		{ id: 'o-tour', kind: 'opportunity', title: 'Tourism recovering 🚀', x: 1000, y: 800 },
		{ id: 's-rent', kind: 'spend', title: 'Rent', category: 'operations', amount: 8_000_000, recurrence: 'monthly', startMonth: '2027-01', x: 2000, y: 300 },
		{ id: 's-launch', kind: 'spend', title: 'Launch campaign', category: 'marketing', amount: 50_000_000, recurrence: 'once', startMonth: '2027-05', x: 2000, y: 72 }
	]
};

const md = planToMarkdown(coffee);
const lines = md.split('\n');

/** The lines from a heading up to (excluding) the next heading of the same or higher level. */
function section(heading: string): string[] {
	const start = lines.indexOf(heading);
	expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
	const level = /^#+/.exec(heading)![0].length;
	const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
	return lines.slice(start, end === -1 ? undefined : end);
}

describe('planToMarkdown', () => {
	it('starts with the title and the format comment, LF only, one trailing newline', () => {
		expect(lines[0]).toBe('# Shanghai coffee chain');
		expect(lines[2]).toMatch(/^<!-- Groundwork plan, markdown format 1\. .* -->$/);
		expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
		expect(md).not.toContain('\r');
	});

	it('headline figures: inputs, allocation, burn, runway and team size', () => {
		expect(section('## Headline figures')).toEqual([
			'## Headline figures',
			'',
			'| Figure | Value |',
			'| --- | --- |',
			'| Budget | 10,000,000.00 CNY |',
			'| Start month | 2027-01 |',
			'| Horizon | 24 months (2027-01 to 2028-12) |',
			'| Allocated | 5,396,000.00 CNY |',
			'| Remaining | 4,604,000.00 CNY |',
			'| Average monthly burn | 224,833.33 CNY |',
			'| Peak monthly burn | 736,000.00 CNY in 2027-05 |',
			'| Runway | Lasts the horizon (through 2028-12) |',
			'| Team size | 10 at peak (2027-03) |',
			''
		]);
	});

	it('an over-budget plan names the overrun, the month the money runs out and cards outside the horizon', () => {
		const over = planToMarkdown({
			...coffee,
			budget: 100_000_000,
			cards: [
				...coffee.cards,
				{ id: 's-late', kind: 'spend', title: 'Second store', category: 'product', amount: 1, recurrence: 'once', startMonth: '2031-01' }
			]
		});
		expect(over).toContain('| Remaining | -4,396,000.00 CNY |');
		expect(over).toContain('| Over budget by | 4,396,000.00 CNY |');
		expect(over).toContain('| Runway | Runs out in 2027-05 |');
		expect(over).toContain('| Outside the horizon (not counted) | Second store |');
	});

	it('team: a table in board order (top to bottom, left to right) with per-role totals, notes after it', () => {
		expect(section('## Team')).toEqual([
			'## Team',
			'',
			'| Role | Level | Headcount | Monthly cost per head | Start | End | Total cost |',
			'| --- | --- | ---: | ---: | --- | --- | ---: |',
			'| Store manager <!-- id=r-manager x=24 y=72 --> | Senior | 2 | 30,000.00 CNY | 2027-01 | | 1,440,000.00 CNY |',
			'| 咖啡师 Barista <!-- id=r-barista x=264 y=72 --> | | 8 | 12,000.00 CNY | 2027-03 | 2028-06 | 1,536,000.00 CNY |',
			'',
			'### Notes: Store manager <!-- id=r-manager -->',
			'',
			'> # Hiring',
			'>',
			'> Two **experienced** managers.',
			''
		]);
	});

	it('strategy: goals with their milestones as a checklist in order, then loose milestones, risks, opportunities', () => {
		expect(section('## Strategy')).toEqual([
			'## Strategy',
			'',
			'### Goal: Open the first store <!-- id=g-store x=1000 y=72 -->',
			'',
			"> People's Square first.",
			'',
			'- [x] Sign the lease (due 2027-02, done) <!-- id=m-lease x=1000 y=300 -->',
			'- [ ] Fit-out (due 2027-04, doing) <!-- id=m-fit x=1000 y=400 -->',
			'',
			'  > Contractor: `Acme`',
			'',
			'### Milestones without a goal',
			'',
			'- [ ] Register the company (todo) <!-- id=m-loose x=1240 y=300 -->',
			'',
			'### Risks',
			'',
			'| Risk | Likelihood | Impact | Mitigation |',
			'| --- | ---: | ---: | --- |',
			'| Rent \\| rises <!-- id=k-rent x=1000 y=600 --> | 3 | 4 | Lock a \\*5-year\\* lease |',
			'',
			'#### Notes: Rent \\| rises <!-- id=k-rent -->',
			'',
			'> Watch the market.',
			'',
			'### Opportunities',
			'',
			'- Tourism recovering 🚀 <!-- id=o-tour x=1000 y=800 -->',
			''
		]);
	});

	it('spending: lines with totals, then per-category totals and the month-by-month table', () => {
		const spending = section('## Spending');
		expect(spending.slice(0, 6)).toEqual([
			'## Spending',
			'',
			'| Item | Category | Recurrence | Amount | Start | End | Total |',
			'| --- | --- | --- | ---: | --- | --- | ---: |',
			'| Launch campaign <!-- id=s-launch x=2000 y=72 --> | marketing | once | 500,000.00 CNY | 2027-05 | | 500,000.00 CNY |',
			'| Rent <!-- id=s-rent x=2000 y=300 --> | operations | monthly | 80,000.00 CNY | 2027-01 | | 1,920,000.00 CNY |'
		]);
		expect(section('### By category')).toContain('| People (team) | 2,976,000.00 CNY |');
		expect(section('### By category')).toContain('| **Allocated** | **5,396,000.00 CNY** |');
		const months = section('### Month by month').filter((l) => /^\| \d{4}-\d{2} /.test(l));
		expect(months).toHaveLength(24);
		expect(months[4]).toBe('| 2027-05 | 736,000.00 CNY | 1,488,000.00 CNY | 8,512,000.00 CNY | 10 |');
		expect(months[23]).toBe('| 2028-12 | 140,000.00 CNY | 5,396,000.00 CNY | 4,604,000.00 CNY | 2 |');
	});

	it('empty zones get a placeholder', () => {
		const empty = planToMarkdown({ ...coffee, cards: [] });
		for (const text of ['_No roles yet._', '_No goals yet._', '_No risks yet._', '_No opportunities yet._', '_No spending lines yet._']) {
			expect(empty).toContain(`\n${text}\n`);
		}
	});

	it('money is exact in every currency, up to the largest safe integer', () => {
		const plan = (currency: string, budget: number) => planToMarkdown({ ...coffee, currency, budget, cards: [] });
		expect(plan('JPY', 1_000_000_000)).toContain('| Budget | 1,000,000,000 JPY |');
		expect(plan('KWD', 1_234_567)).toContain('| Budget | 1,234.567 KWD |');
		expect(plan('USD', Number.MAX_SAFE_INTEGER)).toContain('| Budget | 90,071,992,547,409.91 USD |');
	});

	it('escapes markdown in titles and cells', () => {
		const tricky = planToMarkdown({
			...coffee,
			title: '# Plan | *v2* `beta` <b> [x] & &amp; www.example.com',
			cards: [{ id: 'o1', kind: 'opportunity', title: '- 1. not a list\nsecond line' }]
		});
		expect(tricky.split('\n')[0]).toBe('# \\# Plan \\| \\*v2\\* \\`beta\\` \\<b> \\[x\\] & \\&amp; www\\.example.com');
		expect(tricky).toContain('- \\- 1. not a list<br>second line <!-- id=o1 -->');
	});

	it('is deterministic and does not depend on the order of the cards array', () => {
		expect(planToMarkdown(coffee)).toBe(md);
		expect(planToMarkdown({ ...coffee, cards: [...coffee.cards].reverse() })).toBe(md);
	});

	it('can leave positions out of the id comments', () => {
		const short = planToMarkdown(coffee, { positions: false });
		expect(short).toContain('| Store manager <!-- id=r-manager --> |');
		expect(short).not.toMatch(/ x=/);
	});
});
