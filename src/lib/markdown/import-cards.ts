/**
 * Cards out of the blocks that hold them: the Team, Risks and Spending tables, a goal's milestone
 * checklist (and the milestones without a goal), and the Opportunities list. Money waits in the
 * drafts until the plan's currency is known (see Drafts.settle).
 */
import type { Tokens } from 'marked';
import type { Month } from '../model/types.ts';
import { splitItem, splitMilestoneText } from './import-blocks.ts';
import type { Draft, Drafts } from './import-drafts.ts';
import type { ImportReport } from './import-report.ts';
import { itemsOf } from './import-source.ts';
import { readTable, type InlineReader, type TableRow } from './import-tables.ts';
import { readCategory, readCount, readMonth, readRecurrence, readScore } from './import-values.ts';
import { RISK_COLUMNS, SPEND_COLUMNS, TEAM_COLUMNS } from './vocabulary.ts';

/** Reads the card blocks of one document into its drafts. */
export class CardsReader {
	/** Milestones read so far per goal id ('' for those without a goal): their step numbers. */
	private readonly milestoneCount = new Map<string, number>();

	constructor(
		private readonly report: ImportReport,
		private readonly inline: InlineReader,
		private readonly drafts: Drafts
	) {}

	private month(text: string | undefined, line: number): Month | undefined {
		return text === undefined || text === '' ? undefined : this.report.value(readMonth(text), line);
	}

	roles(table: Tokens.Table, line: number): void {
		const t = readTable(table, line, 'Team table', TEAM_COLUMNS, ['title'], this.report, this.inline);
		if (!t) return;
		const cols = TEAM_COLUMNS;
		if (!t.present.has('headcount')) this.report.warn(line, `Team table has no "${cols.headcount.header}" column; each role counts 1`);
		if (!t.present.has('monthlyCost')) this.report.warn(line, `Team table has no "${cols.monthlyCost.header}" column; roles cost nothing`);
		if (!t.present.has('startMonth')) this.report.warn(line, `Team table has no "${cols.startMonth.header}" column; roles start with the plan`);
		for (const row of t.rows) {
			const d = this.drafts.create('role', row.cell('title')!.text, row.comments, row.line);
			const text = (key: keyof typeof cols) => row.cell(key)?.text ?? '';
			const heads = text('headcount');
			d.card.headcount = heads === '' ? 1 : this.report.value(readCount(heads, 'headcount'), row.line);
			d.money.push({ field: 'monthlyCost', text: text('monthlyCost'), line: row.line });
			this.dates(d, row, text('startMonth'), text('endMonth'));
			const level = text('level');
			if (level !== '') d.card.level = level;
			this.cellNotes(d, row);
		}
	}

	private dates<K extends string>(d: Draft, row: TableRow<K>, start: string, end: string): void {
		if (start === '') d.startsWithPlan = true;
		else d.card.startMonth = this.month(start, row.line);
		const endMonth = this.month(end, row.line);
		if (endMonth !== undefined) d.card.endMonth = endMonth;
	}

	risks(table: Tokens.Table, line: number): void {
		const t = readTable(table, line, 'Risks table', RISK_COLUMNS, ['title'], this.report, this.inline);
		if (!t) return;
		for (const row of t.rows) {
			const d = this.drafts.create('risk', row.cell('title')!.text, row.comments, row.line);
			for (const key of ['likelihood', 'impact'] as const) {
				const text = row.cell(key)?.text ?? '';
				if (text === '') {
					this.report.warn(row.line, `risk "${d.card.title}" has no ${key}; it is set to 3 (medium)`);
					d.card[key] = 3;
				} else d.card[key] = this.report.value(readScore(text, key), row.line);
			}
			const mitigation = row.cell('mitigation')?.text ?? '';
			if (mitigation !== '') d.card.mitigation = mitigation;
			this.cellNotes(d, row);
		}
	}

	spends(table: Tokens.Table, line: number): void {
		const t = readTable(table, line, 'Spending table', SPEND_COLUMNS, ['title', 'amount'], this.report, this.inline);
		if (!t) return;
		for (const row of t.rows) {
			const d = this.drafts.create('spend', row.cell('title')!.text, row.comments, row.line);
			const text = (key: keyof typeof SPEND_COLUMNS) => row.cell(key)?.text ?? '';
			const category = text('category');
			if (category === '') {
				this.report.warnOnce('category', row.line, 'spending lines without a category are filed under "other"');
				d.card.category = 'other';
			} else d.card.category = this.report.value(readCategory(category), row.line);
			const recurrence = text('recurrence');
			if (recurrence === '') {
				d.card.recurrence = text('endMonth') === '' ? 'once' : 'monthly';
				this.report.warnOnce(
					'recurrence',
					row.line,
					'spending lines without a recurrence are read as "monthly" when they have an end month, else "once"'
				);
			} else d.card.recurrence = this.report.value(readRecurrence(recurrence), row.line);
			d.money.push({ field: 'amount', text: text('amount'), line: row.line });
			this.dates(d, row, text('startMonth'), text('endMonth'));
			this.cellNotes(d, row);
		}
	}

	/** A "Notes" column a person added: its text becomes the card's notes. */
	private cellNotes(d: Draft, row: TableRow<'notes'>): void {
		const notes = row.cell('notes')?.text ?? '';
		if (notes !== '') d.notes.push(notes);
	}

	/** A checklist of milestones, of `goal` or (undefined) without one, numbered in document order. */
	milestones(list: Tokens.List, line: number, goal: Draft | undefined): void {
		const key = goal?.card.id ?? '';
		for (const { token, offset: itemLine } of itemsOf(list, line)) {
			const item = token as Tokens.ListItem;
			const { title: titleSource, notes } = splitItem(item);
			const { text, comments } = this.inline(titleSource, itemLine);
			const parts = splitMilestoneText(text);
			const d = this.drafts.create('milestone', parts.title, comments, itemLine);
			if (goal) d.card.goalId = goal.card.id;
			const order = (this.milestoneCount.get(key) ?? 0) + 1;
			this.milestoneCount.set(key, order);
			d.card.order = order;
			if (parts.due !== undefined) {
				const due = this.month(parts.due, itemLine);
				if (due !== undefined) d.card.dueMonth = due;
			}
			let status = parts.status ?? 'todo';
			if (item.task && item.checked) status = 'done';
			else if (item.task && status === 'done') {
				this.report.warn(itemLine, `milestone "${parts.title}" says done but its box is not ticked; it is read as todo`);
				status = 'todo';
			}
			d.card.status = status;
			this.drafts.addNotes(d, notes);
		}
	}

	/** The Opportunities list: one card per item, nested content as its notes. */
	opportunities(list: Tokens.List, line: number): void {
		for (const { token, offset: itemLine } of itemsOf(list, line)) {
			const { title, notes } = splitItem(token as Tokens.ListItem);
			const { text, comments } = this.inline(title, itemLine);
			this.drafts.addNotes(this.drafts.create('opportunity', text, comments, itemLine), notes);
		}
	}
}
