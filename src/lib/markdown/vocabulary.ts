/**
 * The English words of the markdown plan format, shared by export and import so the two cannot
 * drift: section headings, table columns (with the synonyms a person might type, and the Chinese
 * names of vocabulary-zh.ts) and placeholders. export-words.ts picks the words of one language
 * for the export. Cards are listed in board order (model/card-order.ts).
 */
import { ZH_COLUMNS, ZH_PLACEHOLDER, ZH_REVIEW_WORDS } from './vocabulary-zh.ts';

/** Version of the document layout, written in the first comment of every export. */
export const MARKDOWN_FORMAT_VERSION = 1;

/** The comment placed under the title of every export. */
export const FORMAT_COMMENT = `<!-- Groundwork plan, markdown format ${MARKDOWN_FORMAT_VERSION}. Edit freely and import it back: the id comments keep cards matched. -->`;

/** Section headings (level 2) in export order. */
export const SECTION = {
	headline: 'Headline figures',
	team: 'Team',
	strategy: 'Strategy',
	spending: 'Spending',
	reviews: 'Reviews'
} as const;

/** Sub-headings (level 3) and heading prefixes. */
export const SUBSECTION = {
	goalPrefix: 'Goal: ',
	notesPrefix: 'Notes: ',
	looseMilestones: 'Milestones without a goal',
	risks: 'Risks',
	opportunities: 'Opportunities',
	byCategory: 'By category',
	byMonth: 'Month by month'
} as const;

/** Italic placeholders written for empty zones; import recognises and skips them. */
export const PLACEHOLDER = {
	roles: '_No roles yet._',
	goals: '_No goals yet._',
	risks: '_No risks yet._',
	opportunities: '_No opportunities yet._',
	spending: '_No spending lines yet._'
} as const;

/** Row labels of the Headline figures table that import reads; every other row is computed. */
export const FIGURE = {
	budget: 'Budget',
	currency: 'Currency',
	startMonth: 'Start month',
	horizon: 'Horizon'
} as const;

/** Headline figures that are computed: written by the export, skipped by import. */
export const COMPUTED_FIGURE = {
	allocated: 'Allocated',
	remaining: 'Remaining',
	overBy: 'Over budget by',
	averageMonthlyBurn: 'Average monthly burn',
	peakMonthlyBurn: 'Peak monthly burn',
	runway: 'Runway',
	teamSize: 'Team size',
	outsideHorizon: 'Outside the horizon (not counted)',
	partlyOutsideHorizon: 'Partly outside the horizon (only months inside counted)'
} as const;

/** Headers of the tables import never reads (figures, by category, month by month). */
export const PLAIN_HEADERS = {
	figure: 'Figure',
	value: 'Value',
	category: 'Category',
	total: 'Total',
	month: 'Month',
	spend: 'Spend',
	cumulative: 'Cumulative',
	remaining: 'Remaining',
	headcount: 'Headcount'
} as const;

/** Words of the Reviews section: the group of items with no checkpoint, sub-headings, placeholder. */
export const REVIEW_WORDS = {
	current: 'Current review',
	decisions: 'Decisions',
	actions: 'Action items',
	noItems: '_No decisions or action items yet._'
} as const;

/** Placeholder paragraphs as import sees them: their text without the italics. */
const PLACEHOLDER_TEXTS = new Set(
	[...Object.values(PLACEHOLDER), REVIEW_WORDS.noItems, ...Object.values(ZH_PLACEHOLDER), ZH_REVIEW_WORDS.noItems].map((p) =>
		p.replace(/^_|_$/g, '').toLowerCase()
	)
);

/**
 * Whether a paragraph's text (inline markup already read) is a placeholder of an empty part of
 * the plan: one the export writes ({@link PLACEHOLDER}, {@link REVIEW_WORDS}.noItems, their
 * Chinese forms) or any "No … yet." / "暂无…。" a person writes like them. Import skips them.
 */
export function isPlaceholderText(text: string): boolean {
	return PLACEHOLDER_TEXTS.has(text.toLowerCase()) || /^no [\w\s]+ yet\.?$/i.test(text) || /^暂无[^\s。.]{1,20}[。.]?$/.test(text);
}

/** Row labels of a checkpoint's figures table (the budget when it was saved), in export order. */
export const CHECKPOINT_FIGURE = {
	saved: 'Saved',
	budget: 'Budget',
	allocated: 'Allocated',
	remaining: 'Remaining',
	peakMonthlyBurn: 'Peak monthly burn',
	runway: 'Runway'
} as const;

/** One table column: the header written on export and the names accepted on import. */
export interface ColumnSpec {
	/** Header as exported. */
	header: string;
	/** Lower-case names accepted on import (header included). */
	names: readonly string[];
	/** Right-aligned in the export (numbers and money). */
	numeric?: boolean;
	/** Computed on export and ignored on import. */
	computed?: boolean;
}

function col(header: string, others: string[] = [], flags: Partial<ColumnSpec> = {}): ColumnSpec {
	return { header, names: [header.toLowerCase(), ...others], ...flags };
}

/** A column that also accepts its Chinese names on import (a Chinese export writes the first). */
function withChinese(spec: ColumnSpec, chinese: readonly string[]): ColumnSpec {
	return { ...spec, names: [...spec.names, ...chinese] };
}

/**
 * A "Notes" column people may add to a table: read on import as the card's notes (one line).
 * The export never writes it — notes follow the table as quoted sections instead.
 */
const NOTES_COLUMN = col('Notes', ['note', 'comment', 'comments', 'remarks', 'details']);

/** Team table columns (export order; `notes` is import-only). */
export const TEAM_COLUMNS = {
	title: withChinese(col('Role', ['title', 'name', 'position', 'job']), ZH_COLUMNS.team.title),
	level: withChinese(col('Level', ['seniority', 'grade']), ZH_COLUMNS.team.level),
	headcount: withChinese(col('Headcount', ['heads', 'count', 'people', 'number', 'fte', 'hires'], { numeric: true }), ZH_COLUMNS.team.headcount),
	monthlyCost: withChinese(col('Monthly cost per head', ['monthly cost', 'cost per head', 'cost per month', 'monthly', 'cost', 'salary', 'monthly salary'], { numeric: true }), ZH_COLUMNS.team.monthlyCost),
	startMonth: withChinese(col('Start', ['start month', 'from', 'starts', 'start date']), ZH_COLUMNS.team.startMonth),
	endMonth: withChinese(col('End', ['end month', 'to', 'until', 'ends', 'end date']), ZH_COLUMNS.team.endMonth),
	total: withChinese(col('Total cost', ['total'], { numeric: true, computed: true }), ZH_COLUMNS.team.total),
	notes: withChinese(NOTES_COLUMN, ZH_COLUMNS.team.notes)
} as const;

/** Risk table columns (export order; `notes` is import-only). */
export const RISK_COLUMNS = {
	title: withChinese(col('Risk', ['title', 'name', 'description']), ZH_COLUMNS.risk.title),
	likelihood: withChinese(col('Likelihood', ['probability', 'chance', 'l'], { numeric: true }), ZH_COLUMNS.risk.likelihood),
	impact: withChinese(col('Impact', ['severity', 'i'], { numeric: true }), ZH_COLUMNS.risk.impact),
	mitigation: withChinese(col('Mitigation', ['response', 'mitigation plan', 'plan', 'action']), ZH_COLUMNS.risk.mitigation),
	notes: withChinese(NOTES_COLUMN, ZH_COLUMNS.risk.notes)
} as const;

/** Spending table columns (export order; `notes` is import-only). */
export const SPEND_COLUMNS = {
	title: withChinese(col('Item', ['title', 'name', 'line', 'description', 'spend']), ZH_COLUMNS.spend.title),
	category: withChinese(col('Category', ['type']), ZH_COLUMNS.spend.category),
	recurrence: withChinese(col('Recurrence', ['once/monthly', 'frequency', 'repeats', 'recurring', 'schedule']), ZH_COLUMNS.spend.recurrence),
	amount: withChinese(col('Amount', ['cost', 'price', 'amount per month'], { numeric: true }), ZH_COLUMNS.spend.amount),
	startMonth: withChinese(col('Start', ['start month', 'from', 'month', 'when', 'start date']), ZH_COLUMNS.spend.startMonth),
	endMonth: withChinese(col('End', ['end month', 'to', 'until', 'end date']), ZH_COLUMNS.spend.endMonth),
	total: withChinese(col('Total', ['total cost'], { numeric: true, computed: true }), ZH_COLUMNS.spend.total),
	notes: withChinese(NOTES_COLUMN, ZH_COLUMNS.spend.notes)
} as const;

/** Action items table columns of a review (export order). */
export const ACTION_COLUMNS = {
	text: withChinese(col('Action', ['action item', 'action items', 'item', 'task', 'what', 'todo', 'to do']), ZH_COLUMNS.action.text),
	owner: withChinese(col('Owner', ['who', 'responsible', 'assignee', 'assigned to']), ZH_COLUMNS.action.owner),
	dueMonth: withChinese(col('Due', ['due month', 'by', 'deadline', 'when', 'due date']), ZH_COLUMNS.action.dueMonth)
} as const;

/** Decisions table columns of a review: written only when a decision has an owner or a due month (else a list). */
export const DECISION_COLUMNS = {
	text: withChinese(col('Decision', ['decisions', 'item', 'what']), ZH_COLUMNS.decision.text),
	owner: ACTION_COLUMNS.owner,
	dueMonth: ACTION_COLUMNS.dueMonth
} as const;

/** Lower-case, single-spaced, without a trailing colon or a parenthesised remark: header matching key. */
export function headerKey(text: string): string {
	return text
		.toLowerCase()
		.replace(/\([^)]*\)|（[^）]*）/g, ' ')
		.replace(/[:：*_]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}
