/**
 * What the reader accepts as section, sub-section and figure names, heading prefixes and status
 * words: the words the export writes (from vocabulary.ts / vocabulary-zh.ts, never re-typed here)
 * plus the synonyms a person might use instead. Keys are compared with {@link nameKey}.
 */
import { MILESTONE_STATUSES, type CardKind, type MilestoneStatus } from '../model/types.ts';
import { FIGURE, SECTION, SUBSECTION } from './vocabulary.ts';
import { ZH_FIGURE_NAMES, ZH_PREFIX_WORDS, ZH_SECTION_NAMES, ZH_STATUS_WORDS, ZH_SUBSECTION_NAMES, ZH_VALUE_WORDS } from './vocabulary-zh.ts';

/** The part of the plan a heading opens. */
export type Section = 'none' | 'headline' | 'team' | 'strategy' | 'spending' | 'reviews';

/** Heading text as a lookup key: lower case, single spaces, no trailing colon or full stop. */
export function nameKey(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[:.：。]$/, '').trim();
}

const keys = (...names: string[]) => names.map(nameKey);

/** Level-2 headings that open a section. */
export const SECTION_NAMES = new Map<string, Section>([
	...keys(SECTION.headline, 'headline', 'figures', 'summary', 'overview', 'key figures', 'budget summary').map((k) => [k, 'headline'] as const),
	...keys(SECTION.team, 'the team', 'people', 'roles', 'hiring').map((k) => [k, 'team'] as const),
	...keys(SECTION.strategy, 'the strategy').map((k) => [k, 'strategy'] as const),
	...keys(SECTION.spending, 'spend', 'costs', 'expenses', 'budget').map((k) => [k, 'spending'] as const),
	...keys(SECTION.reviews, 'review', 'review history', 'checkpoints', 'decisions and action items').map((k) => [k, 'reviews'] as const),
	...ZH_SECTION_NAMES
]);

/** Section headings written in Chinese: a document whose sections are mostly these is a zh-CN plan. */
export const CHINESE_SECTION_NAMES: ReadonlySet<string> = new Set(ZH_SECTION_NAMES.map(([name]) => nameKey(name)));

/** Sub-headings of the Strategy section (and Spending's computed tables). */
export const GOALS_NAMES = new Set([...keys('goals', 'goals and milestones', 'objectives'), ...ZH_SUBSECTION_NAMES.goals]);
export const LOOSE_NAMES = new Set([...keys(SUBSECTION.looseMilestones, 'milestones', 'other milestones'), ...ZH_SUBSECTION_NAMES.loose]);
export const RISK_NAMES = new Set([...keys(SUBSECTION.risks, 'risk register', 'risks and mitigations'), ...ZH_SUBSECTION_NAMES.risks]);
export const OPPORTUNITY_NAMES = new Set([
	...keys(
		SUBSECTION.opportunities,
		'opportunities and competition',
		'competition',
		'competitors',
		'competitive environment',
		'the competitive environment',
		'market'
	),
	...ZH_SUBSECTION_NAMES.opportunities
]);
export const COMPUTED_NAMES = new Set([
	...keys(SUBSECTION.byCategory, 'totals by category', 'spend by category', SUBSECTION.byMonth, 'by month', 'monthly spend', 'cash flow'),
	...ZH_SUBSECTION_NAMES.computed
]);

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A heading prefix such as the export's `Goal: ` (or one of `others`), any case, spaces around the colon. */
function prefixPattern(prefix: string, ...others: readonly string[]): RegExp {
	const words = [prefix.replace(/\s*:\s*$/, ''), ...others].map(escapeRegExp);
	return new RegExp(`^(?:${words.join('|')})\\s*[:：]\\s*`, 'i');
}

/** `Goal: <title>` headings (and their Chinese form `目标：`). */
export const GOAL_PREFIXES: readonly RegExp[] = [prefixPattern(SUBSECTION.goalPrefix), prefixPattern(...ZH_PREFIX_WORDS.goal)];
/** `Notes: <title>` headings (also `Note:`, and the Chinese forms `备注：` …). */
export const NOTES_PREFIXES: readonly RegExp[] = [prefixPattern(SUBSECTION.notesPrefix, 'note'), prefixPattern(...ZH_PREFIX_WORDS.notes)];

/** `due 2027-03` inside a milestone's parenthesis (`截止 2027-03` in Chinese); group 1 is the month. */
export const DUE_PATTERN = new RegExp(`^(?:due|${escapeRegExp(ZH_VALUE_WORDS.due)}|到期)\\s*[:：]?\\s*(.+)$`, 'i');

/** The first of `patterns` matching the start of `text`. */
export function matchPrefix(patterns: readonly RegExp[], text: string): RegExpExecArray | null {
	for (const pattern of patterns) {
		const match = pattern.exec(text);
		if (match) return match;
	}
	return null;
}

/** Row labels of the Headline figures table that are read (every other row is computed). */
export const FIGURE_NAMES = new Map<string, keyof typeof FIGURE>([
	...keys(FIGURE.budget, 'total budget').map((k) => [k, 'budget'] as const),
	...keys(FIGURE.currency).map((k) => [k, 'currency'] as const),
	...keys(FIGURE.startMonth, 'start', 'starts', 'first month').map((k) => [k, 'startMonth'] as const),
	...keys(FIGURE.horizon, 'duration', 'length', 'horizon months').map((k) => [k, 'horizon'] as const),
	...ZH_FIGURE_NAMES
]);

/** Milestone status words: the statuses as the export writes them, and synonyms. */
export const STATUS_WORDS = new Map<string, MilestoneStatus>([
	...MILESTONE_STATUSES.map((status) => [status, status] as const),
	['to do', 'todo'],
	['not started', 'todo'],
	['planned', 'todo'],
	['in progress', 'doing'],
	['started', 'doing'],
	['ongoing', 'doing'],
	['wip', 'doing'],
	['complete', 'done'],
	['completed', 'done'],
	['finished', 'done'],
	...ZH_STATUS_WORDS
]);

/** The card kinds a `Notes:` heading in `section` may name. */
export function sectionKinds(section: Section): CardKind[] {
	if (section === 'team') return ['role'];
	if (section === 'spending') return ['spend'];
	if (section === 'strategy') return ['goal', 'milestone', 'risk', 'opportunity'];
	return ['role', 'goal', 'milestone', 'risk', 'opportunity', 'spend'];
}
