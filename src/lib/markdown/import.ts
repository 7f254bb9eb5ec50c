/**
 * Markdown → PlanData: reads documents written by {@link planToMarkdown} exactly, and documents
 * written by people where it can (extra blank lines, columns in another order or missing,
 * synonyms in headers, headings it does not know). Parsing is done by `marked`'s GFM lexer; this
 * module only interprets the tokens. Whatever cannot be read is an error with its 1-based line.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { currencyDigits, isCurrencyCode } from '../budget/index.ts';
import { newId } from '../model/ids.ts';
import { defaultMeta } from '../model/meta.ts';
import { currentMonth } from '../model/month.ts';
import type { CardKind, Month, PlanData } from '../model/types.ts';
import { validatePlan } from '../model/validate.ts';
import { parseCardTag, type CardTag } from './card-tag.ts';
import { countNewlines, describe, leadingBlankLength, notesOf, splitItem, splitMilestoneText } from './import-blocks.ts';
import {
	CHINESE_SECTION_NAMES,
	COMPUTED_NAMES,
	FIGURE_NAMES,
	GOAL_PREFIXES,
	GOALS_NAMES,
	LOOSE_NAMES,
	matchPrefix,
	nameKey,
	NOTES_PREFIXES,
	OPPORTUNITY_NAMES,
	RISK_NAMES,
	SECTION_NAMES,
	sectionKinds,
	type Section
} from './import-names.ts';
import { normalizeInline, readInline, type InlineContent } from './inline-text.ts';
import { ReviewsReader } from './import-reviews.ts';
import { readTable, type Reporter, type TableRow } from './import-tables.ts';
import {
	readCategory,
	readCount,
	readHorizon,
	readMonth,
	readRecurrence,
	readScore,
	type ValueResult
} from './import-values.ts';
import { parseMoneyText } from './money-text.ts';
import { normalizeNotes } from './notes.ts';
import { FIGURE, isPlaceholderText, RISK_COLUMNS, SPEND_COLUMNS, TEAM_COLUMNS } from './vocabulary.ts';

/** A problem that stops the import: 1-based source line and a sentence for people. */
export interface MarkdownImportError {
	line: number;
	message: string;
}

/** Result of {@link markdownToPlan}: a valid plan plus warnings (`line N: …`), or the errors. */
export type MarkdownImportResult =
	| { ok: true; plan: PlanData; warnings: string[] }
	| { ok: false; errors: MarkdownImportError[] };

/** Defaults for what a document leaves out: a new board's (the budget as a count of major units, in any currency). */
const NEW_BOARD = defaultMeta();
const DEFAULT_TITLE = NEW_BOARD.title;
const DEFAULT_CURRENCY = NEW_BOARD.currency;
const DEFAULT_BUDGET_MAJOR = NEW_BOARD.budget / 10 ** currencyDigits(NEW_BOARD.currency);
const DEFAULT_HORIZON = NEW_BOARD.horizonMonths;

/** Where content goes inside a section. */
type Sub =
	| { kind: 'none' }
	| { kind: 'goals'; depth: number }
	| { kind: 'goal'; goal: Draft; containerDepth?: number }
	| { kind: 'loose' }
	| { kind: 'risks'; depth: number }
	| { kind: 'opportunities'; depth: number }
	| { kind: 'computed' };

/** A card being read: fields so far, its source line, notes parts and deferred values. */
interface Draft {
	card: Record<string, unknown> & { id: string; kind: CardKind; title: string };
	line: number;
	notes: string[];
	/** Money cells, read once the plan's currency is known. */
	money: { field: 'monthlyCost' | 'amount'; text: string; line: number }[];
	/** startMonth left empty: the plan's start month. */
	startsWithPlan: boolean;
}

interface Located {
	token: Token;
	offset: number;
}

/**
 * Inline parsing in marked is quadratic on hostile input (`*a*a*a…`), so only the text the plan
 * needs (headings, table cells, list item titles) is parsed inline — notes and computed tables
 * never are — and within limits: one text longer than this is taken literally (validation then
 * refuses it as too long)…
 */
const MAX_INLINE_SOURCE = 12_000;
/** …and the sum of squared lengths parsed is capped (≈1–2 s of the worst input; real plans use <1%). */
const INLINE_COST_BUDGET = 1_000_000_000;

/**
 * Read a markdown plan. On success the plan has passed validatePlan; cards keep the ids and
 * positions found in their `<!-- id=… x=… y=… -->` comments (new ids otherwise), milestones are
 * numbered 1, 2, 3… in document order per goal, and computed parts (figures other than budget,
 * start month and horizon; total columns; the by-category and month-by-month tables) are ignored.
 * A document whose section headings are mostly Chinese (关键数字, 团队, 战略, 支出 …) gives a plan
 * with `language: 'zh-CN'`, so it exports in Chinese again. Warnings name what was ignored or
 * defaulted. Never throws for string input.
 */
export function markdownToPlan(md: string): MarkdownImportResult {
	return new PlanReader(String(md)).read();
}

class PlanReader implements Reporter {
	private readonly src: string;
	private readonly newlines: number[] = [];
	private readonly errors: MarkdownImportError[] = [];
	private readonly warnings: { line: number; message: string }[] = [];
	private title: { text: string; line: number } | null = null;
	private readonly figures = new Map<keyof typeof FIGURE, { text: string; line: number }>();
	private readonly drafts: Draft[] = [];
	private readonly byId = new Map<string, Draft>();
	private readonly noted = new Set<Draft>();
	private readonly milestoneCount = new Map<string, number>();
	private readonly warnedOnce = new Set<string>();
	private section: Section = 'none';
	private sub: Sub = { kind: 'none' };
	private notesTarget: Draft | null = null;
	private skipDepth: number | null = null;
	private tables = { team: 0, risks: 0, spending: 0 };
	/** Section headings read in each language: mostly Chinese makes a zh-CN plan. */
	private readonly sectionLanguages = { en: 0, zh: 0 };
	private inlineCost = 0;
	/** Bound reader of inline markdown, passed to table reading. */
	private readonly inline = (text: string, line: number): InlineContent => this.readInlineText(text, line);
	/** The Reviews section's reader (checkpoints, decisions, action items). */
	private readonly reviews = new ReviewsReader(this, this.inline);

	constructor(md: string) {
		this.src = md.replace(/^\uFEFF/, '').replace(/\r\n|\r/g, '\n');
		for (let i = this.src.indexOf('\n'); i !== -1; i = this.src.indexOf('\n', i + 1)) {
			this.newlines.push(i);
		}
	}

	warn(line: number, message: string): void {
		this.warnings.push({ line, message });
	}

	error(line: number, message: string): void {
		this.errors.push({ line, message });
	}

	private warnOnce(key: string, line: number, message: string): void {
		if (this.warnedOnce.has(key)) return;
		this.warnedOnce.add(key);
		this.warn(line, message);
	}

	/** 1-based line of a character offset in the source. */
	private lineAt(offset: number): number {
		let lo = 0;
		let hi = this.newlines.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.newlines[mid] < offset) lo = mid + 1;
			else hi = mid;
		}
		return lo + 1;
	}

	read(): MarkdownImportResult {
		let tokens: Token[];
		try {
			// block structure only; inline text is parsed on demand (see readInlineText)
			tokens = new Lexer({ gfm: true }).blockTokens(this.src, []);
		} catch (err) {
			return { ok: false, errors: [{ line: 1, message: `cannot parse the markdown: ${String(err)}` }] };
		}
		for (const { token, offset } of this.locate(tokens, this.src, 0)) {
			const line = this.lineAt(offset + leadingBlankLength(token.raw));
			if (token.type === 'heading') this.onHeading(token as Tokens.Heading, line);
			else if (this.skipDepth === null) this.onBlock(token, line);
		}
		return this.finish();
	}

	/** Plain text and comments of one piece of inline markdown, within the parsing limits. */
	private readInlineText(text: string, line: number): InlineContent {
		if (text.length > MAX_INLINE_SOURCE) return { text: normalizeInline(text), comments: [] };
		this.inlineCost += text.length * text.length;
		if (this.inlineCost > INLINE_COST_BUDGET) {
			this.warnOnce('budget', line, 'the document has too much text in titles and tables; the rest is not read');
			this.error(line, 'too much text in titles and tables to read in one document');
			return { text: '', comments: [] };
		}
		return readInline(Lexer.lexInline(text, { gfm: true }));
	}

	/** Offsets of child tokens inside their parent's raw text (which starts at `base`). */
	private locate(tokens: readonly Token[], parentRaw: string, base: number): Located[] {
		const out: Located[] = [];
		let cursor = 0;
		for (const token of tokens) {
			const found = token.raw ? parentRaw.indexOf(token.raw, cursor) : -1;
			const at = found === -1 ? cursor : found;
			out.push({ token, offset: base + at });
			if (found !== -1) cursor = found + token.raw.length;
		}
		return out;
	}

	// ---- headings ---------------------------------------------------------------------------

	private onHeading(h: Tokens.Heading, line: number): void {
		if (this.skipDepth !== null && h.depth > this.skipDepth) return;
		this.skipDepth = null;
		this.notesTarget = null;
		const { text, comments } = this.inline(h.text, line);
		if (h.depth === 1 && this.title === null) {
			this.title = { text, line };
			return;
		}
		const section = SECTION_NAMES.get(nameKey(text));
		if (section && h.depth <= 2) {
			this.section = section;
			this.sectionLanguages[CHINESE_SECTION_NAMES.has(nameKey(text)) ? 'zh' : 'en']++;
			this.sub = { kind: 'none' };
			return;
		}
		if (this.section === 'reviews' && h.depth > 2) {
			if (this.reviews.heading(h.depth, { text, comments }, line)) return;
		} else if (this.subheading(h.depth, text, comments, line)) return;
		this.warn(line, `heading "${text}" is not part of the plan format; it and its content are ignored`);
		this.skipDepth = h.depth;
	}

	/** Handle a heading inside a section; false when it means nothing here. */
	private subheading(depth: number, text: string, comments: string[], line: number): boolean {
		const key = nameKey(text);
		const goal = matchPrefix(GOAL_PREFIXES, text);
		if (goal) {
			this.section = 'strategy';
			const draft = this.createDraft('goal', text.slice(goal[0].length), comments, line);
			this.sub = { kind: 'goal', goal: draft };
			return true;
		}
		const notes = matchPrefix(NOTES_PREFIXES, text);
		if (notes || this.hasTag(comments)) {
			return this.startNotes(notes ? text.slice(notes[0].length) : text, comments, depth, line);
		}
		if (GOALS_NAMES.has(key)) return this.enterStrategy({ kind: 'goals', depth });
		if (LOOSE_NAMES.has(key)) return this.enterStrategy({ kind: 'loose' });
		if (RISK_NAMES.has(key)) return this.enterStrategy({ kind: 'risks', depth });
		if (OPPORTUNITY_NAMES.has(key)) return this.enterStrategy({ kind: 'opportunities', depth });
		if (this.section === 'spending' && COMPUTED_NAMES.has(key)) {
			this.sub = { kind: 'computed' };
			return true;
		}
		const sub = this.sub;
		const container = sub.kind === 'goals' ? sub.depth : sub.kind === 'goal' ? sub.containerDepth : undefined;
		if (container !== undefined && depth > container) {
			// a heading under "Goals" names a goal
			const draft = this.createDraft('goal', text, comments, line);
			this.sub = { kind: 'goal', goal: draft, containerDepth: container };
			return true;
		}
		if (sub.kind === 'opportunities' && depth > sub.depth) {
			const existing = this.findByTitle(text, ['opportunity']);
			this.notesTarget = existing ?? this.createDraft('opportunity', text, comments, line);
			return true;
		}
		if (this.section === 'team' || this.section === 'spending' || sub.kind === 'risks') {
			const kinds: CardKind[] =
				this.section === 'team' ? ['role'] : this.section === 'spending' ? ['spend'] : ['risk'];
			const match = this.findByTitle(text, kinds);
			if (match) {
				this.notesTarget = match;
				return true;
			}
		}
		return false;
	}

	private enterStrategy(sub: Sub): boolean {
		this.section = 'strategy';
		this.sub = sub;
		return true;
	}

	private hasTag(comments: readonly string[]): boolean {
		return comments.some((c) => parseCardTag(c).kind !== 'none');
	}

	/** A `Notes: <title> <!-- id=… -->` heading: what follows are that card's notes. */
	private startNotes(title: string, comments: string[], depth: number, line: number): boolean {
		let target: Draft | undefined;
		for (const comment of comments) {
			const parsed = parseCardTag(comment);
			if (parsed.kind === 'tag') {
				target = this.byId.get(parsed.tag.id);
				if (target) break;
			}
		}
		target ??= this.findByTitle(title, sectionKinds(this.section));
		if (!target) {
			this.warn(line, `notes heading "${title}" names no card read so far; its content is ignored`);
			this.skipDepth = depth;
			return true;
		}
		this.notesTarget = target;
		return true;
	}

	/** First card of `kinds` with this title not yet given notes (exact, then case-insensitive). */
	private findByTitle(title: string, kinds: readonly CardKind[]): Draft | undefined {
		const candidates = this.drafts.filter((d) => kinds.includes(d.card.kind) && !this.noted.has(d));
		return (
			candidates.find((d) => d.card.title === title) ??
			candidates.find((d) => d.card.title.toLowerCase() === title.toLowerCase())
		);
	}

	// ---- blocks ------------------------------------------------------------------------------

	private onBlock(token: Token, line: number): void {
		if (token.type === 'space' || token.type === 'hr' || token.type === 'def') return;
		if (token.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(token.raw)) return;
		if (this.notesTarget) {
			this.addNotes(this.notesTarget, notesOf(token));
			return;
		}
		if (this.section === 'reviews') {
			this.onReviewBlock(token, line);
			return;
		}
		const sub = this.sub;
		if (this.section === 'headline') this.onHeadlineBlock(token, line);
		else if (this.section === 'team' && token.type === 'table') {
			if (this.tables.team++ === 0) this.readRoles(token as Tokens.Table, line);
			else this.warn(line, 'a second Team table is ignored');
		} else if (this.section === 'spending' && sub.kind === 'computed') {
			return;
		} else if (this.section === 'spending' && token.type === 'table') {
			if (this.tables.spending++ === 0) this.readSpends(token as Tokens.Table, line);
			else this.warn(line, 'a second Spending table is ignored');
		} else if (sub.kind === 'goal' && token.type === 'list') {
			this.readMilestones(token as Tokens.List, line, sub.goal);
		} else if (sub.kind === 'goal') {
			this.addNotes(sub.goal, notesOf(token));
		} else if (sub.kind === 'loose' && token.type === 'list') {
			this.readMilestones(token as Tokens.List, line, undefined);
		} else if (sub.kind === 'risks' && token.type === 'table') {
			if (this.tables.risks++ === 0) this.readRisks(token as Tokens.Table, line);
			else this.warn(line, 'a second Risks table is ignored');
		} else if (sub.kind === 'opportunities' && token.type === 'list') {
			this.readOpportunities(token as Tokens.List, line);
		} else if (this.isPlaceholder(token, line)) {
			return;
		} else if (this.section === 'none') {
			this.warn(line, `text before the first section is ignored`);
		} else {
			this.warn(line, `${describe(token)} is not where the plan format expects it; it is ignored`);
		}
	}

	/** A block of the Reviews section: figures and action tables, decision lists, the placeholder. */
	private onReviewBlock(token: Token, line: number): void {
		if (token.type === 'table') this.reviews.table(token as Tokens.Table, line);
		else if (token.type === 'list') {
			const items = this.itemsOf(token as Tokens.List, line).map(({ token: item, offset }) => {
				const { title, notes } = splitItem(item as Tokens.ListItem);
				return { ...this.inline(title, offset), line: offset, hasNotes: notes !== '' };
			});
			this.reviews.list(items, line);
		} else if (!this.isPlaceholder(token, line)) {
			this.warn(line, `${describe(token)} in the Reviews section is ignored`);
		}
	}

	/** A short paragraph saying a part of the plan is empty (see isPlaceholderText). */
	private isPlaceholder(token: Token, line: number): boolean {
		if (token.type !== 'paragraph') return false;
		const text = (token as Tokens.Paragraph).text;
		return text.length < 200 && isPlaceholderText(this.inline(text, line).text);
	}

	private addNotes(draft: Draft, notes: string): void {
		if (notes !== '') draft.notes.push(notes);
		this.noted.add(draft);
	}

	private onHeadlineBlock(token: Token, line: number): void {
		if (token.type === 'table') {
			const table = token as Tokens.Table;
			const rows: [string, string, number][] = table.rows.map((cells, r) => [
				this.inline(cells[0]?.text ?? '', line + 2 + r).text,
				this.inline(cells[1]?.text ?? '', line + 2 + r).text,
				line + 2 + r
			]);
			const header = table.header.map((c) => this.inline(c.text, line).text);
			// a two-column table may also be written with the first figure as its header
			if (header.length >= 2 && FIGURE_NAMES.has(nameKey(header[0]))) rows.unshift([header[0], header[1], line]);
			for (const [label, value, at] of rows) this.figure(label, value, at);
		} else if (token.type === 'list') {
			for (const { token: item, offset } of this.itemsOf(token as Tokens.List, line)) {
				const text = this.inline(splitItem(item as Tokens.ListItem).title, offset).text;
				const colon = text.indexOf(':');
				if (colon > 0) this.figure(text.slice(0, colon), text.slice(colon + 1), offset);
			}
		}
	}

	private figure(label: string, value: string, line: number): void {
		const field = FIGURE_NAMES.get(nameKey(label));
		if (!field) return; // computed figures (allocated, runway…) are recalculated
		if (this.figures.has(field)) {
			this.warn(line, `"${label}" is given twice; the first value is used`);
			return;
		}
		this.figures.set(field, { text: value.trim(), line });
	}

	// ---- cards ---------------------------------------------------------------------------------

	private createDraft(kind: CardKind, title: string, comments: readonly string[], line: number): Draft {
		let tag: CardTag | undefined;
		for (const comment of comments) {
			const parsed = parseCardTag(comment);
			if (parsed.kind === 'error') this.error(line, parsed.reason);
			else if (parsed.kind === 'tag' && !tag) {
				tag = parsed.tag;
				if (parsed.warning) this.warn(line, parsed.warning);
			}
		}
		let id = tag?.id;
		if (id !== undefined && this.byId.has(id)) {
			this.warn(
				line,
				`card id ${id} is already used on line ${this.byId.get(id)!.line}; this card gets a new id`
			);
			id = undefined;
		}
		const draft: Draft = {
			card: { id: id ?? this.freshId(), kind, title },
			line,
			notes: [],
			money: [],
			startsWithPlan: false
		};
		if (tag?.x !== undefined && tag.y !== undefined) {
			draft.card.x = tag.x;
			draft.card.y = tag.y;
		}
		this.drafts.push(draft);
		this.byId.set(draft.card.id, draft);
		return draft;
	}

	private freshId(): string {
		let id = newId();
		while (this.byId.has(id)) id = newId();
		return id;
	}

	private value<T>(result: ValueResult<T>, line: number): T | undefined {
		if (result.ok) return result.value;
		this.error(line, result.reason);
		return undefined;
	}

	private month(text: string | undefined, line: number): Month | undefined {
		return text === undefined || text === '' ? undefined : this.value(readMonth(text), line);
	}

	private readRoles(table: Tokens.Table, line: number): void {
		const t = readTable(table, line, 'Team table', TEAM_COLUMNS, ['title'], this, this.inline);
		if (!t) return;
		const cols = TEAM_COLUMNS;
		if (!t.present.has('headcount')) this.warn(line, `Team table has no "${cols.headcount.header}" column; each role counts 1`);
		if (!t.present.has('monthlyCost')) this.warn(line, `Team table has no "${cols.monthlyCost.header}" column; roles cost nothing`);
		if (!t.present.has('startMonth')) this.warn(line, `Team table has no "${cols.startMonth.header}" column; roles start with the plan`);
		for (const row of t.rows) {
			const d = this.createDraft('role', row.cell('title')!.text, row.comments, row.line);
			const text = (key: keyof typeof cols) => row.cell(key)?.text ?? '';
			const heads = text('headcount');
			d.card.headcount = heads === '' ? 1 : this.value(readCount(heads, 'headcount'), row.line);
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

	private readRisks(table: Tokens.Table, line: number): void {
		const t = readTable(table, line, 'Risks table', RISK_COLUMNS, ['title'], this, this.inline);
		if (!t) return;
		for (const row of t.rows) {
			const d = this.createDraft('risk', row.cell('title')!.text, row.comments, row.line);
			for (const key of ['likelihood', 'impact'] as const) {
				const text = row.cell(key)?.text ?? '';
				if (text === '') {
					this.warn(row.line, `risk "${d.card.title}" has no ${key}; it is set to 3 (medium)`);
					d.card[key] = 3;
				} else d.card[key] = this.value(readScore(text, key), row.line);
			}
			const mitigation = row.cell('mitigation')?.text ?? '';
			if (mitigation !== '') d.card.mitigation = mitigation;
			this.cellNotes(d, row);
		}
	}

	private readSpends(table: Tokens.Table, line: number): void {
		const t = readTable(table, line, 'Spending table', SPEND_COLUMNS, ['title', 'amount'], this, this.inline);
		if (!t) return;
		for (const row of t.rows) {
			const d = this.createDraft('spend', row.cell('title')!.text, row.comments, row.line);
			const text = (key: keyof typeof SPEND_COLUMNS) => row.cell(key)?.text ?? '';
			const category = text('category');
			if (category === '') {
				this.warnOnce('category', row.line, 'spending lines without a category are filed under "other"');
				d.card.category = 'other';
			} else d.card.category = this.value(readCategory(category), row.line);
			const recurrence = text('recurrence');
			if (recurrence === '') {
				d.card.recurrence = text('endMonth') === '' ? 'once' : 'monthly';
				this.warnOnce(
					'recurrence',
					row.line,
					'spending lines without a recurrence are read as "monthly" when they have an end month, else "once"'
				);
			} else d.card.recurrence = this.value(readRecurrence(recurrence), row.line);
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

	/** List items with their 1-based lines. */
	private itemsOf(list: Tokens.List, line: number): { token: Token; offset: number }[] {
		return this.locate(list.items, list.raw, 0).map(({ token, offset }) => ({
			token,
			offset: line + countNewlines(list.raw.slice(0, offset))
		}));
	}

	private readMilestones(list: Tokens.List, line: number, goal: Draft | undefined): void {
		const key = goal?.card.id ?? '';
		for (const { token, offset: itemLine } of this.itemsOf(list, line)) {
			const item = token as Tokens.ListItem;
			const { title: titleSource, notes } = splitItem(item);
			const { text, comments } = this.inline(titleSource, itemLine);
			const parts = splitMilestoneText(text);
			const d = this.createDraft('milestone', parts.title, comments, itemLine);
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
				this.warn(itemLine, `milestone "${parts.title}" says done but its box is not ticked; it is read as todo`);
				status = 'todo';
			}
			d.card.status = status;
			this.addNotes(d, notes);
		}
	}

	private readOpportunities(list: Tokens.List, line: number): void {
		for (const { token, offset: itemLine } of this.itemsOf(list, line)) {
			const { title, notes } = splitItem(token as Tokens.ListItem);
			const { text, comments } = this.inline(title, itemLine);
			this.addNotes(this.createDraft('opportunity', text, comments, itemLine), notes);
		}
	}

	// ---- result --------------------------------------------------------------------------------

	private finish(): MarkdownImportResult {
		const hasContent = this.title !== null || this.figures.size > 0 || this.drafts.length > 0;
		if (!hasContent && this.errors.length === 0) {
			this.error(1, 'nothing to import: no "# title" and no Team, Strategy or Spending content');
		}
		const title = this.title?.text ?? DEFAULT_TITLE;
		if (this.title === null) this.warn(1, `no "# title" heading; the plan is called "${DEFAULT_TITLE}"`);
		const currency = this.readCurrency();
		const budget = this.readBudget(currency);
		const horizon = this.figures.get('horizon');
		let horizonMonths = DEFAULT_HORIZON;
		if (horizon) horizonMonths = this.value(readHorizon(horizon.text), horizon.line) ?? DEFAULT_HORIZON;
		else this.warn(1, `no "${FIGURE.horizon}" figure; the plan covers ${DEFAULT_HORIZON} months`);
		const startMonth = this.readStartMonth();

		for (const d of this.drafts) {
			if (d.startsWithPlan) d.card.startMonth = startMonth;
			for (const m of d.money) {
				if (m.text === '' && m.field === 'monthlyCost') {
					d.card.monthlyCost = 0;
					continue;
				}
				d.card[m.field] = this.value(parseMoneyText(m.text, currency), m.line);
			}
			const notes = normalizeNotes(d.notes.join('\n\n'));
			if (notes !== '') d.card.notes = notes;
		}
		const reviews = this.reviews.result();
		if (this.errors.length > 0) return this.failure();

		// the cards are drafts until validatePlan has checked them against the card schema
		const chinese = this.sectionLanguages.zh > this.sectionLanguages.en;
		const drafted = {
			title,
			currency,
			budget,
			startMonth,
			horizonMonths,
			...(chinese ? { language: 'zh-CN' as const } : {}),
			cards: this.drafts.map((d) => d.card),
			...(reviews ? { reviews } : {})
		};
		const checked = validatePlan(drafted);
		if (!checked.ok) {
			for (const message of checked.errors) this.error(this.lineOfPath(message), explainPath(message, this.drafts));
			return this.failure();
		}
		const warnings = [...this.warnings]
			.sort((a, b) => a.line - b.line)
			.map((w) => `line ${w.line}: ${w.message}`);
		return { ok: true, plan: checked.plan, warnings };
	}

	private failure(): MarkdownImportResult {
		return { ok: false, errors: [...this.errors].sort((a, b) => a.line - b.line) };
	}

	private readCurrency(): string {
		const given = this.figures.get('currency');
		if (given) {
			const code = given.text.trim().toUpperCase();
			if (isCurrencyCode(code)) return code;
			this.error(given.line, `currency "${given.text}" is not an ISO 4217 code such as CNY, USD or EUR`);
			return DEFAULT_CURRENCY;
		}
		const budget = this.figures.get('budget');
		const code = budget ? /\b([A-Z]{3})\b/.exec(budget.text)?.[1] : undefined;
		if (code && isCurrencyCode(code)) return code;
		if (budget && code) {
			this.error(budget.line, `"${code}" is not an ISO 4217 currency code`);
		} else {
			this.warn(budget?.line ?? 1, `no currency given (write the budget as e.g. "10,000,000.00 CNY"); using ${DEFAULT_CURRENCY}`);
		}
		return DEFAULT_CURRENCY;
	}

	private readBudget(currency: string): number {
		const budget = this.figures.get('budget');
		const fallback = DEFAULT_BUDGET_MAJOR * 10 ** currencyDigits(currency);
		if (!budget) {
			this.warn(1, `no "${FIGURE.budget}" figure; the budget is ${DEFAULT_BUDGET_MAJOR.toLocaleString('en-US')} ${currency}`);
			return fallback;
		}
		return this.value(parseMoneyText(budget.text, currency), budget.line) ?? fallback;
	}

	private readStartMonth(): Month {
		const start = this.figures.get('startMonth');
		if (start) return this.value(readMonth(start.text), start.line) ?? currentMonth();
		const months = this.drafts
			.flatMap((d) => [d.card.startMonth, d.card.dueMonth])
			.filter((m): m is string => typeof m === 'string')
			.sort();
		const month = months[0] ?? currentMonth();
		this.warn(1, `no "${FIGURE.startMonth}" figure; the plan starts in ${month}`);
		return month;
	}

	private lineOfPath(message: string): number {
		const review = this.reviews.lineOf(message);
		if (review !== undefined) return review;
		const card = /^cards\[(\d+)\]/.exec(message);
		if (card) return this.drafts[Number(card[1])]?.line ?? 1;
		const field = /^(\w+)/.exec(message)?.[1];
		const figure =
			field === 'budget'
				? this.figures.get('budget')
				: field === 'currency'
					? (this.figures.get('currency') ?? this.figures.get('budget'))
					: field === 'startMonth'
						? this.figures.get('startMonth')
						: field === 'horizonMonths'
							? this.figures.get('horizon')
							: undefined;
		if (field === 'title') return this.title?.line ?? 1;
		return figure?.line ?? 1;
	}
}

/** A validation message with the card named for people: `role "Barista": headcount must…`. */
function explainPath(message: string, drafts: readonly Draft[]): string {
	const match = /^cards\[(\d+)\]\.?(\w*): (.*)$/.exec(message);
	if (!match) return message;
	const d = drafts[Number(match[1])];
	if (!d) return message;
	return `${d.card.kind} "${d.card.title}": ${match[2] ? `${match[2]} ` : ''}${match[3]}`;
}

