/**
 * Reading the `## Reviews` section (see export-reviews.ts) back into `PlanReviews`. The plan
 * importer (import.ts) hands over the section's headings and blocks; this reader keeps the groups,
 * figures and items, with their source lines for error messages. Hand-written reviews are read
 * where they can be: a checkpoint heading without its comment gets a new id and the time of its
 * "Saved" row, items without one get a new id and their review's time (plus one millisecond per
 * item before them, so the document's order is kept).
 */
import type { Tokens } from 'marked';
import { newId } from '../model/ids.ts';
import { isMonth } from '../model/month.ts';
import type { CheckpointRecord, PlanReviews, ReviewItem } from '../model/types.ts';
import type { InlineContent } from './inline-text.ts';
import { readTable, type InlineReader, type Reporter } from './import-tables.ts';
import { parseMoneyText } from './money-text.ts';
import { parseReviewTag, type ReviewTag } from './review-tag.ts';
import { ACTION_COLUMNS, CHECKPOINT_FIGURE, DECISION_COLUMNS, headerKey, type ColumnSpec } from './vocabulary.ts';
import { ZH_CHECKPOINT_FIGURE, ZH_REVIEW_NAMES, ZH_VALUE_WORDS } from './vocabulary-zh.ts';

/** One list item of the section as the importer read it: its text, comments and line. */
export interface ReviewListItem extends InlineContent {
	line: number;
	/** The item had nested content (ignored, with a warning). */
	hasNotes: boolean;
}

/** A review item as its table row is read: its time comes from its tag, else from its review's. */
type DraftItem = Omit<ReviewItem, 'createdAt'> & { createdAt?: string };

interface Group {
	line: number;
	name: string;
	checkpoint: { id: string; at?: string } | null;
	figures: Map<string, { text: string; line: number }>;
	items: { item: DraftItem; line: number }[];
	sub: 'none' | 'decisions' | 'actions';
}

const CURRENT_NAMES = new Set(['current review', 'current', 'this review', 'undated', 'not yet checkpointed', ...ZH_REVIEW_NAMES.current]);
const DECISION_NAMES = new Set(['decisions', 'decision', 'decisions taken', ...ZH_REVIEW_NAMES.decisions]);
const ACTION_NAMES = new Set(['action items', 'actions', 'action', 'next steps', 'to do', 'todo', 'tasks', ...ZH_REVIEW_NAMES.actions]);
const FIGURE_KEYS = new Map<string, keyof typeof CHECKPOINT_FIGURE>(
	[...Object.entries(CHECKPOINT_FIGURE), ...Object.entries(ZH_CHECKPOINT_FIGURE)].map(([key, label]) => [
		headerKey(label),
		key as keyof typeof CHECKPOINT_FIGURE
	])
);
/** `2027-10 用完` / `覆盖整个周期`: the Chinese export's runway (`Runs out in 2027-10` / `Lasts the horizon`). */
const ZH_RUNS_OUT = new RegExp(`^(\\S+)\\s*${ZH_VALUE_WORDS.runsOut}$`);
const ZH_LASTS = new RegExp(`^${ZH_VALUE_WORDS.lasts}`);

/** Reads the Reviews section; create one per document. */
export class ReviewsReader {
	private readonly groups: Group[] = [];
	/** Ids taken so far, per kind (checkpoints and items have separate id spaces). */
	private readonly ids = { checkpoint: new Set<string>(), 'review item': new Set<string>() };
	/** Source line of each checkpoint and item, by their index in {@link result}'s lists. */
	private lines: { checkpoints: number[]; items: number[] } = { checkpoints: [], items: [] };

	constructor(
		private readonly report: Reporter,
		private readonly inline: InlineReader,
		private readonly now: () => string = () => new Date().toISOString()
	) {}

	/**
	 * A heading inside the section: level 3 opens a review (a checkpoint, or the current review),
	 * level 4 its decisions or action items. False when it means nothing here.
	 */
	heading(depth: number, content: InlineContent, line: number): boolean {
		const key = headerKey(content.text);
		const group = this.groups.at(-1);
		if (depth >= 4 && group) {
			if (DECISION_NAMES.has(key)) group.sub = 'decisions';
			else if (ACTION_NAMES.has(key)) group.sub = 'actions';
			else return false;
			return true;
		}
		if (depth !== 3) return false;
		let tag: ReviewTag | undefined;
		for (const comment of content.comments) {
			const parsed = parseReviewTag(comment, 'checkpoint');
			if (typeof parsed === 'string') this.report.error(line, parsed);
			else if (parsed && !tag) tag = parsed;
		}
		const current = !tag && CURRENT_NAMES.has(key);
		if (current && this.groups.some((g) => g.checkpoint === null)) {
			this.report.warn(line, 'a second current review is read into the first one');
		}
		this.groups.push({
			line,
			name: content.text,
			checkpoint: current ? null : { id: this.claim(tag?.id, line, 'checkpoint'), at: tag?.at },
			figures: new Map(),
			items: [],
			sub: 'none'
		});
		return true;
	}

	/** A table of the current review: its figures (before any sub-heading) or its action items. */
	table(table: Tokens.Table, line: number): void {
		const group = this.groups.at(-1);
		if (!group) return this.report.warn(line, 'a table before the first review heading is ignored');
		if (group.sub === 'actions') return this.readItems(group, 'action', table, line);
		if (group.sub === 'decisions') return this.readItems(group, 'decision', table, line);
		if (!group.checkpoint) return this.report.warn(line, 'the current review has no figures; the table is ignored');
		const rows: [string, string, number][] = table.rows.map((cells, r) => [
			this.inline(cells[0]?.text ?? '', line + 2 + r).text,
			this.inline(cells[1]?.text ?? '', line + 2 + r).text,
			line + 2 + r
		]);
		for (const [label, value, at] of rows) {
			const key = FIGURE_KEYS.get(headerKey(label));
			if (!key) this.report.warn(at, `checkpoint figure "${label}" is not one this format keeps; it is ignored`);
			else if (group.figures.has(key)) this.report.warn(at, `"${label}" is given twice; the first value is used`);
			else group.figures.set(key, { text: value, line: at });
		}
	}

	/** A list of the current review: its decisions (or action items written as a list). */
	list(items: readonly ReviewListItem[], line: number): void {
		const group = this.groups.at(-1);
		if (!group || group.sub === 'none') {
			return this.report.warn(line, 'a list outside "Decisions" or "Action items" of a review is ignored');
		}
		for (const entry of items) {
			if (entry.hasNotes) this.report.warn(entry.line, 'text nested under a review item is ignored');
			this.addItem(group, group.sub === 'decisions' ? 'decision' : 'action', entry.text, entry.comments, entry.line);
		}
	}

	/**
	 * The reviews read (undefined when the section had none), with their source lines for
	 * validation messages. Errors in figures are reported here.
	 */
	result(): PlanReviews | undefined {
		const checkpoints: CheckpointRecord[] = [];
		const items: ReviewItem[] = [];
		this.lines = { checkpoints: [], items: [] };
		for (const group of this.groups) {
			if (group.checkpoint) {
				const record = this.checkpointOf(group, group.checkpoint);
				checkpoints.push(record);
				this.lines.checkpoints.push(group.line);
			}
			// items without a time get their review's (one ms apart, so they keep the document's order)
			const base = Date.parse(group.checkpoint ? checkpoints.at(-1)!.createdAt : this.now());
			for (const [i, { item, line }] of group.items.entries()) {
				if (group.checkpoint) item.checkpointId = group.checkpoint.id;
				items.push({ ...item, createdAt: item.createdAt ?? (Number.isFinite(base) ? new Date(base + i).toISOString() : '') });
				this.lines.items.push(line);
			}
		}
		if (checkpoints.length === 0 && items.length === 0) return undefined;
		return { checkpoints, items };
	}

	/** Source line of a validation path `reviews.items[3]…` / `reviews.checkpoints[0]…`, else undefined. */
	lineOf(path: string): number | undefined {
		const match = /^reviews\.(checkpoints|items)\[(\d+)\]/.exec(path);
		if (!match) return undefined;
		return this.lines[match[1] as 'checkpoints' | 'items'][Number(match[2])];
	}

	private claim(id: string | undefined, line: number, what: 'checkpoint' | 'review item'): string {
		const taken = this.ids[what];
		if (id !== undefined && taken.has(id)) {
			this.report.warn(line, `${what} id ${id} is used twice; this one gets a new id`);
			id = undefined;
		}
		let out = id ?? newId();
		while (id === undefined && taken.has(out)) out = newId();
		taken.add(out);
		return out;
	}

	private readItems(group: Group, kind: ReviewItem['kind'], table: Tokens.Table, line: number): void {
		const columns: Record<'text' | 'owner' | 'dueMonth', ColumnSpec> = kind === 'action' ? ACTION_COLUMNS : DECISION_COLUMNS;
		const name = kind === 'action' ? 'Action items table' : 'Decisions table';
		const t = readTable(table, line, name, columns, ['text'], this.report, this.inline);
		if (!t) return;
		for (const row of t.rows) {
			const item = this.addItem(group, kind, row.cell('text')!.text, row.comments, row.line);
			const owner = row.cell('owner')?.text ?? '';
			if (owner !== '') item.owner = owner;
			const due = row.cell('dueMonth')?.text ?? '';
			if (due !== '') {
				if (isMonth(due)) item.dueMonth = due;
				else this.report.error(row.line, `due month "${due}" of ${kind} "${item.text}" is not a month (YYYY-MM)`);
			}
		}
	}

	private addItem(group: Group, kind: ReviewItem['kind'], text: string, comments: readonly string[], line: number): DraftItem {
		let tag: ReviewTag | undefined;
		for (const comment of comments) {
			const parsed = parseReviewTag(comment, 'item');
			if (typeof parsed === 'string') this.report.error(line, parsed);
			else if (parsed && !tag) tag = parsed;
		}
		const item: DraftItem = { id: this.claim(tag?.id, line, 'review item'), kind, text };
		if (tag?.at !== undefined) item.createdAt = tag.at;
		if (tag?.slide !== undefined) item.slide = tag.slide;
		group.items.push({ item, line });
		return item;
	}

	private checkpointOf(group: Group, checkpoint: { id: string; at?: string }): CheckpointRecord {
		const figure = (key: keyof typeof CHECKPOINT_FIGURE) => group.figures.get(key);
		const missing = (key: keyof typeof CHECKPOINT_FIGURE) =>
			this.report.error(group.line, `checkpoint "${group.name}" has no "${CHECKPOINT_FIGURE[key]}" figure`);
		const budgetText = figure('budget');
		const currency = (budgetText && /\b([A-Z]{3})\b/.exec(budgetText.text)?.[1]) || '';
		if (!budgetText) missing('budget');
		else if (!currency) this.report.error(budgetText.line, `the budget of checkpoint "${group.name}" needs its currency code, e.g. "10,000,000.00 CNY"`);
		const money = (key: 'budget' | 'allocated' | 'remaining' | 'peakMonthlyBurn'): number => {
			const given = figure(key);
			if (!given) {
				if (key !== 'budget') missing(key); // a missing budget is reported once, above
				return 0;
			}
			if (!currency) return 0;
			const parsed = parseMoneyText(given.text.replace(/^[-−]\s*/, ''), currency);
			if (!parsed.ok) {
				this.report.error(given.line, parsed.reason);
				return 0;
			}
			return /^[-−]/.test(given.text) ? -parsed.value : parsed.value;
		};
		let runsOutIn: string | null = null;
		const runway = figure('runway');
		if (!runway) missing('runway');
		else {
			const month = (/^runs out in (\S+)$/i.exec(runway.text) ?? ZH_RUNS_OUT.exec(runway.text))?.[1];
			if (month !== undefined && isMonth(month)) runsOutIn = month;
			else if (!/^lasts\b/i.test(runway.text) && !ZH_LASTS.test(runway.text)) {
				this.report.error(runway.line, `runway "${runway.text}" should read "Runs out in YYYY-MM" or "Lasts the horizon"`);
			}
		}
		return {
			id: checkpoint.id,
			name: group.name,
			createdAt: checkpoint.at ?? this.savedAt(group),
			figures: {
				currency,
				budget: money('budget'),
				allocated: money('allocated'),
				remaining: money('remaining'),
				peakMonthlyBurn: money('peakMonthlyBurn'),
				runsOutIn
			}
		};
	}

	/** createdAt from a "Saved" row (`2027-01-15 09:05 UTC` or `2027-01-15`) when the heading has no comment. */
	private savedAt(group: Group): string {
		const saved = group.figures.get('saved');
		const match = saved && /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?(?:\s*UTC|Z)?$/i.exec(saved.text.trim());
		const time = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00'}:00.000Z`) : Number.NaN;
		if (Number.isFinite(time)) return new Date(time).toISOString();
		this.report.error(saved?.line ?? group.line, `checkpoint "${group.name}" needs a "Saved" date like 2027-01-15 09:00 UTC`);
		return '';
	}
}
