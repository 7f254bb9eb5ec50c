/**
 * The words the markdown export writes, in the board's language (meta.language): English from
 * vocabulary.ts, Chinese from vocabulary-zh.ts — the canonical entries of the same tables import
 * reads, so every exported word reads back. Amounts keep one form in both languages
 * (`10,000,000.00 CNY`, see money-text.ts) and months stay `YYYY-MM`: both read back exactly.
 */
import { BUDGET_CATEGORY_LABEL, type BudgetCategory } from '../budget/index.ts';
import type { BoardLanguage } from '../model/meta.ts';
import { MILESTONE_STATUSES, SPEND_CATEGORIES, type MilestoneStatus, type SpendCategory } from '../model/types.ts';
import {
	ACTION_COLUMNS,
	CHECKPOINT_FIGURE,
	COMPUTED_FIGURE,
	DECISION_COLUMNS,
	FIGURE,
	FORMAT_COMMENT,
	MARKDOWN_FORMAT_VERSION,
	PLACEHOLDER,
	PLAIN_HEADERS,
	REVIEW_WORDS,
	RISK_COLUMNS,
	SECTION,
	SPEND_COLUMNS,
	SUBSECTION,
	TEAM_COLUMNS,
	type ColumnSpec
} from './vocabulary.ts';
import {
	ZH_CATEGORY,
	ZH_CHECKPOINT_FIGURE,
	ZH_COLUMNS,
	ZH_COMPUTED_FIGURE,
	ZH_FIGURE,
	ZH_FORMAT_COMMENT,
	ZH_PLACEHOLDER,
	ZH_PLAIN_HEADERS,
	ZH_RECURRENCE,
	ZH_REVIEW_WORDS,
	ZH_SECTION,
	ZH_STATUS,
	ZH_SUBSECTION,
	ZH_VALUE_WORDS
} from './vocabulary-zh.ts';

type Columns<K extends string> = Readonly<Record<K, ColumnSpec>>;

/** Everything language-dependent in an export. */
export interface ExportWords {
	formatComment: string;
	section: Readonly<Record<keyof typeof SECTION, string>>;
	subsection: Readonly<Record<keyof typeof SUBSECTION, string>>;
	placeholder: Readonly<Record<keyof typeof PLACEHOLDER, string>>;
	figure: Readonly<Record<keyof typeof FIGURE, string>>;
	computed: Readonly<Record<keyof typeof COMPUTED_FIGURE, string>>;
	review: Readonly<Record<keyof typeof REVIEW_WORDS, string>>;
	checkpoint: Readonly<Record<keyof typeof CHECKPOINT_FIGURE, string>>;
	headers: Readonly<Record<keyof typeof PLAIN_HEADERS, string>>;
	team: Columns<keyof typeof TEAM_COLUMNS>;
	risk: Columns<keyof typeof RISK_COLUMNS>;
	spend: Columns<keyof typeof SPEND_COLUMNS>;
	action: Columns<keyof typeof ACTION_COLUMNS>;
	decision: Columns<keyof typeof DECISION_COLUMNS>;
	status: Readonly<Record<MilestoneStatus, string>>;
	recurrence: Readonly<Record<'once' | 'monthly', string>>;
	/** A spending line's category cell. */
	category: Readonly<Record<SpendCategory, string>>;
	/** A row label of the by-category table. */
	categoryRow: Readonly<Record<BudgetCategory, string>>;
	untitled: string;
	/** `24 months (2027-01 to 2028-12)`; `range` only when the horizon is valid. */
	horizon(months: number, range?: readonly [string, string]): string;
	/** The runway cell: `Runs out in 2027-10`, `Lasts the horizon (through 2028-12)`, `Lasts the horizon`. */
	runway(runsOutIn: string | null, through?: string): string;
	/** `736,000.00 CNY in 2027-05`. */
	peakBurn(money: string, month?: string): string;
	/** `10 at peak (2027-03)`, or the count alone. */
	teamSize(count: number, month?: string): string;
	/** A milestone's title with its due month and status: `Fit-out (due 2027-04, doing)`. */
	milestone(title: string, status: MilestoneStatus, due?: string): string;
}

/** Column specs with the header a Chinese export writes: the first Chinese name import accepts. */
function chineseHeaders<K extends string>(specs: Columns<K>, names: Readonly<Partial<Record<K, readonly string[]>>>): Columns<K> {
	return Object.fromEntries(
		(Object.entries(specs) as [K, ColumnSpec][]).map(([key, spec]) => [key, { ...spec, header: names[key]?.[0] ?? spec.header }])
	) as Columns<K>;
}

/** Each value written as itself. */
function asWritten<K extends string>(values: readonly K[]): Readonly<Record<K, string>> {
	return Object.fromEntries(values.map((v): [K, string] => [v, v])) as Record<K, string>;
}

const EN_RUNS_OUT = 'Runs out in';
const EN_LASTS = 'Lasts the horizon';

const ENGLISH: ExportWords = {
	formatComment: FORMAT_COMMENT,
	section: SECTION,
	subsection: SUBSECTION,
	placeholder: PLACEHOLDER,
	figure: FIGURE,
	computed: COMPUTED_FIGURE,
	review: REVIEW_WORDS,
	checkpoint: CHECKPOINT_FIGURE,
	headers: PLAIN_HEADERS,
	team: TEAM_COLUMNS,
	risk: RISK_COLUMNS,
	spend: SPEND_COLUMNS,
	action: ACTION_COLUMNS,
	decision: DECISION_COLUMNS,
	// English values are written as the model names them
	status: asWritten(MILESTONE_STATUSES),
	recurrence: asWritten(['once', 'monthly'] as const),
	category: asWritten(SPEND_CATEGORIES),
	categoryRow: { ...BUDGET_CATEGORY_LABEL, people: `${BUDGET_CATEGORY_LABEL.people} (team)` },
	untitled: '(untitled)',
	horizon: (months, range) => `${months} month${months === 1 ? '' : 's'}` + (range ? ` (${range[0]} to ${range[1]})` : ''),
	runway: (runsOutIn, through) =>
		runsOutIn !== null ? `${EN_RUNS_OUT} ${runsOutIn}` : through !== undefined ? `${EN_LASTS} (through ${through})` : EN_LASTS,
	peakBurn: (money, month) => money + (month ? ` in ${month}` : ''),
	teamSize: (count, month) => (month ? `${count} at peak (${month})` : `${count}`),
	milestone: (title, status, due) => [title, `(${due !== undefined ? `due ${due}, ` : ''}${status})`].filter((p) => p !== '').join(' ')
};

const W = ZH_VALUE_WORDS;

const CHINESE: ExportWords = {
	formatComment: ZH_FORMAT_COMMENT(MARKDOWN_FORMAT_VERSION),
	section: ZH_SECTION,
	subsection: ZH_SUBSECTION,
	placeholder: ZH_PLACEHOLDER,
	figure: ZH_FIGURE,
	computed: ZH_COMPUTED_FIGURE,
	review: ZH_REVIEW_WORDS,
	checkpoint: ZH_CHECKPOINT_FIGURE,
	headers: ZH_PLAIN_HEADERS,
	team: chineseHeaders(TEAM_COLUMNS, ZH_COLUMNS.team),
	risk: chineseHeaders(RISK_COLUMNS, ZH_COLUMNS.risk),
	spend: chineseHeaders(SPEND_COLUMNS, ZH_COLUMNS.spend),
	action: chineseHeaders(ACTION_COLUMNS, ZH_COLUMNS.action),
	decision: chineseHeaders(DECISION_COLUMNS, { ...ZH_COLUMNS.action, ...ZH_COLUMNS.decision }),
	status: ZH_STATUS,
	recurrence: { once: ZH_RECURRENCE.once[0], monthly: ZH_RECURRENCE.monthly[0] },
	category: Object.fromEntries(Object.entries(ZH_CATEGORY).filter(([key]) => key !== 'people')) as Record<SpendCategory, string>,
	categoryRow: ZH_CATEGORY,
	untitled: W.untitled,
	horizon: (months, range) => `${months} ${W.months}` + (range ? `（${range[0]} ${W.to} ${range[1]}）` : ''),
	runway: (runsOutIn, through) =>
		runsOutIn !== null ? `${runsOutIn} ${W.runsOut}` : through !== undefined ? `${W.lasts}（${W.to} ${through}）` : W.lasts,
	peakBurn: (money, month) => money + (month ? `（${month}）` : ''),
	teamSize: (count, month) => (month ? `${W.atPeak} ${count} ${W.people}（${month}）` : `${count} ${W.people}`),
	milestone: (title, status, due) => `${title}（${due !== undefined ? `${W.due} ${due}，` : ''}${ZH_STATUS[status]}）`
};

/** The export's words for a board language (absent: English). */
export function exportWords(language: BoardLanguage | undefined): ExportWords {
	return language === 'zh-CN' ? CHINESE : ENGLISH;
}
