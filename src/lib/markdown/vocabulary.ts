/**
 * The words of the markdown plan format, shared by export and import so the two cannot drift:
 * section headings, table columns (with the synonyms a person might type), placeholders, and the
 * order in which cards are listed.
 */
import type { Card } from '../model/types.ts';

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

/** Words of the Reviews section: the group of items with no checkpoint, sub-headings, placeholder. */
export const REVIEW_WORDS = {
	current: 'Current review',
	decisions: 'Decisions',
	actions: 'Action items',
	noItems: '_No decisions or action items yet._'
} as const;

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

/**
 * A "Notes" column people may add to a table: read on import as the card's notes (one line).
 * The export never writes it — notes follow the table as quoted sections instead.
 */
const NOTES_COLUMN = col('Notes', ['note', 'comment', 'comments', 'remarks', 'details']);

/** Team table columns (export order; `notes` is import-only). */
export const TEAM_COLUMNS = {
	title: col('Role', ['title', 'name', 'position', 'job']),
	level: col('Level', ['seniority', 'grade']),
	headcount: col('Headcount', ['heads', 'count', 'people', 'number', 'fte', 'hires'], { numeric: true }),
	monthlyCost: col('Monthly cost per head', ['monthly cost', 'cost per head', 'cost per month', 'monthly', 'cost', 'salary', 'monthly salary'], { numeric: true }),
	startMonth: col('Start', ['start month', 'from', 'starts', 'start date']),
	endMonth: col('End', ['end month', 'to', 'until', 'ends', 'end date']),
	total: col('Total cost', ['total'], { numeric: true, computed: true }),
	notes: NOTES_COLUMN
} as const;

/** Risk table columns (export order; `notes` is import-only). */
export const RISK_COLUMNS = {
	title: col('Risk', ['title', 'name', 'description']),
	likelihood: col('Likelihood', ['probability', 'chance', 'l'], { numeric: true }),
	impact: col('Impact', ['severity', 'i'], { numeric: true }),
	mitigation: col('Mitigation', ['response', 'mitigation plan', 'plan', 'action']),
	notes: NOTES_COLUMN
} as const;

/** Spending table columns (export order; `notes` is import-only). */
export const SPEND_COLUMNS = {
	title: col('Item', ['title', 'name', 'line', 'description', 'spend']),
	category: col('Category', ['type']),
	recurrence: col('Recurrence', ['once/monthly', 'frequency', 'repeats', 'recurring', 'schedule']),
	amount: col('Amount', ['cost', 'price', 'amount per month'], { numeric: true }),
	startMonth: col('Start', ['start month', 'from', 'month', 'when', 'start date']),
	endMonth: col('End', ['end month', 'to', 'until', 'end date']),
	total: col('Total', ['total cost'], { numeric: true, computed: true }),
	notes: NOTES_COLUMN
} as const;

/** Action items table columns of a review (export order). */
export const ACTION_COLUMNS = {
	text: col('Action', ['action item', 'action items', 'item', 'task', 'what', 'todo', 'to do']),
	owner: col('Owner', ['who', 'responsible', 'assignee', 'assigned to']),
	dueMonth: col('Due', ['due month', 'by', 'deadline', 'when', 'due date'])
} as const;

/** Decisions table columns of a review: written only when a decision has an owner or a due month (else a list). */
export const DECISION_COLUMNS = {
	text: col('Decision', ['decisions', 'item', 'what']),
	owner: ACTION_COLUMNS.owner,
	dueMonth: ACTION_COLUMNS.dueMonth
} as const;

/** Lower-case, single-spaced, without a trailing colon or a parenthesised remark: header matching key. */
export function headerKey(text: string): string {
	return text
		.toLowerCase()
		.replace(/\([^)]*\)/g, ' ')
		.replace(/[:*_]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

function hasPosition(card: Card): boolean {
	return typeof card.x === 'number' && typeof card.y === 'number';
}

/**
 * Board order, the order cards are listed in every section: cards with a position top to bottom
 * (`y`), then left to right (`x`), ties by id; cards without a position after them, in the order
 * given. Returns a new array; the same cards always give the same order, and re-importing an
 * export (which keeps ids and positions) reproduces it.
 */
export function inBoardOrder<T extends Card>(cards: readonly T[]): T[] {
	const placed = cards.filter(hasPosition);
	const unplaced = cards.filter((c) => !hasPosition(c));
	placed.sort((a, b) => a.y! - b.y! || a.x! - b.x! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return [...placed, ...unplaced];
}
