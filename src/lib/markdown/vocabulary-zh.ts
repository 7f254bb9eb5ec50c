/**
 * The Chinese words of the markdown plan format. The export of a zh-CN board writes the canonical
 * words (the `ZH_…` records, which are also the first entry of every list below); import reads
 * them and the synonyms a person might write instead: section and sub-section headings, heading
 * prefixes, figures, table columns, and the words of values (status, recurrence, category). Every
 * entry maps to the same field as its English counterpart in vocabulary.ts / import-names.ts, so a
 * plan written in either language — or a mix — imports the same. Keys are matched after
 * `headerKey` / `nameKey` (lower case, single spaces, a trailing `:`/`：` and a parenthesised
 * remark such as `（元）` removed).
 */

type SectionKey = 'headline' | 'team' | 'strategy' | 'spending' | 'reviews';

/** `[word, value]` pairs of a record, for lists that start with the canonical words. */
function pairs<K extends string>(record: Readonly<Record<K, string>>): (readonly [string, K])[] {
	return (Object.entries(record) as [K, string][]).map(([key, word]) => [word, key] as const);
}

/** The comment placed under the title of a Chinese export. */
export const ZH_FORMAT_COMMENT = (version: number) =>
	`<!-- Groundwork 计划，markdown 格式 ${version}。可随意编辑后再导入：id 注释让卡片保持对应。 -->`;

/** Section headings (level 2) as the export writes them. */
export const ZH_SECTION: Readonly<Record<SectionKey, string>> = {
	headline: '关键数字',
	team: '团队',
	strategy: '战略',
	spending: '支出',
	reviews: '评审'
};

/** Section headings (level 1–2) → section. */
export const ZH_SECTION_NAMES: readonly (readonly [string, SectionKey])[] = [
	...pairs(ZH_SECTION),
	['核心数字', 'headline'],
	['主要数字', 'headline'],
	['概览', 'headline'],
	['总览', 'headline'],
	['摘要', 'headline'],
	['预算概览', 'headline'],
	['人员', 'team'],
	['招聘', 'team'],
	['团队与招聘', 'team'],
	['策略', 'strategy'],
	['战略规划', 'strategy'],
	['花费', 'spending'],
	['费用', 'spending'],
	['开支', 'spending'],
	['成本', 'spending'],
	['预算支出', 'spending'],
	['复盘', 'reviews'],
	['评审记录', 'reviews']
];

/** Sub-headings (level 3) and heading prefixes as the export writes them. */
export const ZH_SUBSECTION = {
	goalPrefix: '目标：',
	notesPrefix: '备注：',
	looseMilestones: '无目标的里程碑',
	risks: '风险',
	opportunities: '机会',
	byCategory: '按类别',
	byMonth: '逐月'
} as const;

/** Sub-section headings → what they hold. */
export const ZH_SUBSECTION_NAMES = {
	goals: ['目标', '目标与里程碑', '目标和里程碑'],
	loose: [ZH_SUBSECTION.looseMilestones, '里程碑', '其他里程碑'],
	risks: [ZH_SUBSECTION.risks, '风险清单', '风险与应对'],
	opportunities: [ZH_SUBSECTION.opportunities, '机遇', '竞争', '竞争环境', '竞争对手', '市场', '机会与竞争'],
	computed: [ZH_SUBSECTION.byCategory, ZH_SUBSECTION.byMonth, '分类汇总', '按月', '月度支出', '现金流']
} as const;

/** The words of heading prefixes (`目标：开店`, `备注：咖啡师`), the export's first. */
export const ZH_PREFIX_WORDS = {
	goal: [ZH_SUBSECTION.goalPrefix.replace(/：$/, '')],
	notes: [ZH_SUBSECTION.notesPrefix.replace(/：$/, ''), '说明', '笔记']
} as const;

/** Italic placeholders written for empty zones of a Chinese export. */
export const ZH_PLACEHOLDER = {
	roles: '_暂无角色。_',
	goals: '_暂无目标。_',
	risks: '_暂无风险。_',
	opportunities: '_暂无机会。_',
	spending: '_暂无支出项。_'
} as const;

/** Headline figures import reads, as the export writes them. */
export const ZH_FIGURE = {
	budget: '预算',
	currency: '货币',
	startMonth: '开始月份',
	horizon: '周期'
} as const;

/** Headline figure labels → figure. */
export const ZH_FIGURE_NAMES: readonly (readonly [string, keyof typeof ZH_FIGURE])[] = [
	...pairs(ZH_FIGURE),
	['总预算', 'budget'],
	['币种', 'currency'],
	['起始月份', 'startMonth'],
	['开始', 'startMonth'],
	['时长', 'horizon'],
	['月数', 'horizon'],
	['计划周期', 'horizon']
];

/** Headline figures that are computed (written, never read). */
export const ZH_COMPUTED_FIGURE = {
	allocated: '已分配',
	remaining: '剩余',
	overBy: '超出预算',
	averageMonthlyBurn: '平均月支出',
	peakMonthlyBurn: '月支出峰值',
	runway: '资金可用期',
	teamSize: '团队规模',
	outsideHorizon: '周期外（不计入）',
	partlyOutsideHorizon: '部分在周期外（只计入周期内的月份）'
} as const;

/** Words inside computed values: `24 个月（2027-01 至 2028-12）`, `2027-10 用完`, `峰值 10 人（2027-03）`. */
export const ZH_VALUE_WORDS = {
	months: '个月',
	to: '至',
	runsOut: '用完',
	lasts: '覆盖整个周期',
	atPeak: '峰值',
	people: '人',
	untitled: '（未命名）',
	due: '截止'
} as const;

/** Words of the Reviews section. */
export const ZH_REVIEW_WORDS = {
	current: '本次评审',
	decisions: '决定',
	actions: '行动项',
	noItems: '_暂无决定或行动项。_'
} as const;

/** Review sub-headings → what they hold (import). */
export const ZH_REVIEW_NAMES = {
	current: [ZH_REVIEW_WORDS.current, '当前评审', '未存档'],
	decisions: [ZH_REVIEW_WORDS.decisions, '决策', '决议'],
	actions: [ZH_REVIEW_WORDS.actions, '行动', '待办事项', '后续行动']
} as const;

/** Row labels of a checkpoint's figures table. */
export const ZH_CHECKPOINT_FIGURE = {
	saved: '保存时间',
	budget: ZH_FIGURE.budget,
	allocated: ZH_COMPUTED_FIGURE.allocated,
	remaining: ZH_COMPUTED_FIGURE.remaining,
	peakMonthlyBurn: ZH_COMPUTED_FIGURE.peakMonthlyBurn,
	runway: ZH_COMPUTED_FIGURE.runway
} as const;

/** Headers of the tables import never reads (figures, by category, month by month). */
export const ZH_PLAIN_HEADERS = {
	figure: '指标',
	value: '数值',
	category: '类别',
	total: '合计',
	month: '月份',
	spend: '支出',
	cumulative: '累计',
	remaining: '剩余',
	headcount: '人数'
} as const;

/** Table column names (after headerKey) by table and field; the first is the export's header. */
export const ZH_COLUMNS = {
	team: {
		title: ['角色', '岗位', '职位', '名称'],
		level: ['级别', '职级'],
		headcount: ['人数', '编制', '人头'],
		monthlyCost: ['每人月成本', '月成本', '人均月成本', '月薪', '月费用', '成本'],
		startMonth: ['开始', '开始月份', '入职', '起始'],
		endMonth: ['结束', '结束月份', '截止'],
		total: ['总成本', '合计'],
		notes: ['备注', '说明']
	},
	risk: {
		title: ['风险', '名称', '描述'],
		likelihood: ['可能性', '概率'],
		impact: ['影响', '严重程度'],
		mitigation: ['应对措施', '应对', '缓解措施', '对策'],
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
	},
	action: {
		text: ['行动项', '行动', '事项', '任务'],
		owner: ['负责人', '责任人', '负责'],
		dueMonth: ['截止', '截止月份', '到期', '期限']
	},
	decision: {
		text: ['决定', '决策', '事项']
	}
} as const;

/** Milestone status words as the export writes them. */
export const ZH_STATUS = { todo: '待办', doing: '进行中', done: '已完成' } as const;

/** Milestone status words. */
export const ZH_STATUS_WORDS: readonly (readonly [string, keyof typeof ZH_STATUS])[] = [
	...pairs(ZH_STATUS),
	['未开始', 'todo'],
	['计划中', 'todo'],
	['已开始', 'doing'],
	['完成', 'done']
];

/** Recurrence words; the first of each is the export's. */
export const ZH_RECURRENCE = {
	once: ['一次性', '一次', '单次'],
	monthly: ['每月', '按月', '月度', '月付']
} as const;

type CategoryKey = 'marketing' | 'product' | 'operations' | 'infrastructure' | 'legal' | 'other';

/** Spend category words as the export writes them (and the by-category table's people row). */
export const ZH_CATEGORY: Readonly<Record<CategoryKey | 'people', string>> = {
	people: '人员（团队）',
	marketing: '市场',
	product: '产品',
	operations: '运营',
	infrastructure: '基础设施',
	legal: '法务',
	other: '其他'
};

/** Spend category words. */
export const ZH_CATEGORIES: Readonly<Record<string, CategoryKey>> = {
	...Object.fromEntries(pairs(ZH_CATEGORY).filter(([, key]) => key !== 'people')),
	营销: 'marketing',
	市场营销: 'marketing',
	广告: 'marketing',
	研发: 'product',
	技术: 'infrastructure',
	法律: 'legal',
	合规: 'legal'
};
