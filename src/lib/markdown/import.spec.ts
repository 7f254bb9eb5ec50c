import { describe, expect, it } from 'vitest';
import type { Card, PlanData } from '../model/types.ts';
import { planToMarkdown } from './export.ts';
import { markdownToPlan, type MarkdownImportResult } from './import.ts';

function ok(result: MarkdownImportResult): { plan: PlanData; warnings: string[] } {
	if (!result.ok) throw new Error(`expected success: ${JSON.stringify(result.errors)}`);
	return result;
}

function errors(result: MarkdownImportResult): { line: number; message: string }[] {
	if (result.ok) throw new Error('expected errors, got a plan');
	return result.errors;
}

function cardsOf<K extends Card['kind']>(plan: PlanData, kind: K): Extract<Card, { kind: K }>[] {
	return plan.cards.filter((c): c is Extract<Card, { kind: K }> => c.kind === kind);
}

/** A plan as a person might type it: odd spacing, other column orders and names, extras. */
const human = `# Coffee in Chengdu


Some intro text the team wrote.

## Summary

- **Budget:** 2,500,000 USD
- Start: 2027-03
- Horizon: 18 months

## Team


| Start | Role | Monthly cost | Headcount | Notes |
|-------|------|-------------:|----------:|-------|
| 2027-03 | **Head** of ops | 12,000 | 1 | Runs the place |
| Apr 2027 | Barista | 3,500.50 USD |  | |


### Barista

Must speak *Sichuanese*.

## Strategy

### Goals

#### Open flagship

1. [x] Find location — due 2027-04
2. [ ] Fit-out (in progress)
3. [ ] Launch party

#### Delivery app

- [ ] Partner with Meituan

### Risks

| Risk | Impact | Likelihood |
|---|---|---|
| Rent spikes | high | 2 |

### Competitors

- Starbucks everywhere

## Spending

| Item | Amount | Category | Start | End |
|---|---|---|---|---|
| Fit-out | 300,000 | product | 2027-04 | |
| Ads | 20,000 | ads | 2027-05 | 2027-12 |

## Appendix

Whatever.
`;

describe('markdownToPlan: markdown written by a person', () => {
	const { plan, warnings } = ok(markdownToPlan(human));

	it('reads the title and the figures from a list, with the currency taken from the budget', () => {
		expect(plan).toMatchObject({
			title: 'Coffee in Chengdu',
			currency: 'USD',
			budget: 250_000_000,
			startMonth: '2027-03',
			horizonMonths: 18
		});
	});

	it('reads a team table with columns in another order, a missing column and a Notes column', () => {
		expect(cardsOf(plan, 'role').map(({ id: _id, ...r }) => r)).toEqual([
			{ kind: 'role', title: 'Head of ops', headcount: 1, monthlyCost: 1_200_000, startMonth: '2027-03', notes: 'Runs the place' },
			{ kind: 'role', title: 'Barista', headcount: 1, monthlyCost: 350_050, startMonth: '2027-04', notes: 'Must speak *Sichuanese*.' }
		]);
	});

	it('reads goals under a Goals heading, numbered or task lists, due months and statuses', () => {
		const goals = cardsOf(plan, 'goal');
		expect(goals.map((g) => g.title)).toEqual(['Open flagship', 'Delivery app']);
		const steps = cardsOf(plan, 'milestone').map(({ id: _id, ...m }) => m);
		expect(steps).toEqual([
			{ kind: 'milestone', title: 'Find location', goalId: goals[0].id, order: 1, dueMonth: '2027-04', status: 'done' },
			{ kind: 'milestone', title: 'Fit-out', goalId: goals[0].id, order: 2, status: 'doing' },
			{ kind: 'milestone', title: 'Launch party', goalId: goals[0].id, order: 3, status: 'todo' },
			{ kind: 'milestone', title: 'Partner with Meituan', goalId: goals[1].id, order: 1, status: 'todo' }
		]);
	});

	it('reads risk scores given as words, and "Competitors" as opportunities', () => {
		expect(cardsOf(plan, 'risk').map(({ id: _id, ...r }) => r)).toEqual([
			{ kind: 'risk', title: 'Rent spikes', likelihood: 2, impact: 4 }
		]);
		expect(cardsOf(plan, 'opportunity').map((o) => o.title)).toEqual(['Starbucks everywhere']);
	});

	it('reads spending lines, inferring the recurrence from the end month and mapping category synonyms', () => {
		expect(cardsOf(plan, 'spend').map(({ id: _id, ...s }) => s)).toEqual([
			{ kind: 'spend', title: 'Fit-out', category: 'product', amount: 30_000_000, recurrence: 'once', startMonth: '2027-04' },
			{ kind: 'spend', title: 'Ads', category: 'marketing', amount: 2_000_000, recurrence: 'monthly', startMonth: '2027-05', endMonth: '2027-12' }
		]);
	});

	it('warns, with line numbers, about what it ignored or guessed', () => {
		expect(warnings).toEqual([
			'line 4: text before the first section is ignored',
			'line 53: spending lines without a recurrence are read as "monthly" when they have an end month, else "once"',
			'line 56: heading "Appendix" is not part of the plan format; it and its content are ignored'
		]);
	});

	it('gives fresh, distinct ids and exports what it read', () => {
		const ids = plan.cards.map((c) => c.id);
		expect(new Set(ids).size).toBe(ids.length);
		const md = planToMarkdown(plan);
		expect(md).toContain('| Barista <!-- id=');
		expect(planToMarkdown(ok(markdownToPlan(md)).plan)).toBe(md);
	});
});

describe('markdownToPlan: the exported format', () => {
	const exported = planToMarkdown({
		title: 'T',
		currency: 'EUR',
		budget: 500_000,
		startMonth: '2030-01',
		horizonMonths: 3,
		cards: [
			{ id: 'a', kind: 'role', title: 'Dev', headcount: 2, monthlyCost: 100, startMonth: '2030-01', x: 1, y: 2, notes: 'n' },
			{ id: 'b', kind: 'role', title: 'Dev', headcount: 1, monthlyCost: 100, startMonth: '2030-02', x: 1, y: 300, notes: 'second dev notes' }
		]
	});

	it('matches notes to cards by id even when titles repeat', () => {
		const { plan } = ok(markdownToPlan(exported));
		expect(plan.cards.map((c) => [c.id, c.notes])).toEqual([
			['a', 'n'],
			['b', 'second dev notes']
		]);
	});

	it('tolerates extra blank lines, CRLF line endings and a byte-order mark', () => {
		const loose = '\uFEFF' + exported.replace(/\n\n/g, '\n\n\n\n').replace(/\n/g, '\r\n');
		expect(planToMarkdown(ok(markdownToPlan(loose)).plan)).toBe(exported);
	});

	it('a copied row keeps the first id; the copy gets a new one and a warning', () => {
		const row = exported.split('\n').find((l) => l.startsWith('| Dev <!-- id=a'))!;
		const { plan, warnings } = ok(markdownToPlan(exported.replace(row, `${row}\n${row}`)));
		expect(plan.cards).toHaveLength(3);
		expect(plan.cards[0].id).toBe('a');
		expect(plan.cards[1].id).not.toBe('a');
		expect(warnings.some((w) => /card id a is already used on line \d+/.test(w))).toBe(true);
	});
});

describe('markdownToPlan: errors name the line and the reason', () => {
	const base = [
		'# Plan', // 1
		'', // 2
		'## Headline figures', // 3
		'', // 4
		'| Figure | Value |', // 5
		'| --- | --- |', // 6
		'| Budget | 1,000.00 CNY |', // 7
		'| Start month | 2027-01 |', // 8
		'| Horizon | 12 months |', // 9
		'', // 10
		'## Team', // 11
		'', // 12
		'| Role | Headcount | Monthly cost | Start | End |', // 13
		'| --- | --- | --- | --- | --- |', // 14
		'| Dev | 2 | 100 | 2027-01 | |' // 15
	];
	const md = (replace: Record<number, string>) =>
		base.map((line, i) => replace[i + 1] ?? line).join('\n');

	it('reads the base document', () => {
		expect(ok(markdownToPlan(md({}))).plan.cards).toHaveLength(1);
	});

	it.each([
		[{ 15: '| Dev | 2 | 100 | 2027-13 | |' }, 15, /"2027-13" is not a month/],
		[{ 15: '| Dev | two | 100 | 2027-01 | |' }, 15, /headcount "two" is not a whole number/],
		[{ 15: '| Dev | 2 | 100.001 | 2027-01 | |' }, 15, /cannot read "100.001" as an amount of CNY/],
		[{ 15: '| Dev | 2 | 100 USD | 2027-01 | |' }, 15, /is in USD but the plan's currency is CNY/],
		[{ 15: '| Dev | 2 | 100 | 2027-05 | 2027-01 |' }, 15, /role "Dev": endMonth must not be before startMonth/],
		[{ 7: '| Budget | lots |' }, 7, /cannot read "lots"/],
		[{ 9: '| Horizon | 200 months |' }, 9, /horizonMonths/],
		[{ 9: '| Horizon | forever |' }, 9, /horizon "forever" must be a number of months/],
		[{ 13: '| Who | Headcount | Monthly cost | Start | End |' }, 13, /Team table needs a "Role" column/],
		[{ 15: '| Dev <!-- id=%E0%A4 --> | 2 | 100 | 2027-01 | |' }, 15, /not valid percent-encoding/],
		[{ 15: '| Dev <!-- id=bad.id --> | 2 | 100 | 2027-01 | |' }, 15, /role "Dev": id must be 1-64 characters/]
	])('%o → error on line %i', (replace, line, message) => {
		const found = errors(markdownToPlan(md(replace)));
		expect(found[0].line).toBe(line);
		expect(found[0].message).toMatch(message);
	});

	it('reports every problem, in line order', () => {
		const found = errors(markdownToPlan(md({ 8: '| Start month | soon |', 15: '| Dev | x | y | z | |' })));
		expect(found.map((e) => e.line)).toEqual([8, 15, 15, 15]);
	});

	it('a spending table needs an amount; unknown categories and recurrences are errors', () => {
		const spend = (header: string, row: string) =>
			errors(markdownToPlan(`# P\n\n## Spending\n\n${header}\n| --- | --- | --- |\n${row}\n`));
		expect(spend('| Item | Category | Start |', '| Ads | marketing | 2027-01 |')).toEqual([
			{ line: 5, message: 'Spending table needs a "Amount" column' }
		]);
		expect(spend('| Item | Category | Amount |', '| Ads | fun | 5 |')[0]).toEqual({
			line: 7,
			message: 'category "fun" is not one of marketing, product, operations, infrastructure, legal, other'
		});
		expect(spend('| Item | Recurrence | Amount |', '| Ads | weekly | 5 |')[0].message).toMatch(/must be "once" or "monthly"/);
	});

	it('a milestone with an unreadable due month is an error on its own line', () => {
		const found = errors(markdownToPlan('# P\n\n## Strategy\n\n### Goal: G\n\n- [ ] Step one\n- [ ] Step two (due someday, todo)\n'));
		expect(found).toEqual([{ line: 8, message: '"someday" is not a month (write YYYY-MM, e.g. 2027-01)' }]);
	});

	it('an empty or unrelated document is refused, never thrown', () => {
		expect(errors(markdownToPlan(''))[0]).toEqual({
			line: 1,
			message: 'nothing to import: no "# title" and no Team, Strategy or Spending content'
		});
		expect(errors(markdownToPlan('just a paragraph\n\n> and a quote'))[0].line).toBe(1);
	});
});

describe('a plan written in Chinese', () => {
	const chinese = `# 成都咖啡

## 关键数字

| 项目 | 数值 |
| --- | --- |
| 预算 | ¥1,000万 |
| 货币 | CNY |
| 开始月份 | 2027-03 |
| 周期 | 18 |

## 团队

| 角色 | 级别 | 人数 | 月成本（元） | 开始 | 结束 |
| --- | --- | ---: | ---: | --- | --- |
| 店长 | 资深 | 1 | 2.5万 | 2027-03 | |
| 咖啡师 | | 3 | 8,000 | 2027-04 | 2028-06 |

### 备注：店长

负责**选址：**春熙路附近。

## 战略

### 目标：开出第一家店

- 签下租约（已完成）
- 完成装修（截止 2027-05，进行中）

### 风险

| 风险 | 可能性 | 影响 | 应对措施 |
| --- | ---: | ---: | --- |
| 租金上涨 | 3 | 4 | 签三年合同 |

### 机会

- 外卖平台

## 支出

| 项目 | 类别 | 频率 | 金额 | 开始 | 结束 |
| --- | --- | --- | ---: | --- | --- |
| 门店租金 | 运营 | 每月 | 3万 | 2027-03 | |
| 开业推广 | 市场 | 一次性 | 5万 | 2027-05 | |
`;

	it('reads the Chinese sections, columns, figures and value words like the English ones', () => {
		const { plan, warnings } = ok(markdownToPlan(chinese));
		expect(warnings).toEqual([]);
		expect(plan).toMatchObject({ title: '成都咖啡', budget: 1_000_000_000, currency: 'CNY', startMonth: '2027-03', horizonMonths: 18 });
		expect(cardsOf(plan, 'role').map((r) => [r.title, r.level, r.headcount, r.monthlyCost, r.startMonth, r.endMonth])).toEqual([
			['店长', '资深', 1, 2_500_000, '2027-03', undefined],
			['咖啡师', undefined, 3, 800_000, '2027-04', '2028-06']
		]);
		expect(cardsOf(plan, 'role')[0].notes).toBe('负责**选址：**春熙路附近。');
		expect(cardsOf(plan, 'goal').map((g) => g.title)).toEqual(['开出第一家店']);
		expect(cardsOf(plan, 'milestone').map((m) => [m.title, m.status, m.dueMonth])).toEqual([
			['签下租约', 'done', undefined],
			['完成装修', 'doing', '2027-05']
		]);
		expect(cardsOf(plan, 'risk').map((r) => [r.title, r.likelihood, r.impact, r.mitigation])).toEqual([['租金上涨', 3, 4, '签三年合同']]);
		expect(cardsOf(plan, 'opportunity').map((o) => o.title)).toEqual(['外卖平台']);
		expect(cardsOf(plan, 'spend').map((s) => [s.title, s.category, s.recurrence, s.amount])).toEqual([
			['门店租金', 'operations', 'monthly', 3_000_000],
			['开业推广', 'marketing', 'once', 5_000_000]
		]);
	});

	it('reads the yuan from the words of the budget (¥, ￥, 元, 人民币, RMB) without a currency figure or a warning', () => {
		const noCurrency = chinese.replace('| 货币 | CNY |\n', '');
		for (const [budget, minor] of [
			['¥100万', 100_000_000],
			['￥8,000,000', 800_000_000],
			['100万元', 100_000_000],
			['1000万人民币', 1_000_000_000],
			['1,000万 RMB', 1_000_000_000]
		] as const) {
			const { plan, warnings } = ok(markdownToPlan(noCurrency.replace('¥1,000万', budget)));
			expect([budget, plan.currency, plan.budget, warnings]).toEqual([budget, 'CNY', minor, []]);
		}
		// a bare number still says which currency was assumed
		expect(ok(markdownToPlan(noCurrency.replace('¥1,000万', '4.5万'))).warnings).toEqual([
			'line 7: no currency given (write the budget as e.g. "10,000,000.00 CNY"); using CNY'
		]);
		// a currency figure written as the yuan's name, and amounts in RMB in a CNY plan
		const named = ok(markdownToPlan(chinese.replace('| 货币 | CNY |', '| 货币 | 人民币 |').replace('| 3万 |', '| 3万 RMB |')));
		expect([named.plan.currency, named.warnings]).toEqual(['CNY', []]);
		expect(cardsOf(named.plan, 'spend')[0].amount).toBe(3_000_000);
		expect(ok(markdownToPlan(chinese.replace('| 货币 | CNY |', '| 货币 | RMB |'))).plan.currency).toBe('CNY');
	});

	it('reads the figures as a list with full-width colons (预算：1000万元)', () => {
		const listed = chinese.replace(
			/\| 项目 \| 数值 \|[\s\S]*?\| 周期 \| 18 \|/,
			'- 预算：1000万元\n- 开始月份：2027-03\n- 周期：18 个月'
		);
		const { plan, warnings } = ok(markdownToPlan(listed));
		expect(warnings).toEqual([]);
		expect(plan).toMatchObject({ budget: 1_000_000_000, currency: 'CNY', startMonth: '2027-03', horizonMonths: 18 });
	});

	it('refuses a money cell it cannot read instead of storing something else', () => {
		const result = markdownToPlan(chinese.replace('| 3万 |', '| 3万万 |'));
		expect(errors(result)[0].message).toContain('3万万');
	});
});
