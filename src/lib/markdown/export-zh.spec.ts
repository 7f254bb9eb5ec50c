import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PlanData } from '../model/types.ts';
import { markdownToFragment } from '../rich-text/convert.ts';
import { planToMarkdown } from './export.ts';
import { markdownToPlan } from './import.ts';

/** A Chinese board: 10,000,000 yuan over 24 months, Chinese titles, notes, links and lists. */
const coffee: PlanData = {
	title: '上海咖啡连锁',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 24,
	language: 'zh-CN',
	cards: [
		{ id: 'r-barista', kind: 'role', title: '咖啡师', level: '高级', headcount: 8, monthlyCost: 4_500_000, startMonth: '2027-03', endMonth: '2028-06', x: 264, y: 72, notes: '**注意：**这是全职岗位。\n\n- 会拉花\n- 见[员工手册](https://example.com/手册)' },
		{ id: 'g-store', kind: 'goal', title: '开第一家店', x: 1000, y: 72, notes: '人民广场优先，预算 4.5万 以内。' },
		{ id: 'm-lease', kind: 'milestone', title: '签下租约', goalId: 'g-store', order: 1, dueMonth: '2027-02', status: 'done', x: 1000, y: 300 },
		{ id: 'm-fit', kind: 'milestone', title: '装修（第二期）', goalId: 'g-store', order: 2, status: 'doing', x: 1000, y: 400 },
		{ id: 'm-loose', kind: 'milestone', title: '注册公司', order: 1, dueMonth: '2027-01', status: 'todo', x: 1240, y: 300 },
		{ id: 'k-rent', kind: 'risk', title: '租金上涨', likelihood: 3, impact: 4, mitigation: '签*五年*租约', x: 1000, y: 600 },
		{ id: 'o-tour', kind: 'opportunity', title: '旅游复苏', x: 1000, y: 800, notes: '1. 外滩\n2. 豫园' },
		{ id: 's-rent', kind: 'spend', title: '房租', category: 'operations', amount: 8_000_000, recurrence: 'monthly', startMonth: '2027-01', x: 2000, y: 300 },
		{ id: 's-launch', kind: 'spend', title: '开业推广', category: 'marketing', amount: 4_500_000, recurrence: 'once', startMonth: '2027-05', x: 2000, y: 72 }
	],
	reviews: {
		checkpoints: [
			{ id: 'c-1', name: '第一次评审', createdAt: '2027-01-15T09:00:00.000Z', figures: { currency: 'CNY', budget: 1_000_000_000, allocated: 772_500_000, remaining: 227_500_000, peakMonthlyBurn: 48_500_000, runsOutIn: '2027-10' } }
		],
		items: [
			{ id: 'i-1', kind: 'decision', text: '先开人民广场店', createdAt: '2027-01-15T09:10:00.000Z', checkpointId: 'c-1' },
			{ id: 'i-2', kind: 'action', text: '谈下租约', owner: '王芳', dueMonth: '2027-02', createdAt: '2027-01-16T09:10:00.000Z' }
		]
	}
};

const md = planToMarkdown(coffee);
const lines = md.split('\n');

describe('planToMarkdown of a Chinese board', () => {
	it('writes headings, table columns and figure names in Chinese', () => {
		expect(lines.filter((l) => l.startsWith('#')).map((l) => l.replace(/ <!--.*-->$/, ''))).toEqual([
			'# 上海咖啡连锁',
			'## 关键数字',
			'## 团队',
			'### 备注：咖啡师',
			'## 战略',
			'### 目标：开第一家店',
			'### 无目标的里程碑',
			'### 风险',
			'### 机会',
			'## 支出',
			'### 按类别',
			'### 逐月',
			'## 评审',
			'### 第一次评审',
			'#### 决定',
			'### 本次评审',
			'#### 行动项'
		]);
		expect(lines[2]).toMatch(/^<!-- Groundwork 计划，markdown 格式 1。.* -->$/);
		expect(md).toContain(
			[
				'| 指标 | 数值 |',
				'| --- | --- |',
				'| 预算 | 10,000,000.00 CNY |',
				'| 开始月份 | 2027-01 |',
				'| 周期 | 24 个月（2027-01 至 2028-12） |',
				'| 已分配 | 7,725,000.00 CNY |',
				'| 剩余 | 2,275,000.00 CNY |',
				'| 平均月支出 | 321,875.00 CNY |',
				'| 月支出峰值 | 485,000.00 CNY（2027-05） |',
				'| 资金可用期 | 覆盖整个周期（至 2028-12） |',
				'| 团队规模 | 峰值 8 人（2027-03） |'
			].join('\n')
		);
		expect(md).toContain('| 角色 | 级别 | 人数 | 每人月成本 | 开始 | 结束 | 总成本 |');
		expect(md).toContain('| 咖啡师 <!-- id=r-barista x=264 y=72 --> | 高级 | 8 | 45,000.00 CNY | 2027-03 | 2028-06 | 5,760,000.00 CNY |');
		expect(md).toContain('| 风险 | 可能性 | 影响 | 应对措施 |');
		expect(md).toContain('| 项目 | 类别 | 频率 | 金额 | 开始 | 结束 | 合计 |');
		expect(md).toContain('| 开业推广 <!-- id=s-launch x=2000 y=72 --> | 市场 | 一次性 | 45,000.00 CNY | 2027-05 | | 45,000.00 CNY |');
		expect(md).toContain('| 房租 <!-- id=s-rent x=2000 y=300 --> | 运营 | 每月 | 80,000.00 CNY | 2027-01 | | 1,920,000.00 CNY |');
		expect(md).toContain('| 人员（团队） | 5,760,000.00 CNY |');
		expect(md).toContain('| **已分配** | **7,725,000.00 CNY** |');
		expect(md).toContain('| 月份 | 支出 | 累计 | 剩余 | 人数 |');
		expect(md).toContain('| 资金可用期 | 2027-10 用完 |');
		expect(md).toContain('| 行动项 | 负责人 | 截止 |');
	});

	it('writes milestone status and due month in Chinese', () => {
		expect(md).toContain('- [x] 签下租约（截止 2027-02，已完成） <!-- id=m-lease x=1000 y=300 -->');
		expect(md).toContain('- [ ] 装修（第二期）（进行中） <!-- id=m-fit x=1000 y=400 -->');
		expect(md).toContain('- [ ] 注册公司（截止 2027-01，待办） <!-- id=m-loose x=1240 y=300 -->');
	});

	it('leaves no English word of its own in the document', () => {
		const own = md
			.replace(/<!--.*?-->/g, '')
			.replace(/\bCNY\b|\bUTC\b|Groundwork|markdown|https:\/\/example\.com|^- \[x\]/gm, '');
		expect(own.match(/[A-Za-z]+/g) ?? []).toEqual([]);
	});

	it('writes Chinese placeholders for empty zones', () => {
		const empty = planToMarkdown({ ...coffee, cards: [], reviews: undefined });
		for (const placeholder of ['_暂无角色。_', '_暂无目标。_', '_暂无风险。_', '_暂无机会。_', '_暂无支出项。_']) {
			expect(empty).toContain(`\n${placeholder}\n`);
		}
		const back = markdownToPlan(empty);
		expect(back.ok && back.warnings).toEqual([]);
		expect(back.ok && planToMarkdown(back.plan)).toBe(empty);
	});

	it('imports back byte-exactly, keeping the board language, notes, links, lists and emphasis', () => {
		const result = markdownToPlan(md);
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.warnings).toEqual([]);
		expect(result.plan.language).toBe('zh-CN');
		expect(planToMarkdown(result.plan)).toBe(md);
		const barista = result.plan.cards.find((c) => c.id === 'r-barista')!;
		expect(barista.notes).toBe(coffee.cards[0].notes);
		// `**注意：**这是` reads back bold in the board's rich text
		const fragment = new Y.Doc().getXmlFragment('notes');
		markdownToFragment(barista.notes!, fragment);
		expect(fragment.toString()).toContain('<bold>注意：</bold>这是');
		expect(result.plan.reviews).toEqual(coffee.reviews);
	});

	it('an English board exports in English whatever its titles', () => {
		const english = planToMarkdown({ ...coffee, language: undefined });
		expect(english).toContain('## Headline figures');
		expect(english).toBe(planToMarkdown({ ...coffee, language: 'en' }));
		const back = markdownToPlan(english);
		expect(back.ok && back.plan.language).toBeUndefined();
	});

	it('a plan a person wrote in Chinese imports as a Chinese board; a mixed one follows most of its sections', () => {
		const written = '# 深圳咖啡店\n\n## 团队\n\n| 角色 | 人数 |\n|---|---|\n| 店长 | 1 |\n\n## 支出\n\n_暂无支出项。_\n';
		const zh = markdownToPlan(written);
		expect(zh.ok && zh.plan.language).toBe('zh-CN');
		const mixed = markdownToPlan('# 店\n\n## 团队\n\n_暂无角色。_\n\n## Strategy\n\n## Spending\n');
		expect(mixed.ok && mixed.plan.language).toBeUndefined();
	});
});
