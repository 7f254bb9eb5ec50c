/**
 * The Chinese words of the markdown plan format that import reads (export still writes English):
 * section and sub-section headings, heading prefixes, headline figures, table columns, and the
 * words of values (status, recurrence, category, likelihood). Every entry maps to the same field
 * as its English counterpart in vocabulary.ts / import.ts, so a plan written in either language —
 * or a mix — imports the same. Keys are matched after `headerKey` / `nameKey` (lower case, single
 * spaces, a trailing `:`/`：` and a parenthesised remark such as `（元）` removed).
 */

/** Section headings (level 1–2) → section. */
export const ZH_SECTION_NAMES: readonly (readonly [string, 'headline' | 'team' | 'strategy' | 'spending' | 'reviews'])[] = [
	['关键数字', 'headline'],
	['核心数字', 'headline'],
	['主要数字', 'headline'],
	['概览', 'headline'],
	['总览', 'headline'],
	['摘要', 'headline'],
	['预算概览', 'headline'],
	['团队', 'team'],
	['人员', 'team'],
	['招聘', 'team'],
	['团队与招聘', 'team'],
	['战略', 'strategy'],
	['策略', 'strategy'],
	['战略规划', 'strategy'],
	['支出', 'spending'],
	['花费', 'spending'],
	['费用', 'spending'],
	['开支', 'spending'],
	['成本', 'spending'],
	['预算支出', 'spending'],
	['评审', 'reviews'],
	['复盘', 'reviews'],
	['评审记录', 'reviews']
];

/** Sub-section headings → what they hold. */
export const ZH_SUBSECTION_NAMES = {
	goals: ['目标', '目标与里程碑', '目标和里程碑'],
	loose: ['里程碑', '无目标的里程碑', '其他里程碑'],
	risks: ['风险', '风险清单', '风险与应对'],
	opportunities: ['机会', '机遇', '竞争', '竞争环境', '竞争对手', '市场', '机会与竞争'],
	computed: ['按类别', '分类汇总', '按月', '逐月', '月度支出', '现金流']
} as const;

/** Heading prefixes (`目标：开店`, `备注：咖啡师`), matched like the English `Goal:` / `Notes:`. */
export const ZH_PREFIX = {
	goal: /^目标\s*[:：]\s*/,
	notes: /^(?:备注|说明|笔记)\s*[:：]\s*/
} as const;

/** Headline figure labels → figure. */
export const ZH_FIGURE_NAMES: readonly (readonly [string, 'budget' | 'currency' | 'startMonth' | 'horizon'])[] = [
	['预算', 'budget'],
	['总预算', 'budget'],
	['货币', 'currency'],
	['币种', 'currency'],
	['开始月份', 'startMonth'],
	['起始月份', 'startMonth'],
	['开始', 'startMonth'],
	['周期', 'horizon'],
	['时长', 'horizon'],
	['月数', 'horizon'],
	['计划周期', 'horizon']
];

/** Table column names (after headerKey) by table and field. */
export const ZH_COLUMNS = {
	team: {
		title: ['角色', '岗位', '职位', '名称'],
		level: ['级别', '职级'],
		headcount: ['人数', '编制', '人头'],
		monthlyCost: ['月成本', '每人月成本', '人均月成本', '月薪', '月费用', '成本'],
		startMonth: ['开始', '开始月份', '入职', '起始'],
		endMonth: ['结束', '结束月份', '截止'],
		total: ['总成本', '合计'],
		notes: ['备注', '说明']
	},
	risk: {
		title: ['风险', '名称', '描述'],
		likelihood: ['可能性', '概率'],
		impact: ['影响', '严重程度'],
		mitigation: ['应对', '应对措施', '缓解措施', '对策'],
		notes: ['备注', '说明']
	},
	spend: {
		title: ['项目', '支出项', '名称', '条目'],
		category: ['类别', '分类'],
		recurrence: ['频率', '周期', '方式'],
		amount: ['金额', '费用', '每月金额'],
		startMonth: ['开始', '开始月份', '月份', '时间'],
		endMonth: ['结束', '结束月份'],
		total: ['合计', '总计'],
		notes: ['备注', '说明']
	}
} as const;

/** Milestone status words. */
export const ZH_STATUS_WORDS: readonly (readonly [string, 'todo' | 'doing' | 'done'])[] = [
	['待办', 'todo'],
	['未开始', 'todo'],
	['计划中', 'todo'],
	['进行中', 'doing'],
	['已开始', 'doing'],
	['完成', 'done'],
	['已完成', 'done']
];

/** Recurrence words. */
export const ZH_RECURRENCE = {
	once: ['一次性', '一次', '单次'],
	monthly: ['每月', '按月', '月度', '月付']
} as const;

/** Spend category words. */
export const ZH_CATEGORIES: Readonly<Record<string, 'marketing' | 'product' | 'operations' | 'infrastructure' | 'legal' | 'other'>> = {
	市场: 'marketing',
	营销: 'marketing',
	市场营销: 'marketing',
	广告: 'marketing',
	产品: 'product',
	研发: 'product',
	运营: 'operations',
	基础设施: 'infrastructure',
	技术: 'infrastructure',
	法务: 'legal',
	法律: 'legal',
	合规: 'legal',
	其他: 'other'
};
